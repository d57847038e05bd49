"""sitemap.xml, robots.txt and descriptions on real builds (plugins/seo, pelican-sitemap)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURES, build_site, read

SITEURL = "https://exemple.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(output) -> list[str]:
    root = ET.parse(output / "sitemap.xml").getroot()
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("seo-fixture") / "output"
    build_site(FIXTURES / "kirby-site", output, SITEURL=SITEURL)
    return output


@pytest.fixture(scope="module")
def news_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("seo-news") / "output"
    build_site(FIXTURES / "news-site", output, SITEURL=SITEURL)
    return output


@pytest.mark.parametrize("url", [
    "/", "/actions/", "/themes/", "/themes/logement/", "/themes/sante/",
    "/themes/annexe/", "/mon_dossier/",  # unlisted pages are published: listed too
])
def test_sitemap_lists_pages_and_the_actions_index(fixture_site, url):
    assert SITEURL + url in sitemap_urls(fixture_site)


def test_sitemap_lists_only_pages_that_exist(fixture_site):
    for url in sitemap_urls(fixture_site):
        path = url.removeprefix(SITEURL + "/")
        assert (fixture_site / path / "index.html").is_file() or (fixture_site / path).is_file()


def test_sitemap_never_lists_drafts_or_the_404(fixture_site):
    text = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "brouillon" not in text and "secret" not in text and "drafts" not in text
    assert "404" not in text


def test_sitemap_lists_news_articles_but_not_their_drafts(news_site):
    urls = sitemap_urls(news_site)
    assert f"{SITEURL}/actualites/" in urls
    assert f"{SITEURL}/actualites/nouvelle-1/" in urls
    assert f"{SITEURL}/actualites/nouvelle-12/" in urls
    assert not [url for url in urls if "brouillon" in url]
    assert f"{SITEURL}/emploi/" in urls


def test_robots_txt_allows_all_but_the_editor_and_points_to_the_sitemap(fixture_site):
    assert (fixture_site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: {SITEURL}/sitemap.xml\n")


def test_development_build_has_relative_sitemap_urls_and_no_sitemap_line(seed_site):
    # A Sitemap: line must be an absolute URL: without SITEURL there is none.
    assert (seed_site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nDisallow: /admin/\nAllow: /\n")
    assert sitemap_urls(seed_site) == ["/", "/acces-a-l-emploi/", "/actions/"]


def test_seed_description_is_its_first_paragraph_cut_at_a_word(seed_site):
    page = BeautifulSoup(read(seed_site, "acces-a-l-emploi/"), "html.parser")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Les associations du collectif souhaitent développer")
    assert description.endswith("…") and len(description) <= 160
    assert "<" not in description


def test_two_builds_in_one_process_both_write_the_sitemap(tmp_path):
    # pelican-sitemap keeps its state in the module: each build starts clean.
    for name in ("un", "deux"):
        build_site(FIXTURES / "news-site", tmp_path / name)
        assert "/actualites/nouvelle-1/" in sitemap_urls(tmp_path / name)
        assert sitemap_urls(tmp_path / name).count("/emploi/") == 1


def test_a_build_after_one_that_failed_half_way_still_writes_its_sitemap(tmp_path):
    from pelican.plugins.sitemap.sitemap import generator

    generator._main_pelican = object()  # as a build that raised before `finalized` leaves it
    generator.page_queue = [("ancienne/index.html", None)]
    build_site(FIXTURES / "news-site", tmp_path / "output")
    urls = sitemap_urls(tmp_path / "output")
    assert "/emploi/" in urls and not [url for url in urls if "ancienne" in url]
