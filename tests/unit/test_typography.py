"""French typography (plugins/typography): the tables below are the spec."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from markupsafe import Markup

from typography import date_fr, french_typography, french_typography_text
from typography.filters import typo

S = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
N = "\u00a0"  # no-break space: before :

RULES = [
    # the space before ; ! ? becomes narrow, the space before : no-break
    ("Bonjour !", f"Bonjour{S}!"),
    ("Pourquoi ?", f"Pourquoi{S}?"),
    ("un ; deux", f"un{S}; deux"),
    ("Besoin identifié : reprendre", f"Besoin identifié{N}: reprendre"),
    ("Quoi ?!", f"Quoi{S}?!"),
    ("Vraiment !!!", f"Vraiment{S}!!!"),
    # a run of spaces, tabs or a newline is one space: never doubled
    ("Bonjour   !", f"Bonjour{S}!"),
    ("Note\t:", f"Note{N}:"),
    ("Bonjour\n!", f"Bonjour{S}!"),
    # guillemets: inside, a narrow space, replacing a space or added
    ("« occupation »", f"«{S}occupation{S}»"),
    ("«occupation»", f"«{S}occupation{S}»"),
    ("«  deux espaces  »", f"«{S}deux espaces{S}»"),
    ("« mot » !", f"«{S}mot{S}»{S}!"),
    # nothing before the mark: nothing is added (URLs, times, queries)
    ("Bonjour!", "Bonjour!"),
    ("Note: voir", "Note: voir"),
    ("https://exemple.org/page?x=1", "https://exemple.org/page?x=1"),
    ("à 18:30 ou 9:05", "à 18:30 ou 9:05"),
    ("voir https://x.org : ici", f"voir https://x.org{N}: ici"),
    ("mailto:a@b.org", "mailto:a@b.org"),
    # a non-breaking space already there stays as it is
    (f"Bonjour{S}!", f"Bonjour{S}!"),
    (f"Bonjour{N}!", f"Bonjour{N}!"),
    (f"Note{N}:", f"Note{N}:"),
    (f"«{N}mot{N}»", f"«{N}mot{N}»"),
    (f"Bonjour{N} !", f"Bonjour{N} !"),
    # a mark that starts the text has no space to replace
    ("! attention", "! attention"),
    (" : début", " : début"),
    ("» suite", "» suite"),
    ("", ""),
    ("Sans ponctuation", "Sans ponctuation"),
]

HTML_ONLY = [
    # tags in the middle: the space and the mark are seen together
    ("<p><em>Attention</em> : oui</p>", f"<p><em>Attention</em>{N}: oui</p>"),
    ("mot <strong>!</strong>", f"mot{S}<strong>!</strong>"),
    ("«<em>mot</em>»", f"«{S}<em>mot</em>{S}»"),
    ("« <em>mot</em> »", f"«{S}<em>mot</em>{S}»"),
    ('<a href="/x">lien</a> ?', f'<a href="/x">lien</a>{S}?'),
    # a block or a line break starts a new line: no space to replace there
    ("<p>un</p>\n<p>: deux</p>", "<p>un</p>\n<p>: deux</p>"),
    ("<p> ! deux</p>", "<p> ! deux</p>"),
    ("un<br>\n? deux", "un<br>\n? deux"),
    ("<li>un</li> <li>» deux</li>", "<li>un</li> <li>» deux</li>"),
    # never inside code, pre, kbd, samp, script, style, textarea
    ("<code>a ; b : c</code>", "<code>a ; b : c</code>"),
    ("<pre>x : y ?\n« z »</pre>", "<pre>x : y ?\n« z »</pre>"),
    ("<pre><code>a : b</code></pre> c : d", f"<pre><code>a : b</code></pre> c{N}: d"),
    ("<kbd>Ctrl !</kbd>", "<kbd>Ctrl !</kbd>"),
    ("<samp>Erreur : x</samp>", "<samp>Erreur : x</samp>"),
    ("<script>a ? b : c; x < y</script>", "<script>a ? b : c; x < y</script>"),
    ("<style>a:hover { b : c }</style>", "<style>a:hover { b : c }</style>"),
    ("<textarea>Votre avis ?</textarea>", "<textarea>Votre avis ?</textarea>"),
    # after code ends, text is text again
    ("<code>x</code> : y", f"<code>x</code>{N}: y"),
    ("<code>x </code>: y", "<code>x </code>: y"),
    # never in attributes or comments
    ('<img alt="Illustration : des « mains » !" src="a.png">',
     '<img alt="Illustration : des « mains » !" src="a.png">'),
    ('<a title="Quoi ?" href="https://x.org/?a=1">Quoi ?</a>',
     f'<a title="Quoi ?" href="https://x.org/?a=1">Quoi{S}?</a>'),
    ("<!-- à faire : relire ! -->", "<!-- à faire : relire ! -->"),
    ("<!--action-group:0--> fin !", f"<!--action-group:0--> fin{S}!"),
    ("<!doctype html><p>Oui !</p>", f"<!doctype html><p>Oui{S}!</p>"),
    # entities: kept as written; a no-break one counts as a no-break space
    ("Tom &amp; Jerry ; Laurel", f"Tom &amp; Jerry{S}; Laurel"),
    ("AT&amp;T : un", f"AT&amp;T{N}: un"),
    ("Note&nbsp;: un", "Note&nbsp;: un"),
    ("Note&#160;: un &#xA0;!", "Note&#160;: un &#xA0;!"),
    ("Quoi&#8239;?", "Quoi&#8239;?"),
    ("«&nbsp;mot&nbsp;»", "«&nbsp;mot&nbsp;»"),
    ("«&#x202F;mot&#x202f;»", "«&#x202F;mot&#x202f;»"),
    ("Note&nbsp; : un", "Note&nbsp; : un"),
    ("&lt;b&gt; ! &quot;x&quot; ?", f"&lt;b&gt;{S}! &quot;x&quot;{S}?"),
    # HTML the tokenizer finds odd is copied, not lost
    ("a < b ? c", f"a < b{S}? c"),
    ("<p>non fermé : oui", f"<p>non fermé{N}: oui"),
    ("<p>Oui !</p><!-- non fermé : x", f"<p>Oui{S}!</p><!-- non fermé : x"),
    ("<P CLASS='a'>Oui !</P>", f"<P CLASS='a'>Oui{S}!</P>"),
    ("<br/>Oui !<img src=x />", f"<br/>Oui{S}!<img src=x />"),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_rules_on_plain_text(text, expected):
    assert french_typography_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_rules_on_html_text(text, expected):
    assert french_typography(text) == expected


@pytest.mark.parametrize(("html", "expected"), HTML_ONLY)
def test_rules_on_html(html, expected):
    assert french_typography(html) == expected


@pytest.mark.parametrize("source", [t for t, _ in RULES + HTML_ONLY])
def test_idempotent(source):
    once = french_typography(source)
    assert french_typography(once) == once
    text_once = french_typography_text(source)
    assert french_typography_text(text_once) == text_once


@pytest.mark.parametrize("html", [
    '<figure><img src="/a/b.png" alt="x" width="960" height="400"></figure>\n<p>Un texte</p>',
    "<p>a<br>\nb</p>\n<ul>\n<li>un</li>\n</ul>",
    "<table><tr><td>1</td></tr></table>",
])
def test_html_without_marks_is_returned_unchanged(html):
    assert french_typography(html) is html


@pytest.mark.parametrize("html", [
    '<figure><img src="a.png" alt="Illustration : des « mains » !"></figure><p>Un texte.</p>',
    "<!-- à faire : relire ! --><p>Rien.</p>",
    "<code>a ; b</code>",
])
def test_marks_only_in_attributes_comments_or_code_are_left_alone(html):
    assert french_typography(html) == html


def test_plain_text_keeps_what_looks_like_entities():
    # In plain text `&nbsp;` is six characters the reader sees: no space there.
    assert french_typography_text("Note&nbsp; : x") == f"Note&nbsp;{N}: x"


TYPO = [
    ("L'accès : « emploi » !", f"L'accès{N}: «{S}emploi{S}»{S}!"),
    ("<b>Titre</b> : x", f"<b>Titre</b>{N}: x"),  # plain text: the tag is text, escaped later
    (Markup("<b>Titre</b> : x"), Markup(f"<b>Titre</b>{N}: x")),
    (Markup('<a title="a : b">c : d</a>'), Markup(f'<a title="a : b">c{N}: d</a>')),
    (None, ""),
    (12, "12"),
]


@pytest.mark.parametrize(("value", "expected"), TYPO)
def test_typo_filter(value, expected):
    result = typo(value)
    assert result == expected
    assert isinstance(result, Markup) == isinstance(value, Markup)


def test_typo_filter_output_is_escaped_by_jinja():
    from jinja2 import Environment

    env = Environment(autoescape=True)
    env.filters["typo"] = typo
    rendered = env.from_string("<h1>{{ title|typo }}</h1>").render(title="<script>x</script> !")
    assert rendered == f"<h1>&lt;script&gt;x&lt;/script&gt;{S}!</h1>"


DATES = [
    (date(2024, 3, 12), "12 mars 2024"),
    (datetime(2024, 8, 5, 18, 30), "5 août 2024"),
    (date(2024, 2, 1), "1er février 2024"),
    (date(2023, 12, 31), "31 décembre 2023"),
    ("2024-03-12", "12 mars 2024"),
    ("2024-01-01T10:00:00", "1er janvier 2024"),
    ("pas une date", ""),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_date_fr(value, expected):
    assert date_fr(value) == expected


def test_date_fr_other_format():
    assert date_fr(date(2024, 3, 1), "EEEE d MMMM y") == "vendredi 1 mars 2024"
    assert date_fr(date(2024, 3, 12), "MMMM y") == "mars 2024"


def test_date_fr_with_pelican_dates():
    from pelican.utils import SafeDatetime

    assert date_fr(SafeDatetime(2024, 3, 12, 9, 0)) == "12 mars 2024"
