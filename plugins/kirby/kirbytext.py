"""KirbyText: KirbyTags, then Markdown with hard line breaks (kirby-format.md §3).

The Markdown engines are built once per process (per set of extensions) and
reset between pages: building one costs more than rendering a seed-sized page.
Other plugins add behaviour with Python-Markdown extensions of their own
(README.md, "Markdown extensions"); while a page renders, `md.kirby_page` is its
PageText, where an extension finds the page's fields and leaves what it found.
Pure: no Pelican import.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .fields import Field
from .kirbytags import _TAG_START, TagContext, expand_tags
from .problems import Problem
from .sanitize import Sanitizer
from .textcheck import TextCheck
from .uuids import parse_reference, resolve_in_html, unknown_message

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


@dataclass
class PageText:
    """One page's Text while it renders: what an extension may read, and leave.

    `md.kirby_page` during `KirbyText.render`; None outside a page (a caption).
    """

    path: str = ""  # "content/1_emploi/page.md", for problems
    first_line: int = 1  # the file's line of the text's first line
    fields: dict[str, Field] = field(default_factory=dict)  # all the page's fields
    files: Collection[str] = ()  # the names of the page's files
    # expand_tags(text, file_line): the KirbyTags of another field's text, for an
    # extension that adds it to the document; their HTML is stashed like the Text's,
    # their problems go to `problems` at file lines. Set while the page renders.
    expand_tags: Callable[[str, int], str] = lambda text, line: text
    metadata: dict = field(default_factory=dict)  # becomes the page's attributes
    problems: list[Problem] = field(default_factory=list)  # with file lines
    html_parts: list[str] = field(default_factory=list)  # more of the page's HTML (links)
    file_lines: Sequence[str] = ()  # the whole content file, for `locate`
    # The Text's lines as Markdown reads them (tabs expanded, "\n" line ends),
    # kept by KirbyText's first preprocessor.
    lines: list[str] = field(default_factory=list)

    def locate(self, needle: str) -> int:
        """The file line of the first line holding `needle`: in the Text, then in
        the whole file (another field), else the Text's first line."""
        if needle:
            for index, line in enumerate(self.lines):
                if needle in line:
                    return self.first_line + index
            for index, line in enumerate(self.file_lines):
                if needle in line:
                    return index + 1
        return self.first_line


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
        context = dataclasses.replace(self.context, stash=tag_stash(self.md))
        return expand_tags("\n".join(lines), context).split("\n")


def tag_stash(md: Markdown) -> Callable[[str], str]:
    """`md.htmlStash.store`, noting which entries are KirbyTags' HTML (the Text
    check looks at the rest: what a volunteer typed)."""
    def store(html: str) -> str:
        md.kirby_tag_html.add(len(md.htmlStash.rawHtmlBlocks))
        return md.htmlStash.store(html)

    return store


class _LinesPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = self.md.kirby_page
        if page is not None:
            page.lines = lines
        self.md.kirby_tag_html = set()
        # Whether a reference may be in what this rendering holds: the text, or a
        # field an extension adds to it (the actions'). Most pages have none.
        self.md.kirby_references = any(_REFERENCE_MARK.search(line) for line in lines) or (
            page is not None and any(_REFERENCE_MARK.search(f.value) for f in page.fields.values()))
        return lines


_REFERENCE_MARK = re.compile(r"(?:page|file)://|/@/")


# Text with no character any of these inline patterns looks for (the ones of
# KirbyText's Markdown, footnotes and Kirby 2's Markdown Extra): inline processing
# would give it back unchanged. A site's extension that adds another pattern
# (smarty's quotes, say) turns the fast path off.
_INLINE_PATTERNS = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference",
    "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html",
    "entity", "not_strong", "em_strong", "em_strong2", "strong_em", "nl", "footnote",
})
# The tree processors known to read an AtomicString's text as any other (abbr's and
# attr_list's skip it: with them, the fast path is off).
_TREE_PROCESSORS = frozenset({
    "inline", "prettify", "unescape", "kirby-plain-text", "kirby-references", "kirby-check",
    "actions", "actions-html", "toc", "footnote", "footnote-duplicate",
})
_INERT = re.compile(r"[^\\`*_\[\]<>&\x00-\x1f\x7f]*")


class _PlainText(Treeprocessor):
    """Marks the text of elements that no inline pattern can change as Markdown's
    AtomicString, which its inline processor leaves alone.

    Python-Markdown tries each of its inline patterns on each text, most of a
    page's rendering time; an action's name, need and synthesis, a heading, a
    short paragraph are mostly plain words (tests/property/test_kirbytext.py
    checks the output is the same).
    """

    def run(self, root) -> None:
        patterns, processors = self.md.inlinePatterns, self.md.treeprocessors
        if (sum(name in patterns for name in _INLINE_PATTERNS) != len(patterns)
                or sum(name in processors for name in _TREE_PROCESSORS) != len(processors)):
            return
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString) and _INERT.fullmatch(text):
                element.text = AtomicString(text)


