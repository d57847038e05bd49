"""A fixture site with a large photo, built for real: sizes, lazy loading, resized copies."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from kirby.kirbytags import IMAGE_SIZES
from tests.support import FIXTURES, build_site, read

SITE = FIXTURES / "images-site"
COPIES = ["photos/grande-480w.jpg", "photos/grande-960w.jpg", "photos/grande-1440w.jpg"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("images") / "output"
    build_site(SITE, output)
    return output


def images(site):
    """The images of the page's text (the theme shows the cover its own way)."""
    page = BeautifulSoup(read(site, "photos/"), "html.parser")
    return [img for img in page.find("main").find_all("img")
            if "cover" not in img.find_parent("figure").get("class", [])]


def test_every_image_has_its_size_and_only_the_first_loads_at_once(site):
    shown = [(img["src"], img.get("width"), img.get("height"), img.get("loading"))
             for img in images(site)]
    assert shown == [
        ("/photos/grande.jpg", "1600", "900", None),  # the text's first image
        ("/photos/petite.png", "40", "30", "lazy"),
        ("/photos/tournee.jpg", "700", "1100", "lazy"),  # an upright phone photo: turned
        ("/photos/grande.jpg", "800", "450", "lazy"),  # width written: height follows
        ("/photos/petite.png", "80", "60", "lazy"),
    ]


def test_large_photos_have_a_srcset_of_files_that_exist(site):
    for img in images(site):
        if img["src"] != "/photos/grande.jpg":
            assert not img.get("srcset")
            continue
        candidates = [c.split() for c in img["srcset"].split(", ")]
        assert [w for _, w in candidates] == ["480w", "960w", "1440w", "1600w"]
        for url, width in candidates:
            with Image.open(site / url.lstrip("/")) as copy:
                assert copy.size[0] == int(width[:-1])
                assert copy.format == "JPEG"
        written = img["width"] != "1600"
        assert img["sizes"] == ("(max-width: 800px) 100vw, 800px" if written else IMAGE_SIZES)


def test_copies_have_the_photos_proportions(site):
    for path, size in zip(COPIES, [(480, 270), (960, 540), (1440, 810)], strict=True):
        with Image.open(site / path) as copy:
            assert copy.size == size


def test_copies_are_made_again_only_when_the_photo_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITE, content)
    output = tmp_path / "output"
    cache = tmp_path / "output-cache" / "images"
    build_site(content, output)
    made = {p: os.stat(cache / p).st_mtime_ns for p in COPIES}
    build_site(content, output)  # a preview rebuild: nothing to resize
    assert {p: os.stat(cache / p).st_mtime_ns for p in COPIES} == made
    assert all((output / p).is_file() for p in COPIES)
    photo = content / "1_photos" / "grande.jpg"
    later = time.time() + 10  # edited after the copies were made
    os.utime(photo, (later, later))
    build_site(content, output)
    assert all(os.stat(cache / p).st_mtime_ns != made[p] for p in COPIES)


def test_description_field_and_page_typography(site):
    page = BeautifulSoup(read(site, "photos/"), "html.parser")
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Une page de photos pour vérifier les tailles\u202f!")
    assert page.find("h1").get_text() == "Photos\u00a0: grandes et petites"
