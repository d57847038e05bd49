"""Pelican glue: the resized copies that the pages' srcset names, in the output.

The reader already knows each large photo's copies (kirby/files.py gives every
PageFile its `variants` and `srcset`); here they are made with Pillow into
CACHE_PATH/images/ when missing or older than the photo, then linked into the
output. The output is emptied at every build and the cache is not, so a
preview rebuild resizes only the photos that changed.
"""

from __future__ import annotations

import logging
import os
from itertools import chain

from PIL import Image

from kirby.files import variant_name
from kirby.problems import WARNING, Problem, shown_path
from kirby.tree import url_path

from .variants import is_stale, publish, resize

logger = logging.getLogger(__name__)

CONTENT_LISTS = ("pages", "hidden_pages", "articles", "hidden_articles")
CACHE_FOLDER = "images"


def publish_variants(generators) -> None:
    """At `all_generators_finalized`: the output folder exists and is empty of old copies."""
    settings = generators[0].settings
    content_path = settings["PATH"]
    output_path = settings["OUTPUT_PATH"]
    cache_path = os.path.join(settings.get("CACHE_PATH", "cache"), CACHE_FOLDER)
    done = set()
    for generator in generators:
        for content in chain.from_iterable(getattr(generator, name, ()) for name in CONTENT_LISTS):
            folder = getattr(content, "kirby_folder", None)
            for page_file in (getattr(content, "files", None) or {}).values():
                if folder is None or not page_file.variants or (folder, page_file.name) in done:
                    continue
                done.add((folder, page_file.name))
                source = os.path.join(content_path, folder, page_file.name)
                save_as = {w: url_path(folder) + variant_name(page_file.name, w)
                           for w in page_file.variants}
                rel_source = shown_path(folder, page_file.name)
                _make(source, rel_source, save_as, cache_path, output_path)


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
