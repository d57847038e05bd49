"""Hostile pastes on a built page: the page publishes, what it shows is clean, and the
volunteer is told what went (plugins/kirby/sanitize.py; the cases of tests/unit/test_sanitize.py
rendered alone, here through a whole build)."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from tests.support import SEED_SITE, build_site, read
from tests.unit.test_sanitize import HOSTILE


def test_a_page_of_hostile_pastes_publishes_clean(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    text = "\n\n".join(["Avant les collages."] + [pasted for pasted, _ in HOSTILE]
                       + ["Après les collages."])
    page_file = content / "2_collages" / "page.md"
    page_file.parent.mkdir()
    page_file.write_text(f"Title: Collages\n\n----\n\nText: {text}\n", encoding="utf-8")
    output = tmp_path / "output"
    build_site(content, output)
    html = read(output, "collages/")
    page = BeautifulSoup(html, "html.parser")
    main = page.find("main")
    assert "Avant les collages." in main.get_text() and "Après les collages." in main.get_text()
    for _pasted, gone in HOSTILE:
        if gone in ("a[href]", "img[src]", "iframe[src]"):
            continue  # the page has legitimate links and images: the URLs are checked below
        assert main.select(gone) == [], gone
    urls = [value for tag in main.find_all(True) for name, value in tag.attrs.items()
            if name in ("href", "src", "poster", "background", "action", "formaction")]
    assert all(url.startswith(("https://", "/", "#")) or "://" not in url and ":" not in url
               for url in urls), urls
    assert not [frame for frame in main.find_all("iframe") if "evil" in frame.get("src", "")]
    # Only the theme's own head: no refresh, no base, no pasted style sheet.
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert page.find("base") is None and page.find("style") is None
    assert [s["src"] for s in page.find_all("script")] == [
        s["src"] for s in BeautifulSoup(read(output, "acces-a-l-emploi/"), "html.parser")
        .find_all("script")]
    # The development build shows the volunteer each removal, with its line.
    problems = page.find(class_="problems").get_text()
    assert "content/2_collages/page.md:" in problems
    assert "« <meta> » a été retirée" in problems and "« onclick »" in problems
