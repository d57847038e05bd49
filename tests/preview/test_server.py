"""`make serve`'s server, started on a free port, serves the new text after a file is saved
and tells the open tab to reload."""

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

from bench.latency import free_port
from tests.support import ROOT, SEED_SITE

SEED = Path("1_acces-a-l-emploi") / "page.md"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def running(pid: int) -> bool:
    """Neither gone nor a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return False


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


@pytest.fixture
def server(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    for path in [content, *content.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)  # the seed page is read-only in git
    port = free_port()
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.preview", "--port", str(port), "--host", "127.0.0.1",
         "--content", str(content), "--output", str(tmp_path / "output")],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(base)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the preview server did not start:\n" + log.read_text())
            time.sleep(0.1)
    try:
        yield process, base, content
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)


def test_a_saved_page_is_rebuilt_served_and_reloaded_then_the_server_stops(server):
    process, base, content = server
    page = get(base + "acces-a-l-emploi/")
    assert "livereload.js" in page  # livereload's script, added to every page
    assert "Texte enregistré à l’instant" not in page

    async def save_and_wait_for_reload() -> dict:
        socket_ = await websocket_connect(base.replace("http", "ws") + "livereload")
        await socket_.write_message(json.dumps({"command": "hello", "protocols": []}))
        await socket_.read_message()  # the server's hello
        await socket_.write_message(json.dumps({"command": "info", "url": base}))
        seed = content / SEED
        seed.write_text(seed.read_text(encoding="utf-8").replace(
            "Les associations du collectif",
            "Texte enregistré à l’instant. Les associations", 1),
            encoding="utf-8")
        # Reload messages until the page has the text: a save under plugins/ or
        # theme/ elsewhere in this working tree may restart the builder first.
        while True:
            message = json.loads(await socket_.read_message())
            assert message["command"] == "reload"
            if "Texte enregistré à l’instant" in get(base + "acces-a-l-emploi/"):
                socket_.close()
                return message

    IOLoop.current().run_sync(save_and_wait_for_reload, timeout=60)

    # Ctrl+C or a kill stops the server and its long-lived builder process.
    builders = children(process.pid)
    assert builders
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    # A child's end is asynchronous: it may still be exiting when the server has.
    deadline = time.monotonic() + 5
    while (alive := [pid for pid in builders if running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert alive == []
