"""French spacing around punctuation, on rendered text only.

- a narrow no-break space (U+202F) replaces the ordinary space before `;`, `!`
  and `?`, and stands inside « » (added there when missing);
- a no-break space (U+00A0) replaces the ordinary space before `:`.

Only an existing ordinary space (a run of spaces, tabs or newlines) is replaced
before `; : ! ?`: `https://x`, `18:30` or `?q=1` have none and stay as they are.
A no-break space already there, typed or written as an entity (`&nbsp;`,
`&#8239;`…), is left alone, so the functions are idempotent.

HTML is cut into tokens by the standard library's tokenizer; only text tokens
change, never tags, attributes, comments, or what is inside code, pre, kbd,
samp, script, style or textarea. A space at the end of one text token and the
punctuation at the start of the next (`<em>mot</em> :`, `mot <b>!</b>`) are
seen together across inline elements. Pure: no Pelican import.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

NBSP = "\u00a0"
NNBSP = "\u202f"

# Elements whose text is never touched: code, and text that is not prose.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
# Elements that sit inside a line of text; any other tag starts a new line,
# so a space after it is not a space between two words.
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i img ins kbd mark q s samp small "
    "span strong sub sup time u var wbr".split()
)

_SPACES = " \t\r\n"  # ordinary white space, which a line may break at
_HARD_CHARS = "\u00a0\u202f\u2007\u2009\u200a"  # already-typed non-breaking or thin spaces
_HARD_ENTITIES = (
    "&nbsp;", "&NonBreakingSpace;", "&thinsp;", "&ThinSpace;", "&numsp;",
    "&#160;", "&#8239;", "&#8201;", "&#8199;", "&#8202;",
    *(f"&#{x}{code};" for x in "xX" for hexa in ("a0", "202f", "2009", "2007", "200a")
      for code in (hexa, hexa.upper())),
)
# Where a space might have to change: a space run before ; : ! ? », a » right
# after a character, a « and the spaces after it.
_CANDIDATES = re.compile(r"([ \t\r\n]+)([;:!?»])|(?<![ \t\r\n])»|«([ \t\r\n]*)")
_TRIGGERS = re.compile(r"[;:!?«»]")
# A document whose text, tags left out, has no mark after a space and no
# guillemet has nothing to change: it is returned without being tokenized
# (`alt="Illustration : …"` alone does not make a page worth it). Removing
# `<…>` roughly only ever finds too much, and then the tokenizer decides.
_TAGS = re.compile(r"<[A-Za-z/!?][^>]*>")
_WORTH_PARSING = re.compile(r"[ \t\r\n][;:!?»]|[«»]")

# What comes before a text token, from the tokens already seen.
LINE_START = 0  # start of the text or of a block, or after <br>
SPACE = 1  # an ordinary space
HARD = 2  # a non-breaking space
WORD = 3  # anything else


def french_typography(html: str) -> str:
    """`html` with French spaces around ; : ! ? « » in its text, nowhere else."""
    if not _TRIGGERS.search(html) or not _WORTH_PARSING.search(_TAGS.sub("", html)):
        return html
    parser = _Typographer(html)
    parser.feed(html)
    parser.close()
    return parser.result()


def french_typography_text(text: str) -> str:
    """The same rules on plain text (a title, a field): no tag or entity in it."""
    if not _TRIGGERS.search(text):
        return text
    return _respace(text, LINE_START, entities=False)


def _kind_at_end(text: str, end: int, before: int, entities: bool) -> int:
    """What the text ends with at index `end` (`before` when end is 0)."""
    if end == 0:
        return before
    last = text[end - 1]
    if last in _SPACES:
        return SPACE
    if last in _HARD_CHARS or (entities and last == ";" and text.endswith(_HARD_ENTITIES, 0, end)):
        return HARD
    return WORD


def _respace(text: str, before: int, entities: bool = True) -> str:
    """Apply the rules to one text token; `before` says what precedes it."""

    def replace(match: re.Match) -> str:
        start = match.start()
        if match.group(2):  # spaces, then ; : ! ? or »
            if _kind_at_end(text, start, before, entities) != WORD:
                return match.group()  # a line's first spaces, or a space next to a hard one
            mark = match.group(2)
            return (NBSP if mark == ":" else NNBSP) + mark
        if match.group() == "»":  # right after something
            if _kind_at_end(text, start, before, entities) == WORD:
                return NNBSP + "»"
            return "»"
        # « and the spaces after it
        after = match.end()
        if not match.group(3) and (
            text.startswith(tuple(_HARD_CHARS), after)
            or (entities and text.startswith(_HARD_ENTITIES, after))
        ):
            return "«"
        return "«" + NNBSP

    return _CANDIDATES.sub(replace, text)


class _Typographer(HTMLParser):
    """Copies `html` token by token, each token's source sliced from the original.

    The tokenizer tells where each token starts (getpos); a token runs up to
    the next one's start, so tags, attributes and entities are copied exactly
    as written and only text tokens go through `_respace`.
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.source = html
        self.line_starts = [0]
        for line in html.split("\n")[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.out: list[str] = []
        self.pending_start = 0  # where the token not yet copied starts
        self.pending: tuple[str, str] = ("other", "")  # its kind and tag name
        self.verbatim = 0  # depth inside VERBATIM elements
        self.before = LINE_START  # what the next text token follows
        self.last_text: int | None = None  # index in out of the last prose token of the line

    # --- tokenizer callbacks: each one marks where a token starts ----------------

    def handle_starttag(self, tag, attrs):
        self._token("start", tag)

    def handle_startendtag(self, tag, attrs):
        self._token("void", tag)

    def handle_endtag(self, tag):
        self._token("end", tag)

    def handle_data(self, data):
        self._token("text", "")

    handle_entityref = handle_charref = handle_data  # entities are part of the text

    def handle_comment(self, data):
        self._token("other", "")

    handle_decl = handle_pi = unknown_decl = handle_comment

    def close(self):
        super().close()
        self._copy(len(self.source))

    def result(self) -> str:
        return "".join(self.out)

    # --- copying ----------------------------------------------------------------------

    def _token(self, kind: str, tag: str) -> None:
        if self.pending[0] == "end of file":
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        if kind == "text" and self.source.startswith("<!--", start):
            # A comment never closed runs to the end (the tokenizer gives it
            # back as text, browsers hide it): copied as it is.
            kind = "end of file" if self.source.find("-->", start + 4) < 0 else "other"
        elif kind == "text" and self.pending[0] == "text":
            return  # text, entities and stray `<` form one text token
        self._copy(start)
        self.pending = (kind, tag)

    def _copy(self, end: int) -> None:
        """Copy the pending token, source[pending_start:end], and update the context."""
        raw = self.source[self.pending_start:end]
        self.pending_start = end
        if not raw:
            return
        kind, tag = self.pending
        if kind == "text":
            self._text(raw)
        elif kind in ("other", "end of file"):  # comments and declarations change nothing
            self.out.append(raw)
        else:
            self.out.append(raw)
            if tag in VERBATIM:
                if kind == "start":
                    self.verbatim += 1
                elif kind == "end":
                    self.verbatim = max(self.verbatim - 1, 0)
                self.last_text = None  # a space before code is not before what follows it
            if tag not in INLINE:
                self.before, self.last_text = LINE_START, None

    def _text(self, raw: str) -> None:
        if self.verbatim:
            self.out.append(raw)
            self.before = _kind_at_end(raw, len(raw), self.before, True)
            return
        if _TRIGGERS.search(raw):
            if self.before == SPACE and raw[0] in ";:!?»" and self.last_text is not None:
                self._move_space_before(raw[0])
            raw = _respace(raw, self.before)
        self.out.append(raw)
        self.last_text = len(self.out) - 1
        self.before = _kind_at_end(raw, len(raw), self.before, True)

    def _move_space_before(self, mark: str) -> None:
        """`mot <b>!</b>`: the space before the mark ended the previous text token."""
        previous = self.out[self.last_text]
        word = previous.rstrip(_SPACES)
        if word and _kind_at_end(word, len(word), LINE_START, True) == WORD:
            self.out[self.last_text] = word + (NBSP if mark == ":" else NNBSP)
            self.before = HARD
