"""What must hold for any content `make check` accepts, as one function.

Used on the live content (tests/site/test_live_content.py) and on copies of the
project after ordinary edits (tests/workflow/test_ordinary_edits.py): the strict
build finds no error, every page file gives a page, and no link or image of the
built site leads to a missing file. Nothing here depends on what the content says.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from kirby.problems import ERROR
from kirby.tree import page_folders, url_path

from tools.check import strict_build

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src",
           "iframe": "src", "form": "action"}


def whole_site_failures(content: Path, output: Path) -> list[str]:
    """Build `content` strictly into `output`; every way the site is not whole."""
    report = strict_build(content, output)
    failures = [f"problem: {p}" for p in report.problems if p.severity == ERROR]
    folders = page_folders(content)
    if not (output / "index.html").is_file():
        failures.append("no home page")
    failures += [f"no page for {folder}" for folder in folders
                 if not (output / url_path(folder) / "index.html").is_file()]
    return failures + broken_links(output)


def broken_links(output: Path) -> list[str]:
    """Every link, image, script or style of the built pages that leads to no file."""
    broken = []
    for page in sorted(output.rglob("*.html")):
        here = "/" + page.relative_to(output).as_posix()
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKING.items():
            for element in document.find_all(tag, attrs={attribute: True}):
                target = internal_target(here, element[attribute])
                if target is not None and not _exists(output, target):
                    broken.append(f"broken link: {here}: <{tag} {attribute}="
                                  f"\"{element[attribute]}\">")
    return broken


def internal_target(here: str, link: str) -> str | None:
    """The site path a link leads to; None for another host, a scheme or a fragment."""
    if not link.strip() or link.startswith("#"):
        return None
    parts = urlsplit(urljoin(here, link))
    if parts.scheme or parts.netloc:
        return None
    return unquote(parts.path)


def _exists(output: Path, target: str) -> bool:
    path = output / target.lstrip("/")
    return path.is_file() or (path / "index.html").is_file()
