"""What the search index is given: French elisions split, the records plugins add (one
per action from the actions plugin), read once and taken out of the site."""

import json

import pytest
from actions.site import json_array, search_records
from bs4 import BeautifulSoup
from search.index import RECORDS_FILE, read_records, record_page, split_elisions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la candidature d’Asnières", "la candidature d’ Asnières"),
        ("l'emploi", "l' emploi"),
        ("Le collectif s’appuie", "Le collectif s’ appuie"),
        ("jusqu’à qu’il lorsqu'elle puisqu’on", "jusqu’ à qu’ il lorsqu' elle puisqu’ on"),
        ("L’activité, D’abord", "L’ activité, D’ abord"),
        # Not elisions: inside a word, before a space, a closing quote.
        ("aujourd’hui", "aujourd’hui"),
        ("les « mots’ » et l’ ", "les « mots’ » et l’ "),
        ("rock'n'roll", "rock'n'roll"),
        ("", ""),
    ],
)
def test_split_elisions(text, expected):
    assert split_elisions(text) == expected


def test_one_record_per_action_with_its_anchor():
    document = {
        "actions": [
            {
                "name": "Territoire Zéro Chômeur",
                "url": "/acces-a-l-emploi/#territoire-zero-chomeur",
                "page": {"title": "L'accès à l'emploi", "url": "/acces-a-l-emploi/"},
                "need": {"text": "reprise d’une activité", "html": "x"},
                "synthesis": {"text": "la candidature d’Asnières.", "html": "x"},
                "extras": [{"label": "Lieu", "text": "Asnières", "html": "x"}],
            }
        ]
    }
    [record] = search_records(document["actions"], "fr")
    assert record["url"] == "/acces-a-l-emploi/#territoire-zero-chomeur"
    assert record["language"] == "fr"
    assert record["meta"] == {"title": "Territoire Zéro Chômeur", "page": "L'accès à l'emploi"}
    assert record["content"].splitlines() == [
        "Territoire Zéro Chômeur",
        "Besoin identifié : reprise d’une activité",
        "Synthèse de l’action : la candidature d’Asnières.",
        "Lieu : Asnières",
    ]
    assert list(search_records([], "fr")) == []


@pytest.mark.parametrize("items", [[], [{"a": "é"}], [{"a": 1}, [2, "</script>"], "x"]])
def test_json_array_streams_a_valid_array(items):
    assert json.loads("".join(json_array(items))) == items


def test_the_records_file_is_read_once_and_leaves_the_site(tmp_path):
    records = [{"url": "/p/#a", "content": "A", "language": "fr", "meta": {"title": "A"}}]
    (tmp_path / RECORDS_FILE).write_text(json.dumps(records), encoding="utf-8")
    assert read_records(tmp_path) == records
    assert not (tmp_path / RECORDS_FILE).exists()
    assert read_records(tmp_path) == []


def test_a_record_page_carries_the_words_and_the_target_escaped():
    record = {
        "url": "/p/#a-b",
        "content": "Nom <b>\nBesoin identifié : x & y",
        "language": "fr",
        "meta": {"title": "Nom <b>", "page": "Page « P »"},
    }
    page = BeautifulSoup(record_page(record), "html.parser")
    assert page.html["lang"] == "fr"
    assert [p.get_text() for p in page.find("main", attrs={"data-pagefind-body": True})("p")] == [
        "Nom <b>", "Besoin identifié : x & y"]
    meta = {s["data-pagefind-meta"]: s.get_text() for s in page.find_all("span")}
    assert meta == {"target": "/p/#a-b", "title": "Nom <b>", "page": "Page « P »"}
    assert page.find("b") is None
