"""Every published image, originals included, leaves without its private metadata: a photo
made here with Pillow carries GPS, owner, serial, maker notes, XMP, a comment, an
orientation and a colour profile; the built site is read back with Pillow's EXIF reader."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageCms

from tests.support import FIXTURES, build_site

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
ARTIST, COPYRIGHT, ORIENTATION, MAKE, MODEL = 0x013B, 0x8298, 0x0112, 0x010F, 0x0110
OWNER, SERIAL, MAKER_NOTE, USER_COMMENT = 0xA430, 0xA431, 0x927C, 0x9286
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       b"<dc:creator>Jeanne Martin</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def private_photo(path, size=(2400, 1200), image_format="JPEG") -> None:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[ARTIST], exif[COPYRIGHT] = "Jeanne Martin", "(c) Jeanne Martin 2026"
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "Phone", "X 12", 6  # turned 90° clockwise
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 53.0, 30.0), 3: "E", 4: (2.0, 17.0, 5.0)})
    exif.get_ifd(EXIF_IFD).update({OWNER: "Jeanne Martin", SERIAL: "SN-123456",
                                    MAKER_NOTE: b"secret maker note", USER_COMMENT: b"rue X"})
    options = {"exif": exif.tobytes(), "icc_profile": SRGB}
    if image_format == "JPEG":
        options.update(xmp=XMP, comment=b"chez Jeanne", quality=90)
    image.save(path, format=image_format, **options)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy")
    content = folder / "content"
    shutil.copytree(FIXTURES / "images-site", content)
    private_photo(content / "1_photos" / "grande.jpg")
    private_photo(content / "1_photos" / "petite.png", (300, 200), "PNG")
    output = folder / "output"
    build_site(content, output, CACHE_PATH=str(folder / "cache"))
    return output


def published(site, pattern):
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found


def assert_clean(path, keep_credits=False):
    with Image.open(path) as image:
        exif = image.getexif()
        assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD), path
        assert not exif.get_ifd(EXIF_IFD), path  # owner, serial, maker notes, comments
        assert MAKE not in exif and MODEL not in exif and ORIENTATION not in exif, path
        assert (ARTIST in exif, COPYRIGHT in exif) == (keep_credits, keep_credits), path
        assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info, path
        assert "comment" not in image.info and "photoshop" not in image.info, path
        assert image.info.get("icc_profile") == SRGB, path  # the colour profile stays
        raw = path.read_bytes()
        assert b"SN-123456" not in raw and b"secret" not in raw and b"rue X" not in raw, path
        assert (b"Jeanne" in raw) == keep_credits, path  # only in the credits, when kept
        return image.size, image.convert("RGB").getpixel((image.width // 2, 5))


def test_the_original_jpeg_and_its_copies_carry_nothing_private(site):
    for path in published(site, "photos/grande*.jpg"):
        size, top_middle = assert_clean(path)
        # Orientation 6 applied to the pixels: portrait, blue half now on top.
        assert size[1] > size[0], path
        assert top_middle[2] > 150 and top_middle[0] < 100, (path, top_middle)


def test_the_original_png_carries_nothing_private(site):
    for path in published(site, "photos/petite*.png"):
        assert_clean(path)


def test_a_site_may_keep_the_photographers_credits(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "images-site", content)
    private_photo(content / "1_photos" / "grande.jpg")
    output = tmp_path / "output"
    build_site(content, output, CACHE_PATH=str(tmp_path / "cache"), IMAGES_KEEP_CREDITS=True)
    with Image.open(output / "photos" / "grande.jpg") as image:
        assert image.getexif()[COPYRIGHT] == "(c) Jeanne Martin 2026"
    assert_clean(output / "photos" / "grande.jpg", keep_credits=True)


def test_an_image_without_private_metadata_is_published_as_it_is(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "images-site", content)
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(buffer, format="PNG")
    (content / "1_photos" / "petite.png").write_bytes(buffer.getvalue())
    output = tmp_path / "output"
    build_site(content, output, CACHE_PATH=str(tmp_path / "cache"))
    assert (output / "photos" / "petite.png").read_bytes() == buffer.getvalue()
