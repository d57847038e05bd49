"""Helpers for tests that build a whole site, as Pelican's own functional tests do."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tools.site import build as build_site  # noqa: F401 -- the tests' "build this fixture"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The collective's site as it was when these tests were written, frozen: tests
# assert on it, never on the live content folder, which belongs to the volunteers
# and may change in any way `make check` accepts (tests/site/test_live_content.py
# is the one content-independent test of the live site).
SEED_SITE = FIXTURES / "seed-site"
SEED_PAGE = SEED_SITE / "1_acces-a-l-emploi" / "page.md"


def read(output: Path, url_path: str) -> str:
    """The HTML published at `url_path` (`acces-a-l-emploi/` → its index.html)."""
    path = output / url_path
    if url_path == "" or url_path.endswith("/"):
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def soup(output: Path, url_path: str) -> BeautifulSoup:
    """The parsed HTML published at `url_path`."""
    return BeautifulSoup(read(output, url_path), "html.parser")


def built_once(tmp_path_factory, content: Path, name: str) -> Path:
    """A fixture site built once for a test module: its output folder."""
    output = tmp_path_factory.mktemp(name) / "output"
    build_site(content, output)
    return output
