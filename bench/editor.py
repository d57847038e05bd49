"""The editor (/admin/): its weight (gzip), the time to an editable form in headless
Chromium, and the weight of the site's other pages, which never load it.

The seed site is built with the test-repo back-end; each run opens /admin/ in a
fresh browser context (nothing cached), signs in to the test repository holding
the seed's files, opens the seed page and waits for its Title box.
"""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed-site"


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def measure(runs: int = 5) -> dict:
    from tools.browser import chromium, missing_tools, open_editor, repository_files, serve
    from tools.site import build

    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        output = Path(tmp) / "output"
        build(SEED, output, EDITOR_BACKEND={"name": "test-repo"})
        admin = output / "admin"
        sizes = {path.relative_to(admin).as_posix(): gzip_size(path)
                 for path in sorted(admin.rglob("*")) if path.is_file()}
        pages = {path.relative_to(output).as_posix(): gzip_size(path)
                 for path in output.rglob("*.html") if "admin" not in path.parts}
        result = {"admin_gzip_bytes": sum(sizes.values()), "admin_files": sizes,
                  "largest_page_gzip_bytes": max(pages.values()),
                  "pages_mentioning_admin": [name for name in pages
                                             if "/admin/" in (output / name).read_text("utf-8")]}
        if missing_tools(vnu=False):
            return result
        files = repository_files(SEED)
        seconds = []
        with serve(output) as origin, chromium() as browser:
            for _ in range(runs):
                context = browser.new_context(locale="fr-FR")
                page = context.new_page()
                start = time.monotonic()
                open_editor(page, origin, files)
                page.get_by_text("Thèmes", exact=True).first.click()
                page.get_by_text("L'accès à l'emploi", exact=True).first.click()
                page.get_by_role("textbox", name="Titre", exact=True).wait_for()
                seconds.append(time.monotonic() - start)
                context.close()
        result["form_seconds"] = {"median": statistics.median(seconds), "min": min(seconds),
                                  "max": max(seconds)}
        return result
