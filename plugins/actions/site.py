"""Pelican glue: action groups rendered by the theme's macro, /actions/ and actions.json."""

from __future__ import annotations

import json
import os
import re
from html import unescape
from itertools import chain

from pelican.generators import Generator

from .body import fill_placeholders

MACROS = "macros/action.html"
INDEX_TEMPLATE = "actions.html"
INDEX_SAVE_AS = "actions/index.html"
JSON_SAVE_AS = "actions.json"


def fill_pages(generator) -> None:
    """Put each page's action groups, rendered by the one macro, into its body."""
    render_group = generator.env.get_template(MACROS).module.action_group
    for page in chain(generator.pages, generator.hidden_pages):
        groups = getattr(page, "action_groups", None)
        if groups:
            # From kirby_body, not _content: a page kept in memory by the
            # preview loop must be filled afresh, with the current macro.
            page._content = fill_placeholders(page.kirby_body, lambda g: str(render_group(g)), groups)


def get_generators(pelican):
    return ActionsGenerator


class ActionsGenerator(Generator):
    """Writes /actions/ and actions.json from the pages already read."""

    def generate_context(self):
        pages = [p for p in self.context.get("pages", []) if getattr(p, "actions", None)]
        self.action_pages = [{"page": page, "actions": page.actions} for page in pages]
        self.context["action_pages"] = self.action_pages
        self.context["action_count"] = sum(len(item["actions"]) for item in self.action_pages)

    def generate_output(self, writer):
        writer.write_file(
            INDEX_SAVE_AS,
            self.get_template("actions"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="actions/",
        )
        path = os.path.join(self.output_path, JSON_SAVE_AS)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(actions_document(self.action_pages, self.settings), handle,
                      ensure_ascii=False, indent=2)
            handle.write("\n")


def actions_document(action_pages, settings) -> dict:
    """The open-data export; its shape is schema/actions.schema.json."""
    site_url = settings.get("SITEURL", "")
    actions = []
    for item in action_pages:
        page = item["page"]
        page_url = f"{site_url}/{page.url}"
        for action in item["actions"]:
            actions.append({
                "name": action.name,
                "anchor": action.anchor,
                "url": f"{page_url}#{action.anchor}",
                "page": {"title": page.title, "url": page_url},
                "group": action.group,
                "need": _text_and_html(action.need_html),
                "synthesis": _text_and_html(action.synthesis_html),
                "extras": [
                    {"label": label, **_text_and_html(html)} for label, html in action.extras_html
                ],
            })
    return {
        "site": settings.get("SITENAME", ""),
        "count": len(actions),
        "actions": actions,
    }


_BREAK = re.compile(r"<br\s*/?>\n?", re.I)
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def _text_and_html(html: str) -> dict:
    # Not markupsafe's striptags: it folds spaces, and the text must keep the
    # volunteer's words exactly; a <br> (a newline in the file) stays a newline.
    text = unescape(_TAG_OR_COMMENT.sub("", _BREAK.sub("\n", html)))
    return {"text": text, "html": html}
