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
from .strict import feed_html, is_page_file_target, page_file_name, short

# Attributes whose value is a URL, where a `javascript:` would run.
_URL_ATTRIBUTES = frozenset([
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
    "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "usemap", "icon",
])


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
                    problems.append((href, 1, ERROR, target_problem(href, page.files, False)))
            elif element.tag == "img":
                src = element.get("src") or ""
                problems.append((src, 1, ERROR, target_problem(src, page.files, True)))
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


def html_problems(html: str, files) -> list[tuple[int, str, str]]:
    """(line within `html`, severity, message) of the raw HTML a volunteer typed."""
    found = []
    for line, tag, attrs in _html_tags(html):
        if tag == "script":
            found.append((line, ERROR, (
                "La balise « <script> » n’est pas permise dans le texte (elle exécuterait "
                "du code sur le site) : retirez-la. Pour une vidéo, utilisez la balise "
                "« (video: adresse) ».")))
            continue  # one problem is enough: the whole element goes
        for name, value in attrs:
            if name.startswith("on"):
                found.append((line, ERROR, f"L’attribut « {name} » de la balise « <{tag}> » "
                              "exécuterait du code sur le site : retirez-le."))
            elif name in _URL_ATTRIBUTES and value:
                found.append((line, ERROR, target_problem(value, files, image=tag == "img")))
        if tag == "img" and "alt" not in dict(attrs):
            src = dict(attrs).get("src") or ""
            found.append((line, WARNING, (
                f"L’image « {short(src)} » n’a pas de texte alternatif : ajoutez "
                "alt=\"…\" pour la décrire à qui ne la voit pas (alt=\"\" si elle est "
                "purement décorative).")))
    return found


def target_problem(target: str, files, image: bool) -> str | None:
    """What is wrong with a link's or an image's target, in French, or None."""
    if is_dangerous_url(target):
        return (f"L’adresse « {short(target)} » est dangereuse (elle exécuterait du code) : "
                "remplacez-la par une adresse qui commence par https://.")
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
    found = list(parser.tags)
    for line, _tag, attrs in parser.tags:
        for name, value in attrs:
            if name == "srcdoc":  # an iframe's own document: the same rules apply
                found += [(line, t, a) for _, t, a in _html_tags(value)]
    return found
