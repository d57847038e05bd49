"""KirbyTags: `(name: value attr: value…)` expanded to HTML (kirby-format.md §4).

Tags are expanded on the raw text, before Markdown, as Kirby does. Each tag is
one small function registered in TAGS with its attribute names by
`@kirbytag(...)`: adding a tag means adding one function. Problems found on the
way (unclosed tag, unknown tag, missing file, missing alt text, dangerous URL)
are appended to `TagContext.problems`, in French; a tag never raises.

Pure: no Pelican import.
"""

from __future__ import annotations

import calendar
import dataclasses
import html
import mimetypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from .problems import ERROR, WARNING, Problem
from .uuids import parse_reference, unknown_message


# --- Context ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageFile:
    name: str  # "insertion.png"
    url: str  # final URL of the published file, e.g. "/acces-a-l-emploi/insertion.png"
    meta: Mapping[str, str] = field(default_factory=dict)  # metadata, keys lowercased
    width: int | None = None  # pixel size when it is an image (width: auto / height: auto)
    height: int | None = None
    # Widths of the resized copies published beside a large photo (kirby/files.py,
    # written by plugins/images), and the `srcset` listing them with the original.
    variants: tuple[int, ...] = ()
    srcset: str = ""


def _unchanged(html_: str) -> str:
    return html_


@dataclass
class TagContext:
    site_url: str = ""  # "" in development; relative targets: site_url + "/" + value
    files: Mapping[str, PageFile] = field(default_factory=dict)  # the page's files by name
    now: datetime = field(default_factory=datetime.now)  # build date for (date:)
    render_inline: Callable[[str], str] = html.escape  # inline KirbyText, for image captions
    # expand_tags appends here; a Problem without a path, its line within the text.
    problems: list[Problem] = field(default_factory=list)
    # Called on the HTML of each expanded tag; kirbytext passes Markdown's
    # htmlStash.store so that the tag's HTML is put back verbatim, not re-parsed.
    stash: Callable[[str], str] = _unchanged
    # Sources of the images already shown on the page: the first one is likely
    # above the fold and loads at once, the others lazily. Share one list
    # between the contexts of one page.
    images: list[str] = field(default_factory=list)
    # Kirby's UUID references (`file://…`, `page://…`): an object with `file(ref)`
    # (a PageFile or None) and `url(ref)` (str or None), uuids.Resolver.
    references: object | None = None
    # The build's tags by name (sitetags.registry: the built-in ones, Kirby 2's in a
    # Kirby 2 tree, the site's KIRBY_TAGS); None: the built-in ones (TAGS). Carried by
    # the context, not the cached Markdown engines: two builds never share tags.
    tags: Mapping[str, Tag] | None = None


# --- Registry -----------------------------------------------------------------

Render = Callable[[str, dict[str, str], TagContext], str]


@dataclass(frozen=True)
class Tag:
    attrs: tuple[str, ...]  # attribute names, lowercase
    render: Render  # render(value, attrs, ctx) -> HTML
    splitter: re.Pattern[str]  # `(type|attr…):`, compiled once per type name


TAGS: dict[str, Tag] = {}  # Kirby 3+'s default tags (§4.4)
# Kirby 2's tags where they differ from Kirby 3's (its extensions/tags.php), used
# instead of TAGS' in a Kirby 2 tree: `popup:`, image `text:`, `(twitter:)`, and
# `(youtube:)`/`(vimeo:)` as tags of their own with Kirby 2's four attributes.
KIRBY2_TAGS: dict[str, Tag] = {}
# Kirby 3+'s KirbyTag::$aliases: a tag that replaces `video` replaces these too.
ALIASES = {"youtube": "video", "vimeo": "video"}


def make_tag(type_name: str, attrs, render: Render) -> Tag:
    """A tag of that name: its attribute names (lowercased) and its splitter."""
    attrs = tuple(dict.fromkeys(str(a).strip().lower() for a in attrs if str(a).strip()))
    names = "|".join(re.escape(n) for n in (type_name, *attrs))
    # §4.2: names match even inside a word (Kirby's `subtitle:` quirk), but
    # `name://` is a scheme (file://, page://…), never an attribute.
    return Tag(attrs, render, re.compile(rf"({names}):(?!//)", re.I))


def kirbytag(name: str, *attrs: str, aliases: tuple[str, ...] = (),
             registry: dict[str, Tag] | None = None) -> Callable[[Render], Render]:
    """Registers a tag function under its name (and aliases) with its attributes, in
    `registry` (TAGS, the built-in tags, by default)."""

    def register(render: Render) -> Render:
        target = TAGS if registry is None else registry
        for type_name in (name, *aliases):
            target[type_name] = make_tag(type_name, attrs, render)
        return render

    return register


