"""Resized copies of a large photo, written with Pillow only when missing or stale.

Pure apart from the files it is asked to read and write: no Pelican import.
"""

from __future__ import annotations

import os
import shutil

from PIL import Image, ImageOps

# Encoder settings per format: small files a phone shows well.
SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


def is_stale(target: str, source: str) -> bool:
    """True when `target` is missing or older than `source`."""
    try:
        return os.path.getmtime(target) < os.path.getmtime(source)
    except OSError:
        return True


def resize(source: str, targets: dict[int, str]) -> None:
    """Write `source` resized to each width of `targets` (width → path), same format.

    The EXIF orientation is applied to the pixels (browsers turn the original
    by it, not a copy without it), and the EXIF data is dropped: a phone
    photo's GPS position has no place in the copies. The colour profile stays.
    """
    with Image.open(source) as opened:
        image_format = opened.format
        icc_profile = opened.info.get("icc_profile")
        largest = max(targets)
        if image_format == "JPEG":
            opened.draft("RGB", (largest, largest))  # decode at a reduced scale: much faster
        image = ImageOps.exif_transpose(opened)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        # A palette or 16-bit image would be resized pixel by pixel (nearest
        # neighbour): resize true colour instead.
        transparent = "transparency" in image.info or "A" in image.mode
        image = image.convert("RGBA" if transparent else "RGB")
    options = dict(SAVE_OPTIONS.get(image_format, {}))
    if icc_profile:
        options["icc_profile"] = icc_profile
    for width, target in sorted(targets.items(), reverse=True):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = f"{target}.tmp"
        resized.save(temporary, format=image_format, **options)
        os.replace(temporary, target)  # never a half-written copy under the real name


def publish(cached: str, target: str) -> None:
    """Put the cached copy at its place in the output: a hard link, else a copy."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.exists(target):
        os.remove(target)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)
