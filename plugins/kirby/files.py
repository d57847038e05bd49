"""A page's files and their metadata (kirby-format.md §1.6–1.7)."""

from __future__ import annotations

import os

from PIL import Image, UnidentifiedImageError

from .fields import parse_fields
from .kirbytags import PageFile
from .problems import WARNING, Problem
from .tree import page_files

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff")


def read_page_files(folder: str, names: list[str], base_url: str, rel_folder: str):
    """The files published with a page, by name, and what was wrong with them.

    `base_url` is the page's URL with SITEURL, ending in `/`.
    """
    names_published, metadata_files = page_files(names)
    files: dict[str, PageFile] = {}
    problems: list[Problem] = []
    for name in names_published:
        meta: dict[str, str] = {}
        if name in metadata_files:
            meta_name = metadata_files[name]
            try:
                with open(os.path.join(folder, meta_name), encoding="utf-8-sig") as handle:
                    meta = {key: f.value for key, f in parse_fields(handle.read()).items()}
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
        if name.lower().endswith(IMAGE_EXTENSIONS):
            width, height = _image_size(os.path.join(folder, name))
            if width is None:
                problems.append(
                    Problem(
                        f"{rel_folder}/{name}",
                        1,
                        "cette image ne peut pas être lue (fichier abîmé ou mauvais format) : "
                        "exportez-la de nouveau en PNG ou JPEG.",
                    )
                )
        files[name] = PageFile(name, base_url + name, meta, width, height)
    return files, problems


def _image_size(path: str) -> tuple[int | None, int | None]:
    # Pillow reads only the header here: cheap enough for every build.
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None, None
