"""Full-text search: index a built site with Pagefind, with the results other plugins add.

Run after the build (`make build`, `make publish`): Pagefind reads the HTML that
readers get. Pages mark their indexable part with `data-pagefind-body` (only
`<main>`) and what is indexed otherwise with `data-pagefind-ignore`.

A plugin that wants results of its own (a part of a page found at its anchor)
writes them into the built site as RECORDS_FILE: a JSON list of Pagefind
custom records, `{"url", "content", "language", "meta": {"title", …}}`, the
content's lines as paragraphs. The indexer reads it and takes it out of the
site: it is the index's input, not a page. (The actions plugin writes one
record per action.)
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
RECORDS_FILE = "search-records.json"
RECORDS_FOLDER = "_records"  # in the indexer's scratch copy only


# French elisions: Pagefind's word segmentation (Unicode's) keeps « d’Asnières »
# and « l'emploi » as one word, so « Asnières » would find nothing. A space after
# the apostrophe, in the copy given to the indexer only, splits them (a zero-width
# space does not: Pagefind drops it); the search page takes it out of excerpts.
_ELISION = re.compile(r"(?<![\w'’])(qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst])(['’])(?=\w)", re.I)


def split_elisions(text: str) -> str:
    return _ELISION.sub("\\1\\2 ", text)


def record_page(record: dict) -> str:
    """One record as a small HTML page for the indexer: its words, its meta, its URL.

    Pagefind computes a result's URL from the file's path, so the record's real
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


def read_records(site: Path) -> list[dict]:
    """The records other plugins wrote into the built site (none if they wrote none)."""
    path = Path(site) / RECORDS_FILE
    if not path.exists():
        return []
    records = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    return records


def index_site(site: Path) -> None:
    """Write site/pagefind/ from the built pages and the records plugins added.

    The Pagefind binary indexes a copy of the pages (elisions split) and one
    small page per record. Its Python API was not used: it answers each added
    record after a 0.1 s pause, minutes for a 1,000-page site.
    """
    site = Path(site)
    records = read_records(site)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as scratch:
        copy = Path(scratch)
        for path in site.rglob("*.html"):
            relative = path.relative_to(site)
            if relative.parts[0] == OUTPUT_FOLDER:
                continue
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(split_elisions(path.read_text(encoding="utf-8")), encoding="utf-8")
        for number, record in enumerate(records):
            target = copy / RECORDS_FOLDER / f"{number}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(split_elisions(record_page(record)), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "pagefind_bin", "--site", str(copy),
             "--output-path", str(site / OUTPUT_FOLDER), "--force-language", "fr", "--silent"],
            check=True,
        )
