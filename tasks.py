"""Invoke tasks: the project's commands. `make` only bootstraps .venv and calls these.

Task names follow Pelican's quickstart where they fit (build, clean, serve, publish).
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

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
    from search.index import index_site

    index_site(site)


@task(help={"port": "le port de l’aperçu (8000, ou la variable PORT)",
            "host": "l’adresse d’écoute (localhost, ou la variable HOST)"})
def serve(c, port=CONFIG["port"], host=CONFIG["host"]):
    """Construit, sert http://localhost:8000 et met à jour la page ouverte à chaque enregistrement."""
    tool(c, "preview", "--port", str(port), "--host", host,
         "--settings", CONFIG["settings"], "--output", CONFIG["output"])


@task(help={"sizes": "les tailles de site, par exemple 100,1000 (ou la variable BENCH_SIZES)",
            "runs": "le nombre de constructions mesurées par taille (au moins 5)"})
def bench(c, sizes=os.environ.get("BENCH_SIZES", "100,1000,5000"),
          runs=int(os.environ.get("BENCH_RUNS", "5"))):
    """Mesure les constructions face à Pelican seul, l’aperçu et la lecture d’une page."""
    with c.cd(str(ROOT)):
        c.run(shlex.join([PYTHON, "-m", "bench.run", "--sizes", sizes, "--runs", str(runs)]),
              pty=False)


def tool(c, module: str, *args: str) -> None:
    """`python -m tools.<module>`: its exit status becomes make's, with no traceback."""
    with c.cd(str(ROOT)):
        result = c.run(shlex.join([PYTHON, "-m", f"tools.{module}", *args]), pty=False, warn=True)
    if result.exited:
        raise Exit(code=result.exited)


@task
def check(c):
    """Vérifie tout le contenu : chaque problème avec son fichier et sa ligne."""
    tool(c, "check")


@task
def publish(c):
    """Vérifie et construit le site de production (SITEURL) ; output/ change si tout va bien."""
    tool(c, "publish", "--output", str(ROOT / CONFIG["output"]))


@task(help={"titre": "le titre de la nouvelle page (ou la variable TITRE)"})
def new(c, titre=""):
    """Crée content/<numéro>_<nom>/page.md à partir d’un modèle commenté."""
    tool(c, "new_page", *([titre] if titre else []))


@task
def test(c):
    """Lance tous les tests."""
    c.run(shlex.join([PYTHON, "-m", "pytest"]), pty=False)


@task(help={"lighthouse": "avec Lighthouse (par défaut) ; --no-lighthouse pour aller vite"})
def audit(c, lighthouse=True):
    """Mesure chaque type de page : axe, validateur HTML, poids gzip, Lighthouse mobile."""
    tool(c, "audit", *([] if lighthouse else ["--no-lighthouse"]))


@task
def screenshots(c):
    """Captures d’écran de l’accueil et de la page d’exemple (docs/screenshots/)."""
    tool(c, "screenshots")

