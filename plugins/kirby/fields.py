"""Kirby's field format (kirby-format.md §2): text to an ordered mapping.

Mirrors Kirby's `Data\\Txt::decode`, keeping the line where each field's key
stands so that problems can point the volunteer at it. Pure: no Pelican.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

# §2.2 — ASCII whitespace only: `\s` would also eat NBSP.
SEPARATOR = re.compile(r"\n----[ \t\n\r\f\v]*\n*")
# §2.5 — Kirby's escaped divider, at the start of the value or of a line.
ESCAPED_DIVIDER = re.compile(r"(^|\n)\\----")
# §2.4 — PHP's trim() set: NBSP and U+FEFF are deliberately not in it.
VALUE_TRIM = " \t\n\r\0\x0b"
# Kirby's Txt::encode escapes a divider at the start of the value or of a line.
_DIVIDER = re.compile(r"(^|\n)----")


@dataclass(frozen=True, slots=True)
class Field:
    value: str
    line: int  # 1-based line of the key
    value_line: int  # 1-based line where the value's first character stands


def normalise_key(raw: str) -> str:
    return raw.strip(VALUE_TRIM).lower().replace("-", "_").replace(" ", "_")


def parse_fields(text: str) -> dict[str, Field]:
    """Fields of a content file, in file order; the last duplicate wins (§2.6)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    fields: dict[str, Field] = {}
    start = 0
    line = 1
    for match in SEPARATOR.finditer(text):
        _add_chunk(fields, text[start : match.start()], line)
        line += text.count("\n", start, match.end())
        start = match.end()
    _add_chunk(fields, text[start:], line)
    return fields


def _add_chunk(fields: dict[str, Field], chunk: str, line: int) -> None:
    colon = chunk.find(":")
    if colon <= 0:  # §2.3: no colon, or the chunk starts with it
        return
    # Interned: each page's fields, field lines and data are keyed by the same few
    # names, held once for the whole site rather than once per page.
    key = sys.intern(normalise_key(chunk[:colon]))
    if not key:
        return
    rest = chunk[colon + 1 :]
    value = rest.strip(VALUE_TRIM)
    lead = len(rest) - len(rest.lstrip(VALUE_TRIM))
    stripped_key = chunk[:colon].lstrip(VALUE_TRIM)
    key_line = line + chunk.count("\n", 0, colon - len(stripped_key))
    fields[key] = Field(
        ESCAPED_DIVIDER.sub(r"\1----", value),
        key_line,
        line + chunk.count("\n", 0, colon + 1 + lead) if value else key_line,
    )


def format_fields(fields: dict[str, str]) -> str:
    """A content file's text from its fields: the inverse of parse_fields (Kirby's Txt::encode).

    Keys are written with a capital (`Title`); values are trimmed as the
    parser trims them, start on the key's line unless they span several
    lines, and have each `----` at a line start escaped as `\\----`. A value
    with a line that starts with `\\----` cannot be written (§2.5: it would
    read back as `----`).
    """
    chunks = []
    for key, value in fields.items():
        value = _DIVIDER.sub(r"\1\\----", value.strip(VALUE_TRIM))
        layout = "\n\n" if "\n" in value or "\r" in value else " "
        chunks.append(f"{key[:1].upper()}{key[1:]}:{layout}{value}")
    return "\n\n----\n\n".join(chunks) + "\n"
