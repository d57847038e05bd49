"""kirby-format.md §2: the field parser, case by case."""

import json
from pathlib import Path

import pytest

from kirby.fields import parse_fields


def values(text):
    return {key: field.value for key, field in parse_fields(text).items()}


# The table is shared with the editor's reader (plugins/editor/static/kirby-format.js,
# tests/unit/test_editor_format.py), so that the two cannot drift.
CASES = json.loads((Path(__file__).parents[1] / "cases" / "kirby-fields.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['why']} {case['text']!r}")
def test_parse_fields(case):
    assert values(case["text"]) == case["fields"]


def test_duplicate_key_keeps_first_place_and_last_value():
    fields = parse_fields("Title: A\n----\nText: T\n----\nTitle: B")
    assert list(fields) == ["title", "text"]
    assert fields["title"].value == "B"
    assert fields["title"].line == 5


@pytest.mark.parametrize(
    ("text", "key", "line", "value_line"),
    [
        ("Title: A\n\n----\n\nText: B", "text", 5, 5),
        ("Title: A\n----\nText:\n\nB", "text", 3, 5),
        ("\n\nTitle: A", "title", 3, 3),
        ("Title: A\r\n----\r\nText:\r\n\r\nB", "text", 3, 5),
        ("Title: A\n----\nCover: \n\n----\nText: x", "cover", 3, 3),
    ],
)
def test_lines_point_at_key_and_value(text, key, line, value_line):
    field = parse_fields(text)[key]
    assert (field.line, field.value_line) == (line, value_line)


def test_seed_fields(seed_text):
    fields = parse_fields(seed_text)
    assert list(fields) == ["title", "cover", "text"]
    assert fields["title"].value == "L'accès à l'emploi"
    assert fields["cover"].value == ""
    assert fields["text"].value.startswith("(image: insertion.png)\n\nLes associations")
    assert fields["text"].value_line == 11
