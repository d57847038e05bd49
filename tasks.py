"""Invoke tasks: the project's commands. `make` only bootstraps .venv and calls these.

Task names follow Pelican's quickstart where they fit (build, clean, serve, publish).
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
CONFIG = {
    "settings": "pelicanconf.py",
    "output": "output",
    "host": os.environ.get("HOST", "localhost"),
    "port": int(os.environ.get("PORT", "8000")),
}


def pelican(c, *args: str) -> None:
    command = [PYTHON, "-m", "pelican", "content", "-s", CONFIG["settings"], *args]
    c.run(shlex.join(command), pty=False)


@task
def clean(c):
    """Supprime le site construit (output/)."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)


@task
def build(c):
    """Construit le site de développement dans output/, avec son index de recherche."""
    pelican(c, "-o", CONFIG["output"])
    index_search(ROOT / CONFIG["output"])


def index_search(site: Path) -> None:
    """Pagefind reads the built HTML: it runs after every full build."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from search.index import index_site

    index_site(site)


@task
def serve(c):
    """Construit, sert http://localhost:8000 et reconstruit à chaque modification."""
    from livereload import Server
    from pelican import main as pelican_main

    def rebuild():
        pelican_main(["content", "-s", CONFIG["settings"], "-o", CONFIG["output"]])

    rebuild()
    server = Server()
    for pattern in watched_patterns():
        server.watch(pattern, rebuild)
    print(f"Aperçu : http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C pour arrêter)")
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["output"])


def watched_patterns() -> list[str]:
    return [
        "content/**/*",
        "theme/**/*",
        "plugins/**/*.py",
        "pelicanconf.py",
        "publishconf.py",
    ]


@task
def test(c):
    """Lance tous les tests."""
    c.run(shlex.join([PYTHON, "-m", "pytest"]), pty=False)
