"""Pelican glue: the theme's filter for action groups, /actions/, actions.json, and one
search result per action (the search plugin's records file, plugins/search/index.py)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html import unescape
from itertools import chain
from typing import NamedTuple

from kirby.problems import Problem, source_of
from kirby.reader import report
from kirby.settings import add_markdown_extension
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from .body import with_action_groups

INDEX_SAVE_AS = "actions/index.html"
JSON_SAVE_AS = "actions.json"
# Read (and taken out of the site) by the search plugin's indexer, when it runs.
SEARCH_RECORDS_SAVE_AS = "search-records.json"


class ActionPage(NamedTuple):
    """A page and its actions, as the theme lists them (`item.page`, `item.actions`):
    a tuple, since the site keeps one per page until it is written."""

    page: object
    actions: list


def use_markdown_extension(pelican) -> None:
    """Actions are found in each page's Text by a Markdown extension (markdown.py)."""
    from .markdown import NAME

    add_markdown_extension(pelican.settings, NAME)


def add_filters(generator) -> None:
    """`with_action_groups` for the theme's `page_body` macro (macros/action.html): a
    global, that the macros imported without context see."""
    generator.env.globals["with_action_groups"] = with_action_groups


def get_generators(pelican):
    return ActionsGenerator


class ActionsGenerator(Generator):
    """Writes /actions/ and actions.json from the pages already read."""

    def generate_context(self):
        pages = [p for p in self.context.get("pages", []) if getattr(p, "actions", None)]
        self.action_pages = [ActionPage(page, page.actions) for page in pages]
        self.context["action_pages"] = self.action_pages
        self.context["action_count"] = sum(len(item.actions) for item in self.action_pages)
        self.taken = _taken_addresses(self.context)

    def generate_output(self, writer):
        if INDEX_SAVE_AS not in self.taken:
            self._stream(INDEX_SAVE_AS, self.get_template("actions"), url="actions/")
        if JSON_SAVE_AS not in self.taken:
            path = os.path.join(self.output_path, JSON_SAVE_AS)
            with open(path, "w", encoding="utf-8") as handle:
                handle.writelines(actions_json(self.action_pages, self.settings))
        if self.action_pages and SEARCH_RECORDS_SAVE_AS not in self.taken:
            records = search_records(action_records(self.action_pages, self.settings.get("SITEURL", "")),
                                     self.settings.get("DEFAULT_LANG", "fr"))
            with open(os.path.join(self.output_path, SEARCH_RECORDS_SAVE_AS), "w",
                      encoding="utf-8") as handle:
                handle.writelines(json_array(records))

    def _stream(self, name, template, **variables):
        """Pelican's writer, without the whole page as one string.

        The writer renders a file into one string before writing it; the list
        of every action is the one output that grows with the whole site (MBs
        at thousands of pages), so it goes to the file as Jinja renders it.
        """
        context = {**self.context, "localsiteurl": None, "output_file": name, **variables}
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            template.stream(context).dump(handle)
        signals.content_written.send(path, context=context)


def _taken_addresses(context) -> set[str]:
    """Our outputs that a page already claims: the page is kept, and reported."""
    taken = set()
    for page in chain(context.get("pages", []), context.get("hidden_pages", [])):
        if page.save_as in (INDEX_SAVE_AS, JSON_SAVE_AS):
            taken.add(page.save_as)
            problem = Problem(
                source_of(page), 1,
                f"cette page a l’adresse /{page.url}, où le site publie la liste des "
                "actions : renommez son dossier (le nom après le numéro donne l’adresse).")
            page.problems.append(problem)
            report(problem)
    return taken


def actions_json(action_pages, settings) -> Iterator[str]:
    """The open-data export (schema/actions.schema.json), a piece at a time.

    One action a line: readable and diff-friendly without the indentation
    that doubled the file, and never the whole document in memory at once
    (it is several MB on a site of thousands of pages).
    """
    count = sum(len(item.actions) for item in action_pages)
    head = json.dumps({"site": settings.get("SITENAME", ""), "count": count},
                      ensure_ascii=False)
    yield head[:-1] + ', "actions": ['
    separator = "\n"
    for record in action_records(action_pages, settings.get("SITEURL", "")):
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def action_records(action_pages, site_url: str) -> Iterator[dict]:
    for item in action_pages:
        page = item.page
        page_url = f"{site_url}/{page.url}"
        for action in item.actions:
            yield {
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
            }


def json_array(items) -> Iterator[str]:
    """A JSON array, one item at a time: the search records of every action are
    tens of MB at 10,000 pages, as a list and again as one string."""
    separator = "["
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "[]" if separator == "[" else "]"


def search_records(records, language: str) -> Iterator[dict]:
    """One search result per action (Pagefind custom records): its words, page, anchor."""
    for action in records:
        extras = [f"{extra['label']} : {extra['text']}" for extra in action["extras"]]
        content = "\n".join([
            action["name"],
            f"Besoin identifié : {action['need']['text']}",
            f"Synthèse de l’action : {action['synthesis']['text']}",
            *extras,
        ])
        yield {"url": action["url"], "content": content, "language": language,
               "meta": {"title": action["name"], "page": action["page"]["title"]}}


_BREAK = re.compile(r"<br\s*/?>\n?", re.I)
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def _text_and_html(html: str) -> dict:
    # Not markupsafe's striptags: it folds spaces, and the text must keep the
    # volunteer's words exactly; a <br> (a newline in the file) stays a newline.
    text = unescape(_TAG_OR_COMMENT.sub("", _BREAK.sub("\n", html)))
    return {"text": text, "html": html}
