"""Multi-language Kirby sites (plugins/kirby/languages.py): `x.fr.txt` and `x.en.txt` are
one page in two languages; a site whose files all say `.fr` builds as one without suffixes."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURES, SEED_SITE, build_site, built_once, read

BILINGUAL = FIXTURES / "bilingual-site"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return built_once(tmp_path_factory, BILINGUAL, "bilingual")


def page(output, path: str) -> BeautifulSoup:
    return BeautifulSoup(read(output, path), "html.parser")


def test_each_language_at_its_urls_with_translated_slugs(output):
    assert page(output, "qui-sommes-nous/").find("h1").get_text() == "Qui sommes-nous\u202f?"
    assert page(output, "en/who-we-are/").find("h1").get_text() == "Who we are"
    assert page(output, "en/").find("html")["lang"] == "en"
    assert page(output, "en/news/the-forum/").find("h1").get_text() == "The forum"
    assert page(output, "contact/").find("html")["lang"] == "fr"


def test_a_page_missing_in_a_language_is_not_invented(output):
    assert (output / "actualites" / "atelier" / "index.html").is_file()
    assert not list(output.joinpath("en").rglob("atelier*"))


def test_untranslated_fields_fall_back_to_the_default_language(output):
    forum = page(output, "en/news/the-forum/").find("main")
    assert "Le forum a eu lieu" in forum.get_text()  # its English file has no Text


def test_files_meta_per_language(output):
    assert page(output, "en/who-we-are/").find("main").find("img")["alt"] == "The volunteers"
    assert page(output, "qui-sommes-nous/").find("main").find("img")["alt"] == (
        "L’équipe des bénévoles")
    assert page(output, "en/who-we-are/").find("main").find("img")["src"] == (
        "/qui-sommes-nous/equipe.jpg")


def test_hreflang_alternates_and_x_default(output):
    links = {(link["hreflang"], link["href"]) for link in
             page(output, "en/who-we-are/").find_all("link", hreflang=True)}
    assert links == {("fr", "/qui-sommes-nous/"), ("en", "/en/who-we-are/"),
                     ("x-default", "/qui-sommes-nous/")}
    assert not page(output, "actualites/atelier/").find_all("link", hreflang=True)


def test_the_language_switch_names_each_language_in_itself(output):
    switch = page(output, "qui-sommes-nous/").find("nav", attrs={"aria-label": "Langues"})
    assert [(a.get_text(), a["href"], a["lang"], a.get("aria-current")) for a in
            switch.find_all("a")] == [("Français", "/qui-sommes-nous/", "fr", "page"),
                                       ("English", "/en/who-we-are/", "en", None)]


def test_menus_and_home_link_in_the_pages_language(output):
    english = page(output, "en/contact/")
    assert [a["href"] for a in english.select(".site-menu a")] == [
        "/en/who-we-are/", "/en/news/", "/en/contact/"]
    assert english.select_one(".site-name a")["href"] == "/en/"
    assert [a["href"] for a in page(output, "contact/").select(".site-menu a")] == [
        "/qui-sommes-nous/", "/actualites/", "/contact/"]


def test_the_themes_french_words_are_marked_french_on_other_languages(output):
    english = page(output, "en/news/the-forum/")
    assert english.html["lang"] == "en"
    for selector in (".skip-link", ".site-menu", "form.site-search", "footer",
                     "nav.breadcrumbs", "nav.languages"):
        assert english.select_one(selector)["lang"] == "fr", selector
    assert {a["lang"] for a in english.select(".site-menu a")} == {"en"}
    assert english.select_one("nav.breadcrumbs a")["href"] == "/en/"
    french = page(output, "actualites/forum/")
    assert not french.select("header nav[lang], header form[lang], footer[lang], .skip-link[lang]")
    assert french.select_one("nav.breadcrumbs a")["href"] == "/"


def test_dates_and_french_spacing_per_language(output):
    english = page(output, "en/news/")
    assert english.find("time").get_text() == "21 September 2024"
    assert page(output, "en/").find("main").find("p").get_text() == "Welcome: this is our network."
    assert page(output, "").find("main").find("p").get_text() == "Bienvenue\xa0: voici notre réseau."


def test_one_feed_per_language_and_the_sitemap_lists_both(output):
    assert (output / "feeds" / "all-fr.atom.xml").is_file()
    english = (output / "feeds" / "all-en.atom.xml").read_text("utf-8")
    assert "The forum" in english and "atelier" not in english
    sitemap = (output / "sitemap.xml").read_text("utf-8")
    assert "<loc>/en/who-we-are/</loc>" in sitemap and 'hreflang="en"' in sitemap


def test_a_single_language_site_with_suffixes_builds_as_one_without(tmp_path):
    plain, suffixed = tmp_path / "plain", tmp_path / "suffixed"
    shutil.copytree(SEED_SITE, plain)
    shutil.copytree(SEED_SITE, suffixed)
    for path in sorted(suffixed.rglob("*.md")):
        path.rename(path.with_suffix(".fr.md"))
    build_site(plain, tmp_path / "out-plain")
    build_site(suffixed, tmp_path / "out-suffixed")
    for html in sorted((tmp_path / "out-plain").rglob("*.html")):
        relative = html.relative_to(tmp_path / "out-plain")
        other = tmp_path / "out-suffixed" / relative
        assert other.is_file(), relative
        assert other.read_text("utf-8") == html.read_text("utf-8"), relative


def test_default_language_under_its_prefix_with_the_root_sending_there(tmp_path):
    output = tmp_path / "out"
    build_site(BILINGUAL, output, KIRBY_DEFAULT_LANGUAGE_PREFIX=True)
    # The news list is the default language's, under its prefix like its items.
    listing = BeautifulSoup(read(output, "fr/actualites/"), "html.parser")
    assert {a["href"] for a in listing.select("main a[href^='/fr/actualites/']")} >= {
        "/fr/actualites/forum/", "/fr/actualites/atelier/"}
    assert not (output / "actualites" / "index.html").exists()
    assert (output / "fr" / "index.html").is_file()
    # Kirby's router sends `/` to the default language: a static host gets a page
    # that refreshes there at once, kept out of search engines.
    root = BeautifulSoup(read(output, ""), "html.parser")
    assert root.html["lang"] == "fr"
    assert root.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/fr/"
    assert root.find("a")["href"] == "/fr/"
    assert root.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_no_root_redirect_when_the_default_language_is_at_the_root(output):
    home = BeautifulSoup(read(output, ""), "html.parser")
    assert home.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert home.find("h1") is not None


def test_a_translation_under_an_untranslated_page_keeps_it_as_parent(tmp_path):
    # Kirby's fallback: the contact page has no English file, so its English child
    # hangs from the French one; it is no top-level page of the English menu
    # (which, on a site with many such pages, grew with the site: quadratic).
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    (content / "3_contact" / "default.en.txt").unlink()
    child = content / "3_contact" / "1_horaires"
    child.mkdir()
    (child / "default.fr.txt").write_text("Title: Horaires\n", encoding="utf-8")
    (child / "default.en.txt").write_text("Title: Opening hours\n\n----\n\nSlug: hours\n",
                                          encoding="utf-8")
    output = tmp_path / "out"
    build_site(content, output)
    english = BeautifulSoup(read(output, "en/contact/hours/"), "html.parser")
    assert [a["href"] for a in english.select(".site-menu a")] == [
        "/en/who-we-are/", "/en/news/"]
    assert [a.get_text() for a in english.select("nav.breadcrumbs a")] == ["Accueil", "Contact"]


def test_each_language_searches_its_own_index(output):
    # Pagefind loads the index of the search page's <html lang>: one page per language.
    english = page(output, "en/recherche/")
    assert english.find("html")["lang"] == "en"
    assert english.find("main").find("div")["lang"] == "fr"  # the theme's French words
    french = page(output, "recherche/")
    assert french.find("html")["lang"] == "fr" and french.find("main").find("div").get("lang") is None
    assert page(output, "en/who-we-are/").find("form", role="search")["action"].endswith("/en/recherche/")
    assert page(output, "qui-sommes-nous/").find("form", role="search")["action"] == "/recherche/"
    assert "recherche" not in read(output, "sitemap.xml")


@pytest.mark.parametrize("prefixed", [False, True])
def test_a_uuid_leads_to_the_page_in_the_language_of_the_page_that_names_it(tmp_path, prefixed):
    # Kirby's Uuid::url() gives the target's URL in the current language; a target
    # with no file in that language is reached in the default language.
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    news = content / "2_actualites"
    for path, uuid in ((news / "20240921_forum" / "note.fr.txt", "forum1"),
                       (news / "20241005_atelier" / "note.fr.txt", "atelier1")):
        path.write_text(path.read_text("utf-8") + "\n\n----\n\nUuid: " + uuid + "\n", "utf-8")
    links = "(link: page://forum1 text: un) [deux](page://atelier1) (link: /@/page/forum1)"
    for code in ("fr", "en"):
        (content / "3_contact" / f"default.{code}.txt").write_text(
            f"Title: Contact\n\n----\n\nText: {links}\n", encoding="utf-8")
    output = tmp_path / "out"
    build_site(content, output, KIRBY_DEFAULT_LANGUAGE_PREFIX=prefixed)
    fr = "fr/" if prefixed else ""

    def hrefs(path):
        return [a["href"] for a in page(output, path).find("main").find_all("a")]

    assert hrefs(f"{fr}contact/") == [f"/{fr}actualites/forum/", f"/{fr}actualites/atelier/",
                                      f"/{fr}actualites/forum/"]
    assert hrefs("en/contact/") == ["/en/news/the-forum/", f"/{fr}actualites/atelier/",
                                    "/en/news/the-forum/"]
