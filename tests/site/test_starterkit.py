"""Kirby's own starterkit (tests/fixtures/starterkit, MIT, its content files as written)
drops in: every page Kirby publishes is published, blocks, layouts and UUIDs rendered,
nothing of Kirby's raw data shown, drafts kept out, and `make check` finds nothing."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURES, built_once, read
from tests.workflow.support import run_tool

STARTERKIT = FIXTURES / "starterkit" / "content"
ALBUMS = ["trees", "sky", "ocean", "desert", "mountains", "waterfall", "plants", "landscape"]
DATED = ["exploring-the-universe", "weirdly-shaped-islands", "himalaya-and-back",
         "through-the-desert", "a-night-in-the-forest", "chasing-waterfalls",
         "in-the-jungle-of-sumatra", "across-the-ocean"]
UNLISTED = ["are-you-ghosting-me", "can-anybody-hear-me", "do-we-even-have-a-review-team",
            "i-need-someone-to-review-this", "is-anybody-out-there", "that-s-so-mean"]
PAGES = ["", "about/", "photography/", *[f"photography/{a}/" for a in ALBUMS], "notes/",
         *[f"notes/{n}/" for n in DATED + UNLISTED]]
# What Kirby keeps to itself: JSON of blocks, UUID references, YAML lists.
RAW = re.compile(r'"isHidden"|\[\{"content"|(?:file|page)://|/@/(?:page|file)/|^- ', re.M)


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    return built_once(tmp_path_factory, STARTERKIT, "starterkit")


def main_of(output, path: str) -> BeautifulSoup:
    return BeautifulSoup(read(output, path), "html.parser").find("main")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_published_without_raw_kirby_data(output, path):
    main = main_of(output, path)
    assert main.find("h1")
    assert not RAW.search(main.get_text("\n")), path
    assert not RAW.search(str(main)), path


def test_drafts_are_never_published(output):
    assert not (output / "notes" / "around-the-world-in-80-hours").exists()
    assert not (output / "photography" / "animals").exists()
    assert "animals" not in read(output, "photography/")


def test_the_notes_list_holds_the_dated_notes_newest_first_and_no_unlisted_one(output):
    links = [a["href"] for a in main_of(output, "notes/").select(".news-list h2 a")]
    assert links == [f"/notes/{note}/" for note in DATED]


def test_a_note_of_blocks(output):
    main = main_of(output, "notes/exploring-the-universe/")
    assert main.select_one(".block-image img")["src"] == "/notes/exploring-the-universe/universe.jpg"
    assert main.select_one(".block-image figcaption").get_text() == "Staring at stars"
    assert main.select_one(".block-quote figcaption a")["href"] == (
        "https://en.wikipedia.org/wiki/Anthony_Oettinger")
    assert main.select_one(".block-video iframe")["src"] == (
        "https://player.vimeo.com/video/54400762?dnt=1")
    assert main.select_one(".block-code code")["class"] == ["language-php"]
    assert main.select_one(".block-markdown a")["href"] == "https://getkirby.com"
    assert main.select(".block-list ol li")  # the nested list
    assert [h.name for h in main.select(".block-heading")] == ["h2", "h2", "h3"]
    # The Cover's `- 'file://…'`: the note's cover image.
    cover = BeautifulSoup(read(output, "notes/"), "html.parser").select_one(".news-list img")
    assert cover["src"] == "/notes/exploring-the-universe/dark-forest.jpg"


def test_albums_have_their_covers_and_their_photos(output):
    cards = main_of(output, "photography/").select(".card")
    assert [c.find("a")["href"] for c in cards] == [f"/photography/{a}/" for a in ALBUMS]
    assert all(c.find("img") for c in cards)  # each album's Cover: - file://…
    photos = main_of(output, "photography/trees/").select(".gallery img")
    assert len(photos) == 5 and all(p["alt"] for p in photos)


def test_the_about_page_is_its_layout_then_its_text(output):
    main = main_of(output, "about/")
    rows = main.select(".layout-row")
    assert [len(r.select(".layout-column")) for r in rows] == [1, 3, 2, 2]
    assert rows[0].select_one("img")["src"] == "/about/team.jpg"  # file:\/\/ in the JSON
    assert main.find_all("p")[-1].find_parent(class_="layout-row") is None  # the Text, after


def test_the_error_page_is_the_404(output):
    page = BeautifulSoup((output / "404.html").read_text("utf-8"), "html.parser")
    assert page.find("h1").get_text() == "Error"
    assert "This page cannot be found" in page.find("main").get_text()
    assert not (output / "error" / "index.html").exists()


def test_the_check_finds_nothing_to_fix():
    done = run_tool("check", "--content", str(STARTERKIT))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("Aucun problème")
