"""The volunteers' commands through make, in a copy of the repository (never the
real content/ or output/): new page, check, publish, and a failing publish that
leaves output/ byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.support import ROOT
from tests.workflow.support import tool_env, tree_hashes

NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "output", "node_modules", "pagefind", "bench", ".bench", "cache",
    "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "tests")


@pytest.fixture
def repo(tmp_path):
    if not shutil.which("make"):
        pytest.fail("make is missing (apt-get install make)")
    copy = tmp_path / "site"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)  # copy2: requirements keep their dates
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def make(repo, *args, **env):
    # -o: never reinstall the shared .venv from a test, whatever the dates say.
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.build", *args],
                          check=False, cwd=repo, env=tool_env(**env), capture_output=True, text=True,
                          timeout=300)


def test_new_check_publish_then_a_failing_publish(repo):
    new = make(repo, "new", "TITRE=L’hébergement d’urgence")
    assert new.returncode == 0, new.stdout + new.stderr
    assert "Page créée : content/2_l-hebergement-d-urgence/page.md" in new.stdout
    assert (repo / "content" / "2_l-hebergement-d-urgence" / "page.md").is_file()

    check = make(repo, "check")
    assert check.returncode == 0, check.stdout
    assert "Aucune erreur" in check.stdout or "Aucun problème" in check.stdout

    publish = make(repo, "publish", SITEURL="https://exemple.org")
    assert publish.returncode == 0, publish.stdout + publish.stderr
    output = repo / "output"
    assert (output / "l-hebergement-d-urgence" / "index.html").is_file()
    before = tree_hashes(output)

    page = repo / "content" / "2_l-hebergement-d-urgence" / "page.md"
    page.write_text("Title: Hébergement\n---\nText: Le texte.\n", encoding="utf-8")
    failing = make(repo, "publish", SITEURL="https://exemple.org")
    assert failing.returncode != 0  # make says 2 when its recipe fails; the task said 1
    assert "content/2_l-hebergement-d-urgence/page.md:2: La ligne « --- »" in failing.stdout
    assert "Traceback" not in failing.stdout + failing.stderr
    assert tree_hashes(output) == before
    check = make(repo, "check")
    assert check.returncode != 0
    assert "content/2_l-hebergement-d-urgence/page.md:2: La ligne « --- »" in check.stdout


def test_new_without_a_title_says_how(repo):
    result = make(repo, "new")
    assert result.returncode != 0
    assert 'make new TITRE="Logement"' in result.stderr
    assert "Traceback" not in result.stderr