# --- Recognition and splitting ------------------------------------------------

# `(` + name + `:` with nothing between them (§4.1). A `(` right after `]` opens
# a Markdown link target, `[t](tel:+33…)`, never a tag: Kirby's regex means to
# skip those with `(?=[^\]])`, but a lookahead there checks nothing.
_TAG_START = re.compile(r"(?<!\])\(([A-Za-z0-9_-]+):")
_PARENS = re.compile(r"[()]")
# PHP's trim(): Kirby trims values with it, so NBSP stays (unlike str.strip()).
_TRIM = " \t\n\r\0\x0b"
# Names that open a Markdown link target such as `[t](mailto:…)`, not a tag.
_URL_SCHEMES = frozenset(
    "http https ftp ftps sftp mailto tel sms geo file data javascript irc news urn "
    "xmpp skype callto fax webcal magnet matrix whatsapp page site user".split()
)
_LETTER = re.compile("[A-Za-z]")


def _closing_parens(text: str) -> dict[int, int]:
    """Index of every `(` that has a balancing `)` -> index of that `)`."""
    opened: list[int] = []
    closing: dict[int, int] = {}
    for match in _PARENS.finditer(text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            closing[opened.pop()] = match.start()
    return closing


def parse_tag(source: str,
              tags: Mapping[str, Tag] | None = None) -> tuple[str, str, dict[str, str]]:
    """`(link: x text: y)` -> ("link", "x", {"text": "y"}), as Kirby's KirbyTag::parse,
    with the attribute names of `tags` (a build's registry; the built-in ones)."""
    body = source[1:] if source.startswith("(") else source
    # Exactly one `)`: `(link: f.pdf text: Download (PDF))` keeps its own.
    body = (body[:-1] if body.endswith(")") else body).strip(_TRIM)
    type_name = body.partition(":")[0].strip(_TRIM).lower()
    tag = (TAGS if tags is None else tags).get(type_name)
    if tag is None:
        return type_name, body.partition(":")[2].strip(_TRIM), {}
    parts = tag.splitter.split(body)
    found: dict[str, str] = {}
    for i in range(1, len(parts), 2):
        found[parts[i].lower()] = parts[i + 1].strip(_TRIM)  # given twice: the last wins
    value = found.pop(type_name, "")
    return type_name, value, found


def expand_tags(text: str, ctx: TagContext) -> str:
    """Replaces every KirbyTag of `text` by its HTML; appends problems to ctx.problems."""
    tags = TAGS if ctx.tags is None else ctx.tags
    closing = _closing_parens(text)
    out: list[str] = []
    copied = 0  # text[:copied] is already in out
    line, counted = 1, 0
    search_from = 0
    while match := _TAG_START.search(text, search_from):
        start, name = match.start(), match.group(1)
        line += text.count("\n", counted, start)
        counted = start
        end = closing.get(start)
        tag = tags.get(name.lower())
        if end is None:
            # No balancing `)`: not a tag. A tag inside it may still be one, as
            # with Kirby's recursive regex, so search again from the next char.
            if tag is not None:
                _report(ctx, line, ERROR, f"La balise « ({name}: … » n’est pas fermée : "
                        "ajoutez la parenthèse fermante « ) ».")
            search_from = start + 1
            continue
        source = text[start : end + 1]
        search_from = end + 1
        if tag is None:
            # Kirby consumes the whole unknown tag and leaves it as written,
            # tags nested inside included.
            if _looks_like_a_tag(name, text, match.end()):
                _report(ctx, line, WARNING, f"La balise « ({name}: … » n’existe pas et reste "
                        f"telle quelle. Balises connues : {', '.join(sorted(tags))}. "
                        "S’il ne s’agit pas d’une balise, mettez une espace avant les "
                        f"deux-points : « ({name} : … ».")
            continue
        rendered = _render(source, tag, ctx, line, tags)
        if rendered is not None:
            out.append(text[copied:start])
            out.append(ctx.stash(rendered) if rendered else rendered)
            copied = end + 1
    out.append(text[copied:])
    return "".join(out)


def _looks_like_a_tag(name: str, text: str, after_colon: int) -> bool:
    # `(https://…)`, `(mailto:…)` are Markdown link targets; `(18:30)` is a time;
    # `(A: …)` a list label: none of them is a mistyped tag.
    return not (
        text.startswith("//", after_colon)
        or name.lower() in _URL_SCHEMES
        or len(name) < 2
        or not _LETTER.search(name)
    )


def _render(source: str, tag: Tag, ctx: TagContext, line: int,
            tags: Mapping[str, Tag] | None = None) -> str | None:
    """The tag's HTML, or None (original text kept) when rendering fails."""
    first_problem = len(ctx.problems)
    try:
        _type, value, attrs = parse_tag(source, tags)
        rendered = tag.render(value, attrs, ctx)
        if not isinstance(rendered, str):  # a site's tag that returned None, a number…
            rendered = "" if rendered is None else str(rendered)
    except Exception as error:  # a tag never fails the build (§4.3)
        del ctx.problems[first_problem:]
        _report(ctx, line, WARNING, f"La balise « {_shorten(source)} » n’a pas pu être "
                f"affichée ({error}) et reste telle quelle : vérifiez son écriture.")
        return None
    # Problems found while rendering (captions included) belong to the tag's line.
    ctx.problems[first_problem:] = [dataclasses.replace(problem, line=line)
                                    for problem in ctx.problems[first_problem:]]
    return rendered


def _report(ctx: TagContext, line: int, severity: str, message: str) -> None:
    ctx.problems.append(Problem("", line, message, severity))


def _shorten(value: str, length: int = 60) -> str:
    """A value as quoted in a message: on one line, not too long."""
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1] + "…"


