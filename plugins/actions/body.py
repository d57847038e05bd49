"""A page's body: its Markdown rendered around its action groups.

The groups are not rendered here but left as placeholders: the theme's one
action macro renders them (plugins/actions/__init__.py fills the placeholders),
so an action has one piece of markup wherever it appears. Pure: the Markdown
renderers come in as functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kirby.problems import ContentError, Problem

from .find import Action, ActionGroup, actions_from_yaml, assign_anchors, check_actions, split_actions

PLACEHOLDER = "<!--action-group:{}-->"
PLACEHOLDERS = re.compile(r"<!--action-group:(\d+)-->")


@dataclass
class Body:
    html: str  # rendered Markdown, with a PLACEHOLDER where each group goes
    groups: list[ActionGroup] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def render_body(
    text: str,
    text_line: int,
    actions_field: tuple[str, int] | None,
    render: Callable[[str, int], str],
    render_inline: Callable[[str, int], str],
    path: str,
) -> Body:
    """Split, render and check a page's Text (and its Actions field, if any).

    `render(markdown, first_line)` and `render_inline(text, line)` render
    KirbyText; the line lets them place their problems in the file.
    """
    body = Body("")
    html = []
    line = text_line
    for segment in split_actions(text, text_line):
        if isinstance(segment, str):
            html.append(render(segment, line))
            line += segment.count("\n")
        else:
            html.append(_group(body, segment))
            line += segment.source.count("\n")
    if actions_field:
        value, value_line = actions_field
        try:
            listed = actions_from_yaml(value, value_line)
        except ContentError as error:
            body.problems.append(error.problem(path))
        else:
            if listed:
                html.append(_group(body, ActionGroup(None, listed, line=value_line)))
    assign_anchors(body.actions)
    body.problems += [Problem(path, n, message) for n, message in check_actions(body.actions)]
    for group in body.groups:
        group.heading_html = render_inline(group.heading, group.line) if group.heading else ""
        for action in group.actions:
            action.name_html = render_inline(action.name, action.line)
            action.need_html = render_inline(action.need, action.line)
            action.synthesis_html = render_inline(action.synthesis, action.line)
            action.extras_html = [(label, render_inline(v, action.line)) for label, v in action.extras]
    body.html = "".join(html)
    return body


def _group(body: Body, group: ActionGroup) -> str:
    body.groups.append(group)
    body.actions += group.actions
    return PLACEHOLDER.format(len(body.groups) - 1)


def fill_placeholders(html: str, render_group: Callable[[ActionGroup], str], groups) -> str:
    return PLACEHOLDERS.sub(lambda m: render_group(groups[int(m.group(1))]), html)
