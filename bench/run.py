"""`make bench`: our build against stock Pelican on the same pages, the preview's
latency, the reading of one seed-sized page, and the content path of CI
(`make check && make publish` of the real site on a fresh clone, bench/publish.py).

    python -m bench.run [--sizes 100,1000,5000] [--runs 5]

For each size, bench/sites.py writes a Kirby site and the same pages as a
native Markdown site. Each site is built with the real command (`python -m
pelican <content> -s <settings> -o <output>`, a fresh process and a new
output folder each time): ours with pelicanconf.py (every plugin, the theme),
stock Pelican with bench/stockconf.py (its Markdown reader with nl2br, its
`simple` theme, no plugin). After a warm-up, the two alternate, each order in
turn, `--runs` times; the figures are medians, with min–max, and the peak
memory of each build process (its maximum resident set size). On a noisy
machine only the medians of alternating runs mean anything.

Then the realistic corpus (bench_scale): a bilingual Kirby site with ~3 % broken
links, footnotes and images with meta per language, at 1,000 and 10,000 pages,
for the cost per page at each size, the peak memory against stock Pelican on
the same pages, and the preview's latency at 10,000 (`BENCH_ONLY=scale` runs it
alone).

Results go to .bench/results.json (every sample) and to the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import editor, latency, publish, reading, sanitizer
from bench.sites import (SECTIONS, SEED_SITE, kirby_page_file, native_page_file,
                         realistic_folders, realistic_page_file, write_kirby_site,
                         write_native_site,
                         write_realistic_native_site, write_realistic_site)

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
LOGS = WORK / "logs"
OURS_SETTINGS = ROOT / "pelicanconf.py"
STOCK_SETTINGS = ROOT / "bench" / "stockconf.py"
REAL_SETTINGS = ROOT / "bench" / "realconf.py"
STOCK_REAL_SETTINGS = ROOT / "bench" / "stockrealconf.py"
# The realistic corpus (issue 16): the small size, the large one; and how many
# alternating runs of each (a 10,000-page bilingual build takes minutes here).
SCALE_SIZES = [int(s) for s in os.environ.get("BENCH_SCALE_SIZES", "1000,10000").split(",")
               if s.strip()]
SCALE_RUNS = int(os.environ.get("BENCH_SCALE_RUNS", "3"))
PREVIEW_SIZE = 1000
PREVIEW_RUNS = 7
SETTLE_SECONDS = int(os.environ.get("BENCH_SETTLE", "65"))


def build(content: Path, settings: Path, output: Path) -> tuple[float, int]:
    """One build in a fresh process: (wall seconds, peak resident memory in bytes)."""
    shutil.rmtree(output, ignore_errors=True)
    # The last build's writes are flushed now, not charged to the build that
    # follows (whichever of the two it is).
    os.sync()
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
               "-o", str(output), "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"la construction a échoué ({' '.join(command)}) :\n{errors}")
    return seconds, usage.ru_maxrss * 1024  # Linux gives kilobytes


def settle() -> None:
    """Let the file system forget the files deleted just before the benchmark.

    Without a journal (as on this machine), ext4 does not reuse an inode
    freed in the last minute (five while its table is unwritten) and searches
    past each such inode whenever it makes a file. A benchmark started right
    after `make test` or another benchmark, which delete thousands of files,
    made every build slower, the more so the more files it writes.
    """
    os.sync()
    print(f"Pause de {SETTLE_SECONDS} s : le disque oublie les fichiers supprimés "
          "juste avant…", flush=True)
    time.sleep(SETTLE_SECONDS)


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": values}


def bench_builds(size: int, runs: int) -> dict:
    site = WORK / "sites" / str(size)
    kirby = write_kirby_site(site / "kirby", size)
    native = write_native_site(site / "native", size)
    jobs = {"ours": (kirby, OURS_SETTINGS), "stock": (native, STOCK_SETTINGS)}
    seconds = {name: [] for name in jobs}
    memory = {name: [] for name in jobs}
    # Each build writes into a folder of its own, all removed once every size
    # is measured: deleting the last output before each build made every run
    # slower than the one before (see settle()). A volunteer's build, or CI's,
    # does not follow a dozen deletions.
    outputs = WORK / "out" / str(size)
    for run in range(runs + 1):  # run 0 warms the disk cache and the .pyc files
        order = list(jobs) if run % 2 == 0 else list(reversed(jobs))
        for name in order:
            took, peak = build(*jobs[name], outputs / f"{name}-{run}")
            if run:
                seconds[name].append(took)
                memory[name].append(peak)
        print(f"  {size} pages, mesure {run or 'à blanc'} : "
              + ", ".join(f"{n} {seconds[n][-1]:.2f} s" for n in jobs if run), flush=True)
    result = {name: {"seconds": summary(seconds[name]), "peak_bytes": summary(memory[name])}
              for name in jobs}
    result["pages"] = size
    result["time_ratio"] = (result["ours"]["seconds"]["median"]
                            / result["stock"]["seconds"]["median"])
    # Each run's two builds ran back to back: their ratio shrugs off a load that drifts.
    result["paired_time_ratio"] = statistics.median(
        ours / stock for ours, stock in zip(seconds["ours"], seconds["stock"], strict=True))
    result["memory_ratio"] = (result["ours"]["peak_bytes"]["median"]
                              / result["stock"]["peak_bytes"]["median"])
    for name in jobs:
        result[name]["per_page_ms"] = result[name]["seconds"]["median"] / size * 1000
    return result


def bench_blocks(size: int, runs: int) -> dict:
    """Ours on the same pages written as KirbyText and as Kirby's blocks, alternating."""
    site = WORK / "sites" / f"{size}-blocks"
    jobs = {"text": write_kirby_site(site / "text", size),
            "blocks": write_kirby_site(site / "blocks", size, blocks=True)}
    seconds: dict[str, list[float]] = {name: [] for name in jobs}
    outputs = WORK / "out" / f"{size}-blocks"
    for run in range(runs + 1):
        order = list(jobs) if run % 2 == 0 else list(reversed(jobs))
        for name in order:
            took, _peak = build(jobs[name], OURS_SETTINGS, outputs / f"{name}-{run}")
            if run:
                seconds[name].append(took)
        print(f"  {size} pages en blocs, mesure {run or 'à blanc'} : "
              + ", ".join(f"{n} {seconds[n][-1]:.2f} s" for n in jobs if run), flush=True)
    return {"pages": size, "text": summary(seconds["text"]),
            "blocks": summary(seconds["blocks"]),
            "ratio": statistics.median(seconds["blocks"]) / statistics.median(seconds["text"]),
            "paired_ratio": statistics.median(
                b / t for b, t in zip(seconds["blocks"], seconds["text"], strict=True))}


