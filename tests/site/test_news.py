"""News: dated pages under the news folder become a paginated list, articles and feeds."""

import feedparser
import pytest

from tests.support import FIXTURES, build_site, soup

SITE = FIXTURES / "news-site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("news") / "output"
    build_site(SITE, output)
    return output


def article_links(page):
    return [a["href"] for a in page.find("main").find_all("a") if "/nouvelle-" in a["href"]]


def test_list_is_newest_first_and_paginated(site):
    first = soup(site, "actualites/")
    assert first.find("h1").get_text(strip=True) == "Actualités"
    links = article_links(first)
    assert links[:2] == ["/actualites/nouvelle-12/", "/actualites/nouvelle-11/"]
    assert len(links) == 10
    second = soup(site, "actualites/page/2/")
    assert article_links(second) == ["/actualites/nouvelle-2/", "/actualites/nouvelle-1/"]
    assert any(a["href"] == "/actualites/page/2/" for a in first.find_all("a"))


def test_article_page_has_french_date_and_neighbours(site):
    page = soup(site, "actualites/nouvelle-5/")
    main = page.find("main")
    assert main.find("h1").get_text(strip=True) == "Nouvelle numéro 5"
    assert "16 mars 2024" in main.get_text()
    assert main.find("time")["datetime"].startswith("2024-03-16")
    hrefs = [a["href"] for a in main.find_all("a")]
    assert "/actualites/nouvelle-6/" in hrefs and "/actualites/nouvelle-4/" in hrefs


def test_article_shows_its_actions_with_the_action_markup(site):
    html = (site / "actualites" / "nouvelle-5" / "index.html").read_text(encoding="utf-8")
    assert "<!--action-group" not in html
    main = soup(site, "actualites/nouvelle-5/").find("main")
    card = main.find("article", class_="action")
    assert card["id"] == "atelier-cv"
    assert card.find(class_="action-name").get_text(strip=True) == "Atelier CV"
    fields = [dd.get_text(strip=True) for dd in card.find_all("dd")]
    assert fields == ["écrire un CV qui tient sur une page.",
                      "un atelier chaque mardi, avec un bénévole."]
    heading = main.find(class_="action-group-heading")
    assert heading.get_text() == "Une action lancée ce mois-ci"


def test_feeds_hold_every_article_and_are_linked(site):
    for name in ("actualites.atom.xml", "actualites.rss.xml"):
        feed = feedparser.parse((site / "feeds" / name).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert [e.title for e in feed.entries][:2] == ["Nouvelle numéro 12", "Nouvelle numéro 11"]
        assert len(feed.entries) == 12
    head = soup(site, "").find("head")
    types = {link["type"] for link in head.find_all("link", rel="alternate")}
    assert types == {"application/atom+xml", "application/rss+xml"}


def test_news_drafts_are_nowhere(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "SECRET-NEWS-DRAFT" not in path.read_text(encoding="utf-8")
    assert not list(site.rglob("*brouillon*"))


def test_news_folder_in_menu(site):
    menu = [a.get_text(strip=True) for a in soup(site, "emploi/").find("nav").find_all("a")]
    assert "Actualités" in menu
