"""The actions as a Python-Markdown extension, added to KirbyText through the kirby
plugin's hook (plugins/kirby/README.md, "Markdown extensions").

The Text goes through Markdown as one document. Once Markdown's block parser has
built the tree, a tree processor finds the action groups in it (the paragraphs
and headings at the top level: code, lists, quotes and HTML are Markdown's and
never hold an action) and puts one placeholder where each group was, which the
theme's macro replaces (body.py). The groups' text stays in the document, in
elements of its own, so that Markdown's inline processing renders it with the
rest: a reference link or a footnote of an action may be defined anywhere in
the page. A second tree processor, after all the others, takes those elements
out again as each action's HTML. What it found goes to the page through
`md.kirby_page`: `action_groups` and `actions` become the page's attributes,
the groups' HTML is checked for links like the body, the problems get the
file's lines.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from kirby.kirbytags import TagContext
from kirby.kirbytext import KirbyText, PageText
from kirby.problems import ContentError, Problem
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from markupsafe import Markup

from .body import PLACEHOLDER, Body, actions_text, groups_html
from .find import (
    Action,
    ActionGroup,
    actions_from_yaml,
    assign_anchors,
    check_actions,
    group_heading,
    heading_name,
    paragraph_actions,
    read_action,
)

NAME = "actions.markdown:ActionsExtension"  # what the kirby hook is given
FIELD = "actions"  # a YAML list of actions, after the Text's own (find.py)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_SETEXT = re.compile(r"\s*(=+|-+)\s*")


class _Source:
    """The Text's lines as written, to give what the tree holds its file lines.

    Markdown's tree keeps no line numbers; a paragraph's lines are the file's
    (KirbyTags replaced by placeholders), so each is found again, in order,
    from where the last one was.
    """

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines, self.first_line, self.cursor = lines, first_line, 0

    def find(self, line: str, heading: bool = False) -> int | None:
        """The index of the source line that `line` of the tree was, or None."""
        pieces = [p.strip() for p in HTML_PLACEHOLDER_RE.split(line.strip())[::2] if p.strip()]
        if not pieces:  # only a tag: nothing to recognise it by
            return None
        exact = len(pieces) == 1 and not HTML_PLACEHOLDER_RE.search(line) and not heading
        for j in range(self.cursor, len(self.lines)):
            source = self.lines[j]
            if exact:
                if source.strip() != pieces[0]:
                    continue
            elif not _in_order(pieces, source):
                continue
            elif heading and not (source.lstrip().startswith("#") or (
                    j + 1 < len(self.lines) and _SETEXT.fullmatch(self.lines[j + 1]))):
                continue
            self.cursor = j + 1
            return j
        return None

    def find_before(self, line: str, end: int) -> int | None:
        """The index of the last source line before `end` that `line` was, or None."""
        pieces = [p.strip() for p in HTML_PLACEHOLDER_RE.split(line.strip())[::2] if p.strip()]
        for j in range(min(end, len(self.lines)) - 1, -1, -1):
            if pieces and _in_order(pieces, self.lines[j]):
                return j
        return None

    def file_line(self, index: int | None) -> int:
        return self.first_line + (self.cursor - 1 if index is None else index)


def _in_order(pieces: list[str], line: str) -> bool:
    at = 0
    for piece in pieces:
        at = line.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


class _Finder:
    """One walk over the tree's top level: the groups, their placeholders, their fields."""

    def __init__(self, md: Markdown, source: _Source) -> None:
        self.md, self.source = md, source
        self.groups: list[ActionGroup] = []
        self.fields = etree.Element("div")  # the groups' text, rendered with the page
        self.slots: list[tuple[object, str, etree.Element]] = []  # (owner, attribute, element)
        self.written: dict[int, Action] = {}  # id(action) → as written, when a tag hid it

    def walk(self, root: etree.Element) -> None:
        children, kept, changed = list(root), [], False
        group: ActionGroup | None = None
        before: etree.Element | None = None  # the last element kept, a run's heading maybe
        i = 0
        while i < len(children):
            element = children[i]
            segments, used = self._segments(children, i)
            if not any(isinstance(s, Action) for s in segments):
                kept.append(element)
                before, group = element, None
                i += 1
                continue
            changed = True
            for segment in segments:
                if isinstance(segment, Action):
                    if group is None:
                        group = self._open(kept, before, segment)
                    self._add(group, segment)
                    before = None
                else:
                    before = _paragraph(segment)
                    kept.append(before)
                    group = None
            i += used
        if not changed:
            return
        for element in children:
            root.remove(element)
        root.extend(kept)

    def _segments(self, children: list, i: int) -> tuple[list, int]:
        """What element i (and the paragraph after it, if it names an action) holds."""
        element = children[i]
        if element.tag in _HEADINGS and len(element) == 0 and element.text and i + 1 < len(children):
            name = heading_name(element.text)
            lines = _lines(children[i + 1])
            if name is not None and lines is not None:
                segments = paragraph_actions(lines, name)
                if segments and isinstance(segments[0], Action) and segments[0].line == -1:
                    segments[0].line = self._heading_line(element.text, lines, segments[0])
                    self._place(segments[1:], lines)
                    return segments, 2
        lines = _lines(element)
        if lines is None:
            return [], 1
        segments = paragraph_actions(lines)
        if any(isinstance(s, Action) for s in segments):
            self._place(segments, lines)
        return segments, 1

    def _place(self, segments: list, lines: list[str]) -> None:
        """The file lines of a paragraph's actions; their text as written if a tag hid it."""
        start = None
        for segment in segments:
            if not isinstance(segment, Action):
                continue
            index = segment.line
            if start is None:
                start = self.source.find(lines[index])
                if start is not None:
                    start -= index
            where = None if start is None else start + index
            if where is not None and _has_placeholder(segment):
                self._as_written(segment, read_action(self.source.lines, where))
            segment.line = self.source.file_line(where)

    def _heading_line(self, heading: str, lines: list[str], action: Action) -> int:
        where = self.source.find(heading, heading=True)
        line = self.source.file_line(where)
        start = self.source.find(lines[0])
        if start is not None and _has_placeholder(action):
            self._as_written(action, read_action(self.source.lines, start, action.name))
        return line

    def _as_written(self, action: Action, written: Action | None) -> None:
        # The same block read from the file: a tag's source, not its placeholder,
        # names the anchor and the messages.
        if written is not None and len(written.extras) == len(action.extras):
            self.written[id(action)] = written

    def _open(self, kept: list, before: etree.Element | None, first: Action) -> ActionGroup:
        heading, line = None, 0
        if before is not None and len(before) == 0 and before.text:
            end = first.line - self.source.first_line
            if before.tag in _HEADINGS:
                heading = before.text.strip() or None
                last = before.text
            elif before.tag == "p":
                *rest, last = before.text.split("\n")
                heading = group_heading(last)
                if heading is not None and rest:
                    before.text = "\n".join(rest)
                    before = None  # the paragraph stays, without its last line
            if heading is not None:
                if before is not None:
                    kept.remove(before)
                where = self.source.find_before(last, end)
                line = self.source.first_line + where if where is not None else first.line
        group = ActionGroup(heading, [], line=line)
        self.groups.append(group)
        kept.append(self._placeholder(len(self.groups) - 1))
        if heading is not None:
            self._slot(group, "heading_html", heading)
        return group

    def _add(self, group: ActionGroup, action: Action) -> None:
        written = self.written.pop(id(action), None)
        action.group = group.heading
        group.actions.append(action)
        if not group.line:
            group.line = action.line
        self._slot(action, "name_html", action.name)
        self._slot(action, "need_html", action.need)
        self._slot(action, "synthesis_html", action.synthesis)
        for n, (_label, value) in enumerate(action.extras):
            self._slot((action, n), "extras_html", value)
        if written is not None:
            action.name, action.need, action.synthesis = written.name, written.need, written.synthesis
            action.extras = written.extras

    def add_listed(self, actions: list[Action], line: int,
                   expand: Callable[[str, int], str]) -> etree.Element:
        """The Actions field's group; its placeholder, to go after the Text."""
        group = ActionGroup(None, [], line=line)
        self.groups.append(group)
        for action in actions:
            # Its values are KirbyText whose tags the Text's preprocessor never saw.
            self.written[id(action)] = Action(action.name, "", action.need, action.synthesis,
                                              list(action.extras))
            action.name = expand(action.name, action.line)
            action.need = expand(action.need, action.line)
            action.synthesis = expand(action.synthesis, action.line)
            action.extras = [(label, expand(value, action.line)) for label, value in action.extras]
            self._add(group, action)
        return self._placeholder(len(self.groups) - 1)

    def _placeholder(self, index: int) -> etree.Element:
        element = etree.Element("p")
        element.text = self.md.htmlStash.store(PLACEHOLDER.format(index))
        return element

    def _slot(self, owner, attribute: str, text: str) -> None:
        element = etree.SubElement(self.fields, "p")
        element.text = text
        self.slots.append((owner, attribute, element))


