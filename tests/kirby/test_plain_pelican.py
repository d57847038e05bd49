"""plugins/kirby alone: a plain Pelican site, `PLUGINS = ["kirby"]` and one of Pelican's
own themes, builds Kirby content into the pages and URLs Kirby gives it.

Each build runs in its own process, as `pelican` itself runs: Pelican's signals
are process-wide, so a build in this process would also run the receivers of
the other plugins that earlier tests loaded. The process says which of our
modules it imported: the kirby plugin's own, nothing else of ours.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from kirby.tree import page_folders, url_path

from tests.support import FIXTURES, ROOT, SEED_SITE
from tests.wholeness import broken_links

OURS = {"actions", "images", "kirby", "search", "seo", "typography", "tools", "tests", "bench"}
BUILD = """
import json, sys
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings(sys.argv[1], override={"PATH": sys.argv[2], "OUTPUT_PATH": sys.argv[3],
                                               **json.loads(sys.argv[5])})
Pelican(settings).run()
ours = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.argv[4])))
print("MODULES=" + json.dumps(ours))
"""


def build(tmp_path: Path, content: Path, theme: str, more: str = "",
          conf: Path | None = None, **overrides) -> tuple[Path, subprocess.CompletedProcess]:
    if conf is None:
        conf = tmp_path / "pelicanconf.py"
        conf.write_text(f"SITENAME = 'Essai'\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"PLUGINS = ['kirby']\nTHEME = {theme!r}\nTIMEZONE = 'Europe/Paris'\n"
                        + more, encoding="utf-8")
    output = tmp_path / "output"
    done = subprocess.run([sys.executable, "-c", BUILD, str(conf), str(content), str(output),
                           json.dumps(sorted(OURS)), json.dumps(overrides)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)
    return output, done


@pytest.mark.parametrize("theme", ["simple", "notmyidea"])
def test_the_seed_builds_with_a_stock_theme_and_only_kirby(tmp_path, theme):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    output, done = build(tmp_path, content, theme)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "MODULES=[\"kirby\"]" in done.stdout
    page = BeautifulSoup((output / "acces-a-l-emploi" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert "L'accès à l'emploi" in page.find("title").get_text()
    text = page.get_text(" ", strip=True)
    # Without the actions plugin, an action is the Markdown it is written in.
    assert "Dispositif Premières Heures" in text
    assert "Besoin identifié : reprendre confiance en soi" in text
    assert page.find("img", src="/acces-a-l-emploi/insertion.png")
    assert (output / "acces-a-l-emploi" / "insertion.png").is_file()
    assert (output / "index.html").is_file()
    assert not (output / "acces-a-l-emploi" / "insertion.png.md").exists()


@pytest.mark.parametrize("theme", ["simple", "notmyidea"])
@pytest.mark.parametrize("site", ["kirby-site", "news-site"])
def test_a_folder_of_kirby_pages_gives_every_page_at_its_kirby_url(tmp_path, theme, site):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / site, content)
    output, done = build(tmp_path, content, theme)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    folders = page_folders(content)
    assert len(folders) > 10
    missing = [f for f in folders if not (output / url_path(f) / "index.html").is_file()]
    assert missing == []
    assert not list(output.rglob("*_drafts*")) and not list(output.rglob("*brouillon*"))
    assert not [p for p in output.rglob("*") if p.name[:2] in ("1_", "2_", "3_")]


def test_unusual_files_are_page_files_not_crashes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    (content / "notes.markdown").write_text("Title: Notes\n\nDu texte.\n", encoding="utf-8")
    (content / "1_acces-a-l-emploi" / "annexe.markdown").write_text("# Annexe\n", "utf-8")
    (content / "1_acces-a-l-emploi" / "guide.rst").write_text("Guide\n=====\n", "utf-8")
    (content / "1_acces-a-l-emploi" / "ancien.html").write_text("<p>x</p>", "utf-8")
    (content / "2_avec espace").mkdir()
    (content / "2_avec espace" / "page.md").write_text("Title: Espace\n", encoding="utf-8")
    output, done = build(tmp_path, content, "simple")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert (output / "acces-a-l-emploi" / "annexe.markdown").is_file()
    assert (output / "acces-a-l-emploi" / "guide.rst").is_file()
    assert not (output / "acces-a-l-emploi" / "ancien.html").exists()  # §1.6
    assert (output / "avec espace" / "index.html").is_file()
    assert (output / "notes.markdown").is_file()


def test_a_page_of_another_reader_the_site_kept_builds_beside_the_kirby_pages(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    (content / "notes.markdown").write_text("Title: Notes\n\nDu texte.\n", encoding="utf-8")
    # The site chose its READERS: Pelican's Markdown reader still reads `.markdown`.
    output, done = build(tmp_path, content, "simple", "READERS = {'rst': None}\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert (output / "notes" / "index.html").is_file()
    assert (output / "acces-a-l-emploi" / "index.html").is_file()


def test_the_kirby_plugin_imports_nothing_of_ours_outside_itself():
    imported = set()
    for path in (ROOT / "plugins" / "kirby").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {(path.name, alias.name.split(".")[0]) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add((path.name, node.module.split(".")[0]))
    assert sorted((f, m) for f, m in imported if m in OURS - {"kirby"}) == []


def test_without_the_actions_plugin_our_own_site_still_builds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    plugins = ["kirby", "typography", "images", "seo", "pelican.plugins.sitemap"]
    output, done = build(tmp_path, content, "", conf=ROOT / "pelicanconf.py", PLUGINS=plugins)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "actions" not in done.stdout.split("MODULES=")[1]
    page = BeautifulSoup((output / "acces-a-l-emploi" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert "reprendre confiance en soi" in page.find("main").get_text(" ")
    assert not page.select(".action-name") and not (output / "actions").exists()
    assert broken_links(output) == []  # no /actions/ nor actions.json linked


def test_the_news_defaults_give_way_to_the_sites_own_settings(tmp_path):
    news = FIXTURES / "news-site"
    (tmp_path / "default").mkdir()
    output, done = build(tmp_path / "default", news, "simple")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (output / "feeds" / "actualites.atom.xml").is_file()  # the plugin's feed names

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    output, done = build(chosen, news, "simple",
                         "FEED_ALL_ATOM = 'flux/tout.xml'\nFEED_ALL_RSS = 'flux/tout.rss'\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (output / "flux" / "tout.xml").is_file() and (output / "flux" / "tout.rss").is_file()
    assert not list(output.glob("feeds/actualites.*"))


def test_a_site_without_news_gets_no_empty_feed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    output, done = build(tmp_path, content, "simple")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(output.glob("feeds/actualites.*")) and not (output / "feeds/all.atom.xml").exists()
