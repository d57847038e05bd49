"""The sanitiser (plugins/kirby/sanitize.py): what a volunteer may paste, what goes, and
that what Markdown and KirbyText write themselves passes through unchanged."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from kirby.kirbytags import TagContext
from kirby.kirbytext import KirbyText, PageText
from kirby.sanitize import clean, frame_source

KIRBYTEXT = KirbyText(["footnotes", "def_list", "abbr"])


def render(text: str) -> str:
    return KIRBYTEXT.render(text, TagContext(), PageText("content/p/page.md", 1, files=()))


# (pasted HTML, a CSS selector or text that must not survive)
HOSTILE = [
    ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "meta"),
    ('<base href="https://evil.example/">', "base"),
    ("<script>alert(1)</script>", "script"),
    ("<style>body{display:none}</style>", "style"),
    ('<object data="x.swf"></object>', "object"),
    ('<embed src="x.swf">', "embed"),
    ('<form action="https://evil.example/"><input name="q"><button>ok</button></form>', "form, input, button"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "link"),
    ('<svg onload="alert(1)"><circle r="9"></circle></svg>', "svg, circle"),
    ('<math><mtext><img src=x onerror=alert(1)></mtext></math>', "math, [onerror]"),
    ('<img src="x.png" alt="" onerror="alert(1)">', "[onerror]"),
    ('<p onclick="alert(1)">a</p>', "[onclick]"),
    ('<a href="javascript:alert(1)">a</a>', "a[href]"),
    ('<a href="&#106;avascript:alert(1)">a</a>', "a[href]"),
    ('<a href="JaVaScRiPt:alert(1)">a</a>', "a[href]"),
    ('<a href="vbscript:msgbox(1)">a</a>', "a[href]"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "a[href]"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', "img[src]"),
    ('<iframe src="https://evil.example/"></iframe>', "iframe[src]"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "iframe[srcdoc]"),
    ('<p style="position:fixed;inset:0">a</p>', "[style]"),
    ('<div class="x" data-x="1" formaction="javascript:x">a</div>', "[data-x], [formaction]"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "[onerror]"),
    ('<template><script>alert(1)</script></template>', "template, script"),
    ('<frameset><frame src="javascript:alert(1)"></frameset>', "frameset, frame"),
    ('<table background="javascript:alert(1)"><tr><td>a</td></tr></table>', "[background]"),
    ('<video poster="javascript:alert(1)" src="v.mp4"></video>', "[poster]"),
    ('<a href="https://example.org/" ping="https://tracker.example/">a</a>', "[ping]"),
]


@pytest.mark.parametrize(("pasted", "gone"), HOSTILE, ids=[g for _, g in HOSTILE])
def test_hostile_html_does_not_survive(pasted, gone):
    html = render(f"Avant.\n\n{pasted}\n\nAprès.")
    page = BeautifulSoup(html, "html.parser")
    assert page.select(gone) == [], html
    assert "Avant." in html and "Après." in html  # the rest of the page is published


def test_each_removal_is_said_with_its_line():
    page = PageText("content/p/page.md", 10, files=())
    KIRBYTEXT.render('Un.\n\n<p onclick="x">a</p>\n\n<object data="x"></object>',
                     TagContext(), page)
    assert [(p.line, p.severity, p.message[:40]) for p in page.problems] == [
        (12, "warning", "L’attribut « onclick » de la balise « <p"),
        (14, "warning", "La balise « <object> » a été retirée de "),
    ]


KEPT = [
    "Un *texte* **gras** `code`, [un lien](https://example.org/ \"titre\") et ![une image](photo.png).",
    "# Titre\n\n## Sous-titre {#ancre}\n\n> Une citation\n\n- un\n- deux\n\n1. un\n2. deux",
    "| A | B |\n|:--|--:|\n| 1 | 2 |",
    "```python\nprint('<b>')\n```",
    "Une note[^1].\n\n[^1]: Le texte de la note.",
    "Terme\n: Sa définition",
    "Le HTML est une norme.\n\n*[HTML]: HyperText Markup Language",
    "Ligne un\nligne deux\n\n***",
    "<details><summary>Plus</summary><p>Caché</p></details>",
    "Un <mark>mot</mark>, une <abbr title=\"Revenu de solidarité active\">RSA</abbr>, H<sub>2</sub>O, x<sup>2</sup>.",
    "(video: https://www.youtube.com/watch?v=abc_-1 caption: Notre forum)",
    "(link: https://example.org text: Ailleurs target: _blank)",
    "(email: contact@example.org)",
]


@pytest.mark.parametrize("text", KEPT)
def test_what_markdown_and_kirbytext_write_passes_unchanged(text, monkeypatch):
    engine = KirbyText(["footnotes", "def_list", "abbr", "attr_list"])

    def rendered() -> str:
        return engine.render(text, TagContext(), PageText("content/p/page.md", 1,
                                                          files={"photo.png"}))

    after = rendered()
    with monkeypatch.context() as patch:
        patch.setattr("kirby.sanitize.clean", lambda html: html)
        before = rendered()
    # The same HTML, written as html5ever writes it: characters for numeric
    # references, a value for a boolean attribute.
    expected = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), before)
    assert before != "" and after == expected.replace("allowfullscreen>", 'allowfullscreen="">')


def test_video_frames_go_through_the_privacy_friendly_hosts():
    assert frame_source("https://www.youtube.com/embed/abc") == "https://www.youtube-nocookie.com/embed/abc"
    assert frame_source("https://m.youtube.com/embed/abc?t=1") == "https://www.youtube-nocookie.com/embed/abc?t=1"
    assert frame_source("https://player.vimeo.com/video/1") == "https://player.vimeo.com/video/1"
    assert frame_source("https://www.youtube.com.evil.example/embed/x") is None
    assert frame_source("https://evil.example/?https://www.youtube.com/embed/") is None


def test_a_pasted_link_to_a_new_window_gets_noopener():
    assert clean('<a href="https://x.org" target="_blank">x</a>') == \
        '<a href="https://x.org" target="_blank" rel="noopener">x</a>'
    assert clean('<a href="https://x.org" target="_blank" rel="nofollow">x</a>') == \
        '<a href="https://x.org" target="_blank" rel="noopener nofollow">x</a>'
    kept = '<a href="https://x.org" rel="noreferrer" target="_blank">x</a>'
    assert clean(kept) == kept


def test_a_broken_paste_never_breaks_the_sanitiser():
    assert clean("a\ud800b") == "a\ufffdb"
    assert clean("") == ""
    assert clean("<p>\u00a0</p>") == "<p>\u00a0</p>"
