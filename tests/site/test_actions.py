"""Actions as structured content: on their page, on /actions/, in actions.json."""

import json
import re

import jsonschema
import pytest

from tests.support import FIXTURES, ROOT, build_site, soup
from typography.spacing import french_typography_text

SCHEMA = json.loads((ROOT / "schema" / "actions.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("actions") / "output"
    build_site(FIXTURES / "actions-site", output)
    return output


def seed_actions(seed_text):
    """The seed's actions, read with plain regexes independent of the finder."""
    names = re.findall(r"^\*(.+?)\* *$", seed_text, flags=re.M)
    needs = re.findall(r"^Besoin identifié : (.+?) *$", seed_text, flags=re.M)
    syntheses = re.findall(r"^Synthèse de l’action : (.+?) *$", seed_text, flags=re.M)
    return list(zip(names, needs, syntheses, strict=True))


SEED_ANCHORS = [
    "dispositif-premieres-heures",
    "territoire-zero-chomeur",
    "valorisation-d-espaces-urbains-en-transition",
]


def test_seed_page_has_exactly_its_three_actions(seed_site, seed_text):
    main = soup(seed_site, "acces-a-l-emploi/").find("main")
    cards = main.find_all("article", class_="action")
    assert [card["id"] for card in cards] == SEED_ANCHORS
    for card, (name, need, synthesis) in zip(cards, seed_actions(seed_text), strict=True):
        heading = card.find(re.compile("^h[1-6]$"))
        assert heading.get_text(strip=True) == name
        assert heading.find("a")["href"] == f"#{card['id']}"
        terms = [dt.get_text() for dt in card.find("dl").find_all("dt")]
        values = [dd.get_text() for dd in card.find("dl").find_all("dd")]
        assert terms == ["Besoin identifié", "Synthèse de l’action"]
        # As shown to readers: with French spacing (plugins/typography).
        assert values == [french_typography_text(need), french_typography_text(synthesis)]


def test_seed_actions_sit_under_their_group_heading(seed_site):
    main = soup(seed_site, "acces-a-l-emploi/").find("main")
    group = main.find("section", class_="action-group")
    heading = group.find(re.compile("^h[1-6]$"))
    assert heading.get_text() == "Les 3 actions prioritaires du collectif en faveur de l’emploi"
    level = int(heading.name[1])
    assert level == 2
    for card in group.find_all("article", class_="action"):
        assert card.find(re.compile("^h[1-6]$")).name == f"h{level + 1}"


def test_anchors_are_unique_in_each_page(seed_site, fixture_site):
    for site, path in [(seed_site, "acces-a-l-emploi/"), (fixture_site, "emploi/")]:
        ids = [tag["id"] for tag in soup(site, path).find_all(id=True)]
        assert len(ids) == len(set(ids))


def test_actions_index_links_to_every_action(seed_site, seed_text):
    index = soup(seed_site, "actions/")
    main = index.find("main")
    assert "3 actions" in main.get_text()
    links = [a["href"] for a in main.find_all("a")]
    for anchor in SEED_ANCHORS:
        assert f"/acces-a-l-emploi/#{anchor}" in links
    for name, need, _ in seed_actions(seed_text):
        assert name in main.get_text() and need in main.get_text()
    ids = [tag["id"] for tag in index.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_actions_json_validates_and_holds_the_seed(seed_site, seed_text):
    raw = (seed_site / "actions.json").read_bytes()
    document = json.loads(raw.decode("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert "Chômeur".encode() in raw  # UTF-8, not \u escapes
    assert document["count"] == 3
    for item, anchor, (name, need, synthesis) in zip(
        document["actions"], SEED_ANCHORS, seed_actions(seed_text), strict=True
    ):
        assert (item["name"], item["anchor"]) == (name, anchor)
        assert item["url"] == f"/acces-a-l-emploi/#{anchor}"
        assert item["page"] == {"title": "L'accès à l'emploi", "url": "/acces-a-l-emploi/"}
        assert item["need"]["text"] == need and item["synthesis"]["text"] == synthesis.strip()


def test_fixture_groups_extras_yaml_and_order(fixture_site):
    document = json.loads((fixture_site / "actions.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert [(a["page"]["title"], a["anchor"], a["group"]) for a in document["actions"]] == [
        ("Emploi", "atelier-cv", "Nos actions pour l’emploi"),
        ("Emploi", "cafe-emploi", "Nos actions pour l’emploi"),
        ("Emploi", "atelier-cv-2", "Autres actions"),
        ("Emploi", "permanence-numerique", None),
        ("Logement", "accueil-de-jour", None),
    ]
    first = document["actions"][0]
    assert first["extras"] == [
        {"label": "Public visé", "text": "jeunes de 16 à 25 ans", "html": "jeunes de 16 à 25 ans"},
        {"label": "Lieu", "text": "Nanterre", "html": "Nanterre"},
    ]
    assert '<a href="https://example.org">rendez-vous</a>' in first["synthesis"]["html"]
    assert "<br>" in first["synthesis"]["html"]
    assert document["actions"][3]["extras"][0]["label"] == "Contact"


def test_fixture_page_renders_every_action_with_the_macro(fixture_site):
    main = soup(fixture_site, "emploi/").find("main")
    cards = main.find_all("article", class_="action")
    assert [c["id"] for c in cards] == [
        "atelier-cv", "cafe-emploi", "atelier-cv-2", "permanence-numerique"
    ]
    extras = [dt.get_text() for dt in cards[0].find_all("dt")]
    assert extras == ["Besoin identifié", "Synthèse de l’action", "Public visé", "Lieu"]
    # Emphasis that starts a sentence stays a paragraph, not an action.
    assert main.find("p", string=None, recursive=False) is not None
    assert "Ceci n’est pas une action" not in " ".join(c.get_text() for c in cards)
    assert "Ceci n’est pas une action" in main.get_text()


def test_index_groups_by_page_in_menu_order_with_count(fixture_site):
    main = soup(fixture_site, "actions/").find("main")
    assert "5 actions" in main.get_text()
    assert [h2.get_text(strip=True) for h2 in main.find_all("h2")] == ["Emploi", "Logement"]
    assert "/logement/#accueil-de-jour" in [a["href"] for a in main.find_all("a")]


def test_a_page_made_only_of_actions_is_described_by_them(fixture_site):
    page = soup(fixture_site, "logement/")
    expected = "Accueil de jour\u00a0: un lieu où se poser"
    assert page.find("meta", attrs={"name": "description"})["content"] == expected
    cards = soup(fixture_site, "").find_all("li", class_="card")
    card = next(c for c in cards if c.find("a", href="/logement/"))
    assert card.find("p").get_text() == expected


def test_no_placeholder_is_left_in_any_page(fixture_site):
    pages = list(fixture_site.rglob("*.html"))
    assert pages
    for path in pages:
        assert "<!--action-group" not in path.read_text(encoding="utf-8"), path
