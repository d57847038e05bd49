"""Preview latency: from saving a page to the rebuilt page being served.

Ours: `tools/preview.py` on a copy of the site, a livereload client connected
as a browser tab is; the clock starts just before the file is written and
stops when the page, fetched after the reload message, has the new text.

Stock Pelican: `pelican --autoreload` with its content cache on the native
site; the clock stops when the rewritten output file has the new text.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


_MARKER = re.compile(r"\n\nÉdition [a-j]+ du banc d’essai\n")


def _marker() -> str:
    """A sentence the typography leaves alone: letters only (no digits, no « n° »)."""
    letters = "".join(chr(ord("a") + int(digit)) for digit in str(time.time_ns()))
    return f"Édition {letters} du banc d’essai"


def _edit(path: Path, marker: str) -> None:
    """A new first paragraph in the page's Text, as a volunteer would type it."""
    text = _MARKER.sub("\n", path.read_text(encoding="utf-8"), count=1)
    head, sep, body = text.partition("\nText:")
    first, _newline, rest = body.partition("\n")
    path.write_text(f"{head}{sep}{first}\n\n{marker}\n{rest}", encoding="utf-8")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ours(content: Path, output: Path, pages: list[tuple[Path, str]], runs: int,
         log: Path, settings: Path | None = None) -> list[float]:
    """Seconds from each save to the served page, through `make serve`'s server.

    `pages`: (content file, URL path) pairs, edited in turn.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.preview", "--port", str(port), "--host", "127.0.0.1",
         "--content", str(content), "--output", str(output),
         *(["--settings", str(settings)] if settings else [])],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                _get(base)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"le serveur d’aperçu n’a pas démarré : voir {log}")
                time.sleep(0.2)
        return IOLoop.current().run_sync(lambda: _measure(base, pages, runs, log, process))
    finally:
        _stop(process)


async def _measure(base: str, pages, runs: int, log: Path, process) -> list[float]:
    tab = await websocket_connect(base.replace("http", "ws") + "livereload")
    await tab.write_message(json.dumps({"command": "hello", "protocols": []}))
    await tab.read_message()
    await tab.write_message(json.dumps({"command": "info", "url": base}))
    # The first build's search indexing may still hold the builder: wait for it.
    time.sleep(2)
    seconds = []
    for run in range(runs):
        path, url = pages[run % len(pages)]
        marker = _marker()
        start = time.perf_counter()
        _edit(path, marker)
        # Wait for the reload that brings the text: another one may come first
        # (a developer saving a plugin in this working tree restarts the builder).
        while True:
            message = json.loads(await asyncio.wait_for(tab.read_message(), 120))
            assert message["command"] == "reload", message
            if marker.split()[1] in _get(base + url):
                break
        seconds.append(time.perf_counter() - start)
        # The saved page comes first and the rest of the site after it (seconds at
        # 10,000 pages): the next save is measured once the builder is idle again.
        _wait_for_runs(log, run + 2, process, OURS_RUN_DONE)
        time.sleep(0.3)  # a volunteer does not save ten times a second
    tab.close()
    return seconds


def stock(content: Path, output: Path, settings: Path, pages: list[tuple[Path, Path]],
          runs: int, log: Path) -> tuple[list[float], list[float]]:
    """Seconds from each save to the rewritten output file, with `pelican --autoreload`,
    and to the end of its run (it rewrites every page).

    `pages`: (content file, output file) pairs. Pelican's content cache is on.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output),
         "--autoreload", "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
         f'CACHE_PATH="{output.parent / "stock-cache"}"'],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        # Pelican watches again only once a run is over (and its cache saved):
        # a save made before that is never seen, so each edit waits for it.
        _wait_for_runs(log, 1, process)
        seconds, runs_done = [], []
        for run in range(runs):
            path, written = pages[run % len(pages)]
            time.sleep(2)
            marker = _marker()
            start = time.perf_counter()
            _edit_native(path, marker)
            while True:
                try:
                    if marker.split()[1] in written.read_text(encoding="utf-8"):
                        break
                except (OSError, UnicodeDecodeError):
                    pass
                if time.perf_counter() - start > 120:
                    raise RuntimeError(f"pelican --autoreload n’a pas réécrit {written}")
                time.sleep(0.005)
            seconds.append(time.perf_counter() - start)
            _wait_for_runs(log, run + 2, process)
            runs_done.append(time.perf_counter() - start)
        return seconds, runs_done
    finally:
        _stop(process)


STOCK_RUN_DONE = "Done: Processed"
OURS_RUN_DONE = "Reconstruit en"  # tools/preview.py, at the end of each run


def _wait_for_runs(log: Path, count: int, process: subprocess.Popen,
                   done: str = STOCK_RUN_DONE) -> None:
    """Until the server's log says `count` runs are done."""
    deadline = time.monotonic() + READY_TIMEOUT
    while log.read_text(encoding="utf-8", errors="replace").count(done) < count:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"le serveur d’aperçu s’est arrêté : voir {log}")
        time.sleep(0.01)


def _edit_native(path: Path, marker: str) -> None:
    """The same edit in a native page: a new paragraph after the metadata."""
    text = _MARKER.sub("\n", path.read_text(encoding="utf-8"), count=1)
    head, sep, body = text.partition("\n\n")
    path.write_text(f"{head}{sep}{marker}\n\n{body}", encoding="utf-8")
