"""KirbyText: KirbyTags, then Markdown with hard line breaks (kirby-format.md §3).

The Markdown engines are built once per process and reset between pages: building
one costs more than rendering a seed-sized page. Pure: no Pelican import.
"""

from __future__ import annotations

import dataclasses
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .kirbytags import _TAG_START, TagContext, expand_tags

# Kirby's Markdown (Parsedown) with `breaks: true`; smart quotes stay off.
EXTENSIONS = ["nl2br", "fenced_code", "tables"]
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
# One line that starts with a letter and holds no Markdown or HTML syntax (and
# no tag): Markdown gives it back as it is. Most action names and fields are
# such text, and a Markdown run costs more than the rest of a page
# (tests/property/test_kirbytext.py checks this against the engine).
_PLAIN = re.compile(r"[^\W\d_](?:[^\\`*_\[\]<>&\x00-\x1f\x7f]*[^\\`*_\[\]<>&\x00-\x20\x7f])?")


def plain_inline(text: str) -> str | None:
    """`text` rendered as inline KirbyText when no Markdown is needed, else None."""
    if _PLAIN.fullmatch(text) and not _TAG_START.search(text):
        return text
    return None


class _TagPreprocessor(Preprocessor):
    """Expands tags inside Markdown so that their HTML is stashed, not re-parsed.

    Stashed HTML is put back verbatim at the end: a file name with `_` or `*`
    stays literal, and a lone `(image:)` becomes a block-level figure, not a
    figure inside a paragraph.
    """

    def __init__(self, md: Markdown):
        super().__init__(md)
        self.context = TagContext()

    def run(self, lines: list[str]) -> list[str]:
        context = dataclasses.replace(self.context, stash=self.md.htmlStash.store)
        return expand_tags("\n".join(lines), context).split("\n")


class _KirbyTagsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After whitespace normalisation (30, which turns CRLF into LF), before
        # raw HTML blocks are stashed (20).
        md.preprocessors.register(_TagPreprocessor(md), "kirbytags", 25)


class KirbyText:
    """Renders Text fields; one instance serves every page of every build in a process."""

    def __init__(self) -> None:
        self._block = self._engine()
        self._inline = [self._engine()]  # a free engine per nesting level

    @staticmethod
    def _engine() -> Markdown:
        return Markdown(extensions=[*EXTENSIONS, _KirbyTagsExtension()], output_format="html")

    def render(self, text: str, context: TagContext) -> str:
        """Block KirbyText: the body of a page."""
        return self._convert(self._block, text, self._with_inline(context))

    def render_inline(self, text: str, context: TagContext) -> str:
        """One paragraph's worth of KirbyText without its `<p>`: captions, action fields."""
        if (plain := plain_inline(text)) is not None:
            return plain
        # A caption may hold a tag whose caption is rendered while the outer
        # one still converts: each nesting level needs its own engine.
        engine = self._inline.pop() if self._inline else self._engine()
        try:
            html = self._convert(engine, text, self._with_inline(context))
        finally:
            self._inline.append(engine)
        match = _PARAGRAPH.match(html)
        return match.group(1) if match else html

    def _with_inline(self, context: TagContext) -> TagContext:
        # Captions inside tags are inline KirbyText with the same page context.
        def inline(text: str) -> str:
            return self.render_inline(text, context)

        return dataclasses.replace(context, render_inline=inline)

    @staticmethod
    def _convert(md: Markdown, text: str, context: TagContext) -> str:
        md.reset()
        md.preprocessors["kirbytags"].context = context
        return md.convert(text)
