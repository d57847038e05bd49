"""A site's own KirbyTags (sitetags.py): KIRBY_TAGS in pelicanconf.py."""

from __future__ import annotations

import html

from kirby.kirbytags import TAGS, PageFile, TagContext, expand_tags, parse_tag
from kirby.sitetags import configure_tags, registry

FILES = {"photo.jpg": PageFile("photo.jpg", "/essai/photo.jpg", {"alt": "Un chat"})}


def figure(value, attrs, context):
    found = context.files.get(value)
    caption = html.escape(attrs.get("caption", ""))
    return (f'<figure class="{html.escape(attrs.get("class", "figure"))}">'
            f'<img src="{found.url if found else html.escape(value)}" alt="">'
            f"<figcaption>{caption}</figcaption></figure>")


def expand(text: str, tags, **kwargs) -> tuple[str, list]:
    context = TagContext(files=FILES, tags=tags, **kwargs)
    return expand_tags(text, context), context.problems


def test_a_function_tag_with_its_attributes():
    tags = registry(site_tags={"figure": {"attr": ["caption", "class"], "html": figure}})
    assert set(tags) == {*TAGS, "figure"}
    assert expand("(figure: photo.jpg caption: Un chat class: large)", tags) == (
        '<figure class="large"><img src="/essai/photo.jpg" alt=""><figcaption>Un chat'
        "</figcaption></figure>", [])
    # Names are case-insensitive; an attribute the tag does not declare stays in the value.
    assert parse_tag("(FIGURE: a.jpg Caption: x foo: y)", tags) == (
        "figure", "a.jpg", {"caption": "x foo: y"})


def test_a_function_named_module_colon_function(tmp_path):
    package = tmp_path / "monsite"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    (package / "balises.py").write_text(
        "def note(value, attrs, context):\n    return '<aside>' + value + '</aside>'\n", "utf-8")
    tags = registry(site_tags={"note": {"html": "monsite.balises:note"}},
                    plugin_paths=[str(tmp_path)])
    assert expand("(note: Attention)", tags)[0] == "<aside>Attention</aside>"


def test_a_template_tag(tmp_path):
    (tmp_path / "tags").mkdir()
    (tmp_path / "tags" / "encart.html").write_text(
        '<aside class="encart">{% if attrs.titre %}<strong>{{ attrs.titre }}</strong> {% endif %}'
        "{{ kirbytext(value) }}{% if file %} "
        '<img src="{{ file.url }}" alt="{{ file.meta.alt }}">'
        "{% endif %}</aside>\n", "utf-8")
    tags = registry(site_tags={"encart": {"attr": ["titre"], "template": "tags/encart.html"}},
                    template_folders=(str(tmp_path),))
    render_inline = lambda text: text.replace("*texte*", "<em>texte</em>")  # noqa: E731
    assert expand("(encart: Du *texte* titre: <Attention>)", tags,
                  render_inline=render_inline)[0] == (
        '<aside class="encart"><strong>&lt;Attention&gt;</strong> Du <em>texte</em></aside>')
    assert expand("(encart: photo.jpg)", tags, render_inline=html.escape)[0] == (
        '<aside class="encart">photo.jpg <img src="/essai/photo.jpg" alt="Un chat"></aside>')


def test_a_site_tag_replaces_a_built_in_one_and_its_aliases():
    def video(value, attrs, context):
        return f'<p class="video">{html.escape(value)}</p>'

    tags = registry(site_tags={"link": lambda value, attrs, context: "LIEN", "video": video})
    assert expand("(link: https://x.org text: x)", tags)[0] == "LIEN"
    assert expand("(youtube: https://youtu.be/abc) (vimeo: v)", tags)[0] == (
        '<p class="video">https://youtu.be/abc</p> <p class="video">v</p>')
    assert expand("(link: https://x.org text: x)", None)[0] == '<a href="https://x.org">x</a>'


def test_an_unknown_tag_stays_as_text_with_a_warning_that_names_it():
    tags = registry(site_tags={"figure": {"html": figure}})
    output, problems = expand("voir (galerie: a.jpg, b.jpg) ici", tags)
    assert output == "voir (galerie: a.jpg, b.jpg) ici"
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert problems[0].message.startswith("La balise « (galerie: … » n’existe pas et reste "
                                          "telle quelle. Balises connues : date, email, figure,")


def test_a_tag_that_raises_keeps_its_text():
    def broken(value, attrs, context):
        raise RuntimeError("boum")

    output, problems = expand("(casse: x)", registry(site_tags={"casse": broken}))
    assert output == "(casse: x)"
    assert "n’a pas pu être affichée (boum)" in problems[0].message


def test_mistakes_in_the_settings_are_errors_naming_the_tag(tmp_path):
    problems = []
    tags = registry(site_tags={
        "vide": {"attr": ["a"]},
        "absent": {"html": "pas_de_module_ainsi:f"},
        "modele": {"template": "tags/absent.html"},
        "mal nommee": {"html": figure},
        "liste": ["html"],
    }, template_folders=(str(tmp_path),), problems=problems)
    assert set(tags) == set(TAGS)
    assert all(p.path == "pelicanconf.py" and p.severity == "error" for p in problems)
    messages = [p.message for p in problems]
    assert messages[0].startswith("la balise « vide » de KIRBY_TAGS n’a ni « html » ni "
                                  "« template »")
    assert messages[1].startswith("la fonction « pas_de_module_ainsi:f » de la balise « absent » "
                                  "(KIRBY_TAGS) ne se charge pas (ModuleNotFoundError")
    assert messages[2].startswith("le modèle « tags/absent.html » de la balise « modele » "
                                  "(KIRBY_TAGS) est introuvable")
    assert messages[3].startswith("le nom de balise « mal nommee » (KIRBY_TAGS) n’est pas valable")
    assert messages[4].startswith("la balise « liste » de KIRBY_TAGS doit être décrite")


def test_each_build_has_its_own_registry():
    one = {"KIRBY_TAGS": {"note": {"html": lambda v, a, c: "UN"}}, "KIRBY_VERSION": 3}
    two = {"KIRBY_TAGS": {"note": {"html": lambda v, a, c: "DEUX"}}, "KIRBY_VERSION": 2}
    configure_tags(one)
    configure_tags(two)
    assert expand("(note: x)", one["KIRBY_TAG_SET"])[0] == "UN"
    assert expand("(note: x)", two["KIRBY_TAG_SET"])[0] == "DEUX"
    assert "twitter" in two["KIRBY_TAG_SET"] and "twitter" not in one["KIRBY_TAG_SET"]
    assert "note" not in TAGS
