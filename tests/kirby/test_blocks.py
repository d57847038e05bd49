"""Kirby's blocks and layouts (plugins/kirby/blocks.py): each core block type's HTML, the
layout grid, hidden and unknown blocks, malformed JSON, UUID references, theme overrides."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from kirby.blocks import FieldSource, environment, is_json_field, render_field
from kirby.fields import Field
from kirby.kirbytags import PageFile, TagContext
from kirby.kirbytext import KirbyText, PageText
from kirby.values import field_value, file_names

from tests.kirby.test_plain_pelican import build
from tests.support import FIXTURES

PHOTO = PageFile("atelier.jpg", "/blocs/atelier.jpg", {"alt": "Un atelier"}, 80, 60)
OTHER = PageFile("local.jpg", "/a-propos/local.jpg", {"alt": "Le local"}, 40, 30)


class References:
    def file(self, reference):
        return {"f1": PHOTO, "f2": OTHER}.get(reference.replace("/@/file/", "file://")[7:])


    def url(self, reference):
        if reference in ("page://p1", "/@/page/p1"):
            return "/a-propos/"
        found = self.file(reference)
        return found.url if found else None


def render(blocks, theme: str = "", value_line: int = 5):
    value = json.dumps(blocks)
    lines = ["Title: Essai", "", "----", "", f"Text: {value}"]
    page = PageText("content/1_blocs/default.txt", value_line, {}, {"atelier.jpg": PHOTO},
                    file_lines=lines)
    context = TagContext(files={"atelier.jpg": PHOTO}, references=References())
    source = FieldSource(page, Field(value, value_line, value_line), context, KirbyText(),
                         environment(theme))
    return render_field(source), source.problems


def block(type_, hidden=False, **content):
    return {"content": content, "id": f"id-{type_}", "isHidden": hidden, "type": type_}


EXACT = [
    (block("heading", level="h3", text="Un titre"), '<h3 class="block block-heading">Un titre</h3>'),
    # The page's title is its one h1.
    (block("heading", level="h1", text="Un titre"), '<h2 class="block block-heading">Un titre</h2>'),
    (block("heading", text="Sans niveau"), '<h2 class="block block-heading">Sans niveau</h2>'),
    (block("text", text="<p>Un <strong>texte</strong></p>"),
     '<div class="block block-text">\n<p>Un <strong>texte</strong></p>\n</div>'),
    (block("list", text="<ul><li><p>Un</p></li></ul>"),
     '<div class="block block-list">\n<ul><li><p>Un</p></li></ul>\n</div>'),
    (block("quote", text="Une phrase", citation="Une autrice"),
     '<figure class="block block-quote">\n<blockquote>Une phrase</blockquote>\n'
     '<figcaption>Une autrice</figcaption>\n</figure>'),
    (block("quote", text="Sans source", citation=""),
     '<figure class="block block-quote">\n<blockquote>Sans source</blockquote>\n</figure>'),
    (block("code", language="php", code="<?php echo 1 ?>"),
     '<pre class="block block-code"><code class="language-php">&lt;?php echo 1 ?&gt;</code></pre>'),
    (block("line"), '<hr class="block block-line">'),
    (block("markdown", text="Du **gras** et (link: page://p1 text: un lien)"),
     '<div class="block block-markdown">\n<p>Du <strong>gras</strong> et '
     '<a href="/a-propos/">un lien</a></p>\n</div>'),
    (block("image", location="kirby", image=["file://f1"], alt="", caption="Une légende",
           link="", ratio="16/9", crop="true"),
     '<figure class="block block-image ratio ratio-16-9 crop">\n'
     '<img src="/blocs/atelier.jpg" alt="Un atelier" width="80" height="60" '
     'fetchpriority="high" decoding="async">\n<figcaption>Une légende</figcaption>\n</figure>'),
    (block("image", location="kirby", image=["atelier.jpg"], alt="Mon texte", link="page://p1"),
     '<figure class="block block-image">\n<a href="/a-propos/"><img src="/blocs/atelier.jpg" '
     'alt="Mon texte" width="80" height="60" fetchpriority="high" decoding="async"></a>\n</figure>'),
    (block("image", location="web", src="https://example.org/a.png", alt="Une affiche"),
     '<figure class="block block-image">\n<img src="https://example.org/a.png" alt="Une affiche" '
     'fetchpriority="high" decoding="async">\n</figure>'),
    (block("gallery", images=["file://f1", "file://f2"], caption="Deux photos"),
     '<figure class="block block-gallery">\n<ul>\n<li><img src="/blocs/atelier.jpg" '
     'alt="Un atelier" width="80" height="60" fetchpriority="high" decoding="async"></li>\n'
     '<li><img src="/a-propos/local.jpg" alt="Le local" width="40" height="30" loading="lazy" '
     'decoding="async"></li>\n</ul>\n<figcaption>Deux photos</figcaption>\n</figure>'),
    (block("video", url="https://www.youtube.com/watch?v=abc", caption="Le forum"),
     '<figure class="block block-video video">\n<iframe src="https://www.youtube-nocookie.com/'
     'embed/abc" title="Vidéo" allow="fullscreen" allowfullscreen=""></iframe>\n'
     '<figcaption>Le forum</figcaption>\n</figure>'),
    (block("table", rows=[{"jour": "Lundi", "horaire": "9 h"}]),
     '<div class="block block-table">\n<table>\n<thead>\n<tr><th scope="col">jour</th>'
     '<th scope="col">horaire</th></tr>\n</thead>\n<tbody>\n<tr><td>Lundi</td><td>9 h</td></tr>\n'
     '</tbody>\n</table>\n</div>'),
]


@pytest.mark.parametrize(("given", "expected"), EXACT, ids=[b["type"] for b, _ in EXACT])
def test_each_core_block_type_gives_its_html(given, expected):
    html, problems = render([given])
    assert html == expected
    assert problems == []


def test_hidden_blocks_are_not_published():
    html, problems = render([block("text", text="<p>Vu</p>"),
                             block("text", hidden=True, text="<p>Caché</p>")])
    assert "Vu" in html and "Caché" not in html and problems == []


def test_an_unknown_block_type_shows_its_words_in_a_neutral_box_with_a_warning():
    html, problems = render([block("carte", titre="Une carte", texte="<p>Son <b>texte</b></p>",
                                   lien="https://example.org/")])
    assert html == ('<div class="block block-unknown">\n<p>Une carte</p>\n<p>Son texte</p>\n'
                    '</div>')
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("content/1_blocs/default.txt", 5, "warning")]
    assert "« carte »" in problems[0].message and "templates/blocks/carte.html" in problems[0].message


def test_a_video_that_has_no_player_becomes_a_link():
    html, problems = render([block("video", url="https://example.org/forum", caption="Le forum")])
    assert html == ('<p class="block block-video-link"><a href="https://example.org/forum">'
                    'Voir la vidéo : Le forum</a></p>')
    assert [p.severity for p in problems] == ["warning"]


def test_a_layout_is_rows_of_columns_on_a_twelve_column_grid():
    layout = [{"id": "r1", "attrs": [], "columns": [
        {"id": "c1", "width": "1/3", "blocks": [block("heading", text="Gauche")]},
        {"id": "c2", "width": "2/3", "blocks": [block("text", text="<p>Droite</p>")]}]}]
    html, problems = render(layout)
    assert html == ('<div class="layout-row" id="ligne-r1">\n<div class="layout-column span-4">\n'
                    '<h2 class="block block-heading">Gauche</h2>\n</div>\n'
                    '<div class="layout-column span-8">\n<div class="block block-text">\n'
                    '<p>Droite</p>\n</div>\n</div>\n</div>')
    assert problems == []


def test_writer_html_is_sanitised_and_each_removal_said_at_the_block_line():
    html, problems = render([block("text", text='<p onclick="x()">Un</p><script>alert(1)</script>')])
    assert html == '<div class="block block-text">\n<p>Un</p>\n</div>'
    assert {(p.line, p.severity) for p in problems} == {(5, "warning")}
    assert any("onclick" in p.message for p in problems)
    assert any("<script>" in p.message for p in problems)


def test_references_in_writer_html_are_resolved_and_unknown_ones_are_errors():
    html, problems = render([block("text", text='<p><a href="/@/page/p1">ici</a> '
                                                '<a href="page://zz">là</a></p>')])
    assert '<a href="/a-propos/">ici</a>' in html and '<a href="#">là</a>' in html
    assert [(p.severity, "page://zz" in p.message) for p in problems] == [("error", True)]


def test_an_unknown_file_uuid_in_an_image_block_shows_nothing_broken():
    html, problems = render([block("image", location="kirby", image=["file://zz"], alt="x")])
    assert html == ""
    assert [(p.line, p.severity) for p in problems] == [(5, "error")]
    assert "file://zz" in problems[0].message


def test_a_block_line_is_found_in_pretty_printed_json():
    lines = json.dumps([block("text", text="<p>a</p>"), block("nouveau", x="y")], indent=2)
    value = lines
    file_lines = ["Title: Essai", "", "----", "", "Text:", *value.split("\n")]
    page = PageText("content/p/page.txt", 6, {}, {}, file_lines=file_lines)
    source = FieldSource(page, Field(value, 5, 6), TagContext(), KirbyText(), environment(""))
    render_field(source)
    expected = next(i for i, line in enumerate(file_lines, 1) if '"id-nouveau"' in line)
    assert [p.line for p in source.problems] == [expected]


@pytest.mark.parametrize("value", ['[{"type": "text", "content": {"text": "a"}', '[{"type": ]'])
def test_malformed_json_is_an_error_with_its_line(value):
    page = PageText("content/p/page.txt", 7, {}, {}, file_lines=[])
    source = FieldSource(page, Field(value, 7, 7), TagContext(), KirbyText(), environment(""))
    assert render_field(source) == ""
    assert [(p.line, p.severity) for p in source.problems] == [(7, "error")]
    assert "« Text »" in source.problems[0].message or "champ" in source.problems[0].message


@pytest.mark.parametrize(("value", "expected"), [
    ('[{"type":"text"}]', True), ("[]", True), ('  [\n  {"a": 1}]', True),
    ("[un lien](https://example.org)", False), ("[Note] du jour", False), ("Du texte", False)])
def test_what_counts_as_a_json_field(value, expected):
    assert is_json_field(value) is expected


def test_a_theme_template_overrides_a_block_type(tmp_path):
    (tmp_path / "templates" / "blocks").mkdir(parents=True)
    (tmp_path / "templates" / "blocks" / "heading.html").write_text(
        '<p class="titre">{{ block.text }} ({{ block.content.level }})</p>', encoding="utf-8")
    (tmp_path / "templates" / "blocks" / "carte.html").write_text(
        '<div class="carte">{{ block.content.titre }}</div>', encoding="utf-8")
    html, problems = render([block("heading", level="h3", text="T"), block("carte", titre="C")],
                            theme=str(tmp_path))
    assert html == '<p class="titre">T (h3)</p>\n<div class="carte">C</div>'
    assert problems == []


def test_fields_as_data():
    files = {"local.jpg": OTHER}
    refs = References()
    value = lambda key, text: field_value(key, text, files=files, references=refs)  # noqa: E731
    assert value("tags", "entraide, quartier ,") == ["entraide", "quartier"]
    assert value("featured", "true") is True and value("featured", "false") is False
    assert value("places", "12") == 12 and value("price", "-3.5") == -3.5
    assert value("day", "2024-09-21 14:30") == datetime(2024, 9, 21, 14, 30)
    assert value("cover", "- file://f1\n- local.jpg") == [PHOTO, OTHER]
    assert value("related", "- page://p1") == ["/a-propos/"]
    assert value("team", "-\n  name: Ana\n  role: accueil\n-\n  name: Léo\n  role: cuisine") == [
        {"name": "Ana", "role": "accueil"}, {"name": "Léo", "role": "cuisine"}]
    assert value("intro", '<p>Un <a href="x" onclick="y">lien</a></p>') == (
        '<p>Un <a href="x">lien</a></p>')
    assert value("subheading", "Une phrase, simple.") == "Une phrase, simple."
    assert file_names("- 'file://f1'") == ["file://f1"] and file_names("[]") == []
    assert file_names("cover.jpg") == ["cover.jpg"]


def test_the_blocks_site_builds_with_a_stock_theme_and_only_kirby(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "blocks-site", content)
    output, done = build(tmp_path, content, "simple")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    page = BeautifulSoup((output / "blocs" / "index.html").read_text("utf-8"), "html.parser")
    assert [h.get_text() for h in page.select(".block-heading")] == ["Un titre de bloc"]
    assert page.select_one(".block-text a")["href"] == "/a-propos/"  # /@/page/UUID
    assert page.select_one(".block-image img")["src"] == "/blocs/atelier.jpg"  # file://UUID
    assert [i["src"] for i in page.select(".block-gallery img")] == [
        "/a-propos/equipe.jpg", "/a-propos/local.jpg"]
    assert "Bloc masqué" not in page.get_text()
    assert page.select_one(".block-unknown").get_text(" ", strip=True) == (
        "Une carte Le texte d’un bloc propre au site.")
    about = BeautifulSoup((output / "a-propos" / "index.html").read_text("utf-8"), "html.parser")
    assert [c["class"] for c in about.select(".layout-column")] == [
        ["layout-column", "span-4"], ["layout-column", "span-8"],
        ["layout-column", "span-6"], ["layout-column", "span-6"]]
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert home.find("a", string="la page des blocs")["href"] == "/blocs/"  # (link: page://)
    # What the build told: the unknown type and the video without a player, as warnings.
    said = done.stdout + done.stderr
    assert "content/1_blocs/default.txt:5" in said and "« carte »" in said


def test_an_unknown_uuid_and_broken_json_are_errors_and_the_rest_builds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "blocks-site", content)
    (content / "4_casse").mkdir()
    (content / "4_casse" / "default.txt").write_text(
        'Title: Cassée\n\n----\n\nText: [{"type": "text", "content": {"text": "<p>a</p>"}\n\n'
        "----\n\nCover: - file://inconnu\n", encoding="utf-8")
    output, done = build(tmp_path, content, "simple")
    said = done.stdout + done.stderr
    assert "Traceback" not in said
    assert "content/4_casse/default.txt:5" in said and "JSON" in said
    assert "content/4_casse/default.txt:9" in said and "file://inconnu" in said
    assert (output / "casse" / "index.html").is_file()
    assert (output / "blocs" / "index.html").is_file()


def test_markdown_links_and_images_to_uuids_are_resolved_in_a_text():
    page = PageText("content/p/page.txt", 5, {}, {},
                    file_lines=["Title: x", "", "----", "", "Text: a", "[b](page://p1) ![c](file://f1)",
                                "[d](page://zz) ![e](file://zz) <a href=\"/@/file/f2\">f</a>"])
    html = KirbyText().render("a\n[b](page://p1) ![c](file://f1)\n"
                              "[d](page://zz) ![e](file://zz) <a href=\"/@/file/f2\">f</a>",
                              TagContext(references=References()), page)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", string="b")["href"] == "/a-propos/"
    assert soup.find("img")["src"] == "/blocs/atelier.jpg" and len(soup.find_all("img")) == 1
    assert soup.find("a", string="d").get("href") is None and "e" in soup.get_text()
    assert soup.find("a", string="f")["href"] == "/a-propos/local.jpg"
    assert sorted((p.line, p.severity, p.message.split("»")[0]) for p in page.problems) == [
        (7, "error", "La référence « file://zz "), (7, "error", "La référence « page://zz ")]


def test_a_writer_field_is_sanitised_and_its_removals_said(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "blocks-site", content)
    (content / "4_ecrit").mkdir()
    (content / "4_ecrit" / "default.txt").write_text(
        'Title: Écrit\n\n----\n\nIntro: <p>Un <b onclick="x()">mot</b></p>\n', encoding="utf-8")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(f"SITENAME = 'Essai'\nPLUGIN_PATHS = [{str(FIXTURES.parent.parent / 'plugins')!r}]\n"
                    "PLUGINS = ['kirby']\nTHEME = 'simple'\nTIMEZONE = 'Europe/Paris'\n"
                    "TEMPLATE_PAGES = {}\n", encoding="utf-8")
    output, done = build(tmp_path, content, "simple", conf=conf)
    said = done.stdout + done.stderr
    assert "content/4_ecrit/default.txt:5" in said and "onclick" in said


def test_a_reference_without_a_resolver_is_unknown_not_a_crash():
    value = json.dumps([block("text", text='<p><a href="/@/page/p1">ici</a></p>')])
    page = PageText("content/p/page.txt", 5, {}, {}, file_lines=[])
    source = FieldSource(page, Field(value, 5, 5), TagContext(), KirbyText(), environment(""))
    assert '<a href="#">ici</a>' in render_field(source)
    assert [p.severity for p in source.problems] == ["error"]
