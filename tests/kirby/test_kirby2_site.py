"""Kirby 2 content and a site's own KirbyTags, built by Pelican with only the kirby plugin
(a process per build, tests/kirby/test_plain_pelican.py's `build`), and two builds of
the project's site in this process that must not share their rules or tags.

The page templates print the page's body alone, so that the HTML is compared exactly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.kirby.test_plain_pelican import build
from tests.support import FIXTURES, soup

KIRBY2_SITE = FIXTURES / "kirby2-site"


def _body_only(tmp_path: Path) -> str:
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "page.html").write_text("{{ page.content }}", "utf-8")
    (templates / "article.html").write_text("{{ article.content }}", "utf-8")
    return f"THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]\nDEFAULT_LANG = 'fr'\n"


def _page(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text("utf-8").strip()


def test_a_kirby2_site_has_kirby2_urls_markdown_extra_and_tags(tmp_path):
    output, done = build(tmp_path, KIRBY2_SITE, "simple", _body_only(tmp_path))
    logs = done.stdout + done.stderr
    assert done.returncode == 0, logs
    assert "Traceback" not in logs and "avertissement" not in logs
    pages = sorted(str(p.relative_to(output).parent) for p in output.rglob("index.html")
                   if p.parent != output and p.parent.name not in ("category", "tag", "author"))
    # `1-blog` is `blog`, renamed `journal` by its Url-key, and so are its children's
    # URLs; `1-ancien-article` has its own Url-key; `contact` is unlisted, at its URL.
    assert pages == ["a-propos", "contact", "journal", "journal/un-article",
                     "journal/vieil-article"]
    assert (output / "a-propos" / "photo.png").is_file()
    assert not [p for p in output.rglob("*") if p.name[:2] in ("1-", "2-")]
    assert _page(output, "") == "<p>Bienvenue sur un site écrit avec Kirby 2.</p>"
    assert _page(output, "journal") == "<p>Les nouvelles du site.</p>"
    assert _page(output, "contact") == (
        '<p>Écrivez à <a href="mailto:contact@example.org">contact@example.org</a>.</p>')
    assert _page(output, "journal/un-article") == "\n".join([
        '<p>Un texte avec une note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a>'
        '</sup>, une autre<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup> et '
        'une dernière<sup id="fnref:3"><a class="footnote-ref" href="#fn:3">3</a></sup>.</p>',
        '<p>Le <abbr title="HyperText Markup Language">HTML</abbr> se lit partout.</p>',
        '<div class="footnote">', "<hr>", "<ol>", '<li id="fn:1">',
        '<p>Première note.\xa0<a class="footnote-backref" href="#fnref:1" '
        'title="Revenir à l’appel de la note 1">↩</a></p>', "</li>", '<li id="fn:2">',
        '<p>Deuxième note, avec un <a href="https://getkirby.com">lien</a>.\xa0<a '
        'class="footnote-backref" href="#fnref:2" title="Revenir à l’appel de la note 2">↩</a>'
        "</p>", "</li>", '<li id="fn:3">',
        '<p>Troisième note.\xa0<a class="footnote-backref" href="#fnref:3" '
        'title="Revenir à l’appel de la note 3">↩</a></p>', "</li>", "</ol>", "</div>"])
    assert _page(output, "a-propos") == "\n".join([
        "<dl>", "<dt>Kirby</dt>", "<dd>Un CMS sans base de données.</dd>", "<dt>Pelican</dt>",
        "<dd>Un générateur de site statique.</dd>", "</dl>",
        "<table>", "<thead>", "<tr>", "<th>Version</th>", "<th>Séparateur</th>", "</tr>",
        "</thead>", "<tbody>", "<tr>", "<td>2</td>", "<td>-</td>", "</tr>", "<tr>",
        "<td>3</td>", "<td>_</td>", "</tr>", "</tbody>", "</table>",
        '<div class="encart">', "<p>Du <em>Markdown</em> dans un bloc.</p>", "</div>",
        # Kirby 2's image `text:` (the alt) and `popup:`, `(twitter:)`, `(youtube:)` sized.
        '<figure><a href="/a-propos/photo.png" rel="noreferrer" target="_blank"><img '
        'src="/a-propos/photo.png" alt="Une photo" width="40" height="30"></a></figure>',
        '<p>Suivez <a href="https://twitter.com/getkirby">@getkirby</a> et <a '
        'href="https://getkirby.com" rel="noreferrer" target="_blank">Kirby</a>.</p>',
        '<figure class="video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
        'title="Vidéo" allow="fullscreen" allowfullscreen="" width="640" height="360"></iframe>'
        "</figure>"])


def test_a_mixed_tree_keeps_kirby3_rules_with_a_warning(tmp_path):
    content = tmp_path / "content"
    for folder, title in (("1_actions", "Actions"), ("2-infos", "Infos")):
        (content / folder).mkdir(parents=True)
        (content / folder / "page.txt").write_text(f"Title: {title}\n----\nText: x\n", "utf-8")
    output, done = build(tmp_path, content, "simple", _body_only(tmp_path))
    logs = re.sub(r"\S+\.py:\d+ ", "", " ".join((done.stdout + done.stderr).split()))
    assert done.returncode == 0, logs
    assert (output / "actions" / "index.html").is_file()
    assert (output / "2-infos" / "index.html").is_file()  # Kirby 3: unlisted, as named
    assert ("content/2-infos:1: avertissement : les dossiers mêlent la numérotation de Kirby 3 "
            "(« content/1_actions », numéro puis « _ ») et celle de Kirby 2 "
            "(« content/2-infos », numéro puis « - »)") in logs


def test_kirby_version_2_chosen_reads_hyphens_without_guessing(tmp_path):
    content = tmp_path / "content"
    for folder in ("1_actions", "2-infos"):
        (content / folder).mkdir(parents=True)
        (content / folder / "page.txt").write_text("Title: T\n----\nText: x[^1]\n\n[^1]: n\n",
                                                   "utf-8")
    output, done = build(tmp_path, content, "simple",
                         _body_only(tmp_path) + "KIRBY_VERSION = 2\nKIRBY_MARKDOWN_EXTRA = False\n")
    logs = done.stdout + done.stderr
    assert done.returncode == 0, logs
    assert "mêlent" not in logs
    assert (output / "infos" / "index.html").is_file()
    assert (output / "1_actions" / "index.html").is_file()  # Kirby 2: an unlisted name
    # No Markdown Extra: `[^1]: n` is a link reference, as in Kirby without it.
    assert _page(output, "infos") == '<p>x<a href="n">^1</a></p>'


SITE_TAGS = '''
import html

def _figure(value, attrs, context):
    found = context.files.get(value)
    src = found.url if found else value
    return (f'<figure class="{html.escape(attrs.get("class", "figure"))}"><img src="{src}" '
            f'alt="{html.escape(found.meta.get("alt", "") if found else "")}">'
            f'<figcaption>{context.render_inline(attrs.get("caption", ""))}</figcaption></figure>')

def _link(value, attrs, context):
    text = html.escape(attrs.get("text", value))
    return f'<a class="maison" href="{html.escape(value)}">{text}</a>'

KIRBY_TAGS = {
    "figure": {"attr": ["caption", "class"], "html": _figure},
    "note": {"html": "balises_du_site:note"},
    "encart": {"attr": ["titre"], "template": "tags/encart.html"},
    "link": {"attr": ["text"], "html": _link},
}
'''


def test_a_site_registers_its_own_tags(tmp_path):
    more = _body_only(tmp_path)
    (tmp_path / "templates" / "tags").mkdir()
    (tmp_path / "templates" / "tags" / "encart.html").write_text(
        '<aside class="encart">{% if attrs.titre %}<strong>{{ attrs.titre }}</strong> '
        "{% endif %}{{ kirbytext(value) }}</aside>\n", "utf-8")
    library = tmp_path / "lib"
    library.mkdir()
    (library / "balises_du_site.py").write_text(
        "def note(value, attrs, context):\n"
        "    return '<p class=\"note\" onclick=\"x()\">' + value + '</p>'\n", "utf-8")
    content = tmp_path / "content"
    (content / "1_essai").mkdir(parents=True)
    shutil.copy(KIRBY2_SITE / "2-a-propos" / "photo.png", content / "1_essai" / "photo.png")
    (content / "1_essai" / "photo.png.txt").write_text("Alt: Le logo\n", "utf-8")
    (content / "1_essai" / "page.txt").write_text(
        "Title: Essai\n----\nText: (figure: photo.png caption: Une *légende* class: large)\n\n"
        "(encart: Du *texte* titre: <Attention>)\n\n(note: Lire)\n\n"
        "(link: https://exemple.org text: ici)\n\n(galerie: a.jpg)\n", "utf-8")
    output, done = build(tmp_path, content, "simple",
                         more + f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(library)!r}]\n" + SITE_TAGS)
    logs = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0, logs
    assert _page(output, "essai") == "\n".join([
        '<figure class="large"><img src="/essai/photo.png" alt="Le logo"><figcaption>Une '
        "<em>légende</em></figcaption></figure>",
        '<aside class="encart"><strong>&lt;Attention&gt;</strong> Du <em>texte</em></aside>',
        '<p class="note">Lire</p>',  # sanitised with the page: no onclick
        '<p><a class="maison" href="https://exemple.org">ici</a></p>',  # replaces the built-in
        "<p>(galerie: a.jpg)</p>"])
    # (Pelican's console writes the logger's place beside the message: compare words.)
    logs = re.sub(r"\S+\.py:\d+ ", "", logs)
    assert ("content/1_essai/page.txt:11: avertissement : La balise « (galerie: … » n’existe "
            "pas et reste telle quelle. Balises connues : date, email, encart, figure, file, "
            "gist, image, link, note, tel, video, vimeo, youtube.") in logs


def _small_site(root: Path, folder: str) -> Path:
    (root / folder).mkdir(parents=True)
    (root / folder / "page.txt").write_text(
        "Title: Essai\n----\nText: (note: Lire) (twitter: @getkirby)\n\nx[^1]\n\n[^1]: Note.\n",
        "utf-8")
    return root


def test_two_builds_in_one_process_share_neither_tags_nor_folder_rules(tmp_path):
    from tests.support import build_site

    def tags(word):
        return {"note": {"html": lambda value, attrs, context: f'<mark>{word} {value}</mark>'}}

    kirby2 = _small_site(tmp_path / "kirby2", "1-essai")
    kirby3 = _small_site(tmp_path / "kirby3", "1_essai")
    build_site(kirby2, tmp_path / "out2", KIRBY_TAGS=tags("un"))
    build_site(kirby3, tmp_path / "out3", KIRBY_TAGS=tags("deux"))
    first = str(soup(tmp_path / "out2", "essai/").find("main"))
    second = str(soup(tmp_path / "out3", "essai/").find("main"))
    assert "<mark>un Lire</mark>" in first and "deux" not in first
    assert 'href="https://twitter.com/getkirby"' in first and 'class="footnote"' in first
    assert "<mark>deux Lire</mark>" in second and "un Lire" not in second
    assert "(twitter: @getkirby)" in second and "footnote" not in second  # Kirby 3's
    # A third build without the setting: the built-in tags only.
    build_site(kirby3, tmp_path / "out4")
    assert "(note: Lire)" in str(soup(tmp_path / "out4", "essai/").find("main"))
