"""kirby-format.md §1: folder names, URLs, order, page files."""

import pytest

from kirby.tree import (
    content_file,
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
