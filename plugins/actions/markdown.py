"""The actions as a Python-Markdown extension, added to KirbyText through the kirby
plugin's hook (plugins/kirby/README.md, "Markdown extensions").

Its preprocessor runs first (before KirbyTags, on the text as written, so that
lines are the file's): it takes the action groups out of the Text, leaving one
placeholder each (body.py), and the rest of the text goes on through Markdown as
one document, so that a reference link or a footnote defined after a group
still resolves. Its tree processor then renders the groups' own text as inline
KirbyText, with the page's reference definitions. What it found goes to the page through `md.kirby_page`:
`action_groups` and `actions` become the page's attributes, the groups' HTML is
checked for links like the body, the problems get the file's lines.
"""

from __future__ import annotations

from kirby.strict import text_problems
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .body import Body, actions_text, find_groups, groups_html, render_groups

NAME = "actions.markdown:ActionsExtension"  # what the kirby hook is given
FIELD = "actions"  # a YAML list of actions, after the Text's own (find.py)


class _ActionsPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = getattr(self.md, "kirby_page", None)
        if page is None:  # not a page's Text: nothing to keep the actions for
            return lines
        listed = page.fields.get(FIELD)
        text, body = find_groups(
            "\n".join(lines), page.first_line,
            (listed.value, listed.value_line) if listed else None, page.path,
        )
        self.md.kirby_actions = body
        if listed is not None and listed.value:  # its values are KirbyText too
            page.problems.extend(text_problems(listed.value, listed.value_line, page.files,
                                               page.path))
        page.metadata["action_groups"] = body.groups
        page.metadata["actions"] = body.actions
        page.problems.extend(body.problems)
        return text.split("\n")


class _ActionsTreeprocessor(Treeprocessor):
    """The groups' text rendered once the whole Text is parsed: a reference link
    of an action may use a definition written anywhere in the page."""

    def run(self, root) -> None:
        body: Body | None = getattr(self.md, "kirby_actions", None)
        page = getattr(self.md, "kirby_page", None)
        if body is None or page is None:
            return
        self.md.kirby_actions = None
        render_groups(body, page.render_inline)
        page.html_parts.extend(groups_html(body.groups))
        if body.actions:  # the seo plugin's description of a page with no paragraph
            page.metadata["description_fallback"] = actions_text(body.groups)


class ActionsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After whitespace normalisation (30), before KirbyTags (25): the text as
        # the volunteer wrote it, its lines the file's.
        md.preprocessors.register(_ActionsPreprocessor(md), "actions", 27)
        # Any time after the block parser (references known), before inline (20).
        md.treeprocessors.register(_ActionsTreeprocessor(md), "actions", 25)
        md.kirby_actions = None


def makeExtension(**kwargs) -> ActionsExtension:  # noqa: N802 (Markdown's API)
    return ActionsExtension(**kwargs)