# --- HTML and URLs ------------------------------------------------------------


def _escape_text(value: str) -> str:
    # Quotes stay as typed in text: the typography filter turns ' into ’ later.
    return html.escape(value, quote=False)


def _escape_attr(value: str) -> str:
    return html.escape(value, quote=False).replace('"', "&quot;")


# `*` anywhere and `_` at a word's edge would become emphasis if Markdown saw
# the HTML again; intra-word `_` (mon_fichier.pdf) never does.
_EMPHASIS = re.compile(r"\*|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _literal(value: str) -> str:
    """Escaped text that Markdown shows as typed (Kirby writes `\\_` for this)."""
    return _EMPHASIS.sub(lambda m: f"&#{ord(m.group())};", _escape_text(value))


Attrs = list[tuple[str, "str | bool | None"]]


def _element(name: str, attrs: Attrs, content: str | None = None) -> str:
    """`<name a="v" bare>content</name>`; None/False omitted; content=None: void element."""
    parts = [name]
    for key, value in attrs:
        if value is True:
            parts.append(key)
        elif value is not None and value is not False:
            parts.append(f'{key}="{_escape_attr(value)}"')
    start = f"<{' '.join(parts)}>"
    return start if content is None else f"{start}{content}</{name}>"


def _given(attrs: Mapping[str, str], name: str) -> str | None:
    """An attribute's value, None when absent or empty (Kirby omits empty attributes)."""
    return attrs.get(name) or None


def _rel(rel: str | None, target: str | None) -> str | None:
    # Kirby's Html::rel(): target _blank with no rel gets "noreferrer".
    rel = (rel or "").strip()
    if not rel and (target or "").strip().lower() == "_blank":
        return "noreferrer"
    return rel or None


def _anchor(href: str, content: str, attrs: Mapping[str, str], download: bool = False) -> str:
    return _element("a", [
        ("href", href),
        ("class", _given(attrs, "class")),
        ("download", download),
        ("rel", _rel(attrs.get("rel"), attrs.get("target"))),
        ("role", _given(attrs, "role")),
        ("target", _given(attrs, "target")),
        ("title", _given(attrs, "title")),
    ], content)


_DANGEROUS = re.compile(r"(?:javascript|vbscript|livescript|mocha|jar|data):", re.I)
# Browsers drop tabs and newlines anywhere in a URL and spaces or controls
# before it; we drop every invisible character before looking at the scheme.
_INVISIBLE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]+"
)


def is_dangerous_url(url: str) -> bool:
    """True for javascript:, vbscript:, livescript:, mocha:, jar:, data:, however hidden."""
    probe = url
    for _ in range(3):  # `&#106;avascript:`, `java%09script:`, nested
        probe = html.unescape(unquote(probe))
    return bool(_DANGEROUS.match(_INVISIBLE.sub("", probe)))


# §4.3: `scheme://`, `//`, mailto:, tel:, geo:, `#…`, `./x` and `../x` are kept.
_KEPT_AS_IS = re.compile(r"[a-z][a-z0-9+.-]*://|//|(?:mailto|tel|geo):|#|\.\.?/", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)


def _resolve(value: str, site_url: str) -> str:
    if _KEPT_AS_IS.match(value):
        return value
    return site_url.rstrip("/") + "/" + value.lstrip("/")


