"""The strict check of a page's Text (kirby-format.md §6), on Markdown's own tree.

Markdown decides what is a link, an image, code or raw HTML; this tree
processor, run after the inline patterns, looks at what came out: the links and
images Markdown made (`[a](…)`, `![a](…)`, references), and the raw HTML that a
volunteer typed, which Markdown keeps in its `htmlStash` (KirbyTags' HTML is
stashed too, but the tags report their own problems: kirbytags.py). Code is
neither, so nothing in it is checked. The tree has no line numbers: a problem's
line is the first line of the page's text holding what it is about.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .kirbytags import is_dangerous_url
from .problems import ERROR, WARNING, Problem
from .sanitize import TAGS, URL_ATTRIBUTES, allowed_attribute, allowed_url, kept_value
from .strict import feed_html, is_page_file_target, page_file_name, short


class TextCheck(Treeprocessor):
    """Registered by KirbyText after the inline patterns (20); `md.kirby_tag_html`
    holds the indices of the stash entries that are KirbyTags' HTML."""

    def run(self, root) -> None:
        page = getattr(self.md, "kirby_page", None)
        if page is None:
            return
        # (what to find the line by, line within it, severity, message or None)
        problems: list[tuple[str, int, str, str | None]] = []
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href") or ""
                if href and AMP_SUBSTITUTE not in href:  # Markdown's own mailto obfuscation
                    problems.append(_link_problem(href, page.files, False))
            elif element.tag == "img":
                src = element.get("src") or ""
                problems.append(_link_problem(src, page.files, True))
                if not (element.get("alt") or "").strip() and not is_dangerous_url(src):
                    problems.append((src, 1, WARNING, (
                        f"L’image « {short(src)} » n’a pas de texte alternatif : décrivez-la "
                        f"entre les crochets, « ![description]({short(src)}) », pour qui ne la "
                        "voit pas.")))
        tags = getattr(self.md, "kirby_tag_html", ())
        for index, html in enumerate(self.md.htmlStash.rawHtmlBlocks):
            if index not in tags and "<" in html:
                problems += [(html.split("\n", 1)[0], line, severity, message)
                             for line, severity, message in html_problems(html, page.files)]
        found = [(page.locate(needle) + line - 1, severity, message)
                 for needle, line, severity, message in problems if message]
        page.problems += [Problem(page.path, line, message, severity)
                          for line, severity, message in sorted(found, key=lambda p: p[0])]


def html_problems(html: str, files) -> list[tuple[int, str, str | None]]:
    """(line within `html`, severity, message) of the raw HTML a volunteer typed: what
    the sanitiser removes (sanitize.py), as warnings, and the missing page files."""
    found = []
    for line, tag, attrs in _html_tags(html):
        if tag not in TAGS:
            found.append((line, WARNING, _removed_element(tag)))
            continue  # its attributes go with it
        for name, value in attrs:
            if not allowed_attribute(tag, name):
                why = ("il exécuterait du code sur le site" if name.startswith("on")
                       else "il n’est pas permis dans le texte")
                found.append((line, WARNING, f"L’attribut « {name} » de la balise « <{tag}> » "
                              f"a été retiré de la page : {why}."))
            elif name in URL_ATTRIBUTES and value and not allowed_url(value):
                found.append((line, WARNING, _removed_url(value)))
            elif kept_value(tag, name, value) is None:
                if tag == "iframe":
                    found.append((line, WARNING, (
                        f"Le cadre « {short(value)} » a été retiré de la page : seules les "
                        "vidéos YouTube et Vimeo sont permises ; écrivez plutôt "
                        "« (video: adresse de la vidéo) ».")))
                else:
                    found.append((line, WARNING, f"L’attribut « {name} » de la balise "
                                  f"« <{tag}> » a été retiré de la page : il n’est pas permis "
                                  "dans le texte."))
            elif name in URL_ATTRIBUTES and value:
                found.append((line, ERROR, target_problem(value, files, image=tag == "img")))
        if tag == "img" and "alt" not in dict(attrs):
            src = dict(attrs).get("src") or ""
            found.append((line, WARNING, (
                f"L’image « {short(src)} » n’a pas de texte alternatif : ajoutez "
                "alt=\"…\" pour la décrire à qui ne la voit pas (alt=\"\" si elle est "
                "purement décorative).")))
    return found


def _removed_element(tag: str) -> str:
    if tag == "script":
        return ("La balise « <script> » a été retirée de la page : elle exécuterait du code "
                "sur le site. Pour une vidéo, utilisez la balise « (video: adresse) ».")
    return (f"La balise « <{tag}> » a été retirée de la page : elle n’est pas permise dans "
            "le texte (le reste de la page est publié).")


def _removed_url(url: str) -> str:
    return (f"L’adresse « {short(url)} » a été retirée de la page : elle est dangereuse ou "
            "n’est pas une adresse web ; écrivez une adresse qui commence par https://.")


def _link_problem(target: str, files, image: bool) -> tuple[str, int, str, str | None]:
    if not allowed_url(target):
        return (target, 1, WARNING, _removed_url(target))
    return (target, 1, ERROR, target_problem(target, files, image))


def target_problem(target: str, files, image: bool) -> str | None:
    """What is wrong with a link's or an image's target, in French, or None."""
    if not is_page_file_target(target) or page_file_name(target) in files:
        return None
    name = page_file_name(target)
    if name.lower().startswith("www."):
        return (f"L’adresse « {short(name)} » n’a pas de « https:// » et mène à un fichier de "
                f"la page qui n’existe pas : écrivez « https://{short(name)} ».")
    if "@" in name:
        return (f"L’adresse électronique « {short(name)} » doit commencer par « mailto: » : "
                f"écrivez « mailto:{short(name)} », ou utilisez la balise « (email: …) ».")
    what, it = ("L’image", "la") if image else ("Le fichier", "le")
    return (f"{what} « {short(name)} » est introuvable dans le dossier de la page : "
            f"ajoutez-{it} à côté de la page ou corrigez son nom.")


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, [(n, v or "") for n, v in attrs]))

    handle_startendtag = handle_starttag


def _html_tags(source: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(line, tag, attributes) of every start tag of raw HTML."""
    parser = _TagCollector()
    feed_html(parser, source)
    return parser.tags
