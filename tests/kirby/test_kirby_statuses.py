"""plugins/kirby alone, with Pelican's `simple` theme: Kirby's statuses (listed,
unlisted, drafts), date-numbered children, templates picked by the content
file's name, and `error/` written as the site's 404.html. Each build runs in
its own process (test_plain_pelican.build); the content is this file's own."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.kirby.test_plain_pelican import build

PAGES = {
    "1_albums/albums.txt": "Title: Albums\n",
    "1_albums/1_arbres/album.txt": "Title: Arbres\n----\nText: Un album.\n",
    "1_albums/about/about.txt": "Title: À propos\n----\nText: Sans gabarit about.\n",
    "2_notes/notes.txt": "Title: Notes\n",
    "2_notes/20240921_traversee/note.txt": "Title: Traversée\n----\nText: Datée.\n",
    "2_notes/are-you-ghosting-me/note.txt":
        "Title: Are you ghosting me\n----\nText: Non listée.\n----\nDate: \n",
    "2_notes/_drafts/brouillon/note.txt": "Title: SECRET-DRAFT\n",
    "error/error.txt": "Title: Adresse perdue\n----\nText: Rien ici.\n",
}
# A template of the site's own (Pelican's THEME_TEMPLATES_OVERRIDES), named as
# Kirby's starterkit names its album template.
ALBUM = ('{% extends "page.html" %}{% block content %}'
         '<p id="album">{{ page.title }}</p>{% endblock %}')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("plain-statuses")
    for name, text in PAGES.items():
        path = base / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (base / "templates").mkdir()
    (base / "templates" / "album.html").write_text(ALBUM, encoding="utf-8")
    output, done = build(base, base / "content", "simple",
                         f"THEME_TEMPLATES_OVERRIDES = [{str(base / 'templates')!r}]\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "ERROR" not in done.stdout + done.stderr
    return output


def html(output, path):
    return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")


def test_a_template_is_picked_by_the_content_files_name_else_page(site):
    album = html(site, "albums/arbres/index.html")
    assert album.find(id="album").get_text() == "Arbres"
    about = html(site, "albums/about/index.html")
    assert about.find(id="album") is None
    assert "Sans gabarit about." in about.get_text()  # simple's page.html


def test_an_unlisted_note_is_published_but_not_an_article(site):
    page = html(site, "notes/are-you-ghosting-me/index.html")
    assert "Non listée." in page.get_text()
    feed = feedparser.parse((site / "feeds" / "actualites.atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Traversée"]
    # simple's menu lists every Pelican page; its list of articles is the news list.
    articles = str(html(site, "index.html").find("main"))
    assert "/notes/traversee/" in articles and "are-you-ghosting-me" not in articles


def test_a_date_numbered_note_is_an_article_dated_by_its_number(site):
    time = html(site, "notes/traversee/index.html").find("time")
    assert time["datetime"].startswith("2024-09-21")


def test_drafts_are_nowhere(site):
    assert not list(site.rglob("*brouillon*")) and not list(site.rglob("*drafts*"))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml"):
            assert "SECRET-DRAFT" not in path.read_text("utf-8")


def test_the_error_page_is_written_as_404_html(site):
    page = html(site, "404.html")
    assert "Adresse perdue" in page.get_text() and "Rien ici." in page.get_text()
    assert not (site / "error").exists()
