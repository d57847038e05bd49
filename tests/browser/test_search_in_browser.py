"""Search in real Chromium: Pagefind finds each action by its words, French elisions
included, its link opens the action's anchor, no result is said in French, and
without JavaScript the search box leads to /actions/."""

from __future__ import annotations

import re

import pytest

from search.index import index_site
from tests.support import SEED_SITE, build_site
from tools.browser import axe_violations, describe_messages, describe_violations, missing_tools

MISSING = missing_tools()
pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(MISSING), reason=MISSING or "")]
TZC = "/acces-a-l-emploi/#territoire-zero-chomeur"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("search") / "output"
    build_site(SEED_SITE, output)
    index_site(output)
    return output


@pytest.fixture(scope="module")
def origin(site):
    from tools.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture
def context(browser):
    made = []

    def new(**options):
        made.append(browser.new_context(**options))
        return made[-1]

    yield new
    for each in made:
        each.close()


def search_from_header(page, origin, words):
    page.goto(f"{origin}/acces-a-l-emploi/")
    page.fill("#recherche-entete", words)
    page.click(".site-search button")
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    page.wait_for_function(
        "() => !/en cours|^$/.test(document.querySelector('[data-search-status]').textContent)"
    )


@pytest.mark.parametrize("words", ["chômeurs", "Asnières", "asnieres", "candidature d’Asnières"])
def test_words_of_an_action_find_it_and_its_link_opens_the_anchor(context, origin, words):
    page = context().new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    search_from_header(page, origin, words)
    links = page.locator("[data-search-results] a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert TZC in hrefs, hrefs
    page.locator(f"[data-search-results] a[href='{TZC}']").click()
    page.wait_for_url(f"{origin}{TZC}")
    target = page.evaluate("() => document.querySelector(':target').id")
    assert target == "territoire-zero-chomeur"
    assert page.locator(":target h3").inner_text() == "Territoire Zéro Chômeur"
    assert errors == []


def test_elided_words_are_found_on_the_page_too(context, origin):
    page = context().new_page()
    search_from_header(page, origin, "appuie")  # « Le collectif s’appuie … »
    hrefs = page.locator("[data-search-results] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert "/acces-a-l-emploi/" in hrefs
    # The space the index was given after the apostrophe is not shown to readers.
    assert "s’appuie" in page.locator("[data-search-results]").inner_text()


def test_no_result_is_said_in_french(context, origin):
    page = context().new_page()
    search_from_header(page, origin, "xylophonez")
    assert page.locator("[data-search-results] li").count() == 0
    assert page.locator("[data-search-status]").inner_text().startswith(
        "Aucun résultat pour « xylophonez »")


def test_without_javascript_the_search_box_leads_to_the_actions(context, origin):
    page = context(java_script_enabled=False).new_page()
    page.goto(f"{origin}/acces-a-l-emploi/")
    # The page itself reads without script; the box then lands on /actions/.
    assert page.locator("h1").inner_text() == "L'accès à l'emploi"
    page.fill("#recherche-entete", "emploi")
    page.click(".site-search button")
    page.wait_for_url(f"{origin}/actions/")
    assert page.locator("h1").inner_text() == "Les actions du collectif"


def test_search_assets_load_only_on_the_search_page(context, origin):
    from tools.browser import visit

    page = context().new_page()
    seen = visit(page, f"{origin}/acces-a-l-emploi/")
    assert not [u for u in seen.requests if "/pagefind/" in u or u.endswith(".js")]
    page = context().new_page()
    seen = visit(page, f"{origin}/recherche/?q=emploi")
    page.wait_for_selector("[data-search-results] li")
    assert any(u.endswith("/pagefind/pagefind.js") for u in seen.requests)
    assert seen.other_hosts() == [] and seen.console_errors == []


def test_search_page_is_accessible_with_results(context, origin):
    page = context().new_page()
    search_from_header(page, origin, "emploi")
    assert page.locator("[data-search-results] li").count() > 0
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_search_page_is_valid_html(site):
    from tools.browser import vnu_messages

    messages = vnu_messages([site / "recherche" / "index.html"])
    assert messages == [], describe_messages(messages)
