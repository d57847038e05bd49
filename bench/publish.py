"""The content path of CI, timed: `make check && make publish` of the real site on a
fresh clone whose virtualenv is already built (what a content-only commit runs once
its runner has restored the pip cache and installed the requirements).

Each run clones the repository's last commit into a new folder (no Pelican or
Jinja cache, no output), links the project's built .venv into it, then runs the
two commands as a volunteer or CI runs them; `-o .venv/.build` says the venv is
built, so make does not reinstall it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 15.0  # issue 13: check and publish of the real site, venv built


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} a échoué :\n{done.stdout}{done.stderr}")
    return seconds


def measure(runs: int = 3) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env["SITEURL"] = "https://exemple.org"
    samples = {"check": [], "publish": [], "total": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-publish-") as folder:
            clone = Path(folder) / "site"
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
            (clone / ".venv").symlink_to(ROOT / ".venv")
            make = ["make", "--no-print-directory", "-o", ".venv/.build"]
            check = _timed([*make, "check"], clone, env)
            publish = _timed([*make, "publish"], clone, env)
        samples["check"].append(check)
        samples["publish"].append(publish)
        samples["total"].append(check + publish)
    found = {name: {"median": statistics.median(values), "min": min(values),
                    "max": max(values), "samples": values}
             for name, values in samples.items()}
    found["target_seconds"] = TARGET_SECONDS
    found["ratio_to_target"] = found["total"]["median"] / TARGET_SECONDS
    return found
