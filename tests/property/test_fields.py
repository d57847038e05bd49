"""Fields: writing them and parsing them gives them back; no text makes the parser fail."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from kirby.fields import VALUE_TRIM, format_fields, parse_fields

from .strategies import kirby_text

KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
# Any text, except a line that starts with `\----`: Kirby's format cannot hold
# it (the parser turns it into `----`, kirby-format.md §2.5).
VALUES = st.one_of(kirby_text, st.text()).filter(
    lambda v: not re.search(r"(^|\n)\\----", v.strip(VALUE_TRIM)))


@settings(max_examples=200)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_written_fields_read_back(fields):
    parsed = parse_fields(format_fields(fields))
    assert {key: field.value for key, field in parsed.items()} == {
        key: value.strip(VALUE_TRIM) for key, value in fields.items()}


@settings(max_examples=200)
@given(st.one_of(kirby_text, st.text()))
def test_any_text_parses(text):
    fields = parse_fields(text)
    lines = text.removeprefix("\ufeff").count("\n") + 1
    for key, field in fields.items():
        assert key == key.strip(VALUE_TRIM).lower()
        assert 1 <= field.line <= field.value_line <= lines
