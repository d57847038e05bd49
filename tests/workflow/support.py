"""Helpers for the workflow tests: sites made of the base fixture plus a few files,
and the project's commands run as a volunteer runs them, in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import FIXTURES, ROOT

BASE_SITE = FIXTURES / "workflow-site"
# What a copy of the project leaves out: the real content (a fixture takes its
# place), what is built or installed, and the test suite unless asked for.
NOT_COPIED = (".git", ".venv", "output", "node_modules", "pagefind", "bench", ".bench", "cache",
              "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "content")


def make_site(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """A copy of the base site with `files` written over it (None deletes one)."""
    content = folder / "content"
    shutil.copytree(BASE_SITE, content)
    for name, data in files.items():
        path = content / name
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return content


def project_copy(folder: Path, content: Path, with_tests: bool = False) -> Path:
    """The project in `folder`/site with `content` as its content and the shared .venv."""
    if not shutil.which("make"):
        raise AssertionError("make is missing (apt-get install make)")
    ignored = NOT_COPIED + (() if with_tests else ("tests",))
    copy = folder / "site"
    # Top-level names only: a fixture's own folders (tests/fixtures/*/content…) stay.
    shutil.copytree(ROOT, copy, ignore=lambda where, names: [
        n for n in names if Path(where) == ROOT and n in ignored or n == "__pycache__"])
    shutil.copytree(content, copy / "content")
    for path in [copy / "content", *(copy / "content").rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def make(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    # -o: never reinstall the shared .venv from a test, whatever the dates say.
    # The shared .venv's .pth file names this checkout's folders: the copy's own
    # come first.
    env.setdefault("PYTHONPATH", os.pathsep.join([str(repo), str(repo / "plugins")]))
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.build", *args],
                          check=False, cwd=repo, env=tool_env(**env), capture_output=True,
                          text=True, timeout=300)


def tool_command(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", f"tools.{module}", *args]


def tool_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS",)}
    env.update(extra)
    return env


def run_tool(module: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(tool_command(module, *args), check=False, cwd=ROOT, env=tool_env(**env),
                          capture_output=True, text=True, timeout=120)


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file of `folder` (and every folder) by path, with its bytes' hash."""
    import hashlib

    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        found[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found
