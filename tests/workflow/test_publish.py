"""`make publish`: the strict production build replaces output/ only when all went well."""

from __future__ import annotations

import shutil

import pytest

from tests.workflow.support import make_site, run_tool, tree_hashes
from tools import publish as publish_tool


def test_publish_builds_for_the_site_url_with_its_search_index(tmp_path):
    content = make_site(tmp_path, {})
    output = tmp_path / "output"
    result = run_tool("publish", "--content", str(content), "--output", str(output),
                      SITEURL="https://exemple.org/cf92/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://exemple.org/cf92/emploi/"' in home
    assert "class=\"problems\"" not in home  # never the notice in a publish build
    assert (output / "emploi" / "photo.png").is_file()
    assert (output / "pagefind").is_dir()
    assert result.stdout.splitlines()[-1] == (
        f"Site publié dans {output}/, pour l’adresse https://exemple.org/cf92/.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]  # no leftovers


def test_publish_replaces_the_old_output_entirely(tmp_path):
    content = make_site(tmp_path, {})
    output = tmp_path / "output"
    (output / "ancienne-page").mkdir(parents=True)
    (output / "ancienne-page" / "index.html").write_text("ancienne", encoding="utf-8")
    result = run_tool("publish", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stdout
    assert not (output / "ancienne-page").exists()
    assert (output / "logement" / "index.html").is_file()
    assert "SITEURL n’est pas défini" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A site published once, copied by each test that needs an output/ to keep."""
    folder = tmp_path_factory.mktemp("published")
    good = run_tool("publish", "--content", str(make_site(folder, {})),
                    "--output", str(folder / "output"))
    assert good.returncode == 0
    return folder / "output"


@pytest.mark.parametrize("files", [
    {"3_essai/page.md": "Title: Essai\n----\nText: ![Une image](absente.png)"},
    {"3_essai/page.md": b"Title: Caf\xe9"},  # latin-1
    {"3_emploi/page.md": "Title: Doublon\n----\nText: x"},  # one URL for two folders
    {"2_logement/page.md": "Title: Logement\n----\nText: (link: nulle-part)"},
])
def test_a_failing_publish_leaves_output_byte_for_byte(tmp_path, published, files):
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = tree_hashes(output)
    result = run_tool("publish", "--content", str(make_site(tmp_path / "bad", files)),
                      "--output", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"Rien n’a été publié : {output}/ est resté tel quel."
    assert tree_hashes(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "output"]


def test_a_failing_search_index_publishes_nothing(tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("en ligne", encoding="utf-8")

    def broken(site):
        raise RuntimeError("pagefind absent")

    monkeypatch.setattr("search.index.index_site", broken)
    code = publish_tool.publish(make_site(tmp_path, {}), output)
    assert code == 1
    assert (output / "index.html").read_text(encoding="utf-8") == "en ligne"
    assert "l’index de recherche n’a pas pu être construit" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_swap_into(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(publish_tool, "_exchange", lambda first, second: False)
    new, output = tmp_path / "new", tmp_path / "output"
    new.mkdir()
    (new / "a.html").write_text("nouveau", encoding="utf-8")
    publish_tool.swap_into(new, output)  # no output yet
    assert (output / "a.html").read_text(encoding="utf-8") == "nouveau"
    new.mkdir()
    (new / "b.html").write_text("plus récent", encoding="utf-8")
    publish_tool.swap_into(new, output)
    assert [p.name for p in output.iterdir()] == ["b.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_root_relative_link_fails_when_the_site_lives_in_a_folder(tmp_path):
    content = make_site(tmp_path, {"2_logement/page.md": "Title: L\n----\nText: [x](/emploi/)"})
    result = run_tool("publish", "--content", str(content), "--output", str(tmp_path / "out"),
                      SITEURL="https://exemple.org/cf92")
    assert result.returncode == 1
    assert result.stdout.startswith("content/2_logement/page.md:3: Le lien « /emploi/ » sort du "
                                    "site publié (https://exemple.org/cf92/)")
    assert not (tmp_path / "out").exists()
    at_the_root = run_tool("publish", "--content", str(content), "--output", str(tmp_path / "out"),
                           SITEURL="https://exemple.org")
    assert at_the_root.returncode == 0
