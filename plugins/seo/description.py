"""A page's description for `<meta name="description">`: plain text, about 160 characters.

Pure: no Pelican import.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from typography.spacing import french_typography_text

LENGTH = 160  # what search engines show of a description
ELLIPSIS = "…"
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML white space; no-break spaces stay
_TRAILING = " ,;:.!?-–—(«\u00a0\u202f"  # not left before the ellipsis


def describe(field: str | None, html: str, length: int = LENGTH) -> str:
    """The `Description` field if given, else the first paragraph of `html`, as plain text."""
    text = _SPACES.sub(" ", field or "").strip() or first_paragraph(html)
    return shorten(french_typography_text(text), length)


def first_paragraph(html: str) -> str:
    """The text of the first `<p>` of `html` that has any, white space collapsed; or ""."""
    if "<p" not in html:
        return ""
    parser = _FirstParagraph()
    try:
        parser.feed(html)
        parser.close()
    except _Found:
        pass
    return parser.text


def shorten(text: str, length: int = LENGTH) -> str:
    """`text` cut at the last word boundary before `length` characters, with « … »."""
    if len(text) <= length:
        return text
    cut = text[: length - len(ELLIPSIS) + 1]
    # Only an ordinary space is a word boundary: a no-break space holds « mot : » together.
    boundary = cut.rfind(" ")
    if boundary > length // 2:
        cut = cut[:boundary]
    else:
        cut = cut[:-1]  # one long word: cut inside it
    return cut.rstrip(_TRAILING) + ELLIPSIS


class _Found(Exception):
    """Stops the tokenizer once the paragraph is read: the rest is not needed."""


class _FirstParagraph(HTMLParser):
    SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the paragraph being read
        self.skipped = 0
        self.parts: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.depth += 1
        elif tag in self.SKIPPED:
            self.skipped += 1
        elif tag == "br" and self.depth:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipped = max(self.skipped - 1, 0)
        elif tag == "p" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.text = _SPACES.sub(" ", "".join(self.parts)).strip()
                self.parts = []
                if self.text:  # an empty paragraph does not count
                    raise _Found

    def handle_data(self, data):
        if self.depth and not self.skipped:
            self.parts.append(data)
