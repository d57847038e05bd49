"""The site's own words come from content/site.md, never from the theme: another
association's site says its own name, description and footer by changing content only."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import ROOT, SEED_SITE, build_site, soup


def another_site(tmp_path: Path, site_md: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    (content / "site.md").write_text(site_md, encoding="utf-8")
    output = tmp_path / "output"
    build_site(content, output)
    return output


def test_the_footer_and_description_are_the_sites(tmp_path):
    output = another_site(tmp_path, "Title: Entraide 75\n----\nDescription: réseau parisien "
                          "d’entraide\n----\nFooter: Entraide 75, association loi 1901\n")
    page = soup(output, "")
    assert page.find("footer").find("p").get_text() == "Entraide 75, association loi 1901"
    assert "Hauts-de-Seine" not in str(page.find("footer"))


def test_without_a_footer_field_the_description_says_it(tmp_path):
    output = another_site(tmp_path, "Title: Entraide 75\n----\nDescription: réseau parisien "
                          "d’entraide\n")
    assert soup(output, "").find("footer").find("p").get_text() == \
        "Entraide 75\u00a0: réseau parisien d’entraide."


def test_a_site_with_only_a_title_has_no_invented_sentence(tmp_path):
    output = another_site(tmp_path, "Title: Entraide 75\n")
    page = soup(output, "acces-a-l-emploi/")
    assert page.find("footer").find("p") is None
    assert "Hauts-de-Seine" not in page.find("footer").get_text()


def test_the_theme_holds_none_of_the_collectives_wording():
    for path in (ROOT / "theme").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            for words in ("Hauts-de-Seine", "Citoyens Fraternels", "précarité"):
                assert words not in text, f"{path.relative_to(ROOT)}: « {words} »"


def test_a_markdown_h1_in_a_text_leaves_the_page_one_h1(tmp_path):
    from tests.support import FIXTURES

    output = tmp_path / "output"
    build_site(FIXTURES / "theme-site", output)
    page = soup(output, "themes/logement/")
    assert [h.get_text() for h in page.find_all("h1")] == ["Logement\u00a0: «\u202fun toit\u202f»\u202f!"]
    heading = page.find("h2", id="nos-demarches")
    assert heading is not None and heading.get_text() == "Nos démarches"


def test_a_kirby_sites_copyright_and_social_links_reach_every_page(tmp_path):
    output = another_site(tmp_path, "Title: Entraide 75\n\n----\n\nCopyright: © 2026 Entraide 75"
                          "\n\n----\n\nSocial:\n\n-\n  platform: Mastodon\n  url: https://m.example/@e75"
                          "\n-\n  name: Vidéos\n  url: https://v.example/e75\n-\n  platform: Piège\n"
                          "  url: javascript:alert(1)\n")
    for path in ("", "acces-a-l-emploi/", "actions/"):
        footer = soup(output, path).find("footer")
        assert "© 2026 Entraide 75" in footer.get_text()
        social = footer.find("nav", attrs={"aria-label": "Réseaux sociaux"})
        assert [(a.get_text(), a["href"]) for a in social.find_all("a")] == [
            ("Mastodon", "https://m.example/@e75"), ("Vidéos", "https://v.example/e75")]
