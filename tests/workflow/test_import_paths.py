"""The project's modules find each other through the virtualenv's .pth file (Makefile)
and pytest's `pythonpath`: no module edits `sys.path` (issue: nine did, each its own way)."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", "node_modules", ".git", "output", ".bench", "__pycache__"}


def _python_files():
    for path in ROOT.rglob("*.py"):
        if not SKIPPED.intersection(path.relative_to(ROOT).parts[:1]) and "__pycache__" not in path.parts:
            yield path


def test_no_module_edits_sys_path():
    edits = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr == "path"
                    and isinstance(node.value, ast.Name) and node.value.id == "sys"):
                edits.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert edits == []


def test_the_virtualenv_imports_the_plugins_and_the_tools_from_anywhere(tmp_path):
    python = ROOT / ".venv" / "bin" / "python"
    found = subprocess.run(
        [str(python), "-c", "import kirby.reader, actions.markdown, tools.site, tasks; print('ok')"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60)
    assert found.stdout.strip() == "ok", found.stderr