def _safe_url(value: str, ctx: TagContext) -> str | None:
    """The value resolved as in §4.3, or None (and an error) when its scheme is dangerous
    or it is a UUID reference that leads nowhere."""
    if parse_reference(value):
        url = ctx.references.url(value) if ctx.references is not None else None
        if url is None:
            _report(ctx, 0, ERROR, unknown_message(value.strip()))
        return url
    if is_dangerous_url(value):
        _report(ctx, 0, ERROR, f"L’adresse « {_shorten(value)} » est dangereuse et le lien a "
                "été neutralisé : utilisez une adresse qui commence par https://.")
        return None
    return _resolve(value, ctx.site_url)


def _page_file(value: str, ctx: TagContext) -> PageFile | None:
    """The page file named `value` (or `file://…`, any page's); an error when a bare
    file name or a reference names none."""
    if (parse_reference(value) or ("",))[0] == "file":
        found = ctx.references.file(value) if ctx.references is not None else None
        if found is None:
            _report(ctx, 0, ERROR, unknown_message(value.strip()))
        return found
    found = ctx.files.get(value)
    if found is None and "/" not in value and not _SCHEME.match(value):
        if value:
            _report(ctx, 0, ERROR, f"Le fichier « {_shorten(value)} » est introuvable dans le dossier de "
                    "la page : ajoutez-le à côté de la page ou corrigez son nom.")
        else:
            _report(ctx, 0, ERROR, "La balise ne nomme aucun fichier : écrivez son nom après "
                    "les deux-points, par exemple « (image: photo.jpg) ».")
    return found


_SHORTENABLE = re.compile(r"(?:https?|ftp)://[^\s/?#]+\S*\Z", re.I)
_PORT = re.compile(r":\d*\Z")


def short_url(text: str) -> str:
    """`https://www.example.org/a/?x=1#y` -> `example.org/a`; other text unchanged."""
    if not _SHORTENABLE.match(text):
        return text
    parts = urlsplit(text)
    host = _PORT.sub("", parts.netloc.rpartition("@")[2])
    if host.lower().startswith("www."):
        host = host[4:]
    return (host + parts.path).rstrip("/")


# --- Default tags (§4.4) ------------------------------------------------------


@kirbytag("link", "text", "class", "rel", "role", "target", "title", "lang")
def link_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # `lang` is accepted and ignored (§4.4 MAY); page:// and file:// lead to their
    # page or file (uuids.py), as Kirby's Uuid::url().
    if value[:7].lower() == "mailto:":
        return email_tag(value[7:], attrs, ctx)
    if value[:4].lower() == "tel:":
        return tel_tag(value[4:], attrs, ctx)
    href = _safe_url(value, ctx)
    if href is None:  # dropped link: the text stays, never the dangerous URL
        return _escape_text(attrs.get("text", ""))
    if attrs.get("text"):
        return _anchor(href, _escape_text(short_url(attrs["text"])), attrs)
    # Kirby's Html::link(): with no text the (resolved) href is shown.
    return _anchor(href, _literal(short_url(href)), attrs)


@kirbytag("email", "text", "class", "rel", "target", "title")
def email_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # Kirby hides the address behind random character references; a static
    # build keeps it readable (§4.4 MAY), checks compare decoded values anyway.
    address = value[7:] if value[:7].lower() == "mailto:" else value
    if not address:
        return ""
    if is_dangerous_url(address):
        _safe_url(address, ctx)  # reports it
        return _escape_text(attrs.get("text", ""))
    text = _escape_text(attrs["text"]) if attrs.get("text") else _literal(address.split("?")[0])
    return _anchor("mailto:" + address, text, attrs)


_NOT_IN_NUMBER = re.compile(r"[^0-9+]+")


@kirbytag("tel", "text", "class", "rel", "title")
def tel_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    if not value:
        return ""
    text = _escape_text(attrs.get("text") or value)
    return _anchor("tel:" + _NOT_IN_NUMBER.sub("", value), text, attrs)


@kirbytag("file", "text", "class", "download", "rel", "target", "title")
def file_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    page_file = _page_file(value, ctx)
    if page_file is None:  # Kirby: plain text, no link
        return _escape_text(attrs.get("text") or value)
    text = _escape_text(attrs["text"]) if attrs.get("text") else _literal(page_file.name)
    download = attrs.get("download", "").strip().lower() != "false"
    return _anchor(page_file.url, text, attrs, download=download)


def _size(value: str | None, actual: int | None) -> str | None:
    if value and value.strip().lower() == "auto":
        return str(actual) if actual else None
    return value or None


# The content column's width (theme/static/css/site.css): what the browser
# picks a variant for when the tag gives no width.
IMAGE_SIZES = "(min-width: 50rem) 46rem, 100vw"


