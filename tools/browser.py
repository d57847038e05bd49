"""The built site in real Chromium: serve it, check it with axe-core and the Nu HTML Checker,
weigh what a page loads. Used by the browser tests, `make audit` and `make screenshots`.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; no browser is ever
downloaded. axe-core and vnu.jar come from node_modules (package.json, `npm ci`).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import importlib.util
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What counts in the weight budget: the page and what it needs to show text.
WEIGHED_TYPES = {"document", "stylesheet", "script", "font"}
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


def missing_tools(*, vnu: bool = True) -> str | None:
    """Why the browser checks cannot run here, in one sentence, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is missing (pip install -r requirements-test.txt)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing (npm ci)"
    if vnu and not shutil.which("java"):
        return "java is missing (apt-get install default-jre-headless)"
    if vnu and not VNU.exists():
        return f"{VNU.relative_to(ROOT)} is missing (npm ci)"
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host serves them: index.html for folders, 404.html when missing."""

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 in a thread; yield its origin (http://127.0.0.1:PORT)."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What one page load did: its requests, their gzip weight, the console's errors."""

    url: str
    status: int = 0
    requests: list[str] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)  # URL → gzip bytes (weighed types)
    console_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "404 URL" for each failed response

    @property
    def gzip_bytes(self) -> int:
        return sum(self.weights.values())

    def other_hosts(self) -> list[str]:
        origin = urlsplit(self.url).netloc
        return [u for u in self.requests if urlsplit(u).scheme in ("http", "https")
                and urlsplit(u).netloc != origin]


def visit(page, url: str) -> Visit:
    """Load `url` in `page` (a Playwright page) and record what it fetched."""
    seen = Visit(url)
    responses = []
    page.on("request", lambda request: seen.requests.append(request.url))
    def on_response(response):
        responses.append(response)

    page.on("response", on_response)
    page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    seen.status = response.status if response else 0
    page.remove_listener("response", on_response)
    for answer in responses:
        if answer.status >= 400:
            seen.failures.append(f"{answer.status} {answer.url}")
        if answer.request.resource_type in WEIGHED_TYPES:
            with contextlib.suppress(Exception):
                seen.weights[answer.url] = len(gzip.compress(answer.body(), 9))
    return seen


def axe_violations(page, tags: list[str] = AXE_TAGS) -> list[dict]:
    """axe-core's violations on the page as loaded (the page's own CSP stays on)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


# The checker reads files from file: URLs, where the CSP's 'self' matches none of the
# site's own resources: it then warns about every stylesheet and image. Those
# warnings, and only those (resources of the site itself), are artefacts.
_CSP_BLOCKED = re.compile(
    r"Resource violates Content Security Policy \(meta tag\): .*?“([^”]*)”")


def vnu_messages(files: list[Path], site_url: str = "") -> list[dict]:
    """The Nu HTML Checker's errors and warnings on built pages (info messages left out).

    `site_url` is the SITEURL the pages were built with ("" for root-relative links).
    """
    if not files:
        return []
    command = ["java", "-Xss8m", "-jar", str(VNU), "--format", "json", *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except ValueError:
        raise RuntimeError(f"vnu.jar failed: {run.stderr or run.stdout}") from None

    def own_resource(message: dict) -> bool:
        blocked = _CSP_BLOCKED.match(message.get("message", ""))
        if not blocked:
            return False
        url = blocked.group(1)
        return (url.startswith("/") and not url.startswith("//")) or bool(
            site_url and url.startswith(site_url + "/"))

    return [m for m in messages
            if (m["type"] != "info" or m.get("subType") == "warning") and not own_resource(m)]


def describe_messages(messages: list[dict]) -> str:
    return "\n".join(
        f"{m['url'].rsplit('/output/', 1)[-1]}:{m.get('lastLine', '?')}: "
        f"{m.get('subType', m['type'])}: {m['message']}"
        for m in messages
    )


# --- The editor (/admin/) on Sveltia CMS's test-repo back-end: a repository held in
# the browser's origin private file system, under sveltia-cms-test/.

WRITE_REPOSITORY = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('sveltia-cms-test', {recursive: true}).catch(() => {});
  const top = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let folder = top;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) {
      folder = await folder.getDirectoryHandle(part, {create: true});
    }
    const file = await folder.getFileHandle(parts.at(-1), {create: true});
    const writable = await file.createWritable();
    await writable.write(Array.isArray(text) ? new Uint8Array(text) : text);
    await writable.close();
  }
}"""
READ_REPOSITORY = """async () => {
  const files = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle('sveltia-cms-test'), '');
  return files;
}"""

# One file of the test repository, as bytes (an uploaded image).
READ_REPOSITORY_BYTES = """async (path) => {
  const root = await navigator.storage.getDirectory();
  let folder = await root.getDirectoryHandle('sveltia-cms-test');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  const file = await (await folder.getFileHandle(parts.at(-1))).getFile();
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}"""


def repository_files(site: Path, prefix: str = "content/") -> dict[str, str]:
    """A site's content files as a repository holds them, `prefix` + path → exact text
    (no newline translation); files that are not UTF-8 are left out: the site refuses
    them (kirby-format.md §6), and so does the editor."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in {".md", ".txt"} and path.is_file():
            try:
                files[prefix + path.relative_to(site).as_posix()] = path.read_bytes().decode()
            except UnicodeDecodeError:
                continue
    return files


def open_editor(page, origin: str, files: dict[str, str]) -> float:
    """Open /admin/ on a test repository holding `files` ({"content/…": text}); the
    seconds from the sign-in click to the collections shown."""
    page.goto(f"{origin}/admin/")
    page.evaluate(WRITE_REPOSITORY, files)
    page.reload()
    started = time.monotonic()
    page.get_by_role("button", name="Travailler avec un dépôt de test").click()
    page.get_by_text("Collections", exact=True).wait_for()
    return time.monotonic() - started
