"""The theme's HTML, built from a fixture site: head tags, cover, cards, breadcrumbs,
menu, documents, news, 404, escaping (kirby-format.md §3). The browser tests
(tests/browser) check the same pages in Chromium."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURES, ROOT, build_site, read, soup

SITEURL = "https://exemple.org"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("theme") / "output"
    build_site(FIXTURES / "theme-site", output, SITEURL=SITEURL)
    return output


def text(tag):
    """Visible text with French typography's no-break spaces read as spaces."""
    return tag.get_text().replace("\u202f", " ").replace("\xa0", " ")


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


PAGES = ["", "themes/", "themes/logement/", "themes/sante/", "contact/", "echappement/",
         "actions/", "actualites/", "actualites/rencontre/"]


@pytest.mark.parametrize("path", PAGES)
def test_frame_of_every_page(site, path):
    page = soup(site, path)
    body = page.body
    first = body.find(True)
    assert first.name == "a" and first["href"] == "#contenu" and "skip-link" in first["class"]
    assert len(page.find_all("main")) == 1 and page.main["id"] == "contenu"
    assert page.find("header") and page.find("footer")
    assert len(page.find_all("h1")) == 1
    assert meta(page, "description").strip()
    assert page.find("link", rel="canonical")["href"] == f"{SITEURL}/{path}"
    assert meta(page, "og:url") == f"{SITEURL}/{path}"
    assert page.find("link", rel="icon")["href"] == f"{SITEURL}/theme/favicon.svg"


@pytest.mark.parametrize("path", PAGES)
def test_csp_allows_no_script_from_another_host(site, path):
    csp = soup(site, path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp["content"].split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["content"]


def test_title_is_escaped_everywhere_even_in_title_and_meta(site):
    raw = read(site, "echappement/")
    assert "<script>alert(1)" not in raw
    page = BeautifulSoup(raw, "html.parser")
    title = "Titre </title><script>alert(1)</script> & « guillemets »"
    assert page.title.get_text().startswith(title)
    assert text(page.h1) == title
    assert meta(page, "og:title").startswith(title)
    menu = [text(a) for a in soup(site, "").find("nav").find_all("a")]
    assert title in menu


def test_cover_on_the_page_its_card_and_its_opengraph_tags(site):
    page = soup(site, "themes/")
    img = page.find("figure", class_="cover").find("img")
    assert img["src"] == f"{SITEURL}/themes/couverture.jpg"
    assert (img["width"], img["height"]) == ("1200", "630")
    assert img["alt"] == "Des bandes de couleur, pour tester la couverture d’une page."
    assert "loading" not in img.attrs  # in the first screen
    assert meta(page, "og:image") == f"{SITEURL}/themes/couverture.jpg"
    assert meta(page, "og:image:alt") == img["alt"]
    assert meta(page, "twitter:card") == "summary_large_image"
    description = "Les thèmes du collectif de test, avec une image de couverture."
    assert meta(page, "description") == description
    card = soup(site, "").find("main").find("a", href=f"{SITEURL}/themes/").find_parent("li")
    card_img = card.find("img")
    assert card_img["src"] == img["src"] and card_img["alt"] == ""  # the title says it
    assert card_img["loading"] == "lazy" and card_img["width"] == "1200"


@pytest.mark.parametrize("path", ["themes/sante/", "contact/", "echappement/"])
def test_empty_or_missing_cover_gives_no_image_and_no_broken_tag(site, path):
    page = soup(site, path)
    assert page.find("figure", class_="cover") is None
    assert meta(page, "og:image") is None
    assert meta(page, "twitter:card") == "summary"
    assert all(img.get("src") for img in page.find_all("img"))


def test_breadcrumbs_on_nested_pages_only(site):
    crumbs = soup(site, "themes/logement/").find("nav", attrs={"aria-label": "Fil d’Ariane"})
    assert [(a.get_text(), a["href"]) for a in crumbs.find_all("a")] == [
        ("Accueil", f"{SITEURL}/"), ("Thèmes", f"{SITEURL}/themes/")]
    for path in ("", "themes/", "contact/"):
        assert soup(site, path).find("nav", attrs={"aria-label": "Fil d’Ariane"}) is None


def test_menu_marks_the_current_page_and_its_section(site):
    def current(path):
        menu = soup(site, path).find("nav", attrs={"aria-label": "Menu principal"})
        marked = menu.find_all("a", attrs={"aria-current": True})
        return [(a.get_text(), a["aria-current"]) for a in marked]

    assert current("themes/") == [("Thèmes", "page")]
    assert current("themes/logement/") == [("Thèmes", "true")]
    assert current("") == []


def test_children_as_cards_and_documents_with_their_format(site):
    page = soup(site, "themes/")
    cards = page.find("ul", class_="children").find_all("li", class_="card")
    assert [text(c.find("a")) for c in cards] == ["Logement : « un toit » !", "Santé"]
    assert cards[0].find("img")["alt"] == "" and cards[1].find("img") is None
    docs = soup(site, "themes/logement/").find("section", class_="files")
    assert docs.find("a")["href"] == f"{SITEURL}/themes/logement/guide.pdf"
    assert "(PDF)" in docs.get_text()


def test_home_has_the_collective_cards_and_a_few_actions(site, seed_site):
    home = soup(seed_site, "").find("main")
    assert [a.get_text() for a in home.find("ul", class_="cards").find_all("a")] == [
        "L'accès à l'emploi"]
    actions = home.find_all("article", class_="action")
    assert 0 < len(actions) <= 3
    for action in actions:
        assert action.find("a")["href"].startswith("/acces-a-l-emploi/#")
        assert [dt.get_text() for dt in action.find_all("dt")] == ["Besoin identifié"]
    assert home.find("a", href="/actions/").get_text() == "Voir les 3 actions du collectif"


def test_404_page_is_built_without_canonical_url(seed_site):
    page = soup(seed_site, "404.html")
    assert page.h1.get_text() == "Page introuvable"
    assert page.find("link", rel="canonical") is None
    assert page.find("main").find("a", href="/")


def test_no_canonical_without_an_absolute_siteurl(seed_site):
    page = soup(seed_site, "acces-a-l-emploi/")
    assert page.find("link", rel="canonical") is None and meta(page, "og:url") is None


def test_news_list_and_article(site):
    news = soup(site, "actualites/").find("main")
    assert news.h1.get_text() == "Actualités"
    items = news.find_all("li", class_="card")
    assert [i.find("a").get_text() for i in items] == ["Un forum", "Une rencontre"]
    assert items[0].find("time")["datetime"] == "2024-04-05"
    article = soup(site, "actualites/rencontre/")
    assert meta(article, "og:type") == "article"
    assert meta(article, "og:image") == f"{SITEURL}/actualites/rencontre/affiche.jpg"
    main = article.find("main")
    assert main.find("time")["datetime"] == "2024-03-12"
    assert "12 mars 2024" in main.get_text()
    crumbs = article.find("nav", attrs={"aria-label": "Fil d’Ariane"}).find_all("a")
    assert [a.get_text() for a in crumbs] == ["Accueil", "Actualités"]


def test_stylesheet_is_small_hand_written_and_local():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert len(css.encode()) < 10_000
    assert "@font-face" not in css and "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    for feature in ("prefers-color-scheme: dark", "prefers-reduced-motion", "@media print",
                    ":focus-visible"):
        assert feature in css
