"""Resized copies of a large photo, written with Pillow only when missing or stale.

Pure apart from the files it is asked to read and write: no Pelican import.
"""

from __future__ import annotations

import os
import shutil

from PIL import Image, ImageOps, JpegImagePlugin

# Encoder settings per format: small files a phone shows well.
SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


# What an image file may carry that says nothing of a person: kept. Anything else
# in Pillow's `info` (EXIF with GPS, owner, serial and maker notes; XMP; IPTC in
# "photoshop"; comments; PNG text chunks) is taken out.
_HARMLESS = frozenset({
    "icc_profile", "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe",
    "adobe_transform", "progressive", "progression", "transparency", "gamma", "interlace",
    "aspect", "srgb", "chromaticity", "loop", "duration", "background", "lossless",
})
# EXIF tags a site may choose to keep (IMAGES_KEEP_CREDITS): the photographer's credit.
ARTIST, COPYRIGHT = 0x013B, 0x8298
CLEANED_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF")


def has_private_metadata(source: str) -> bool:
    """True when the image carries more than its pixels, colour profile and size facts."""
    with Image.open(source) as opened:
        return opened.format in CLEANED_FORMATS and bool(set(opened.info) - _HARMLESS)


def clean_original(source: str, target: str, keep_credits: bool = False) -> None:
    """`source` written to `target` without its private metadata (see _HARMLESS).

    The EXIF orientation is applied to the pixels first (the EXIF that said it
    goes), the colour profile stays, a JPEG keeps its own quantisation tables
    and subsampling (no visible loss), and the artist and copyright stay only
    when `keep_credits` says so.
    """
    with Image.open(source) as opened:
        image_format = opened.format
        options: dict = {}
        if image_format == "JPEG":
            options = {"qtables": opened.quantization, "optimize": True,
                       "progressive": bool(opened.info.get("progressive"))}
            sampling = JpegImagePlugin.get_sampling(opened)
            if sampling != -1:
                options["subsampling"] = sampling
        elif image_format == "WEBP":
            options = {"quality": 90, "method": 4, "lossless": bool(opened.info.get("lossless"))}
        elif image_format == "PNG":
            options = {"optimize": True}
        credits = {tag: value for tag, value in opened.getexif().items()
                   if keep_credits and tag in (ARTIST, COPYRIGHT)}
        image = _without_metadata(ImageOps.exif_transpose(opened), opened.info)
    if credits:
        exif = Image.Exif()
        exif.update(credits)
        options["exif"] = exif.tobytes()
    _save(image, target, image_format, options)


def _without_metadata(image: Image.Image, info: dict) -> Image.Image:
    image.info = {key: value for key, value in info.items()
                  if key in ("icc_profile", "transparency", "dpi", "gamma")}
    return image


def _save(image: Image.Image, target: str, image_format: str, options: dict) -> None:
    icc_profile = image.info.get("icc_profile")
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = f"{target}.tmp"
    image.save(temporary, format=image_format, **options)
    os.replace(temporary, target)  # never a half-written copy under the real name


def is_stale(target: str, source: str) -> bool:
    """True when `target` is missing or older than `source`."""
    try:
        return os.path.getmtime(target) < os.path.getmtime(source)
    except OSError:
        return True


def resize(source: str, targets: dict[int, str]) -> None:
    """Write `source` resized to each width of `targets` (width → path), same format.

    The EXIF orientation is applied to the pixels, and every other metadata is
    dropped, as from the original (clean_original). The colour profile stays.
    """
    with Image.open(source) as opened:
        image_format = opened.format
        icc_profile = opened.info.get("icc_profile")
        largest = max(targets)
        if image_format == "JPEG":
            opened.draft("RGB", (largest, largest))  # decode at a reduced scale: much faster
        image = _without_metadata(ImageOps.exif_transpose(opened), opened.info)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        # A palette or 16-bit image would be resized pixel by pixel (nearest
        # neighbour): resize true colour instead.
        transparent = "transparency" in image.info or "A" in image.mode
        image = image.convert("RGBA" if transparent else "RGB")
    options = dict(SAVE_OPTIONS.get(image_format, {}))
    for width, target in sorted(targets.items(), reverse=True):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.info = {"icc_profile": icc_profile} if icc_profile else {}
        _save(resized, target, image_format, options)


def publish(cached: str, target: str) -> None:
    """Put the cached copy at its place in the output: a hard link, else a copy."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.exists(target):
        os.remove(target)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)
