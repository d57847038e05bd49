"""kirby-format.md §2: the field parser, case by case."""

import pytest

from kirby.fields import parse_fields


def values(text):
    return {key: field.value for key, field in parse_fields(text).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The spec's own table.
        ("Title: A\n\n----\n\nText: B", {"title": "A", "text": "B"}),
        ("\ufeffTITLE : A\r\n----\r\nText:\r\n\r\nB\r\nC", {"title": "A", "text": "B\r\nC"}),
        ("Title: A\n----   \nText: x\n\n\\----\ny", {"title": "A", "text": "x\n\n----\ny"}),
        (": v\n----\nno colon here\n----\nTitle: A", {"title": "A"}),
        ("Title: A\n----\nTitle: B", {"title": "B"}),
        # Empty file, blank file.
        ("", {}),
        ("\n\n  \n", {}),
        # A BOM only at the very start is removed; elsewhere it stays in the value.
        ("\ufeffTitle: A", {"title": "A"}),
        ("Title: \ufeffA", {"title": "\ufeffA"}),
        # `----` on the first line does not separate; leading spaces do not either.
        ("----\nTitle: A", {"____\ntitle": "A"}),
        ("Title: A\n  ----\nText: B", {"title": "A\n  ----\nText: B"}),
        # Blank lines around the separator are optional; trailing tabs/CR eaten.
        ("A: 1\n----\nB: 2", {"a": "1", "b": "2"}),
        ("A: 1\n----\t\r\n\n\nB: 2", {"a": "1", "b": "2"}),
        ("A: 1\n\n\n----\n\n\nB: 2", {"a": "1", "b": "2"}),
        # Kirby quirk: more dashes or text after them still split.
        ("A: 1\n-----\nB: 2", {"a": "1", "_\nb": "2"}),
        ("A: 1\n----Foo: x", {"a": "1", "foo": "x"}),
        # Three dashes stay Markdown.
        ("Text: a\n---\nb", {"text": "a\n---\nb"}),
        # Keys: trimmed, lowercased, dashes and spaces become underscores.
        ("Text-With-Dashes : x", {"text_with_dashes": "x"}),
        ("Title with spaces: x", {"title_with_spaces": "x"}),
        ("ÉTÉ: x", {"été": "x"}),
        # Only the first colon counts.
        ("Title: Réunion : 18h30", {"title": "Réunion : 18h30"}),
        ("Link: https://example.org/a:b", {"link": "https://example.org/a:b"}),
        # Value on the next line or after blank lines; YAML-looking lines are text.
        ("Text:\n\nBody\nkey: value", {"text": "Body\nkey: value"}),
        # Values are trimmed of PHP's set only: NBSP survives.
        ("Title: \u00a0A\u00a0 \t", {"title": "\u00a0A\u00a0"}),
        ("Title: A\0\x0b", {"title": "A"}),
        # Escaped dividers: one backslash removed, at the start or after a newline only.
        ("Text: \\----\nx", {"text": "----\nx"}),
        ("Text: a \\---- b", {"text": "a \\---- b"}),
        ("Text: x\n\\\\----", {"text": "x\n\\\\----"}),  # only `\----` is an escape
        # No colon, empty key.
        ("no colon", {}),
        ("   : value", {}),
        # Chunks without a key are dropped, the others kept.
        ("Title: A\n----\njunk\n----\nText: B", {"title": "A", "text": "B"}),
    ],
)
def test_parse_fields(text, expected):
    assert values(text) == expected


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