def bench_scale(sizes: list[int], runs: int) -> dict:
    """The realistic corpus (two languages, ~3 % broken links, footnotes, images with meta
    per language): our cost per page at each size, in alternating runs, and at the largest
    size the peak memory of ours against stock Pelican on the same pages."""
    small, large = min(sizes), max(sizes)
    sites = {size: write_realistic_site(WORK / "sites" / f"real-{size}" / "kirby", size)
             for size in sizes}
    native = write_realistic_native_site(WORK / "sites" / f"real-{large}" / "native", large)
    outputs = WORK / "out" / "real"
    seconds: dict[int, list[float]] = {size: [] for size in sizes}
    memory: dict[str, list[int]] = {"ours": [], "stock": []}
    published = {size: sum(1 for _ in sites[size].rglob("page.*.md")) for size in sizes}
    for run in range(runs + 1):  # run 0 warms the caches
        order = sizes if run % 2 == 0 else list(reversed(sizes))
        for size in order:
            took, peak = build(sites[size], REAL_SETTINGS, outputs / f"{size}-{run}")
            if run:
                seconds[size].append(took)
                if size == large:
                    memory["ours"].append(peak)
        if run:
            _took, peak = build(native, STOCK_REAL_SETTINGS, outputs / f"stock-{run}")
            memory["stock"].append(peak)
        shutil.rmtree(outputs, ignore_errors=True)
        print(f"  corpus réaliste, mesure {run or 'à blanc'} : "
              + ", ".join(f"{n} pages {seconds[n][-1]:.1f} s" for n in sizes if run), flush=True)
    per_page = {size: statistics.median(seconds[size]) / published[size] * 1000
                for size in sizes}
    result = {"sizes": sizes, "published_pages": published,
              "seconds": {str(size): summary(seconds[size]) for size in sizes},
              "per_page_ms": {str(size): per_page[size] for size in sizes},
              "per_page_ratio": per_page[large] / per_page[small],
              "paired_per_page_ratio": statistics.median(
                  (big / published[large]) / (little / published[small])
                  for big, little in zip(seconds[large], seconds[small], strict=True)),
              "peak_bytes": {name: summary(values) for name, values in memory.items()},
              "memory_ratio": (statistics.median(memory["ours"])
                               / statistics.median(memory["stock"]))}
    print(f"  aperçu, corpus réaliste de {large} pages…", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-preview-real-"))  # no dot folder: see below
    try:
        content = work / "content"
        shutil.copytree(sites[large], content)
        # Pages deep in the site, as on the 1,000-page one: a section's child, mid-way.
        folders = realistic_folders(large)
        indexes = [SECTIONS + (folders - SECTIONS) * share // 10 for share in (5, 7, 2)]
        pages = [(realistic_page_file(content, i), f"page-{i % SECTIONS}/page-{i}/")
                 for i in indexes]
        result["preview"] = summary(latency.ours(
            content, work / "output", pages, PREVIEW_RUNS, LOGS / f"serve-real-{large}.log",
            settings=REAL_SETTINGS))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def bench_preview(runs: int, sizes: list[int]) -> dict:
    """The preview on the 1,000-page site (ours and stock) and on the default site."""
    found = {}
    # Outside .bench/: Pelican's autoreload ignores every path with a dot folder in it
    # (its IGNORE_FILES `**/.*` is matched against absolute paths).
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    try:
        _bench_preview(work, runs, sizes, found)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return found


def _bench_preview(work: Path, runs: int, sizes: list[int], found: dict) -> None:
    if PREVIEW_SIZE in sizes:
        site = work / str(PREVIEW_SIZE)
        kirby = write_kirby_site(site / "kirby", PREVIEW_SIZE)
        native = write_native_site(site / "native", PREVIEW_SIZE)
        # Pages deep in the site (a section's child), not its first or last.
        indexes = [SECTIONS + 487, SECTIONS + 652, SECTIONS + 233]
        kirby_pages = [(kirby_page_file(kirby, i), f"page-{i % SECTIONS}/page-{i}/")
                       for i in indexes]
        print(f"  aperçu, {PREVIEW_SIZE} pages…", flush=True)
        found["ours_1000"] = summary(latency.ours(
            kirby, site / "out-ours", kirby_pages, runs, LOGS / "serve-1000.log"))
        native_pages = [(native_page_file(native, i),
                         site / "out-stock" / "pages" / f"page-{i}.html") for i in indexes]
        print(f"  aperçu de Pelican seul (--autoreload), {PREVIEW_SIZE} pages…", flush=True)
        page, run = latency.stock(native, site / "out-stock", STOCK_SETTINGS, native_pages, runs,
                                  LOGS / "stock-autoreload-1000.log")
        found["stock_1000"], found["stock_1000_run"] = summary(page), summary(run)
    default = work / "default"
    shutil.rmtree(default, ignore_errors=True)
    shutil.copytree(SEED_SITE, default / "content")
    for path in [default / "content", *(default / "content").rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    seed = default / "content" / "1_acces-a-l-emploi" / "page.md"
    print("  aperçu, site par défaut…", flush=True)
    found["ours_default"] = summary(latency.ours(
        default / "content", default / "output", [(seed, "acces-a-l-emploi/")], runs,
        LOGS / "serve-default.log"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000,5000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    # BENCH_ONLY=scale measures the realistic corpus alone (the rest takes a while).
    only = os.environ.get("BENCH_ONLY", "")
    if args.runs < 5:
        parser.error("--runs : au moins 5 mesures par taille")
    LOGS.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(WORK / "out", ignore_errors=True)  # left by a bench stopped half-way
    settle()
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "load_before": os.getloadavg()},
               "runs": args.runs, "builds": {}}
    if only == "scale":
        return _finish(results | {"scale": bench_scale(SCALE_SIZES, SCALE_RUNS)})
    if only == "editor":  # BENCH_ONLY=editor: /admin/ alone
        return _finish(results | {"editor": editor.measure()})
    print("Lecture d’une page de la taille de la page d’exemple…", flush=True)
    results["reading"] = reading.measure()
    for size in sizes:
        print(f"Constructions, {size} pages…", flush=True)
        results["builds"][str(size)] = bench_builds(size, args.runs)
    blocks_size = 1000 if 1000 in sizes else min(sizes)
    print(f"Constructions, {blocks_size} pages en blocs Kirby…", flush=True)
    results["blocks"] = bench_blocks(blocks_size, args.runs)
    shutil.rmtree(WORK / "out", ignore_errors=True)
    print("Aperçu (make serve)…", flush=True)
    results["preview"] = bench_preview(max(args.runs, PREVIEW_RUNS), sizes)
    print("Part du nettoyage HTML (nh3) dans une construction de 1 000 pages…", flush=True)
    results["sanitizer"] = sanitizer.measure(WORK)
    print("make check && make publish du vrai site, clone neuf…", flush=True)
    results["publish"] = publish.measure()
    print("L’éditeur /admin/ : poids et temps jusqu’au formulaire…", flush=True)
    results["editor"] = editor.measure()
    print(f"Corpus réaliste, {' et '.join(map(str, SCALE_SIZES))} pages…", flush=True)
    results["scale"] = bench_scale(SCALE_SIZES, SCALE_RUNS)
    _finish(results)


def _finish(results: dict) -> None:
    results["machine"]["load_after"] = os.getloadavg()
    (WORK / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(report(results))
    print(f"\nToutes les mesures : {WORK / 'results.json'}")


def report(results: dict) -> str:
    """The figures as a Markdown table, with the targets of the benchmark issue."""
    lines = ["| pages | nous (médiane, min–max) | Pelican seul | rapport (par paire) "
             "| mémoire nous / seul | rapport | par page nous / seul |",
             "|---|---|---|---|---|---|---|"] if results["builds"] else []
    for size, build_ in results["builds"].items():
        ours, stock = build_["ours"], build_["stock"]
        pages = f"{int(size):,}".replace(",", " ")
        lines.append(
            f"| {pages} | {_span(ours['seconds'])} | {_span(stock['seconds'])} "
            f"| {build_['time_ratio']:.2f}× ({build_.get('paired_time_ratio', 0):.2f}×) "
            f"| {_mb(ours['peak_bytes']['median'])} / {_mb(stock['peak_bytes']['median'])} "
            f"| {build_['memory_ratio']:.2f}× "
            f"| {ours['per_page_ms']:.2f} / {stock['per_page_ms']:.2f} ms |")
    builds = results["builds"]
    if "1000" in builds and "5000" in builds:
        linear = builds["5000"]["ours"]["per_page_ms"] / builds["1000"]["ours"]["per_page_ms"]
        lines.append(f"\nCoût par page à 5 000 / à 1 000 : {linear:.2f} "
                     "(cible : entre 0,85 et 1,15).")
    blocks = results.get("blocks")
    if blocks:
        lines.append(
            f"Pages en blocs Kirby / mêmes pages en KirbyText, {blocks['pages']} pages : "
            f"{blocks['ratio']:.2f}× (par paire {blocks['paired_ratio']:.2f}×, cible ≤ 1,2×) ; "
            f"{_span(blocks['blocks'])} contre {_span(blocks['text'])}")
    preview = results.get("preview", {})
    names = {"ours_1000": "aperçu, 1 000 pages (cible ≤ 0,5 s)",
             "stock_1000": "Pelican seul --autoreload, 1 000 pages, page réécrite",
             "stock_1000_run": "Pelican seul --autoreload, 1 000 pages, fin de sa "
                               "reconstruction",
             "ours_default": "aperçu, site par défaut (cible ≤ 1 s)"}
    for key, label in names.items():
        if key in preview:
            lines.append(f"{label} : {_span(preview[key])}")
    published = results.get("publish")
    if published:
        lines.append(
            f"make check && make publish du vrai site (clone neuf, .venv prêt) : "
            f"{_span(published['total'])}, soit {published['ratio_to_target']:.2f}× la cible "
            f"de {published['target_seconds']:.0f} s (check {_span(published['check'])}, "
            f"publish {_span(published['publish'])})")
    cleaning = results.get("sanitizer")
    if cleaning:
        lines.append(
            f"Nettoyage HTML (nh3) : {cleaning['share'] * 100:.1f} % d’une construction de "
            f"{cleaning['pages']} pages ({cleaning['sanitize_seconds']:.3f} s sur "
            f"{cleaning['build_seconds']:.2f} s, {cleaning['calls']} appels ; cible ≤ 5 %)")
    scale = results.get("scale")
    if scale:
        small, large = (str(size) for size in (min(scale["sizes"]), max(scale["sizes"])))
        lines.append(
            f"Corpus réaliste (deux langues, ~3 % de liens cassés, notes, images avec méta) : "
            f"{scale['per_page_ms'][large]:.2f} ms par page à {large} pages contre "
            f"{scale['per_page_ms'][small]:.2f} ms à {small}, soit "
            f"{scale['per_page_ratio']:.2f}× (par paire {scale['paired_per_page_ratio']:.2f}×, "
            f"cible ≤ 1,2×) ; mémoire à {large} : "
            f"{_mb(scale['peak_bytes']['ours']['median'])} contre "
            f"{_mb(scale['peak_bytes']['stock']['median'])} pour Pelican seul, soit "
            f"{scale['memory_ratio']:.2f}× (cible ≤ 1) ; aperçu à {large} : "
            f"{_span(scale['preview'])} (cible ≤ 0,3 s)")
    admin = results.get("editor")
    if admin:
        form = admin.get("form_seconds")
        lines.append(
            f"Éditeur /admin/ : {admin['admin_gzip_bytes'] / 1024:.0f} Ko en gzip en tout "
            + (f"; formulaire modifiable en {_span(form)} dans Chromium sans cache" if form else "")
            + f" ; plus grosse page du site {admin['largest_page_gzip_bytes'] / 1024:.1f} Ko "
            f"en gzip (cible ≤ 14 Ko), {len(admin['pages_mentioning_admin'])} page(s) "
            "du site qui chargent /admin/")
    reading_ = results.get("reading")
    if reading_:
        lines.append(
            f"Lecture de la page d’exemple : nous {reading_['ours'] * 1000:.2f} ms, "
            f"Pelican (MarkdownReader) {reading_['stock'] * 1000:.2f} ms (cible ≤ 2 ms) ; "
            f"moteurs Markdown construits par lecture : "
            f"{reading_['markdown_engines_built_per_read']:g}")
    return "\n".join(lines)


def _span(stats: dict) -> str:
    return f"{stats['median']:.2f} s ({stats['min']:.2f}–{stats['max']:.2f})"


def _mb(value: float) -> str:
    return f"{value / 1e6:.0f} Mo"


if __name__ == "__main__":
    main()
