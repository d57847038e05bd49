"""Full-text search: index a built site with Pagefind, each action as its own result.

Run after the build (`make build`, `make publish`): Pagefind reads the HTML that
readers get. Pages mark their indexable part with `data-pagefind-body` (only
`<main>`) and their action cards with `data-pagefind-ignore`; each action is
then indexed as a result of its own, from actions.json, that links to `page#anchor`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

OUTPUT_FOLDER = "pagefind"
ACTIONS_FOLDER = "_actions"  # in the indexer's scratch copy only


def action_records(actions_document: dict) -> list[dict]:
    """Pagefind custom records, one per action: its words, its page, its anchor."""
    records = []
    for action in actions_document.get("actions", []):
        extras = [f"{extra['label']} : {extra['text']}" for extra in action["extras"]]
        content = "\n".join(
            [
                action["name"],
                f"Besoin identifié : {action['need']['text']}",
                f"Synthèse de l’action : {action['synthesis']['text']}",
                *extras,
            ]
        )
        records.append(
            {
                "url": action["url"],
                "content": content,
                "language": "fr",
                "meta": {"title": action["name"], "page": action["page"]["title"]},
            }
        )
    return records


# French elisions: Pagefind's word segmentation (Unicode's) keeps « d’Asnières »
# and « l'emploi » as one word, so « Asnières » would find nothing. A space after
# the apostrophe, in the copy given to the indexer only, splits them (a zero-width
# space does not: Pagefind drops it); the search page takes it out of excerpts.
_ELISION = re.compile(r"(?<![\w'’])(qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst])(['’])(?=\w)", re.I)


def split_elisions(text: str) -> str:
    return _ELISION.sub("\\1\\2 ", text)


def action_page(record: dict) -> str:
    """One action as a small HTML page for the indexer: its words, its page, its anchor.

    Pagefind computes a result's URL from the file's path, so the action's real
    URL (`page#anchor`) travels as the `target` metadata, which the search page
    links to.
    """
    meta = "".join(
        f'<span data-pagefind-meta="{key}">{escape(value)}</span>'
        for key, value in (("target", record["url"]), *record["meta"].items())
    )
    words = "".join(f"<p>{escape(line)}</p>" for line in record["content"].split("\n"))
    return (
        f'<!doctype html><html lang="{record["language"]}"><head><meta charset="utf-8">'
        f"<title>{escape(record['meta']['title'])}</title></head><body>"
        f"<main data-pagefind-body>{words}</main>{meta}</body></html>"
    )


def index_site(site: Path) -> None:
    """Write site/pagefind/ from the built pages and the site's actions.

    The Pagefind binary indexes a copy of the pages (elisions split) and one
    small page per action. Its Python API was not used: it answers each added
    record after a 0.1 s pause, minutes for a 1,000-page site.
    """
    site = Path(site)
    actions_file = site / "actions.json"
    document = json.loads(actions_file.read_text(encoding="utf-8")) if actions_file.exists() else {}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
        copy = Path(scratch)
        for path in site.rglob("*.html"):
            relative = path.relative_to(site)
            if relative.parts[0] == OUTPUT_FOLDER:
                continue
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(split_elisions(path.read_text(encoding="utf-8")), encoding="utf-8")
        for number, record in enumerate(action_records(document)):
            target = copy / ACTIONS_FOLDER / f"{number}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(split_elisions(action_page(record)), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "pagefind_bin", "--site", str(copy),
             "--output-path", str(site / OUTPUT_FOLDER), "--force-language", "fr", "--silent"],
            check=True,
        )
