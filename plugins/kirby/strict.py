"""The strict checks of kirby-format.md §6 that the other readers leave out.

Small pure functions of text: the reader runs them on every page, so that a
development build shows their problems on the page and `make check` fails on
them. They look at what a volunteer typed around the fields (separators, the
Cover); the Text's links and raw HTML are checked on Markdown's tree while it
renders (textcheck.py), and KirbyTags report their own problems
(kirbytags.py). The site-wide check of internal links works on the
rendered HTML; its pure parts are here too (`page_links`, `link_target`,
`source_line`). Pure: no Pelican import.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from .kirbytags import is_dangerous_url
from .problems import Problem
from .uuids import parse_reference
from .values import file_names

# --- Separators (§2.2) ----------------------------------------------------------

# A line of dashes only, hyphens or the dashes a word processor makes of them.
_DASHES = re.compile(r"[-\u2010-\u2015\u2212]{2,}")
# A field key alone at the start of a line: `Text:`, `Title: …`.
_KEY_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(.*)")
# Keys that start a field whatever follows them; another word counts as a key
# only when nothing follows its colon (`Text:` alone on its line), so that a
# horizontal rule followed by « Note: … » in a text is not taken for a field.
_FIELD_NAMES = frozenset(["title", "text", "cover", "date", "tags", "intro", "description"])


def separator_problems(text: str, path: str) -> list[Problem]:
    """Separators typed wrong: `---`, `—`, ` ----`, `-----` (§2.2)."""
    lines = text.split("\n")
    problems = []
    for index, line in enumerate(lines):
        typed = line.strip(" \t\r\f\v")
        if not _DASHES.fullmatch(typed):
            continue
        at_start = line.startswith("-")
        if at_start and index > 0 and typed == "----":
            continue  # a real separator
        shown = typed if len(typed) <= 12 else typed[:11] + "…"
        if index == 0 and _next_is_field(lines, 1):
            problems.append(Problem(path, 1, (
                f"La première ligne « {shown} » est de trop : supprimez-la, le fichier "
                "commence directement par « Title: … ».")))
        elif at_start and index > 0 and typed.startswith("-----"):
            # Kirby splits on the first four dashes; the rest glues to the next
            # field's name, or the text after the line is lost.
            problems.append(Problem(path, index + 1, (
                f"La ligne « {shown} » a plus de quatre tirets : elle coupe le champ à cet "
                "endroit et la suite disparaît. Pour séparer deux champs, écrivez exactement "
                "quatre tirets « ---- » ; pour un trait dans le texte, écrivez « *** ».")))
        elif _next_is_field(lines, index + 1):
            problems.append(Problem(path, index + 1, (
                f"La ligne « {shown} » devait sans doute séparer deux champs : écrivez "
                "exactement quatre tirets « ---- », seuls et en début de ligne (pour un "
                "trait dans le texte, écrivez « *** »).")))
    return problems


def _next_is_field(lines: list[str], start: int) -> bool:
    for line in lines[start:]:
        if line.strip(" \t\r\f\v"):
            match = _KEY_LINE.fullmatch(line.rstrip(" \t\r\f\v"))
            return bool(match) and (
                match.group(1).lower() in _FIELD_NAMES or not match.group(2).strip()
            )
    return False


# --- Page files and internal links ------------------------------------------------

_FILE_NAME = re.compile(r"[^/?#\\]+\.[A-Za-z0-9]{1,5}")
_NOT_PAGE_FILES = (".html", ".htm", ".php")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def is_page_file_target(target: str) -> bool:
    """True for `photo.png` or `./rapport.pdf`: a file the page's folder must hold."""
    name = target.removeprefix("./")
    return (bool(_FILE_NAME.fullmatch(name)) and not _SCHEME.match(name)
            and not name.lower().endswith(_NOT_PAGE_FILES))


def page_file_name(target: str) -> str:
    return unquote(target.removeprefix("./"))


