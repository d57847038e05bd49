"""The theme in real Chromium: axe-core and the Nu HTML Checker find nothing, the pages
reflow at 320 px and at 200 % text, focus shows, nothing comes from another host,
and each page stays under its weight budget. Skipped only where Chromium, axe-core
or Java is missing; in CI a skip fails the run (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.support import FIXTURES, SEED_SITE, build_site
from tools.browser import (
    AXE_TAGS,
    axe_violations,
    describe_messages,
    describe_violations,
    missing_tools,
    vnu_messages,
)

MISSING = missing_tools()
pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(MISSING), reason=MISSING or "")]

BUDGET = 14 * 1024  # HTML + CSS + JS + fonts, gzip, per page
# One page of each type: (site, path).
PAGES = [
    ("seed", ""),  # home
    ("seed", "acces-a-l-emploi/"),  # page with actions and an image
    ("seed", "actions/"),  # the actions index
    ("seed", "404.html"),
    ("seed", "recherche/"),  # the search page
    ("theme", "themes/"),  # page with a cover and child cards
    ("theme", "themes/logement/"),  # nested page: breadcrumbs, cover, documents
    ("theme", "echappement/"),  # a title full of markup characters
    ("theme", "actualites/"),  # news list
    ("theme", "actualites/rencontre/"),  # news article with a cover
    ("blocks", "blocs/"),  # every Kirby block type
    ("blocks", "a-propos/"),  # a Kirby layout: rows of columns
    ("bilingual", "qui-sommes-nous/"),  # two languages: the switch, hreflang links
    ("bilingual", "en/who-we-are/"),  # the same page in English, lang="en"
]
IDS = [f"{site}:{path or 'home'}" for site, path in PAGES]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    built = {"seed": root / "seed" / "output", "theme": root / "theme" / "output",
             "blocks": root / "blocks" / "output", "bilingual": root / "bilingual" / "output"}
    build_site(SEED_SITE, built["seed"])
    build_site(FIXTURES / "theme-site", built["theme"])
    build_site(FIXTURES / "blocks-site", built["blocks"])
    build_site(FIXTURES / "bilingual-site", built["bilingual"])
    return built


@pytest.fixture(scope="module")
def origins(outputs):
    from tools.browser import serve

    with serve(outputs["seed"]) as seed, serve(outputs["theme"]) as theme, \
            serve(outputs["blocks"]) as blocks, serve(outputs["bilingual"]) as bilingual:
        yield {"seed": seed, "theme": theme, "blocks": blocks, "bilingual": bilingual}


@pytest.fixture
def open_page(browser, origins):
    contexts = []

    def open_(site, path, **options):
        from tools.browser import visit

        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        return page, visit(page, f"{origins[site]}/{path}")

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("site", "path"), PAGES, ids=IDS)
def test_axe_finds_no_violation(open_page, site, path, scheme):
    page, _ = open_page(site, path, color_scheme=scheme)
    violations = axe_violations(page, AXE_TAGS)
    assert not violations, describe_violations(violations)


def test_nu_html_checker_finds_no_error_or_warning(outputs):
    # /admin/ is the editor's page, not the theme's (tests/browser/test_editor_in_browser.py).
    files = [p for output in outputs.values() for p in sorted(output.rglob("*.html"))
             if "admin" not in p.relative_to(output).parts]
    assert len(files) >= len(PAGES)
    messages = vnu_messages(files)
    assert not messages, describe_messages(messages)


@pytest.mark.parametrize(("site", "path"), PAGES, ids=IDS)
def test_light_local_and_quiet(open_page, site, path):
    _, visit = open_page(site, path)
    assert visit.status == 200
    assert visit.other_hosts() == []
    assert visit.failures == []
    assert visit.console_errors == []  # a CSP violation would show here
    assert 0 < visit.gzip_bytes <= BUDGET, visit.weights


def test_missing_url_gets_the_404_page(open_page):
    page, visit = open_page("seed", "nulle-part/")
    assert visit.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"


@pytest.mark.parametrize(("site", "path"), PAGES, ids=IDS)
def test_reflows_at_320_px_and_at_200_percent_text(open_page, site, path):
    page, _ = open_page(site, path, viewport={"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})
    # Text zoom: the reader's default font size doubled (CSSOM, which the CSP allows).
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.set_viewport_size({"width": 640, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


@pytest.mark.parametrize(("site", "path"), PAGES, ids=IDS)
def test_images_are_sized_and_described(open_page, site, path):
    page, _ = open_page(site, path)
    images = page.evaluate("""[...document.images].map(i => ({
        src: i.getAttribute('src'), alt: i.getAttribute('alt'),
        width: i.getAttribute('width'), height: i.getAttribute('height'),
        complete: i.complete && i.naturalWidth > 0, loading: i.loading,
        top: i.getBoundingClientRect().top}))""")
    for image in images:
        assert image["alt"] is not None, image
        if image["src"].startswith("/"):
            assert image["width"] and image["height"], image
        if image["top"] > 1600:
            assert image["loading"] == "lazy", image


def test_skip_link_comes_first_shows_and_leads_to_main(open_page):
    page, _ = open_page("seed", "acces-a-l-emploi/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["width"] > 50 and box["height"] > 20
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenu"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("!!document.activeElement.closest('main')")
    assert inside_main


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible(open_page, scheme):
    page, _ = open_page("seed", "acces-a-l-emploi/", color_scheme=scheme)
    link = page.locator("main a").first
    style = "a => getComputedStyle(a).backgroundColor + getComputedStyle(a).boxShadow"
    before = link.evaluate(style)
    page.keyboard.press("Tab")  # the skip link
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    after = link.evaluate(style)
    assert after != before
    assert "rgb(255, 221, 0)" in after


def test_one_h1_and_no_skipped_heading_level(open_page):
    for site, path in PAGES:
        page, _ = open_page(site, path)
        levels = page.evaluate(
            "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
        )
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (path, levels)


def test_reduced_motion_stops_smooth_scrolling(open_page):
    page, _ = open_page("seed", "", reduced_motion="reduce")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page, _ = open_page("seed", "", reduced_motion="no-preference")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"


def test_print_hides_the_menu_and_shows_link_targets(open_page):
    page, _ = open_page("seed", "")
    page.emulate_media(media="print")
    assert page.locator(".site-menu").evaluate("n => getComputedStyle(n).display") == "none"
    after = page.locator("main .card a").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "/acces-a-l-emploi/" in after


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(open_page):
    page, _ = open_page("bilingual", "qui-sommes-nous/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/who-we-are/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Who we are"
    current = page.get_by_role("navigation", name="Langues").locator("[aria-current=page]")
    assert current.inner_text() == "English" and current.get_attribute("lang") == "en"
