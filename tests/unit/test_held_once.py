"""What every page of a large site holds is held once (its peak memory, `make bench`):
field names, and a file that is the same in each language of a page."""

from __future__ import annotations

import shutil

import pytest
from kirby.fields import parse_fields
from kirby.languages import detect
from kirby.reader import KirbyReader
from pelican.settings import read_settings

from tests.support import ROOT, SEED_SITE


def test_field_names_are_one_string_for_the_whole_site():
    first, second = parse_fields("Title: A\n\n----\n\nText: a"), parse_fields("Title: B")
    assert list(first) == ["title", "text"]
    assert next(iter(first)) is next(iter(second))


@pytest.fixture
def reader(tmp_path):
    folder = tmp_path / "1_equipe"
    folder.mkdir()
    for name in ("plan.png", "photo.png"):
        shutil.copy(SEED_SITE / "1_acces-a-l-emploi" / "insertion.png", folder / name)
    (folder / "default.fr.txt").write_text("Title: L’équipe\n\n----\n\nText: (image: plan.png)\n")
    (folder / "default.en.txt").write_text("Title: The team\n\n----\n\nText: (image: plan.png)\n")
    (folder / "photo.png.fr.txt").write_text("Alt: Les bénévoles\n")
    (folder / "photo.png.en.txt").write_text("Alt: The volunteers\n")
    (folder / "plan.png.txt").write_text("Alt: Le plan\n")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    settings["KIRBY_LANGUAGE_SET"] = detect(str(tmp_path), None, "fr", False)
    return KirbyReader(settings), folder


def test_a_file_with_the_same_meta_in_each_language_is_one_object(reader):
    reader, folder = reader
    _, french = reader.read(str(folder / "default.fr.txt"))
    _, english = reader.read(str(folder / "default.en.txt"))
    assert french["files"]["plan.png"] is english["files"]["plan.png"]
    assert french["files"]["plan.png"].meta == {"alt": "Le plan"}
    # Each language keeps its own meta where it has one.
    assert french["files"]["photo.png"].meta == {"alt": "Les bénévoles"}
    assert english["files"]["photo.png"].meta == {"alt": "The volunteers"}


def test_a_page_whose_files_are_all_the_same_shares_their_dict(reader):
    reader, folder = reader
    (folder / "photo.png.en.txt").unlink()
    (folder / "photo.png.fr.txt").rename(folder / "photo.png.txt")
    _, french = reader.read(str(folder / "default.fr.txt"))
    _, english = reader.read(str(folder / "default.en.txt"))
    assert english["files"] is french["files"]


def test_fields_that_are_only_text_are_one_dict_with_their_data(reader):
    reader, folder = reader
    _, page = reader.read(str(folder / "default.fr.txt"))
    assert page["data"] is page["fields"] == {"title": "L’équipe"}


def test_typed_data_is_a_dict_of_its_own(reader):
    reader, folder = reader
    (folder / "default.fr.txt").write_text(
        "Title: L’équipe\n\n----\n\nDate: 2024-03-12\n\n----\n\nSubtitle: <strong>Nous</strong>\n")
    _, page = reader.read(str(folder / "default.fr.txt"))
    assert page["fields"] == {"title": "L’équipe", "date": "2024-03-12",
                              "subtitle": "<strong>Nous</strong>"}
    assert page["data"]["date"].year == 2024
    assert type(page["data"]["subtitle"]).__name__ == "Markup"