def cover_problems(fields: dict, files: Collection[str], path: str) -> list[Problem]:
    """A Cover field naming a file the page's folder does not hold."""
    cover = fields.get("cover")
    if cover is None or not cover.value:
        return []
    # A name (Kirby 2) or a YAML list of names and `file://` references (Kirby 3+;
    # the reader resolves references and reports the unknown ones).
    return [Problem(path, cover.line, f"L’image « {short(name)} » du champ Cover est "
                    "introuvable dans le dossier de la page : ajoutez-la à côté de la page ou "
                    "corrigez son nom.")
            for name in file_names(cover.value)
            if name not in files and not parse_reference(name)]


# Rendered HTML is regular enough for regular expressions, which cost a tenth
# of HTMLParser on every page of every build.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^>]*)>")
# One attribute, its quoted value consumed whole: `alt="a src=x"` holds no src.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_LINK_ATTRIBUTES = {"href", "src", "poster"}


def page_links(html: str) -> list[tuple[str, str]]:
    """(tag, URL) of every href, src and poster in rendered HTML, in order."""
    links = []
    for tag in _START_TAG.finditer(_COMMENT.sub("", html) if "<!--" in html else html):
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name, *values = attribute.groups()
            if name.lower() in _LINK_ATTRIBUTES:
                value = unescape(next((v for v in values if v is not None), ""))
                if value:
                    links.append((tag.group(1).lower(), value))
    return links


def site_link_candidates(html_parts: Iterable[str]) -> list[tuple[str, str]]:
    """(tag, URL) of the links of a page's HTML that may lead to another page of the site.

    Page files (`photo.png`) are left out, the reader checks them against the
    page's folder, and so are in-page anchors; site_checks resolves the rest
    once every page has its URL, and checks them once the site is written.
    """
    return [(tag, url) for html in html_parts for tag, url in page_links(html)
            if not url.startswith("#") and not is_page_file_target(url)]


def feed_html(parser: HTMLParser, text: str) -> None:
    """Parse `text`, whatever it holds: a check never breaks a build."""
    # `<![foo[` makes HTMLParser assert (CDATA and IE's conditional sections);
    # as a bogus comment, the same length, it is read up to the next `>`.
    try:
        parser.feed(text.replace("<![", "<!x"))
        parser.close()
    except (AssertionError, ValueError, IndexError):
        pass  # keep what was read before the oddity


_PLACEHOLDER_SITE = "http://site.invalid"


def link_target(url: str, page_url: str, site_url: str) -> str | None:
    """The output path a link of the page at `page_url` leads to, or None if it leaves the site.

    `page_url` is the page's URL path (`emploi/`), `site_url` SITEURL ("" or
    `https://host/prefix`). Returns `emploi/photo.png`, `logement/`, ``""``
    (the root); a link to the site's host outside its prefix returns "..".
    """
    url = url.strip()
    if not url or url.startswith(("#", "?")) or is_dangerous_url(url):
        return None
    root = (site_url or _PLACEHOLDER_SITE).rstrip("/")
    try:
        resolved = urlsplit(urljoin(f"{root}/{page_url}", url))
    except ValueError:  # `http://[x`: not a URL a browser would follow either
        return None
    if resolved.scheme not in ("http", "https"):
        return None  # mailto:, tel:, …
    root_parts = urlsplit(root)
    if resolved.netloc.lower() != root_parts.netloc.lower():
        return None  # another site
    prefix = root_parts.path.rstrip("/") + "/"
    path = resolved.path or "/"
    if not (path + "/").startswith(prefix):
        return ".."
    return unquote(path[len(prefix):])


def source_line(text: str, url: str, site_url: str, default: int) -> int:
    """The line of `text` where the link to `url` was most likely written."""
    candidates = {url}
    if site_url and url.startswith(site_url):
        candidates.add(url[len(site_url):])
    for candidate in list(candidates):
        bare = candidate.lstrip("./").split("#")[0]
        candidates |= {bare, bare.rstrip("/")}
    candidates = sorted((c for c in candidates if len(c) > 1), key=len, reverse=True)
    for number, line in enumerate(text.split("\n"), 1):
        if any(candidate in line for candidate in candidates):
            return number
    return default


def short(value: str, length: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1] + "…"


def page_problems(text: str, fields: dict, files: Collection[str], path: str) -> list[Problem]:
    """The strict problems of one content file outside its Text: separators, Cover.

    The Text's own are found while Markdown renders it (textcheck.py).
    """
    return separator_problems(text, path) + cover_problems(fields, files, path)
