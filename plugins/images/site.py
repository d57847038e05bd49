"""Pelican glue: the resized copies that the pages' srcset names, and clean originals.

The reader already knows each large photo's copies (kirby/files.py gives every
PageFile its `variants` and `srcset`); here they are made with Pillow into
CACHE_PATH/images/ when missing or older than the photo, then linked into the
output. The output is emptied at every build and the cache is not, so a
preview rebuild resizes only the photos that changed.

Every image a page publishes, originals included, leaves without its private
metadata (GPS position, owner, serial number, maker notes, XMP, IPTC): an
original that carries some is cleaned into the cache (variants.clean_original)
and put over Pelican's copy of it once the output is written (`finalized`).
The photographer's artist and copyright EXIF stay when IMAGES_KEEP_CREDITS is
true.
"""

from __future__ import annotations

import logging
import os
from itertools import chain

from PIL import Image

from kirby.files import variant_name
from kirby.problems import WARNING, Problem, shown_path
from kirby.settings import set_default
from kirby.tree import url_path

from .variants import clean_original, has_private_metadata, is_stale, publish, resize

logger = logging.getLogger(__name__)

CONTENT_LISTS = ("pages", "hidden_pages", "articles", "hidden_articles")
CACHE_FOLDER = "images"
DEFAULTS = {
    # Artist and Copyright EXIF kept in published images (False: every EXIF goes).
    "IMAGES_KEEP_CREDITS": False,
}
# (cleaned copy in the cache or None: not publishable, its place in the output),
# from all_generators_finalized to finalized.
_ORIGINALS: list[tuple[str | None, str]] = []


def apply_defaults(pelican) -> None:
    for name, value in DEFAULTS.items():
        set_default(pelican.settings, name, value)


def publish_variants(generators) -> None:
    """At `all_generators_finalized`: the output folder exists and is empty of old copies."""
    settings = generators[0].settings
    content_path = settings["PATH"]
    output_path = settings["OUTPUT_PATH"]
    cache_path = os.path.join(settings.get("CACHE_PATH", "cache"), CACHE_FOLDER)
    credits = bool(settings.get("IMAGES_KEEP_CREDITS"))
    originals_cache = os.path.join(cache_path, "originals-credits" if credits else "originals")
    done = set()
    _ORIGINALS.clear()
    for generator in generators:
        for content in chain.from_iterable(getattr(generator, name, ()) for name in CONTENT_LISTS):
            folder = getattr(content, "kirby_folder", None)
            for page_file in (getattr(content, "files", None) or {}).values():
                if folder is None or not page_file.width or (folder, page_file.name) in done:
                    continue
                done.add((folder, page_file.name))
                source = os.path.join(content_path, folder, page_file.name)
                rel_source = shown_path(folder, page_file.name)
                published = url_path(folder) + page_file.name
                cleaned = _clean(source, rel_source, os.path.join(originals_cache, published),
                                 credits)
                if cleaned != source:
                    _ORIGINALS.append((cleaned, os.path.join(output_path, published)))
                if page_file.variants:
                    save_as = {w: url_path(folder) + variant_name(page_file.name, w)
                               for w in page_file.variants}
                    _make(source, rel_source, save_as, cache_path, output_path)


def _clean(source: str, rel_source: str, cached: str, credits: bool) -> str | None:
    """The original to publish: itself when it has nothing private, else its cleaned
    copy, or None when it could not be read (then it is not published at all)."""
    if not is_stale(cached, source):
        return cached
    try:
        if not has_private_metadata(source):
            return source
        clean_original(source, cached, credits)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.warning("%s", Problem(
            rel_source, 1, f"cette image n’a pas pu être lue pour en retirer les "
            f"informations privées (position GPS, appareil…) : elle n’est pas publiée "
            f"({error}). Réexportez-la en JPEG ou PNG.", WARNING))
        return None
    return cached


def publish_originals(pelican) -> None:
    """At `finalized`: the cleaned originals over Pelican's copies of them."""
    for cleaned, target in _ORIGINALS:
        if cleaned is not None:
            publish(cleaned, target)
        elif os.path.exists(target):
            os.remove(target)


def _make(source: str, rel_source: str, save_as: dict[int, str], cache_path: str, output_path: str):
    cached = {w: os.path.join(cache_path, path) for w, path in save_as.items()}
    stale = {w: path for w, path in cached.items() if is_stale(path, source)}
    if stale:
        try:
            resize(source, stale)
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            logger.warning("%s", Problem(
                rel_source, 1, f"les versions réduites de cette image n’ont pas pu être faites "
                f"({error}) : l’image d’origine les remplace. Réexportez-la en JPEG ou PNG.",
                WARNING))
            cached = {w: source for w in cached}  # the original, heavier but right
    for width, path in save_as.items():
        publish(cached[width], os.path.join(output_path, path))
