"""Page descriptions (plugins/seo/description.py): plain text, about 160 characters."""

from __future__ import annotations

import pytest

from seo.description import describe, first_paragraph, shorten

S, N = "\u202f", "\u00a0"
LONG = ("Les associations du collectif souhaitent développer des actions innovantes pour "
        "rejoindre les publics les plus éloignés de l’emploi en travaillant selon une "
        "méthodologie inductive, en utilisant les compétences.")

FIRST_PARAGRAPH = [
    ("<p>Un texte.</p><p>Un autre.</p>", "Un texte."),
    ('<figure><img src="a.png" alt="x"><figcaption>Légende</figcaption></figure>\n<p>Après.</p>',
     "Après."),
    ("<h2>Titre</h2>\n<p>Le <em>premier</em> <a href='/x'>paragraphe</a>.</p>",
     "Le premier paragraphe."),
    ("<p>Ligne un<br>\nligne deux</p>", "Ligne un ligne deux"),
    ("<p>  espaces \n\t partout  </p>", "espaces partout"),
    ("<p>&lt;b&gt; &amp; &quot;x&quot;</p>", '<b> & "x"'),
    ("<p></p><p> </p><p>Le vrai.</p>", "Le vrai."),
    ("<p>Avec <script>code()</script>texte.</p>", "Avec texte."),
    ("<ul><li>Pas un paragraphe</li></ul>", ""),
    ("", ""),
    ("<p>Jamais fermé", ""),
]


@pytest.mark.parametrize(("html", "expected"), FIRST_PARAGRAPH)
def test_first_paragraph(html, expected):
    assert first_paragraph(html) == expected


SHORTEN = [
    ("Court.", 160, "Court."),
    ("x" * 160, 160, "x" * 160),
    (LONG, 160, LONG[:LONG.rindex(" ", 0, 160)].rstrip(",") + "…"),
    ("un deux trois quatre", 12, "un deux…"),
    ("un deux trois, quatre cinq", 16, "un deux trois…"),  # no comma left before the ellipsis
    ("anticonstitutionnellement", 10, "anticonst…"),  # one long word: cut inside
    (f"Besoin{N}: reprendre confiance", 12, "Besoin…"),  # no colon left dangling
    (f"«{S}mot{S}» et la suite", 8, f"«{S}mot{S}»…"),  # a no-break space is no word boundary
]


@pytest.mark.parametrize(("text", "length", "expected"), SHORTEN)
def test_shorten(text, length, expected):
    result = shorten(text, length)
    assert result == expected
    assert len(result) <= length


DESCRIBE = [
    ("Une description écrite !", "<p>Le texte.</p>", f"Une description écrite{S}!"),
    ("  Sur\n deux lignes ", "<p>Le texte.</p>", "Sur deux lignes"),
    ("", "<p>Le texte : premier.</p>", f"Le texte{N}: premier."),
    (None, "<p>Le texte.</p>", "Le texte."),
    (None, f"<p>{LONG}</p>", shorten(LONG)),
    (None, "", ""),
    ("<b>pas du HTML</b>", "", "<b>pas du HTML</b>"),  # plain text: the theme escapes it
]


@pytest.mark.parametrize(("field", "html", "expected"), DESCRIBE)
def test_describe(field, html, expected):
    assert describe(field, html) == expected


class _Content:
    def __init__(self, html, fields=None, fallback=None):
        self._content, self.metadata, self.fields = html, {}, fields or {}
        if fallback is not None:
            self.description_fallback = fallback


def test_a_page_is_described_when_written_and_not_kept_after_the_build():
    from seo.site import forget_descriptions, page_description

    forget_descriptions(None)
    page = _Content("<p>Le premier paragraphe.</p><p>Le second.</p>")
    assert page_description(page) == "Le premier paragraphe."
    assert page_description(_Content("<p>x</p>", {"description": "Écrite"})) == "Écrite"
    assert page_description(_Content("<ul><li>a</li></ul>", fallback="Nom : besoin")) == (
        f"Nom{N}: besoin")
    assert not hasattr(page, "description")  # nothing held by the page itself
    assert page_description.cache_info().currsize == 3
    forget_descriptions(None)  # at `finalized`: a page holds its whole build
    assert page_description.cache_info().currsize == 0
