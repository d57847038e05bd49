"""Reading and rendering one seed-sized page: KirbyReader against Pelican's MarkdownReader.

The frozen seed page (tests/fixtures/seed-site/1_acces-a-l-emploi/page.md) is read by our reader in
its own folder; the same text as a native Markdown page (its Title as
metadata, the image tag as a Markdown image) by Pelican's MarkdownReader with
the stock settings of bench/stockconf.py. Both read the same number of times,
in alternating blocks, after a warm-up; the figure is the median per page.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_SITE = ROOT / "tests" / "fixtures" / "seed-site"
SEED = SEED_SITE / "1_acces-a-l-emploi" / "page.md"


def native_text(seed: str) -> str:
    from kirby.fields import parse_fields

    fields = parse_fields(seed)
    text = fields["text"].value.replace(
        "(image: insertion.png)", "![Illustration]({static}/images/insertion.png)")
    return f"Title: {fields['title'].value}\n\n{text}\n"


def readers():
    """(ours, stock): KirbyReader on the seed site, MarkdownReader as stock Pelican has it."""
    from kirby.reader import KirbyReader
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    ours = KirbyReader(read_settings(str(ROOT / "pelicanconf.py"),
                                     override={"PATH": str(SEED_SITE)}))
    stock = MarkdownReader(read_settings(str(ROOT / "bench" / "stockconf.py")))
    return ours, stock


def measure(blocks: int = 20, per_block: int = 25) -> dict:
    """Median seconds per page for each reader, and how many Markdown engines reading built."""
    import markdown

    ours, stock = readers()
    with tempfile.TemporaryDirectory() as folder:
        native = Path(folder) / "acces-a-l-emploi.md"
        native.write_text(native_text(SEED.read_text(encoding="utf-8")), encoding="utf-8")
        jobs = {"ours": (ours, str(SEED)), "stock": (stock, str(native))}
        for reader, path in jobs.values():  # warm-up: caches, lazy imports
            for _ in range(per_block):
                reader.read(path)
        engines = _count_engines(markdown, lambda: ours.read(str(SEED)), per_block)
        samples = {name: [] for name in jobs}
        for block in range(blocks):
            order = list(jobs) if block % 2 == 0 else list(reversed(jobs))
            for name in order:
                reader, path = jobs[name]
                start = time.perf_counter()
                for _ in range(per_block):
                    reader.read(path)
                samples[name].append((time.perf_counter() - start) / per_block)
    return {
        "ours": statistics.median(samples["ours"]),
        "stock": statistics.median(samples["stock"]),
        "ours_samples": samples["ours"],
        "stock_samples": samples["stock"],
        "markdown_engines_built_per_read": engines,
    }


def _count_engines(markdown, read, times: int) -> float:
    """Markdown instances created per read (0: the engine is built once per build)."""
    built = 0
    original = markdown.Markdown.__init__

    def counting(self, *args, **kwargs):
        nonlocal built
        built += 1
        original(self, *args, **kwargs)

    markdown.Markdown.__init__ = counting
    try:
        for _ in range(times):
            read()
    finally:
        markdown.Markdown.__init__ = original
    return built / times
