"""kirby-format.md §1: folder names, URLs, order, page files."""

from datetime import datetime

import pytest

from kirby.tree import (
    content_file,
    date_from_num,
    is_error_folder,
    is_hidden,
    page_files,
    sort_key,
    split_folder_name,
    url_path,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("1_emploi", (1, "emploi")),
        ("10_a_b", (10, "a_b")),
        ("007_x", (7, "x")),
        ("emploi", (None, "emploi")),
        ("mon_dossier", (None, "mon_dossier")),  # we require digits (not Kirby's quirk)
        ("1_", (None, "1_")),
        ("_drafts", (None, "_drafts")),
    ],
)
def test_split_folder_name(name, expected):
    assert split_folder_name(name) == expected


@pytest.mark.parametrize(
    ("folder", "url"),
    [
        ("1_actions/2_emploi", "actions/emploi/"),
        ("1_acces-a-l-emploi", "acces-a-l-emploi/"),
        ("apropos", "apropos/"),
        ("home", ""),
        ("1_a/home", "a/home/"),
    ],
)
def test_url_path(folder, url):
    assert url_path(folder) == url


@pytest.mark.parametrize(("name", "hidden"), [("_drafts", True), (".git", True), ("a_b", False)])
def test_is_hidden(name, hidden):
    assert is_hidden(name) is hidden


def test_order_is_numeric_then_natural():
    names = ["10_z", "2_b", "2_a", "page10", "1_x", "page2"]
    assert sorted(names, key=sort_key) == ["page2", "page10", "1_x", "2_a", "2_b", "10_z"]


def test_page_files_and_metadata():
    names = ["page.md", "photo.jpg", "photo.jpg.md", "doc.pdf", "doc.pdf.txt", "x.html",
             "x.php", ".hidden.png", "_tmp.png", "orphan.png.md"]
    files, metadata = page_files(names)
    assert files == ["doc.pdf", "photo.jpg"]
    assert metadata == {"photo.jpg": "photo.jpg.md", "doc.pdf": "doc.pdf.txt"}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["page.md", "insertion.png", "insertion.png.md"], "page.md"),
        (["article.txt", "a.jpg", "a.jpg.txt"], "article.txt"),
        (["a.jpg", "a.jpg.md"], None),
        (["photo.png"], None),
    ],
)
def test_content_file(names, expected):
    assert content_file(names) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20240921_across-the-ocean", datetime(2024, 9, 21)),  # Kirby's `num: date`
        ("20240229_bissextile", datetime(2024, 2, 29)),
        ("20241399_pas-une-date", None),
        ("2024092_court", None),
        ("202409210_long", None),
        ("20240921_", None),
        ("3_note", None),
        ("are-you-ghosting-me", None),
    ],
)
def test_a_date_number_dates_its_page(name, expected):
    assert date_from_num(name) == expected


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("error", True), ("9_error", True), ("erreur", False), ("1_themes/error", False)],
)
def test_the_error_page_is_the_top_level_folder_of_slug_error(folder, expected):
    assert is_error_folder(folder) is expected
