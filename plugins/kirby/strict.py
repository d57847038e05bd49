"""The strict checks of kirby-format.md §6 that the other readers leave out.

Small pure functions of text: the reader runs them on every page, so that a
development build shows their problems on the page and `make check` fails on
them. They look at what a volunteer typed (raw HTML and Markdown in Text, the
lines around separators), never at the KirbyTags, which report their own
problems (kirbytags.py). The site-wide check of internal links works on the
rendered HTML; its pure parts are here too (`page_links`, `link_target`,
`source_line`). Pure: no Pelican import.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from .kirbytags import is_dangerous_url
from .problems import ERROR, WARNING, Problem

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


# --- Text: raw HTML and Markdown (§6) ---------------------------------------------

# Attributes whose value is a URL, where a `javascript:` would run.
_URL_ATTRIBUTES = frozenset(
    ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "usemap", "icon"]
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)


def text_problems(text: str, first_line: int, files: Collection[str], path: str) -> list[Problem]:
    """`<script>`, `on…=` handlers, dangerous URLs and missing page files in a Text.

    `first_line` is the file line of the text's first line; `files` the names
    of the page's files.
    """
    if "<" not in text and "](" not in text and "]:" not in text:
        return []  # no HTML and no Markdown link: the common case, and free
    source = _mask_code(text) if "`" in text or "~~~" in text else text
    problems: list[Problem] = []

    def add(line: int, message: str | None, severity: str = ERROR) -> None:
        if message:
            problems.append(Problem(path, first_line + line - 1, message, severity))

    def line_at(offset: int) -> int:
        return source.count("\n", 0, offset) + 1

    for line, tag, attrs in _html_tags(source) if "<" in source else ():
        if tag == "script":
            add(line, "La balise « <script> » n’est pas permise dans le texte (elle exécuterait "
                "du code sur le site) : retirez-la. Pour une vidéo, utilisez la balise "
                "« (video: adresse) ».")
            continue  # one problem is enough: the whole element goes
        for name, value in attrs:
            if name.startswith("on"):
                add(line, f"L’attribut « {name} » de la balise « <{tag}> » exécuterait du code "
                    "sur le site : retirez-le.")
            elif name in _URL_ATTRIBUTES and value:
                add(line, _target_problem(value, files, image=tag == "img"))
        if tag == "img" and "alt" not in dict(attrs):
            src = dict(attrs).get("src") or ""
            add(line, f"L’image « {_short(src)} » n’a pas de texte alternatif : ajoutez "
                "alt=\"…\" pour la décrire à qui ne la voit pas (alt=\"\" si elle est "
                "purement décorative).", WARNING)
    for start, image, label, target in _markdown_links(source):
        add(line_at(start), _target_problem(target, files, image=image))
        if image and not label.strip() and not is_dangerous_url(target):
            add(line_at(start), f"L’image « {_short(target)} » n’a pas de texte alternatif : décrivez-la "
                f"entre les crochets, « ![description]({_short(target)}) », pour qui ne la "
                "voit pas.", WARNING)
    for match in _REFERENCE.finditer(source):
        add(line_at(match.start()), _target_problem(match.group(1).strip("<>"), files, False))
    return problems


def _target_problem(target: str, files: Collection[str], image: bool) -> str | None:
    if is_dangerous_url(target):
        return (f"L’adresse « {_short(target)} » est dangereuse (elle exécuterait du code) : "
                "remplacez-la par une adresse qui commence par https://.")
    if not is_page_file_target(target) or page_file_name(target) in files:
        return None
    name = page_file_name(target)
    if name.lower().startswith("www."):
        return (f"L’adresse « {_short(name)} » n’a pas de « https:// » et mène à un fichier de "
                f"la page qui n’existe pas : écrivez « https://{_short(name)} ».")
    if "@" in name:
        return (f"L’adresse électronique « {_short(name)} » doit commencer par « mailto: » : "
                f"écrivez « mailto:{_short(name)} », ou utilisez la balise « (email: …) ».")
    what, it = ("L’image", "la") if image else ("Le fichier", "le")
    return (f"{what} « {_short(name)} » est introuvable dans le dossier de la page : "
            f"ajoutez-{it} à côté de la page ou corrigez son nom.")


def _mask_code(text: str) -> str:
    """The text with code blocks and spans blanked out, newlines kept: shown, never run."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, [(n, v or "") for n, v in attrs]))

    handle_startendtag = handle_starttag


def _html_tags(source: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(line, tag, attributes) of every start tag of the raw HTML in `source`."""
    parser = _TagCollector()
    _feed(parser, source)
    found = list(parser.tags)
    for line, _tag, attrs in parser.tags:
        for name, value in attrs:
            if name == "srcdoc":  # an iframe's own document: the same rules apply
                found += [(line, t, a) for _, t, a in _html_tags(value)]
    return found


def _markdown_links(source: str) -> Iterator[tuple[int, bool, str, str]]:
    """(offset, is_image, label, target) of each inline Markdown link `[label](target)`."""
    for match in re.finditer(r"\]\(", source):
        close = match.start()
        opening = _opening_bracket(source, close)
        if opening is None:
            continue
        target = _link_target(source, match.end())
        if target is None:
            continue
        image = opening > 0 and source[opening - 1] == "!"
        yield (opening - image, image, source[opening + 1 : close], target)


def _opening_bracket(source: str, close: int) -> int | None:
    depth = 0
    for index in range(close - 1, max(close - 1000, -1), -1):
        char = source[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return index
            depth -= 1
        elif char == "\n" and index > 0 and source[index - 1] == "\n":
            return None  # a paragraph break: no link spans it
    return None


def _link_target(source: str, start: int) -> str | None:
    """The target of a link whose `(` ends at `start`: `<…>` or balanced parentheses."""
    index = start
    while index < len(source) and source[index] in " \t\n":
        index += 1
    if source.startswith("<", index):
        end = source.find(">", index)
        return None if end < 0 else source[index + 1 : end]
    depth = 0
    for end in range(index, len(source)):
        char = source[end]
        if char in " \t\n" or (char == ")" and depth == 0):
            return source[index:end]
        depth += {"(": 1, ")": -1}.get(char, 0)
    return None


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
    if cover is None or not cover.value or cover.value in files:
        return []
    return [Problem(path, cover.line, f"L’image « {_short(cover.value)} » du champ Cover est "
                    "introuvable dans le dossier de la page : ajoutez-la à côté de la page ou "
                    "corrigez son nom.")]


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


def _feed(parser: HTMLParser, text: str) -> None:
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


def _short(value: str, length: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1] + "…"


def page_problems(text: str, fields: dict, files: Collection[str], path: str) -> list[Problem]:
    """Every strict problem of one content file: separators, Text, Cover.

    A plugin that renders another field as KirbyText checks it with text_problems.
    """
    problems = separator_problems(text, path)
    field = fields.get("text")
    if field is not None and field.value:
        problems += text_problems(field.value, field.value_line, files, path)
    return problems + cover_problems(fields, files, path)
