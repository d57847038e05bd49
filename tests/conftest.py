"""Shared fixtures; and in CI, a skipped test fails the run (none may skip there)."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what comes out, not how fast: on a loaded machine one
# example may take longer than Hypothesis's default 200 ms deadline.
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The frozen seed site (tests/fixtures/seed-site) built once; tests only read it."""
    from tests.support import SEED_SITE, build_site

    output = tmp_path_factory.mktemp("seed-site") / "output"
    build_site(SEED_SITE, output)
    return output


@pytest.fixture(scope="session")
def seed_text() -> str:
    from tests.support import SEED_PAGE

    return SEED_PAGE.read_text(encoding="utf-8")


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; no test may skip in CI.", red=True)
        session.exitstatus = 1
