"""`make new TITRE="…"`: a numbered folder, a slug from the title, the commented template."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from kirby.tree import slugify

from tests.support import build_site, read
from tests.workflow.support import make_site, run_tool
from tools.check import strict_build
from tools.new_page import NewPageError, create_page, next_number


@pytest.mark.parametrize("title, slug", [
    ("Logement", "logement"),
    ("L’accès au logement", "l-acces-au-logement"),
    ("L'accès à l'emploi", "l-acces-a-l-emploi"),
    ("Santé — 2024 !", "sante-2024"),
    ("Cœur de ville", "coeur-de-ville"),
    ("  Ça   va ?  ", "ca-va"),
    ("Ελλάδα", "ellada"),  # Kirby's Str::ascii spells Greek out too
    ("★ !!!", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_next_number_follows_the_highest_listed_folder(tmp_path):
    assert next_number(tmp_path) == 1
    for name in ("1_a", "10_b", "annexe", "_drafts", "99_fichier.txt"):
        (tmp_path / name).mkdir() if "." not in name else (tmp_path / name).touch()
    (tmp_path / "_drafts" / "50_brouillon").mkdir()
    assert next_number(tmp_path) == 11


def test_the_new_page_reads_well_and_only_its_sample_text_stops_the_check(tmp_path):
    content = make_site(tmp_path, {})
    page = create_page("L’accès au logement", content)
    assert page == content / "3_l-acces-au-logement" / "page.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("Title: L’accès au logement\n\n----\n\nText:\n")
    problems = strict_build(content, tmp_path / "check").problems
    assert problems and all("modèle de « make new »" in p.message for p in problems)
    build_site(content, tmp_path / "output")
    html = BeautifulSoup(read(tmp_path / "output", "l-acces-au-logement/"), "html.parser")
    assert html.find("h1").get_text() == "L’accès au logement"
    assert [a.get_text(" ", strip=True) for a in html.select(".action-name")] == [
        "Nom de l’action"]
    assert "Modèle de page" not in html.get_text()  # the comments stay comments


@pytest.mark.parametrize("title, says", [
    ("", "Donnez le titre de la nouvelle page"),
    ("   ", "Donnez le titre de la nouvelle page"),
    ("!!!", "ne donne pas d’adresse de page"),
    ("Emploi", "Une page a déjà l’adresse /emploi/ (dossier content/1_emploi)"),
])
def test_refusals(tmp_path, title, says):
    content = make_site(tmp_path, {})
    before = sorted(p.name for p in content.iterdir())
    with pytest.raises(NewPageError, match=says.replace("(", r"\(").replace(")", r"\)")):
        create_page(title, content)
    assert sorted(p.name for p in content.iterdir()) == before


def test_command_prints_the_path_and_reads_titre_from_the_environment(tmp_path):
    content = make_site(tmp_path, {})
    result = run_tool("new_page", "--content", str(content), TITRE="Santé")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Page créée : content/3_sante/page.md"
    assert (content / "3_sante" / "page.md").is_file()
    again = run_tool("new_page", "Santé", "--content", str(content))
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert again.stderr.startswith("Une page a déjà l’adresse /sante/")