def _has_placeholder(action) -> bool:
    texts = [action.name, action.need, action.synthesis, *(v for _l, v in action.extras)]
    return any(HTML_PLACEHOLDER_RE.search(text) for text in texts)


def _lines(element) -> list[str] | None:
    """A top-level paragraph's lines, as the block parser left them (inline not yet parsed)."""
    if element.tag != "p" or len(element) or not element.text:
        return None
    return element.text.split("\n")


def _paragraph(lines: list[str]) -> etree.Element:
    element = etree.Element("p")
    element.text = "\n".join(lines)
    return element


class _FindProcessor(Treeprocessor):
    def run(self, root) -> None:
        page: PageText | None = getattr(self.md, "kirby_page", None)
        self.md.kirby_actions = None
        if page is None:  # not a page's Text: no actions to keep
            return
        source = page.lines
        finder = _Finder(self.md, _Source(source, page.first_line))
        if any(":" in line for line in source):  # no labelled line, no action: most pages
            finder.walk(root)
        body = Body()
        listed_field = page.fields.get(FIELD)
        if listed_field is not None and listed_field.value:
            # Its values are KirbyText too: rendered with the Text, checked like it.
            try:
                listed = actions_from_yaml(listed_field.value, listed_field.value_line)
            except ContentError as error:
                body.problems.append(error.problem(page.path))
            else:
                if listed:  # after the Text, as the page reads
                    root.append(finder.add_listed(listed, listed_field.value_line,
                                                  page.expand_tags))
        body.groups = finder.groups
        body.actions = [action for group in finder.groups for action in group.actions]
        assign_anchors(body.actions)
        body.problems += [Problem(page.path, n, message)
                          for n, message in check_actions(body.actions)]
        if finder.slots:
            root.append(finder.fields)  # rendered with the page, taken out by _TakeProcessor
        self.md.kirby_actions = (body, finder)
        page.metadata["action_groups"] = body.groups
        page.metadata["actions"] = body.actions
        page.problems.extend(body.problems)


