"""The sanitiser's share of a full build (issue: ≤ 5 %): the generated corpus built in a
fresh process whose `kirby.sanitize.clean` is timed, against the whole build's time.

Every page's Text, and every action's fields, go through `clean` once (KirbyText's
last postprocessor): the seconds spent there over the build's wall seconds.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench.sites import write_kirby_site

ROOT = Path(__file__).resolve().parent.parent
TIMED_BUILD = """
import json, sys, time
from pathlib import Path
import kirby.sanitize as sanitize
spent, calls, original = [0.0], [0], sanitize.clean
def timed(html):
    start = time.perf_counter()
    try:
        return original(html)
    finally:
        spent[0] += time.perf_counter() - start
        calls[0] += 1
sanitize.clean = timed
from tools.site import build
start = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"build": time.perf_counter() - start, "sanitize": spent[0], "calls": calls[0]}))
"""


def measure(work: Path, pages: int = 1000, runs: int = 3) -> dict:
    content = write_kirby_site(work / "sanitizer" / "site", pages)
    samples = []
    for run in range(runs + 1):  # run 0: caches, .pyc files
        output = work / "sanitizer" / f"out-{run}"
        shutil.rmtree(output, ignore_errors=True)
        done = subprocess.run([sys.executable, "-c", TIMED_BUILD, str(content), str(output)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        if run:
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
        shutil.rmtree(output, ignore_errors=True)
    shares = [s["sanitize"] / s["build"] for s in samples]
    return {"pages": pages, "share": statistics.median(shares), "shares": shares,
            "calls": samples[-1]["calls"],
            "sanitize_seconds": statistics.median(s["sanitize"] for s in samples),
            "build_seconds": statistics.median(s["build"] for s in samples)}
