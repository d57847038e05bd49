"""A page's body: its action groups found and taken out of its Markdown.

The groups are not rendered here but left as placeholders in the text, which
Markdown then renders as one document (markdown.py): the theme's one
action macro renders them where the page is written (`page_body` in
theme/templates/macros/action.html, with `with_action_groups` below), so an
action has one piece of markup wherever it appears, and a page's actions are
not kept twice in memory for the whole build. Pure: the Markdown renderers
come in as functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kirby.problems import ContentError, Problem
from markupsafe import Markup

from .find import Action, ActionGroup, actions_from_yaml, assign_anchors, check_actions, split_actions

PLACEHOLDER = "<!--action-group:{}-->"
PLACEHOLDERS = re.compile(r"<!--action-group:(\d+)-->")


@dataclass
class Body:
    html: str  # unused: the page's HTML is Markdown's (markdown.py)
    groups: list[ActionGroup] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_groups(
    text: str,
    text_line: int,
    actions_field: tuple[str, int] | None,
    path: str,
) -> tuple[str, Body]:
    """The Text with each action group replaced by its PLACEHOLDER, and the groups.

    The placeholder line is padded with blank lines to the group's own height,
    so that what follows keeps its line numbers; `text_line` is the file's line
    of the text's first line. The groups (and the Actions field's YAML list, if
    any, after them) come back checked, with their anchors; render_groups
    renders their text once the whole page is parsed.
    """
    body = Body("")
    kept = []
    for segment in split_actions(text, text_line):
        if isinstance(segment, str):
            kept.append(segment)
            continue
        height = segment.source.count("\n")
        kept.append("\n" + _group(body, segment) + "\n" * max(height - 1, 2))
    if actions_field:
        value, value_line = actions_field
        try:
            listed = actions_from_yaml(value, value_line)
        except ContentError as error:
            body.problems.append(error.problem(path))
        else:
            if listed:
                kept.append("\n\n" + _group(body, ActionGroup(None, listed, line=value_line)))
    assign_anchors(body.actions)
    body.problems += [Problem(path, n, message) for n, message in check_actions(body.actions)]
    return "".join(kept), body


def render_groups(body: Body, render_inline: Callable[[str, int], str]) -> None:
    """The groups' text rendered: `heading_html`, the actions' `name_html`…"""
    for group in body.groups:
        group.heading_html = render_inline(group.heading, group.line) if group.heading else ""
        for action in group.actions:
            action.name_html = render_inline(action.name, action.line)
            action.need_html = render_inline(action.need, action.line)
            action.synthesis_html = render_inline(action.synthesis, action.line)
            action.extras_html = [(label, render_inline(v, action.line)) for label, v in action.extras]
        # A page keeps its groups for the whole build: the text they were cut
        # from (a few KB a page) is not needed past this point.
        group.source = ""


def _group(body: Body, group: ActionGroup) -> str:
    body.groups.append(group)
    body.actions += group.actions
    return PLACEHOLDER.format(len(body.groups) - 1)


def with_action_groups(html: str, groups) -> list:
    """The body cut at its placeholders: HTML strings, and the groups in between.

    A placeholder with no group (a volunteer's HTML comment that looks like
    one) stays as it is.
    """
    parts = PLACEHOLDERS.split(html)
    for i in range(1, len(parts), 2):
        index = int(parts[i])
        parts[i] = groups[index] if index < len(groups) else PLACEHOLDER.format(index)
    return parts


def groups_html(groups) -> Iterator[str]:
    """Every piece of HTML the groups were rendered to (their links are the page's too)."""
    for group in groups:
        yield group.heading_html
        for action in group.actions:
            yield from (action.name_html, action.need_html, action.synthesis_html)
            yield from (html for _label, html in action.extras_html)


def actions_text(groups) -> str:
    """A page made only of actions is described by them: « Nom : besoin. Nom : besoin. »"""
    parts = []
    for group in groups:
        for action in group.actions:
            name = Markup(action.name_html).striptags()
            need = Markup(action.need_html).striptags()
            parts.append(f"{name} : {need}" if need else name)
    return " ".join(parts)
