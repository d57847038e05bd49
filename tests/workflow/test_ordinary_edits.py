"""Ordinary edits of the volunteers never stop publication.

A copy of the project holding the frozen seed site gets the edits the guide
teaches, of six kinds: a new page from `make new` with its sample text replaced,
an action's synthesis changed and an action added, an action removed, a page
renamed and moved in the menu, a photo added with its meta file, the site's
title changed. Then the parts of the project that depend on the content run
there: `make check`, `make publish` and the live-content test of the suite
(tests/site/test_live_content.py; not the whole suite, which is content-free).
"""

from __future__ import annotations

import subprocess

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.support import ROOT, SEED_SITE
from tests.workflow.support import make, project_copy, tool_env
from tools.placeholders import template_parts

NEW_TEXT = {
    "Présentez ici": "Trouver un toit, puis le garder : le collectif accompagne les familles "
                     "hébergées à l’hôtel vers un logement durable.\n\n(image: immeuble.jpg)",
    "Les actions du collectif": "Nos deux actions pour le logement :",
    "*Nom de l’action*": "*Un toit d’abord*",
    "Besoin identifié": "Besoin identifié : sortir de l’hôtel social.",
    "Synthèse de l’action": "Synthèse de l’action : un bail glissant avec une association, "
                            "puis un bail au nom de la famille.",
}


def write(path, text):
    path.write_text(text, encoding="utf-8")


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    write(path, text.replace(old, new, 1))


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    repo = project_copy(tmp_path_factory.mktemp("edits"), SEED_SITE, with_tests=True)
    content = repo / "content"

    # 1. A new page from the template, its sample text replaced, its comments removed.
    assert make(repo, "new", "TITRE=Le logement").returncode == 0
    page = content / "2_le-logement" / "page.md"
    text = page.read_text(encoding="utf-8")
    for sentence in template_parts()[0]:
        start = next(key for key in NEW_TEXT if sentence.startswith(key))
        text = text.replace(sentence, NEW_TEXT[start])
    while "<!--" in text:
        text = text[:text.index("<!--")] + text[text.index("-->") + 3:].lstrip("\n")
    text += ("\n*Une adresse pour le courrier*\nBesoin identifié : recevoir son courrier.\n"
             "Synthèse de l’action : une domiciliation, voir (link: emploi-et-insertion "
             "text: l’emploi).\n")
    write(page, text)

    # 5. A photo beside it, with its meta file.
    Image.new("RGB", (640, 480), (200, 120, 40)).save(page.parent / "immeuble.jpg", quality=80)
    write(page.parent / "immeuble.jpg.md", "Alt: Un immeuble de quatre étages, vu de la rue.\n")

    # 2. The seed's actions: one synthesis sentence changed, one action added.
    seed = content / "1_acces-a-l-emploi" / "page.md"
    replace(seed, "L’activité serait portée par une entreprise à but d’emploi.",
            "L’activité est portée par une entreprise à but d’emploi, ouverte en 2026.")
    replace(seed, "Les 3 actions prioritaires", "Les actions prioritaires")
    write(seed, seed.read_text(encoding="utf-8").rstrip() + (
        "\n\n*Ateliers numériques*\nBesoin identifié : faire ses démarches en ligne.\n"
        "Synthèse de l’action : des ateliers chaque semaine, avec des bénévoles.\n"))

    # 3. An action removed: its three lines and the blank line before it.
    text = seed.read_text(encoding="utf-8")
    start = text.index("*Valorisation d’espaces urbains en transition*")
    end = text.index("*Ateliers numériques*")
    write(seed, text[:start] + text[end:])

    # 4. The seed page renamed and moved after the new one in the menu.
    seed.parent.rename(content / "3_emploi-et-insertion")
    replace(content / "3_emploi-et-insertion" / "page.md", "Title: L'accès à l'emploi",
            "Title: Emploi et insertion")

    # 6. The site's title.
    replace(content / "site.md", "Title: Citoyens Fraternels 92",
            "Title: Citoyens Fraternels des Hauts-de-Seine")
    return repo


def test_check_accepts_the_edits(edited):
    check = make(edited, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Aucun problème (3 pages vérifiées)" in check.stdout


def test_publish_builds_the_edited_site(edited):
    publish = make(edited, "publish", SITEURL="https://exemple.org")
    assert publish.returncode == 0, publish.stdout + publish.stderr
    output = edited / "output"
    assert not (output / "acces-a-l-emploi").exists()
    emploi = BeautifulSoup((output / "emploi-et-insertion" / "index.html").read_text("utf-8"),
                           "html.parser")
    assert emploi.find("h1").get_text() == "Emploi et insertion"
    assert [a.get_text(" ", strip=True) for a in emploi.select(".action-name")] == [
        "Dispositif Premières Heures", "Territoire Zéro Chômeur", "Ateliers numériques"]
    assert "ouverte en 2026" in emploi.get_text()
    assert "Citoyens Fraternels des Hauts-de-Seine" in emploi.find("title").get_text()
    menu = [a.get_text(strip=True) for a in emploi.select("nav a[href^='https://exemple.org/']")]
    assert menu.index("Le logement") < menu.index("Emploi et insertion")
    logement = BeautifulSoup((output / "le-logement" / "index.html").read_text("utf-8"),
                             "html.parser")
    assert logement.find("img", alt="Un immeuble de quatre étages, vu de la rue.")
    assert [a.get_text(" ", strip=True) for a in logement.select(".action-name")] == [
        "Un toit d’abord", "Une adresse pour le courrier"]
    assert "Modèle de page" not in (output / "le-logement" / "index.html").read_text("utf-8")


def test_the_content_dependent_tests_pass_on_the_edited_site(edited):
    tests = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/site/test_live_content.py"],
        check=False, cwd=edited, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert " passed" in tests.stdout and "skipped" not in tests.stdout
