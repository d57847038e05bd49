"""A page's body: its HTML with a placeholder where each action group was.

Markdown renders the page as one document (markdown.py) and leaves the groups
as placeholders: the theme's one action macro renders them where the page is
written (`page_body` in theme/templates/macros/action.html, with
`with_action_groups` below), so an action has one piece of markup wherever it
appears, and a page's actions are not kept twice in memory for the whole build.
Pure: no Markdown, no Pelican.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kirby.problems import Problem
from markupsafe import Markup

from .find import Action, ActionGroup

PLACEHOLDER = "<!--action-group:{}-->"
PLACEHOLDERS = re.compile(r"<!--action-group:(\d+)-->")


@dataclass
class Body:
    """What a page's Text holds of actions (markdown.py fills it)."""

    groups: list[ActionGroup] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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


DESCRIPTION_ENOUGH = 320  # characters: twice what a description shows (plugins/seo: 160)


def actions_text(groups) -> str:
    """A page made only of actions is described by them: « Nom : besoin. Nom : besoin. »

    Only the first ones: a description is cut at 160 characters (plugins/seo), and
    each page keeps this text until then, so a long page's whole list would cost
    memory for nothing.
    """
    parts, length = [], 0
    for group in groups:
        for action in group.actions:
            if length > DESCRIPTION_ENOUGH:
                return " ".join(parts)
            name = Markup(action.name_html).striptags()
            need = Markup(action.need_html).striptags()
            parts.append(f"{name} : {need}" if need else name)
            length += len(parts[-1]) + 1
    return " ".join(parts)

