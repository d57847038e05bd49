"""Kirby's statuses and template names on the project's site: listed pages in
number order, unlisted pages at their URL but out of listings, drafts nowhere,
date-numbered notes dated by their number, child lists as cards, `error/` as
the 404 page, `home/` as the home page. The content is this file's own."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import feedparser
import pytest
from PIL import Image

from tests.support import build_site, read, soup

SITEURL = "https://exemple.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

PAGES = {
    "site.md": "Title: Site des statuts\n",
    "home/home.txt": "Title: Accueil des statuts\n----\nText: Bienvenue.\n",
    "1_photographie/photography.txt": "Title: Photographie\n----\nText: Nos albums.\n",
    "1_photographie/10_montagnes/album.txt":
        "Title: Montagnes\n----\nSubheading: Des sommets et des cols\n----\n"
        "Text: Le texte des montagnes.\n",
    "1_photographie/2_arbres/album.txt":
        "Title: Arbres\n----\nCover: arbre.png\n----\nDescription: Nos amis feuillus\n----\n"
        "Text: Le texte des arbres.\n",
    "1_photographie/plage/album.txt": "Title: Plage non listée\n",
    "1_photographie/_drafts/neige/album.txt": "Title: SECRET-DRAFT neige\n",
    "2_notes/notes.txt": "Title: Notes\n----\nText: Nos notes.\n",
    "2_notes/20240921_traversee/note.txt":
        "Title: Traversée du désert\n----\nText: Une note datée par son numéro.\n",
    "2_notes/20240105_foret/note.txt":
        "Title: Nuit en forêt\n----\nDate: 2024-01-06\n----\nText: Datée par son champ.\n",
    "2_notes/3_sans-date/note.txt": "Title: Note listée sans date\n----\nText: Rien.\n",
    # As Kirby's starterkit writes its unlisted notes: every field there, Date empty.
    "2_notes/are-you-ghosting-me/note.txt":
        "Title: Are you ghosting me\n\n----\n\nText: Une note non listée.\n\n----\n\n"
        "Date: \n\n----\n\nSubheading: \n",
    "2_notes/_drafts/brouillon/note.txt": "Title: SECRET-DRAFT note\n----\nText: secret\n",
    "error/error.txt": "Title: Adresse perdue\n----\nText: Cette adresse ne mène nulle part.\n",
}


def write_site(root):
    for name, text in PAGES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    Image.new("RGB", (40, 30), "green").save(root / "1_photographie/2_arbres/arbre.png")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("statuses")
    write_site(base / "content")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        build_site(base / "content", base / "output", SITEURL=SITEURL)
    finally:
        logging.getLogger().removeHandler(handler)
    return base / "output", records


@pytest.fixture(scope="module")
def site(built):
    return built[0]


def links(page, selector):
    return [a["href"].removeprefix(SITEURL) for a in page.select(selector)]


def sitemap_urls(output):
    root = ET.parse(output / "sitemap.xml").getroot()
    return [loc.text.removeprefix(SITEURL) for loc in root.findall("s:url/s:loc", NS)]


def feed_links(output):
    feed = feedparser.parse((output / "feeds" / "actualites.atom.xml").read_bytes())
    return [entry.link.removeprefix(SITEURL) for entry in feed.entries]


def test_an_unlisted_note_without_date_is_published_out_of_the_list_and_feed(site):
    page = soup(site, "notes/are-you-ghosting-me/")
    assert page.find("h1").get_text() == "Are you ghosting me"
    assert "Une note non listée." in page.find("main").get_text()
    news = soup(site, "notes/")
    assert links(news, "main .news-list h2 a") == ["/notes/traversee/", "/notes/foret/"]
    assert feed_links(site) == ["/notes/traversee/", "/notes/foret/"]
    assert "/notes/are-you-ghosting-me/" in sitemap_urls(site)


def test_a_listed_note_without_any_date_is_published_with_a_warning_only(site, built):
    assert soup(site, "notes/sans-date/").find("h1").get_text() == "Note listée sans date"
    assert "/notes/sans-date/" not in feed_links(site)
    about = [r for r in built[1] if "3_sans-date/note.txt" in r.getMessage()]
    assert about and all(r.levelno == logging.WARNING for r in about)
    assert "n’a pas de date" in about[0].getMessage()


def test_a_date_numbered_note_is_dated_by_its_number_unless_it_has_a_date(site):
    assert soup(site, "notes/traversee/").find("main").find("time")["datetime"] == "2024-09-21"
    assert soup(site, "notes/foret/").find("main").find("time")["datetime"] == "2024-01-06"


def test_drafts_are_never_published(site):
    for path in site.rglob("*"):
        assert "neige" not in path.name and "brouillon" not in path.name
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "SECRET-DRAFT" not in path.read_text(encoding="utf-8")


def test_listed_children_are_cards_in_number_order_without_unlisted_ones(site):
    section = soup(site, "photographie/").find("section", class_="children")
    cards = section.find_all("li", class_="card")
    assert [c.find("a")["href"].removeprefix(SITEURL) for c in cards] == [
        "/photographie/arbres/", "/photographie/montagnes/"]  # 2 before 10
    trees, mountains = cards
    assert trees.find("img")["src"] == f"{SITEURL}/photographie/arbres/arbre.png"
    assert trees.find("img")["width"] == "40"
    assert trees.find("p").get_text() == "Nos amis feuillus"
    assert mountains.find("img") is None
    assert mountains.find("p").get_text() == "Des sommets et des cols"
    assert soup(site, "photographie/plage/").find("h1").get_text() == "Plage non listée"
    assert "/photographie/plage/" in sitemap_urls(site)


def test_the_menu_holds_the_listed_top_level_pages_in_order(site):
    menu = links(soup(site, "photographie/"), "header nav a")
    assert menu == ["/photographie/", "/notes/"]


def test_the_error_page_is_the_404_page(site):
    assert not (site / "error").exists()
    page = soup(site, "404.html")
    assert page.find("h1").get_text() == "Adresse perdue"
    assert "Cette adresse ne mène nulle part." in page.find("main").get_text()
    assert page.title.get_text().startswith("Adresse perdue")
    # As the theme's own 404: no canonical address, not indexed, out of the sitemap.
    assert page.find("link", rel="canonical") is None
    assert not page.find("main").has_attr("data-pagefind-body")
    assert not [url for url in sitemap_urls(site) if "404" in url or "error" in url]


def test_home_is_the_home_page_with_its_template(site):
    page = soup(site, "")
    assert page.find("h1").get_text() == "Accueil des statuts"
    assert page.find(class_="intro") is not None  # home.html, not page.html
    assert "Bienvenue." in read(site, "")
