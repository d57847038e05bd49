"""The volunteers' commands through make, in a copy of the project holding the frozen
seed site (never the real content/ or output/): new page, check, publish, and a
failing publish that leaves output/ byte for byte as it was."""

from __future__ import annotations

import pytest

from tests.support import SEED_SITE
from tests.workflow.support import make, project_copy, tree_hashes
from tools.placeholders import template_parts


@pytest.fixture
def repo(tmp_path):
    return project_copy(tmp_path, SEED_SITE)


def test_new_check_publish_then_a_failing_publish(repo):
    new = make(repo, "new", "TITRE=L’hébergement d’urgence")
    assert new.returncode == 0, new.stdout + new.stderr
    assert "Page créée : content/2_l-hebergement-d-urgence/page.md" in new.stdout
    page = repo / "content" / "2_l-hebergement-d-urgence" / "page.md"
    assert page.is_file()

    untouched = make(repo, "check")
    assert untouched.returncode != 0  # the template's sample sentences are not the collective's
    assert "content/2_l-hebergement-d-urgence/page.md:37: la phrase « *Nom de l’action* »" \
        in untouched.stdout
    refused = make(repo, "publish", SITEURL="https://exemple.org")
    assert refused.returncode != 0
    assert not (repo / "output").exists()

    text = page.read_text(encoding="utf-8")
    for number, sentence in enumerate(template_parts()[0]):
        text = text.replace(sentence, f"Une phrase à nous, la {number + 1}.")
    page.write_text(text, encoding="utf-8")
    check = make(repo, "check")
    assert check.returncode == 0, check.stdout
    assert "Aucune erreur" in check.stdout  # the template's comments remain: warnings only

    publish = make(repo, "publish", SITEURL="https://exemple.org")
    assert publish.returncode == 0, publish.stdout + publish.stderr
    output = repo / "output"
    assert (output / "l-hebergement-d-urgence" / "index.html").is_file()
    before = tree_hashes(output)

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
