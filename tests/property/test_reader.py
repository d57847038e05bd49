"""No content file, whatever its bytes, makes the Kirby reader fail (kirby-format.md §5)."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kirby.reader import KirbyReader
from pelican.settings import read_settings

from tests.support import ROOT, SEED_SITE

from .strategies import kirby_text

CONTENT_BYTES = st.one_of(
    kirby_text.map(lambda t: t.encode("utf-8")),
    kirby_text.map(lambda t: t.encode("cp1252", errors="replace")),
    st.binary(max_size=200),
)


@pytest.fixture(scope="module")
def page_folder():
    root = Path(tempfile.mkdtemp(prefix="kirby-reader-"))
    folder = root / "1_page"
    folder.mkdir()
    shutil.copy(SEED_SITE / "1_acces-a-l-emploi" / "insertion.png", folder / "photo.png")
    (folder / "photo.png.md").write_text("Alt: Une photo\n\n----\n\nCaption: *Légende*\n")
    (folder / "doc_annuel.pdf").write_bytes(b"%PDF-1.4\n")
    yield folder
    shutil.rmtree(root)


@pytest.fixture(scope="module")
def reader(page_folder):
    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"PATH": str(page_folder.parent)})
    return KirbyReader(settings)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(CONTENT_BYTES)
def test_any_bytes_are_read(reader, page_folder, raw):
    path = page_folder / "page.md"
    path.write_bytes(raw)
    html, metadata = reader.read(str(path))
    assert isinstance(html, str)
    if metadata.get("status") != "skip":
        assert metadata["title"]  # §1.8: the slug when there is no title
        assert all(problem.path.startswith("content/1_page/") for problem in metadata["problems"])
