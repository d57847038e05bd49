"""A page's files and their metadata (kirby-format.md §1.6–1.7)."""

from __future__ import annotations

import os
from urllib.parse import quote

from PIL import Image, UnidentifiedImageError

from .fields import parse_fields
from .kirbytags import PageFile
from .problems import WARNING, Problem
from .tree import page_files

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff")
# Large photos get resized copies beside them (written by plugins/images), so that
# a phone downloads 480 pixels, not 4000: `photo.jpg` → `photo-480w.jpg`, …
VARIANT_WIDTHS = (480, 960, 1440)
RESIZED_ABOVE = 1000  # pixels of width; smaller images are published as they are
RESIZABLE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")  # GIFs may be animated


def read_page_files(folder: str, names: list[str], base_url: str, rel_folder: str,
                    language: str | None = None, default: str | None = None):
    """The files published with a page, by name, and what was wrong with them.

    `base_url` is the page's URL with SITEURL, ending in `/`. On a multi-language
    site, a file's meta is its `language` one (`photo.jpg.en.txt`) over its
    `default` one (`photo.jpg.fr.txt`), as Kirby falls back field by field.
    """
    names_published, metadata_files = page_files(names)
    if language is not None:
        metadata_files = _language_metadata(names, names_published, language, default)
    files: dict[str, PageFile] = {}
    problems: list[Problem] = []
    for name in names_published:
        if os.path.isdir(os.path.join(folder, name)):
            continue  # a child page's folder (§1.2), not a file of this page
        meta: dict[str, str] = {}
        for meta_name in _as_list(metadata_files.get(name)):
            try:
                with open(os.path.join(folder, meta_name), encoding="utf-8-sig") as handle:
                    meta.update({key: f.value for key, f in parse_fields(handle.read()).items()})
            except (OSError, UnicodeDecodeError):
                problems.append(
                    Problem(
                        f"{rel_folder}/{meta_name}",
                        1,
                        "ce fichier de description n’est pas lisible en UTF-8 : "
                        "enregistrez-le en UTF-8 depuis votre éditeur.",
                        WARNING,
                    )
                )
        width = height = None
        animated = False
        if name.lower().endswith(IMAGE_EXTENSIONS):
            width, height, animated = _image_size(os.path.join(folder, name))
            if width is None:
                problems.append(
                    Problem(
                        f"{rel_folder}/{name}",
                        1,
                        "cette image ne peut pas être lue (fichier abîmé ou mauvais format) : "
                        "exportez-la de nouveau en PNG ou JPEG.",
                    )
                )
        variants = () if animated else variant_widths(name, width)
        # Quoted: a space or a comma in a file name would split a srcset entry.
        srcset = ", ".join(
            [f"{base_url}{quote(variant_name(name, w))} {w}w" for w in variants]
            + [f"{base_url}{quote(name)} {width}w"]
        ) if variants else ""
        files[name] = PageFile(name, base_url + name, meta, width, height, variants, srcset)
    return files, problems


def _as_list(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else value


def _language_metadata(names, published, language, default) -> dict[str, list[str]]:
    present = set(names)
    found = {}
    for name in published:
        chain_ = [meta for code in dict.fromkeys((default, language)) if code
                  for meta in (f"{name}.{code}.txt", f"{name}.{code}.md") if meta in present]
        plain = [meta for meta in (f"{name}.txt", f"{name}.md") if meta in present]
        if plain or chain_:
            found[name] = plain[:1] + chain_
    return found


def variant_widths(name: str, width: int | None) -> tuple[int, ...]:
    """Widths of the resized copies a page file gets: none unless it is a large photo."""
    if not width or width <= RESIZED_ABOVE or not name.lower().endswith(RESIZABLE_EXTENSIONS):
        return ()
    return tuple(w for w in VARIANT_WIDTHS if w < width)


def variant_name(name: str, width: int) -> str:
    """`photo.jpg`, 480 → `photo-480w.jpg`."""
    stem, ext = os.path.splitext(name)
    return f"{stem}-{width}w{ext}"


def _image_size(path: str) -> tuple[int | None, int | None, bool]:
    """Width and height as shown (EXIF rotation applied), and whether it is animated."""
    # Pillow reads only the header here: cheap enough for every build.
    try:
        with Image.open(path) as image:
            width, height = image.size
            # A phone photo taken upright is stored sideways with an EXIF
            # orientation of 5 to 8: browsers show it turned, so sizes swap.
            # (Read for JPEG and WebP only: Pillow decodes a whole PNG to find it.)
            if image.format in ("JPEG", "WEBP") and image.getexif().get(0x0112) in (5, 6, 7, 8):
                width, height = height, width
            animated = image.format in ("PNG", "WEBP") and getattr(image, "is_animated", False)
            return width, height, animated
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None, None, False