def _image_size(
    attrs: Mapping[str, str], page_file: PageFile | None
) -> tuple[str | None, str | None]:
    """Width and height for `<img>`: as written, else the file's, scaled when only one is written.

    Known sizes let the browser keep the room before the image arrives.
    """
    actual_w, actual_h = (page_file.width, page_file.height) if page_file else (None, None)
    width = _size(attrs.get("width"), actual_w)
    height = _size(attrs.get("height"), actual_h)
    if not (actual_w and actual_h):
        return width, height
    if width is None and height is None:
        return str(actual_w), str(actual_h)
    if height is None and width.isdigit():
        return width, str(round(int(width) * actual_h / actual_w))
    if width is None and height.isdigit():
        return str(round(int(height) * actual_w / actual_h)), height
    return width, height


def img_element(src: str, alt: str, width, height, srcset: str = "", sizes: str = IMAGE_SIZES, *,
                lazy: bool = False, priority: bool = False, title: str | None = None,
                css_class: str | None = None) -> str:
    """The one `<img>` of the site: the image tag's and the theme's (`kirby_image`).

    Its size always (no shift while it loads), the srcset of its resized copies
    with `sizes`, `lazy` for images below the first screen, `priority` for the
    one image that is surely on it (a cover).
    """
    return _element("img", [
        ("src", src),
        ("alt", alt),  # always present, empty when nothing is known
        ("title", title or None),
        ("width", None if width is None else str(width)),
        ("height", None if height is None else str(height)),
        ("class", css_class),
        ("srcset", srcset or None),
        ("sizes", sizes if srcset else None),
        ("loading", "lazy" if lazy else None),
        ("fetchpriority", "high" if priority and not lazy else None),
        ("decoding", "async" if lazy or priority else None),
    ])


def page_image(file: PageFile, alt: str | None = None, lazy: bool = False,
               sizes: str = IMAGE_SIZES) -> str:
    """A page file as an image (a cover, a card): its Alt field unless `alt` is given
    ("" for an image the text around already says); above the fold unless `lazy`."""
    shown = file.meta.get("alt", "") if alt is None else alt
    return img_element(file.url, shown, file.width, file.height, file.srcset, sizes,
                       lazy=lazy, priority=not lazy)


@kirbytag("image", "alt", "caption", "class", "height", "imgclass", "link", "linkclass",
          "rel", "srcset", "target", "title", "width")
def image_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # The `srcset` attribute is accepted and ignored: a large page file gets the
    # srcset of its resized copies (PageFile.srcset) instead of Kirby's thumbnails.
    page_file = _page_file(value, ctx)
    meta: Mapping[str, str] = page_file.meta if page_file else {}
    # Kirby's `??=`: an attribute written in the tag, even empty, beats the metadata.
    alt = attrs["alt"] if "alt" in attrs else meta.get("alt", "")
    title = attrs["title"] if "title" in attrs else meta.get("title", "")
    caption = attrs["caption"] if "caption" in attrs else meta.get("caption", "")
    src = page_file.url if page_file else None if parse_reference(value) else _safe_url(value, ctx)
    if src is None:  # dangerous source or unknown file: the alternative text stands for it
        return _escape_text(alt)
    if not alt and "alt" not in attrs:  # `alt:` written empty marks a decorative image
        where = f" ou un champ « Alt: » dans « {page_file.name}.md »" if page_file else ""
        _report(ctx, 0, WARNING, f"L’image « {_shorten(value)} » n’a pas de texte alternatif : "
                f"ajoutez « alt: … » dans la balise{where}, pour décrire l’image à qui ne la "
                "voit pas (« alt: » laissé vide si elle est purement décorative).")
    width, height = _image_size(attrs, page_file)
    srcset = page_file.srcset if page_file else ""
    lazy = bool(ctx.images)  # every image after the page's first
    ctx.images.append(src)
    # A width written in the tag caps the displayed size, and so the file wanted.
    sizes = (f"(max-width: {width}px) 100vw, {width}px" if attrs.get("width", "").isdigit()
             else IMAGE_SIZES)
    image = img_element(src, alt, width, height, srcset, sizes, lazy=lazy, title=title,
                        css_class=_given(attrs, "imgclass"))
    if link := attrs.get("link"):
        # Kirby: a page file of that name first, then `self`, then a URL.
        linked = ctx.files.get(link)
        href = linked.url if linked else src if link.lower() == "self" else _safe_url(link, ctx)
        if href is not None:
            image = _anchor(href, image, {
                "class": attrs.get("linkclass", ""),
                "rel": attrs.get("rel", ""),
                "target": attrs.get("target", ""),
            })
    figcaption = f"<figcaption>{ctx.render_inline(caption)}</figcaption>" if caption else ""
    return _element("figure", [("class", _given(attrs, "class"))], image + figcaption)


