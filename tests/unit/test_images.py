"""Images: sizes, lazy loading and srcset in the image tag; resized copies (plugins/images)."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from images.variants import is_stale, resize
from kirby.files import read_page_files, variant_name, variant_widths
from kirby.kirbytags import IMAGE_SIZES, PageFile, TagContext, expand_tags

SRCSET = ("/p/photo-480w.jpg 480w, /p/photo-960w.jpg 960w, /p/photo-1440w.jpg 1440w, "
          "/p/photo.jpg 1600w")
FILES = {
    "photo.jpg": PageFile("photo.jpg", "/p/photo.jpg", {"alt": "Une photo"}, 1600, 900,
                          (480, 960, 1440), SRCSET),
    "icone.png": PageFile("icone.png", "/p/icone.png", {"alt": "Icône"}, 40, 30),
    "abime.png": PageFile("abime.png", "/p/abime.png", {"alt": "Abîmée"}),
}


def image(tag: str) -> str:
    return expand_tags(tag, TagContext(files=FILES))


IMAGE_TAGS = [
    # the file's size when the tag gives none: no layout shift
    ("(image: icone.png)",
     '<figure><img src="/p/icone.png" alt="Icône" width="40" height="30"></figure>'),
    # one side given: the other follows the file's proportions
    ("(image: icone.png width: 80)",
     '<figure><img src="/p/icone.png" alt="Icône" width="80" height="60"></figure>'),
    ("(image: icone.png height: 15)",
     '<figure><img src="/p/icone.png" alt="Icône" width="20" height="15"></figure>'),
    ("(image: icone.png width: 33)",
     '<figure><img src="/p/icone.png" alt="Icône" width="33" height="25"></figure>'),
    # both given, or auto: as written
    ("(image: icone.png width: 10 height: 90)",
     '<figure><img src="/p/icone.png" alt="Icône" width="10" height="90"></figure>'),
    ("(image: icone.png width: auto)",
     '<figure><img src="/p/icone.png" alt="Icône" width="40" height="30"></figure>'),
    ("(image: icone.png width: 50%)",
     '<figure><img src="/p/icone.png" alt="Icône" width="50%"></figure>'),  # no guess
    # size unknown: nothing invented
    ("(image: abime.png)", '<figure><img src="/p/abime.png" alt="Abîmée"></figure>'),
    ("(image: abime.png width: 80)",
     '<figure><img src="/p/abime.png" alt="Abîmée" width="80"></figure>'),
    ("(image: https://x.org/a.png alt: a)",
     '<figure><img src="https://x.org/a.png" alt="a"></figure>'),
    # a large photo: its resized copies, for the column's width or the written one
    ("(image: photo.jpg)",
     f'<figure><img src="/p/photo.jpg" alt="Une photo" width="1600" height="900" '
     f'srcset="{SRCSET}" sizes="{IMAGE_SIZES}"></figure>'),
    ("(image: photo.jpg width: 800)",
     f'<figure><img src="/p/photo.jpg" alt="Une photo" width="800" height="450" '
     f'srcset="{SRCSET}" sizes="(max-width: 800px) 100vw, 800px"></figure>'),
    ("(image: photo.jpg srcset: 300, 800 imgclass: i)",
     f'<figure><img src="/p/photo.jpg" alt="Une photo" width="1600" height="900" class="i" '
     f'srcset="{SRCSET}" sizes="{IMAGE_SIZES}"></figure>'),
]


@pytest.mark.parametrize(("tag", "expected"), IMAGE_TAGS)
def test_image_tag_attributes(tag, expected):
    assert image(tag) == expected


def test_only_the_first_image_of_a_page_loads_at_once():
    html = image("(image: icone.png)\n(image: photo.jpg)\n(image: icone.png)")
    first, second, third = html.split("\n")
    assert "loading" not in first and "decoding" not in first
    assert second.endswith('loading="lazy" decoding="async"></figure>')
    assert third.endswith('loading="lazy" decoding="async"></figure>')


def test_the_page_shares_one_list_of_images_between_its_texts():
    seen: list[str] = []
    first = expand_tags("(image: icone.png)", TagContext(files=FILES, images=seen))
    later = expand_tags("(image: photo.jpg)", TagContext(files=FILES, images=seen))
    assert "loading" not in first
    assert 'loading="lazy"' in later
    assert seen == ["/p/icone.png", "/p/photo.jpg"]


VARIANT_WIDTHS = [
    ("photo.jpg", 1600, (480, 960, 1440)),
    ("photo.JPEG", 4000, (480, 960, 1440)),
    ("photo.png", 1200, (480, 960)),
    ("photo.webp", 1001, (480, 960)),
    ("photo.jpg", 1000, ()),  # not large: published as it is
    ("photo.jpg", 640, ()),
    ("anime.gif", 2000, ()),  # may be animated
    ("scan.tiff", 3000, ()),  # browsers do not show it anyway
    ("photo.jpg", None, ()),  # unreadable
]


@pytest.mark.parametrize(("name", "width", "expected"), VARIANT_WIDTHS)
def test_variant_widths(name, width, expected):
    assert variant_widths(name, width) == expected


@pytest.mark.parametrize(("name", "width", "expected"), [
    ("photo.jpg", 480, "photo-480w.jpg"),
    ("ma photo.de.groupe.JPG", 960, "ma photo.de.groupe-960w.JPG"),
    ("sans-extension", 480, "sans-extension-480w"),
])
def test_variant_name(name, width, expected):
    assert variant_name(name, width) == expected


def test_read_page_files_gives_large_photos_their_srcset(tmp_path):
    Image.new("RGB", (1200, 600), "white").save(tmp_path / "ma photo.jpg")
    Image.new("RGB", (1200, 600), "white").save(tmp_path / "anime.png", save_all=True,
                                                append_images=[Image.new("RGB", (1200, 600))])
    Image.new("RGB", (300, 200), "white").save(tmp_path / "petite.jpg")
    names = os.listdir(tmp_path)
    files, problems = read_page_files(str(tmp_path), names, "/p/", "content/p")
    assert problems == []
    assert files["ma photo.jpg"].variants == (480, 960)
    assert files["ma photo.jpg"].srcset == (
        "/p/ma%20photo-480w.jpg 480w, /p/ma%20photo-960w.jpg 960w, /p/ma%20photo.jpg 1200w")
    assert files["anime.png"].variants == () and files["anime.png"].srcset == ""
    assert files["petite.jpg"].variants == () and files["petite.jpg"].srcset == ""


def test_an_upright_phone_photo_has_its_shown_size(tmp_path):
    photo = Image.new("RGB", (1600, 1200), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # stored sideways, shown turned a quarter
    photo.save(tmp_path / "debout.jpg", exif=exif)
    files, _ = read_page_files(str(tmp_path), ["debout.jpg"], "/p/", "content/p")
    assert (files["debout.jpg"].width, files["debout.jpg"].height) == (1200, 1600)
    assert files["debout.jpg"].variants == (480, 960)


@pytest.mark.parametrize(("name", "mode"), [
    ("photo.jpg", "RGB"), ("photo.png", "RGBA"), ("palette.png", "P"), ("photo.webp", "RGB"),
])
def test_resize_writes_each_width_in_the_same_format(tmp_path, name, mode):
    source = tmp_path / name
    Image.new(mode, (1600, 900)).save(source)
    targets = {w: str(tmp_path / "out" / variant_name(name, w)) for w in (480, 960)}
    resize(str(source), targets)
    for width, target in targets.items():
        with Image.open(target) as copy:
            assert copy.size == (width, round(900 * width / 1600))
            assert copy.format == Image.open(source).format
    written = sorted(os.listdir(tmp_path / "out"))
    assert written == sorted(os.path.basename(t) for t in targets.values())  # no .tmp left


def test_resize_turns_the_pixels_and_drops_the_exif(tmp_path):
    photo = Image.new("RGB", (1600, 1200), "white")
    exif = photo.getexif()
    exif[0x0112] = 6
    exif[0x010F] = "Téléphone"  # the maker, as phones write it (with the GPS position)
    photo.save(tmp_path / "debout.jpg", exif=exif)
    target = tmp_path / "debout-480w.jpg"
    resize(str(tmp_path / "debout.jpg"), {480: str(target)})
    with Image.open(target) as copy:
        assert copy.size == (480, 640)
        assert not copy.getexif()


def test_is_stale(tmp_path):
    source, target = tmp_path / "a.jpg", tmp_path / "a-480w.jpg"
    source.write_bytes(b"x")
    assert is_stale(str(target), str(source))  # missing
    target.write_bytes(b"y")
    os.utime(source, (1000, 1000))
    os.utime(target, (2000, 2000))
    assert not is_stale(str(target), str(source))
    os.utime(source, (3000, 3000))
    assert is_stale(str(target), str(source))  # the photo changed since