class _References(Treeprocessor):
    """Kirby's `page://`, `file://` and `/@/…` permalinks in Markdown links and images
    and in raw HTML, resolved to their URLs (uuids.py) before the Text is checked.

    An unknown one is a problem: its link keeps its text without an href, its image
    gives way to its alternative text.
    """

    def run(self, root) -> None:
        if not getattr(self.md, "kirby_references", True):
            return
        page = getattr(self.md, "kirby_page", None)
        context = self.md.preprocessors["kirbytags"].context
        references = context.references
        unknown: list[str] = []

        def url_of(reference: str) -> str | None:
            return references.url(reference) if references is not None else None

        for parent in root.iter():
            for child in list(parent):
                name = {"a": "href", "img": "src"}.get(child.tag)
                value = child.get(name) if name else None
                if not value or not parse_reference(value):
                    continue
                url = url_of(value)
                if url is not None:
                    child.set(name, url)
                    continue
                unknown.append(value)
                if child.tag == "a":
                    del child.attrib["href"]
                else:
                    _replace_by_text(parent, child, child.get("alt") or "")
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, html in enumerate(blocks):
            if isinstance(html, str):
                blocks[index], missing = resolve_in_html(html, url_of)
                unknown += missing
        if page is not None:
            page.problems += [Problem(page.path, page.locate(reference), unknown_message(reference))
                              for reference in unknown]


def _replace_by_text(parent, child, text: str) -> None:
    index = list(parent).index(child)
    text += child.tail or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class _KirbyTagsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"sanitize": [True, "run the sanitiser on the engine's output"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After whitespace normalisation (30, which turns CRLF into LF), before
        # KirbyTags, code and raw HTML are stashed.
        md.preprocessors.register(_LinesPreprocessor(md), "kirby-lines", 29)
        # Before raw HTML blocks are stashed (20).
        md.preprocessors.register(_TagPreprocessor(md), "kirbytags", 25)
        # After the inline patterns (20): Markdown's links and images are made;
        # references resolved first, so that the check sees where they lead.
        # Just before the inline patterns, after what extensions add to the tree.
        md.treeprocessors.register(_PlainText(md), "kirby-plain-text", 20.5)
        md.treeprocessors.register(_References(md), "kirby-references", 19.5)
        md.treeprocessors.register(TextCheck(md), "kirby-check", 19)
        # Last of all, on the HTML as it leaves the engine (sanitize.py). Not in the
        # inline engines: a caption's HTML is part of its tag's, which the page's
        # engine sanitises with the rest (once, not twice).
        if self.getConfig("sanitize"):
            md.postprocessors.register(Sanitizer(md), "kirby-sanitize", -100)
        md.kirby_tag_html = set()


# Markdown returns "" for a blank text without running any extension: a page
# whose Text is blank still has an extension's fields to read (an Actions list),
# so it renders this empty comment instead, taken out of the HTML afterwards.
_BLANK = "<!---->"


class KirbyText:
    """Renders Text fields; one instance serves every page of every build in a process.

    `extensions` (Python-Markdown extensions, or their "module:Class" names) and
    `extension_configs` are added to KirbyText's own in the block engine, that
    renders a page's Text; inline text (captions, short fields) stays KirbyText.
    """

    def __init__(self, extensions: Sequence = (), extension_configs: dict | None = None) -> None:
        self._extensions = list(extensions)
        self._configs = dict(extension_configs or {})
        self._block = self._engine(self._extensions, self._configs)
        self._inline = [self._engine(inline=True)]  # a free engine per nesting level

    @staticmethod
    def _engine(extensions: Sequence = (), configs: dict | None = None,
                inline: bool = False) -> Markdown:
        md = Markdown(extensions=[*EXTENSIONS, _KirbyTagsExtension(sanitize=not inline),
                                  *extensions],
                      extension_configs=configs or {}, output_format="html")
        md.kirby_page = None
        return md

    def render(self, text: str, context: TagContext, page: PageText | None = None) -> str:
        """Block KirbyText: the body of a page, rendered as one document."""
        blank = page is not None and not text.strip()
        self._block.kirby_page = page
        if page is not None:
            page.expand_tags = self._tag_expander(self._block, context, page)
        try:
            html = self._convert(self._block, _BLANK if blank else text, self._with_inline(context))
        finally:
            self._block.kirby_page = None
        return html.replace(_BLANK, "", 1).strip() if blank else html

    def render_inline(self, text: str, context: TagContext) -> str:
        """One paragraph's worth of KirbyText without its `<p>`: a tag's caption.

        Not sanitised on its own: it is part of its tag's HTML, which the page's
        rendering sanitises."""
        if (plain := plain_inline(text)) is not None:
            return plain
        # A caption may hold a tag whose caption is rendered while the outer
        # one still converts: each nesting level needs its own engine.
        engine = self._inline.pop() if self._inline else self._engine(inline=True)  # nested
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

    def _tag_expander(self, md: Markdown, context: TagContext, page: PageText):
        def expand(text: str, file_line: int) -> str:
            own = dataclasses.replace(self._with_inline(context), stash=tag_stash(md),
                                      problems=[])
            html = expand_tags(text, own)
            page.problems.extend(dataclasses.replace(p, path=page.path, line=file_line + p.line - 1)
                                 for p in own.problems)
            return html

        return expand

    @staticmethod
    def _convert(md: Markdown, text: str, context: TagContext) -> str:
        md.reset()
        md.preprocessors["kirbytags"].context = context
        return md.convert(text)


def text_problems(text: str, first_line: int = 1, files: Collection[str] = (),
                  path: str = "") -> list[Problem]:
    """The Text check's problems of a text (tools and tests; a page's come with its rendering)."""
    page = PageText(path, first_line, files=files)
    _checking().render(text, TagContext(), page)
    return page.problems


@functools.cache
def _checking() -> KirbyText:
    return KirbyText()
