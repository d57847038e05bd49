"""A child page's folder is not one of its parent's files (kirby-format.md §1.2, §1.6)."""

import shutil

from kirby.files import read_page_files

from tests.support import SEED_SITE


def test_child_folders_are_not_page_files(tmp_path):
    parent = tmp_path / "1_themes"
    (parent / "2_logement").mkdir(parents=True)
    (parent / "2_logement" / "page.md").write_text("Title: Logement\n", encoding="utf-8")
    (parent / "page.md").write_text("Title: Thèmes\n", encoding="utf-8")
    shutil.copy(SEED_SITE / "1_acces-a-l-emploi" / "insertion.png", parent / "photo.png")
    (parent / "rapport.pdf").write_bytes(b"%PDF-1.4\n")

    files, problems = read_page_files(str(parent), sorted(p.name for p in parent.iterdir()),
                                      "/themes/", "content/1_themes")

    assert sorted(files) == ["photo.png", "rapport.pdf"]
    assert problems == []
