"""Full-text search: index a built site with Pagefind, each action as its own result.

Run after the build (`make build`, `make publish`): Pagefind reads the HTML that
readers get. Pages mark their indexable part with `data-pagefind-body` (only
`<main>`) and their action cards with `data-pagefind-ignore`; each action is
then added as a record of its own whose URL is `page#anchor`, from actions.json.
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import PagefindIndex

OUTPUT_FOLDER = "pagefind"


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


async def _index(site: Path, records: list[dict]) -> None:
    # The context manager writes the files on exit, to the configured path.
    config = {"force_language": "fr", "output_path": str(site / OUTPUT_FOLDER)}
    async with PagefindIndex(config=config) as index:
        for path in sorted(site.rglob("*.html")):
            if OUTPUT_FOLDER in path.relative_to(site).parts:
                continue
            html = split_elisions(path.read_text(encoding="utf-8"))
            await index.add_html_file(content=html, source_path=path.relative_to(site).as_posix())
        for record in records:
            record = {**record, "content": split_elisions(record["content"])}
            await index.add_custom_record(**record)


def index_site(site: Path) -> None:
    site = Path(site)
    actions_file = site / "actions.json"
    document = json.loads(actions_file.read_text(encoding="utf-8")) if actions_file.exists() else {}
    # In a thread of its own: a caller may already run an event loop (Playwright's
    # synchronous API does), and asyncio.run() refuses to nest.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _index(site, action_records(document))).result()
