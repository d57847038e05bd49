"""The strict checks' pure functions (plugins/kirby/strict.py): tables of cases."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from kirby.fields import parse_fields
from kirby.kirbytext import text_problems
from kirby.problems import ERROR, WARNING
from kirby.strict import (
    cover_problems,
    is_page_file_target,
    link_target,
    page_links,
    page_problems,
    separator_problems,
    source_line,
)

from tests.workflow.support import make_site
from tools.check import strict_build

# --- Separators ----------------------------------------------------------------------

SEPARATORS = [
    # (file text, [(line, piece of message)])
    ("Title: A\n----\nText: B", []),
    ("Title: A\n----   \nText: B", []),
    ("Title: A\r\n----\r\nText: B", []),
    ("Title: A\n---\nText: B", [(2, "quatre tirets")]),
    ("Title: A\n\n--\n\nText: B", [(3, "quatre tirets")]),
    ("Title: A\n——\nText: B", [(2, "« —— »")]),  # a word processor's em dashes
    ("Title: A\n– – –\nText: B", []),  # spaced dashes: a list or a rule, not a separator
    ("Title: A\n  ----\nText: B", [(2, "en début de ligne")]),
    ("Title: A\n----\nText: x\n\n-----\n\nsuite", [(5, "plus de quatre tirets")]),
    ("Title: A\n-----\nText: B", [(2, "plus de quatre tirets")]),
    ("---\nTitle: A\n---\nText: B", [(1, "est de trop"), (3, "quatre tirets")]),
    ("----\nTitle: A", [(1, "est de trop")]),
    # A horizontal rule in a text is Markdown, not a mistyped separator…
    ("Title: A\n----\nText: Un\n\n---\n\nDeux", []),
    ("Title: A\n----\nText: Un\n\n---\n\nNote: ceci est une phrase.", []),
    # …unless a field's name follows it.
    ("Title: A\n----\nText: Un\n\n---\n\nDate: 2024-03-12", [(5, "quatre tirets")]),
    ("Title: A\n----\nText: Un\n---\nAutre:\nvaleur", [(4, "quatre tirets")]),
]


@pytest.mark.parametrize("text, expected", SEPARATORS)
def test_mistyped_separators(text, expected):
    found = separator_problems(text, "content/p/page.md")
    assert [(p.line, p.severity) for p in found] == [(line, ERROR) for line, _ in expected]
    for problem, (_, piece) in zip(found, expected):
        assert piece in problem.message


# --- Text: raw HTML and Markdown ---------------------------------------------------

TEXTS = [
    # (Text, [(line within the text, severity, piece of message)]). What the sanitiser
    # removes is a warning (the page still publishes); a missing page file is an error.
    ("Un texte sans rien.", []),
    ("<script>alert(1)</script>", [(1, WARNING, "« <script> » a été retirée")]),
    ("Un\n<SCRIPT src=x.js></SCRIPT>", [(2, WARNING, "« <script> » a été retirée")]),
    ("<svg><script>x</script></svg>", [(1, WARNING, "« <svg> » a été retirée"),
                                       (1, WARNING, "« <script> » a été retirée")]),
    ("`<script>` dans du code", []),
    ("```\n<script>alert(1)</script>\n```", []),
    ("~~~html\n<a onclick=x>\n~~~\nfin", []),
    ('<p onclick="x">a</p>', [(1, WARNING, "« onclick » de la balise « <p> » a été retiré")]),
    ("<img src=photo.png alt=x ONERROR=alert(1)>", [(1, WARNING, "« onerror »")]),
    ('<iframe srcdoc="<b onmouseover=x>a</b>"></iframe>', [(1, WARNING, "« srcdoc »")]),
    ('<iframe src="https://evil.example/x"></iframe>', [(1, WARNING, "seules les vidéos")]),
    ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', []),
    ('<meta http-equiv="refresh" content="0;url=https://example.org/">',
     [(1, WARNING, "« <meta> » a été retirée")]),
    ('<base href="https://evil.example/">', [(1, WARNING, "« <base> »")]),
    ('<object data="x.swf"></object><embed src="x.swf">',
     [(1, WARNING, "« <object> »"), (1, WARNING, "« <embed> »")]),
    ("<style>body{display:none}</style>", [(1, WARNING, "« <style> »")]),
    ('<form action="https://evil.example/"><input name=x></form>',
     [(1, WARNING, "« <form> »"), (1, WARNING, "« <input> »")]),
    ('<p style="position:fixed">a</p>', [(1, WARNING, "« style » de la balise « <p> »")]),
    ("<details><summary>Plus</summary><mark>x</mark> <abbr title=t>A</abbr></details>", []),
    ("[a](javascript:alert(1))", [(1, WARNING, "a été retirée")]),
    ("[a]( JAVASCRIPT:alert(1) )", [(1, WARNING, "a été retirée")]),
    ("[a](<javascript:x>)", [(1, WARNING, "a été retirée")]),
    ("[a][r]\n\n[r]: javascript:x", [(3, WARNING, "a été retirée")]),
    ('<a href="&#106;ava\tscript:x">a</a>', [(1, WARNING, "a été retirée")]),
    ('<a href="data:text/html;base64,xx">a</a>', [(1, WARNING, "a été retirée")]),
    ("![x](data:image/png;base64,xx)", [(1, WARNING, "a été retirée")]),
    ('<img src="photo.png" alt="data: une donnée">', []),  # alt is text, not a URL
    ("[Paris](https://fr.wikipedia.org/wiki/Paris_(France))", []),
    ("[a](mailto:x@example.org) [b](tel:+33123) [c](#ancre) [d](/logement/)", []),
    ("![Une photo](photo.png)", []),
    ("![Une photo](./photo.png)", []),
    ("![Une photo](absente.png)", [(1, ERROR, "L’image « absente.png » est introuvable")]),
    ("![Une photo](mon%20image.png)", [(1, ERROR, "« mon image.png » est introuvable")]),
    ("![](photo.png)", [(1, WARNING, "n’a pas de texte alternatif")]),
    ("Voir\n\n[le rapport](rapport.pdf)", [(3, ERROR, "Le fichier « rapport.pdf »")]),
    ('<a href="rapport.pdf">r</a>', [(1, ERROR, "Le fichier « rapport.pdf »")]),
    ('<img src="absente.png" alt="">', [(1, ERROR, "L’image « absente.png »")]),
    ('<img src="photo.png">', [(1, WARNING, "n’a pas de texte alternatif")]),
    ("[site](www.example.org)", [(1, ERROR, "écrivez « https://www.example.org »")]),
    ("[écrire](contact@example.org)", [(1, ERROR, "« mailto:contact@example.org »")]),
    ("[page](autre.html)", []),  # not a page file: the site-wide link check sees it
    ("(image: photo.png) (link: javascript:x)", []),  # tags report their own problems
]


@pytest.mark.parametrize("text, expected", TEXTS)
def test_text_problems(text, expected):
    found = text_problems(text, 10, {"photo.png"}, "content/p/page.md")
    assert [(p.line - 9, p.severity) for p in found] == [(n, s) for n, s, _ in expected]
    for problem, (_, _, piece) in zip(found, expected):
        assert piece in problem.message
        assert problem.path == "content/p/page.md"


ACTIONS_PAGE = ("Title: A\n----\nCover: absente.jpg\n----\nText: <script>x</script>\n----\n"
                "Actions:\n- name: <b onclick=x>A</b>\n  need: x\n  synthesis: y\n")


def test_page_problems_checks_what_is_around_the_text():
    # The Text's own problems come with its rendering (test_text_problems).
    found = page_problems(ACTIONS_PAGE, parse_fields(ACTIONS_PAGE), {"photo.png"}, "p")
    assert [(p.line, p.message[:14]) for p in found] == [(3, "L’image « abse")]


def test_the_actions_field_is_checked_as_strictly_as_the_text(tmp_path):
    content = make_site(tmp_path, {"3_essai/page.md": ACTIONS_PAGE})
    output = tmp_path / "output"
    found = strict_build(content, output).problems
    mine = sorted((p.line, p.message[:14]) for p in found if p.path == "content/3_essai/page.md")
    assert (8, "L’attribut « o") in mine and (5, "La balise « <s") in mine
    page = BeautifulSoup((output / "essai" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.find("b", string="A") is not None  # published, without its handler
    assert not page.find_all(onclick=True) and page.find("main").find("script") is None


def test_cover_problems():
    fields = parse_fields("Title: A\n----\nCover: photo.png")
    assert cover_problems(fields, {"photo.png"}, "p") == []
    assert cover_problems(parse_fields("Cover:"), set(), "p") == []
    [problem] = cover_problems(fields, set(), "p")
    assert (problem.line, problem.severity) == (3, ERROR)


# --- Links ---------------------------------------------------------------------------


@pytest.mark.parametrize("target, expected", [
    ("photo.png", True), ("./rapport.pdf", True), ("mon%20image.JPG", True),
    ("photo", False), ("/emploi/photo.png", False), ("../x/photo.png", False),
    ("https://x.org/a.png", False), ("mailto:a@b.fr", False), ("page.html", False),
    ("#photo.png", False), ("?x=a.png", False),
])
def test_is_page_file_target(target, expected):
    assert is_page_file_target(target) is expected


@pytest.mark.parametrize("url, site_url, expected", [
    ("/logement/", "", "logement/"),
    ("logement", "", "emploi/logement"),
    ("../logement/#a", "", "logement/"),
    ("/", "", ""),
    ("/actions/?x=1", "", "actions/"),
    ("/mon%20dossier/", "", "mon dossier/"),
    ("#ancre", "", None),
    ("https://example.org/", "", None),
    ("//example.org/x", "", None),
    ("mailto:a@b.fr", "", None),
    ("tel:+33", "", None),
    ("javascript:x", "", None),
    ("https://h.io/cf92/logement/", "https://h.io/cf92", "logement/"),
    ("/cf92/logement/", "https://h.io/cf92", "logement/"),
    ("/logement/", "https://h.io/cf92", ".."),  # leaves the site's folder on the host
    ("/cf92", "https://h.io/cf92", ""),
    ("https://h.io/cf92x/", "https://h.io/cf92", ".."),
    ("https://autre.org/cf92/", "https://h.io/cf92", None),
    ("http://[x", "", None),  # urlsplit's ValueError never reaches the build
])
def test_link_target(url, site_url, expected):
    assert link_target(url, "emploi/", site_url) == expected


def test_page_links_reads_href_src_and_poster():
    html = ('<p><a href="/a/">a</a> <img src="b.png" alt=""><video poster="c.jpg" controls>'
            '<source src=d.mp4></video><a name="x">x</a><a href="&#47;e/">e</a>'
            "<A HREF='/f/' data-src=\"no\">f</A> <!-- <a href=\"/comment/\"> -->"
            '<img alt="x src=/no/" src="/g.png"> href="/text/"</p>')
    assert page_links(html) == [("a", "/a/"), ("img", "b.png"), ("video", "c.jpg"),
                                ("source", "d.mp4"), ("a", "/e/"), ("a", "/f/"),
                                ("img", "/g.png")]


@pytest.mark.parametrize("url, expected", [
    ("/logement", 4),  # (link: logement) gives /logement
    ("/nulle-part/", 5),
    ("https://h.io/cf92/autre", 6),
    ("/introuvable/", 2),  # not in the text: the default
])
def test_source_line(url, expected):
    text = "Title: A\n----\nText:\n(link: logement)\n[x](/nulle-part/)\n(link: autre)"
    assert source_line(text, url, "https://h.io/cf92", default=2) == expected


# --- Whatever a volunteer types, a check never breaks the build -------------------

_MARKUP = st.sampled_from(list("<>![]()\"'=&#;:/-`\n \t*_~") + [
    "<![", "<!--", "-->", "<script", "on", "javascript:", "](", "----", "---", "Text:", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MARKUP, st.text(max_size=5)), max_size=40).map("".join))
def test_the_checks_never_raise(text):
    fields = parse_fields(text)
    for problem in page_problems(text, fields, {"photo.png"}, "p"):
        assert problem.line >= 1 and problem.message
    page_links(text)
    for url in [*text.split(), "http://[" + text]:
        link_target(url, "emploi/", "https://h.io/cf92")