class _TakeProcessor(Treeprocessor):
    """The groups' elements, rendered by Markdown with the page, taken out as HTML."""

    def run(self, root) -> None:
        found = getattr(self.md, "kirby_actions", None)
        page = getattr(self.md, "kirby_page", None)
        self.md.kirby_actions = None
        if found is None or page is None:
            return
        body, finder = found
        if finder.slots:
            root.remove(finder.fields)
        for (owner, attribute, _element), html in zip(finder.slots, self._html(finder.slots),
                                                      strict=True):
            if isinstance(owner, tuple):  # an extra field: (action, its index)
                action, n = owner
                action.extras_html += ((action.extras[n][0], html),)
            else:
                setattr(owner, attribute, html)
        if not getattr(self.md, "kirby_actions_keep_source", False):
            for action in body.actions:
                action.need = action.synthesis = action.extras = None  # see Action
        for action in body.actions:  # most names are plain words: one string, not two
            if action.name_html == action.name:
                action.name_html = action.name
        for group in body.groups:
            if group.heading and HTML_PLACEHOLDER_RE.search(group.heading):
                group.heading = _text(group.heading_html)
                for action in group.actions:
                    action.group = group.heading
            if group.heading_html == group.heading:
                group.heading_html = group.heading
        page.html_parts.extend(groups_html(body.groups))
        # The seo plugin's description of a page with no paragraph: kept only when
        # the Text has none (a page of 10,000 would hold it for nothing).
        if body.actions and not _has_paragraph(root):
            page.metadata["description_fallback"] = actions_text(body.groups)

    def _html(self, slots) -> list[str]:
        # What Markdown does with the whole tree (serializer, then postprocessors:
        # stashed HTML put back, the sanitiser), done once for all the fields,
        # kept apart by a comment that every postprocessor leaves alone.
        if not slots:
            return []
        joined = _FIELD_END.join(self.md.serializer(element) for _o, _a, element in slots)
        for postprocessor in self.md.postprocessors:
            joined = postprocessor.run(joined)
        parts = joined.split(_FIELD_END)
        if len(parts) != len(slots):  # a field's HTML held the marker: one at a time
            parts = [self._html([slot])[0] for slot in slots] if len(slots) > 1 else [joined]
        return [_inner(part) for part in parts]


def _has_paragraph(root) -> bool:
    """Whether the page has a `<p>` with words of its own (not only stashed HTML)."""
    return any(HTML_PLACEHOLDER_RE.sub("", "".join(p.itertext())).strip()
               for p in root.iter("p"))


def _inner(html: str) -> str:
    match = _PARAGRAPH.match(html.strip())
    return match.group(1).strip() if match else html.strip()


_FIELD_END = "<!--actions:field-end-->"


def _text(html: str) -> str:
    return Markup(html).striptags()


class ActionsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"keep_source": [False, "keep each action's source text once it is "
                                              "rendered (tools and tests read it)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.kirby_actions_keep_source = self.getConfig("keep_source")
        # After the block parser, before anything else (the footnotes' 50):
        # the groups' text is then rendered like the rest of the page.
        md.treeprocessors.register(_FindProcessor(md), "actions", 60)
        # After every other tree processor (Markdown's last, "unescape", is 0).
        md.treeprocessors.register(_TakeProcessor(md), "actions-html", -10)
        md.kirby_actions = None


def makeExtension(**kwargs) -> ActionsExtension:  # noqa: N802 (Markdown's API)
    return ActionsExtension(**kwargs)


def find_actions(text: str, first_line: int = 1) -> list[Action]:
    """The actions of a Text, as a page's rendering finds them (for tools and tests)."""
    return [a for g in find_action_groups(text, first_line) for a in g.actions]


def find_action_groups(text: str, first_line: int = 1) -> list[ActionGroup]:
    if not isinstance(text, str):
        return []
    page = PageText("", first_line)
    _engine().render(text, TagContext(), page)
    return page.metadata.get("action_groups", [])


@functools.cache
def _engine() -> KirbyText:
    return KirbyText([ActionsExtension(keep_source=True)])