# Python's own table (not /etc/mime.types) so that every machine agrees, plus
# the video types Kirby knows and Python lacks.
_MIME = mimetypes.MimeTypes()
for _ext, _type in {".ogv": "video/ogg", ".m4v": "video/mp4", ".mkv": "video/x-matroska",
                    ".3gp": "video/3gpp"}.items():
    _MIME.add_type(_type, _ext)

_TRUE = frozenset({"true", "1", "on", "yes"})
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]+\Z")
_VIMEO_ID = re.compile(r"[0-9]+\Z")
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?\Z", re.I)


def _bool(value: str | None, default: bool = False) -> bool:
    return default if value is None else value.strip().lower() in _TRUE


def _query_string(query: dict[str, str]) -> str:
    return "?" + urlencode(query) if query else ""


def _seconds(t: str) -> str:
    # YouTube links say t=1m30s or t=90s; the embed's start wants seconds.
    match = _DURATION.match(t)
    if not t or not match:
        return t
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return str(hours * 3600 + minutes * 60 + seconds)


# Every YouTube frame through YouTube's privacy-enhanced host, whatever address was
# given (Kirby keeps the given host; the project's privacy rules say nocookie).
_YOUTUBE_EMBED = "https://www.youtube-nocookie.com/embed"


def _youtube_embed(url: str) -> str | None:
    """Kirby's Html::youtube() rules (§4.4), on the privacy-enhanced host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    segments = [s for s in parts.path.split("/") if s]
    first, second = (segments + ["", ""])[:2]
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    base = _YOUTUBE_EMBED
    src = None
    if "/".join(segments) in ("embed/videoseries", "playlist"):
        if _VIDEO_ID.match(query.get("list", "")):
            src = base + "/videoseries"
    elif "/".join(segments) == "watch":
        if _VIDEO_ID.match(video := query.pop("v", "")):
            src = f"{base}/{video}"
    elif "youtu.be" in host and _VIDEO_ID.match(first):
        src = f"{base}/{first}"
    elif first in ("embed", "shorts") and _VIDEO_ID.match(second):
        src = f"{base}/{second}"
    if src is None:
        return None
    if "t" in query:
        query["start"] = _seconds(query.pop("t"))
    return src + _query_string(query)


def _vimeo_embed(url: str) -> str | None:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    host = parts.hostname or ""
    if host in ("vimeo.com", "www.vimeo.com"):
        video = segments[-1] if segments else ""
    elif host == "player.vimeo.com":
        video = segments[1] if len(segments) > 1 else ""
    else:
        return None
    if not _VIMEO_ID.match(video):
        return None
    # dnt=1: Vimeo's player sets no tracking cookie (the project's privacy rules).
    query = {**dict(parse_qsl(parts.query, keep_blank_values=True)), "dnt": "1"}
    return f"https://player.vimeo.com/video/{video}" + _query_string(query)


def _poster(value: str | None, ctx: TagContext) -> str | None:
    if not value:
        return None
    page_file = ctx.files.get(value)
    return page_file.url if page_file else _safe_url(value, ctx)


@kirbytag("video", "autoplay", "caption", "class", "controls", "disablepictureinpicture",
          "height", "loop", "muted", "playsinline", "poster", "preload", "style", "width",
          aliases=("youtube", "vimeo"))
def video_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    player = video_player(value, attrs, ctx)
    caption = attrs.get("caption")
    figcaption = f"<figcaption>{_escape_text(caption)}</figcaption>" if caption else ""
    if _given(attrs, "style"):
        # Kirby writes it on the figure; the site's Content Security Policy would
        # ignore it and the sanitiser removes it: the stylesheet sizes videos.
        _report(ctx, 0, WARNING, "L’attribut « style: » de la vidéo n’est pas pris en compte "
                "(le site n’accepte pas de mise en forme écrite dans la page) : la feuille de "
                "style donne sa taille ; pour une autre présentation, utilisez « class: ».")
    return _element("figure", [("class", attrs.get("class", "video") or None)],
                    player + figcaption)


def video_player(value: str, attrs: Mapping[str, str], ctx: TagContext) -> str:
    """The player of a video (Kirby's Html::video()): a YouTube or Vimeo frame through
    their privacy-friendly hosts, or a `<video>` of a file; "" (and a warning) for an
    address that is neither. The video tag's and the video block's."""
    size: Attrs = [("width", _given(attrs, "width")), ("height", _given(attrs, "height"))]
    lowered = value.lower()
    remote = lowered.startswith(("http://", "https://"))
    player = ""
    if remote and ("youtu" in lowered or "vimeo" in lowered):
        src = _youtube_embed(value) if "youtu" in lowered else _vimeo_embed(value)
        if src:
            player = _element("iframe", [
                ("src", src), ("title", _given(attrs, "title") or _given(attrs, "caption") or "Vidéo"),
                ("allow", "fullscreen"), ("allowfullscreen", True), *size], "")
    else:
        if remote:
            src, mime = value, _MIME.guess_type(urlsplit(value).path)[0]
            if not (mime or "").startswith("video/"):
                src = None
        else:
            page_file = _page_file(value, ctx)
            src = page_file.url if page_file else None
            mime = page_file and _MIME.guess_type(page_file.name)[0]
        if src:
            autoplay = _bool(attrs.get("autoplay"))
            source = _element("source", [("src", src), ("type", mime)])
            player = _element("video", [
                ("controls", _bool(attrs.get("controls"), True)),
                ("autoplay", autoplay),
                ("loop", _bool(attrs.get("loop"))),
                ("muted", _bool(attrs.get("muted"), autoplay)),
                ("playsinline", _bool(attrs.get("playsinline"), autoplay)),
                ("disablepictureinpicture", _bool(attrs.get("disablepictureinpicture"))),
                ("poster", _poster(attrs.get("poster"), ctx)),
                ("preload", _given(attrs, "preload")),
                *size,
            ], source)
    if not player and (remote or "/" in value):
        _report(ctx, 0, WARNING, f"La vidéo « {_shorten(value)} » n’est pas reconnue et reste "
                "vide : donnez une adresse YouTube ou Vimeo, ou un fichier vidéo (.mp4, .webm).")
    return player


@kirbytag("gist", "file")
def gist_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or parts.hostname != "gist.github.com":
        if is_dangerous_url(value):
            _safe_url(value, ctx)  # reports it
        else:
            _report(ctx, 0, WARNING, f"Le gist « {_shorten(value)} » n’est pas affiché : seules "
                    "les adresses https://gist.github.com/… sont acceptées.")
        return ""
    # A link to the gist, not GitHub's embedding script: the site runs no script
    # from another host (its Content Security Policy), and a link reads everywhere.
    href = value.rstrip("/")
    if anchor := re.sub(r"[^a-z0-9]+", "-", attrs.get("file", "").lower()).strip("-"):
        href += "#file-" + anchor  # GitHub's anchor of one file of the gist
    label = f"Voir le code « {attrs['file']} » sur GitHub" if attrs.get("file") else "Voir le code sur GitHub"
    return _element("a", [("href", href), ("class", "gist")], _escape_text(label))


@kirbytag("date")
def date_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    if value.lower() == "year":
        return f"{ctx.now.year:04d}"
    return _escape_text(php_date(value, ctx.now))


# --- Kirby 2's tags (getkirby-v2/kirby, extensions/tags.php) -------------------
# Used instead of the ones above in a Kirby 2 tree (kirby2.py). Same HTML as
# Kirby 3's where Kirby 2 wrote the same thing; the attribute lists are Kirby 2's,
# since they decide where a value ends.


def _popup(attrs: dict[str, str]) -> dict[str, str]:
    # Kirby 2's KirbyTag::target(): `popup:` with any value PHP finds non-empty (not
    # "" nor "0", so even `popup: no`) opens a new window, over `target:`.
    if attrs.get("popup", "") not in ("", "0"):
        return {**attrs, "target": "_blank"}
    return attrs


@kirbytag("link", "text", "class", "title", "rel", "lang", "target", "popup",
          registry=KIRBY2_TAGS)
def kirby2_link_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    return link_tag(value, _popup(attrs), ctx)


@kirbytag("email", "class", "title", "text", "rel", registry=KIRBY2_TAGS)
def kirby2_email_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    return email_tag(value, attrs, ctx)


@kirbytag("tel", "text", "class", "title", registry=KIRBY2_TAGS)
def kirby2_tel_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    return tel_tag(value, attrs, ctx)


@kirbytag("file", "text", "class", "title", "rel", "target", "popup", registry=KIRBY2_TAGS)
def kirby2_file_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # Kirby 2's file tag is a plain link: no `download` attribute.
    return file_tag(value, {**_popup(attrs), "download": "false"}, ctx)


@kirbytag("image", "width", "height", "alt", "text", "title", "class", "imgclass", "linkclass",
          "caption", "link", "target", "popup", "rel", registry=KIRBY2_TAGS)
def kirby2_image_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # Kirby 2: "alt is just an alternative for text": a non-empty `text:` is the alt.
    attrs = _popup(attrs)
    if text := attrs.pop("text", ""):
        attrs["alt"] = text
    return image_tag(value, attrs, ctx)


@kirbytag("twitter", "class", "title", "text", "rel", "target", "popup", registry=KIRBY2_TAGS)
def twitter_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # Kirby 2: the profile https://twitter.com/NAME (the `@` removed), shown as @NAME.
    username = value.replace("@", "").strip(_TRIM)
    if not username:
        return ""
    text = attrs.get("text") or "@" + username
    return _anchor("https://twitter.com/" + quote(username, safe=""), _escape_text(text),
                   _popup(attrs))


@kirbytag("youtube", "width", "height", "class", "caption", registry=KIRBY2_TAGS)
def kirby2_youtube_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    # Kirby 2's `<figure class="video">` + the player + an escaped caption: ours.
    return video_tag(value, attrs, ctx)


@kirbytag("vimeo", "width", "height", "class", "caption", registry=KIRBY2_TAGS)
def kirby2_vimeo_tag(value: str, attrs: dict[str, str], ctx: TagContext) -> str:
    return video_tag(value, attrs, ctx)


# --- PHP date() ---------------------------------------------------------------

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _aware(d: datetime) -> datetime:
    return d if d.tzinfo else d.astimezone()  # a naive date is local time, as PHP's


def _offset(d: datetime, colon: bool) -> str:
    seconds = int(_aware(d).utcoffset().total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, minutes = divmod(seconds // 60, 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{minutes:02d}"


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _swatch(d: datetime) -> str:
    utc = _aware(d).utctimetuple()
    seconds = (utc.tm_hour * 3600 + utc.tm_min * 60 + utc.tm_sec + 3600) % 86400  # UTC+1
    return f"{seconds * 10 // 864:03d}"  # 1000 beats a day, in integers: no 499.99…


_DATE_CODES: dict[str, Callable[[datetime], str]] = {
    "d": lambda d: f"{d.day:02d}",
    "D": lambda d: _DAYS[d.weekday()][:3],
    "j": lambda d: str(d.day),
    "l": lambda d: _DAYS[d.weekday()],
    "N": lambda d: str(d.isoweekday()),
    "S": lambda d: _ordinal(d.day),
    "w": lambda d: str(d.isoweekday() % 7),
    "z": lambda d: str(d.timetuple().tm_yday - 1),
    "W": lambda d: f"{d.isocalendar().week:02d}",
    "F": lambda d: _MONTHS[d.month - 1],
    "m": lambda d: f"{d.month:02d}",
    "M": lambda d: _MONTHS[d.month - 1][:3],
    "n": lambda d: str(d.month),
    "t": lambda d: str(calendar.monthrange(d.year, d.month)[1]),
    "L": lambda d: "1" if calendar.isleap(d.year) else "0",
    "o": lambda d: str(d.isocalendar().year),
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
    "a": lambda d: "am" if d.hour < 12 else "pm",
    "A": lambda d: "AM" if d.hour < 12 else "PM",
    "B": _swatch,
    "g": lambda d: str(d.hour % 12 or 12),
    "G": lambda d: str(d.hour),
    "h": lambda d: f"{d.hour % 12 or 12:02d}",
    "H": lambda d: f"{d.hour:02d}",
    "i": lambda d: f"{d.minute:02d}",
    "s": lambda d: f"{d.second:02d}",
    "u": lambda d: f"{d.microsecond:06d}",
    "v": lambda d: f"{d.microsecond // 1000:03d}",
    "e": lambda d: str(getattr(_aware(d).tzinfo, "key", None) or _aware(d).tzname()),
    "I": lambda d: "1" if _aware(d).dst() else "0",
    "O": lambda d: _offset(d, colon=False),
    "P": lambda d: _offset(d, colon=True),
    "p": lambda d: "Z" if not _aware(d).utcoffset() else _offset(d, colon=True),
    "T": lambda d: _aware(d).tzname() or _offset(d, colon=True),
    "Z": lambda d: str(int(_aware(d).utcoffset().total_seconds())),
    "c": lambda d: php_date("Y-m-d\\TH:i:sP", d),
    "r": lambda d: php_date("D, d M Y H:i:s O", d),
    "U": lambda d: str(int(d.timestamp())),
}


def php_date(fmt: str, moment: datetime) -> str:
    """PHP's date(): letters are codes, `\\x` is a literal x, anything else is kept."""
    out: list[str] = []
    chars = iter(fmt)
    for char in chars:
        if char == "\\":
            out.append(next(chars, ""))
        elif code := _DATE_CODES.get(char):
            out.append(code(moment))
        else:
            out.append(char)
    return "".join(out)
