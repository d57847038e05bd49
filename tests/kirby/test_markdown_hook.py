"""Other plugins extend KirbyText with Python-Markdown extensions (plugins/kirby/README.md):
through KIRBY_MARKDOWN_EXTENSIONS or Pelican's own MARKDOWN setting, which really
applies. The Text is rendered once as one document: references and footnotes
defined anywhere in it resolve, action groups or not."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from kirby.problems import WARNING, Problem

from tests.support import build_site, soup

PAGE = """Title: Emploi

----

Text:

Avant les actions, voir [le guide][guide] et une note[^1].

Nos actions :

*Atelier CV*
Besoin identifié : écrire un CV.
Synthèse de l’action : un atelier, voir [le site][atelier].

Après les actions, encore [le guide][guide].

[guide]: https://exemple.org/guide
[atelier]: https://exemple.org/atelier
[^1]: La note, définie après le groupe d’actions.
"""


def write_site(tmp_path):
    content = tmp_path / "content"
    (content / "1_emploi").mkdir(parents=True)
    (content / "1_emploi" / "page.md").write_text(PAGE, encoding="utf-8")
    return content


def test_references_resolve_across_action_groups_and_in_actions(tmp_path):
    output = tmp_path / "output"
    build_site(write_site(tmp_path), output)
    page = soup(output, "emploi/")
    links = [a["href"] for a in page.select("main a[href^='https://exemple.org']")]
    assert links == ["https://exemple.org/guide", "https://exemple.org/atelier",
                     "https://exemple.org/guide"]
    assert "[le guide]" not in page.get_text() and "[le site]" not in page.get_text()
    assert [a.get_text() for a in page.select(".action-name")] == ["Atelier CV"]


def test_the_markdown_setting_really_applies_footnotes_across_groups(tmp_path):
    output = tmp_path / "output"
    build_site(write_site(tmp_path), output, MARKDOWN={"extensions": ["footnotes"]})
    page = soup(output, "emploi/")
    note = page.select_one("sup a.footnote-ref")
    assert note is not None and note["href"] == "#fn:1"
    assert "La note, définie après le groupe" in page.select_one("div.footnote").get_text()


class _Words(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        page = self.md.kirby_page
        if page is not None:
            page.metadata["word_count"] = len("".join(root.itertext()).split())
            page.problems.append(Problem(page.path, page.first_line, "un mot de trop", WARNING))


class WordsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Words(md), "words", 5)


def test_an_extension_of_another_plugin_reads_the_page_and_leaves_attributes(tmp_path):
    from pelican import signals

    found = {}

    def keep(generator):
        found.update({page.slug: page for page in generator.pages})

    signals.page_generator_finalized.connect(keep)
    try:
        build_site(write_site(tmp_path), tmp_path / "output",
                   KIRBY_MARKDOWN_EXTENSIONS=[WordsExtension()])
    finally:
        signals.page_generator_finalized.disconnect(keep)
    page = found["emploi"]
    assert page.word_count > 10
    assert [(p.line, p.message) for p in page.problems if p.message == "un mot de trop"] == [
        (7, "un mot de trop")]
