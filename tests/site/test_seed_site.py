"""The collective's real content/ builds into the pages readers must get."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.support import read
from typography.spacing import french_typography_text


@pytest.fixture(scope="module")
def seed_page(seed_site):
    return BeautifulSoup(read(seed_site, "acces-a-l-emploi/"), "html.parser")


def seed_field(seed_text, name):
    return seed_text.split(f"{name}:", 1)[1].split("\n----", 1)[0].strip()


def test_title_is_the_only_h1(seed_page):
    assert [h1.get_text() for h1 in seed_page.find_all("h1")] == ["L'accès à l'emploi"]
    assert seed_page.title.get_text().startswith("L'accès à l'emploi")
    assert seed_page.html["lang"] == "fr"
    assert seed_page.find("meta", charset=True)["charset"] == "utf-8"
    assert seed_page.find("main") is not None


def test_image_resolves_to_a_published_file_with_alt(seed_site, seed_page):
    img = seed_page.find("main").find("img")
    assert img is not None
    assert img["src"] == "/acces-a-l-emploi/insertion.png"
    assert (seed_site / img["src"].lstrip("/")).is_file()
    assert img["alt"].startswith("Illustration : cinq personnes")


def test_intro_lines_are_each_on_their_own_line(seed_page, seed_text):
    text = seed_field(seed_text, "Text")
    intro = text.split("\n\n")[1].split("\n")
    assert len(intro) == 3
    paragraph = next(p for p in seed_page.find_all("p") if intro[0].strip() in p.get_text())
    # A single newline is a <br>, as in Kirby (breaks: true).
    assert len(paragraph.find_all("br")) == 2
    lines = [line.strip() for line in paragraph.get_text().split("\n")]
    assert lines == [line.strip() for line in intro]


def test_three_actions_with_the_seeds_exact_words(seed_page, seed_text):
    body = seed_page.find("main").get_text()
    names = re.findall(r"^\*(.+?)\* *$", seed_text, flags=re.M)
    needs = re.findall(r"^Besoin identifié : (.+?) *$", seed_text, flags=re.M)
    syntheses = re.findall(r"^Synthèse de l’action : (.+?) *$", seed_text, flags=re.M)
    assert len(names) == len(needs) == len(syntheses) == 3
    for words in [*names, *needs, *syntheses]:
        assert french_typography_text(words) in body  # as shown: with French spacing


def test_no_raw_kirby_or_markdown_left(seed_page):
    body = seed_page.find("main").get_text()
    assert "(image:" not in body
    assert not re.search(r"\*[^*\n]+\*", body)


def test_home_page_and_menu(seed_site):
    home = BeautifulSoup(read(seed_site, ""), "html.parser")
    assert home.find("h1").get_text() == "Citoyens Fraternels 92"
    menu = [a.get_text() for a in home.find("nav").find_all("a")]
    assert menu == ["L'accès à l'emploi"]
    page = BeautifulSoup(read(seed_site, "acces-a-l-emploi/"), "html.parser")
    current = page.find("nav").find("a", attrs={"aria-current": "page"})
    assert current.get_text() == "L'accès à l'emploi"


def test_home_words_come_from_the_seed(seed_site, seed_text):
    home = BeautifulSoup(read(seed_site, ""), "html.parser")
    for sentence in home.find("main").find("p").get_text().split("\n"):
        assert sentence.strip() and sentence.strip() in seed_text


def test_no_number_prefix_or_source_in_output(seed_site):
    paths = [p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*") if p.is_file()]
    assert not [p for p in paths if re.search(r"(^|/)\d+_", p)]
    assert not [p for p in paths if p.endswith((".md", ".txt")) and p != "robots.txt"]
