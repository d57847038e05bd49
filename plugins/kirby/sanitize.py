"""The one sanitising step of every HTML that comes from content: nh3 (ammonia).

KirbyText registers `Sanitizer` as Markdown's last postprocessor, so that a
page's whole Text (Markdown, the KirbyTags' HTML, what a volunteer pasted, what
extensions add) leaves the engine through it. The allowlist is what Markdown,
KirbyText and the theme's blocks produce, and what a volunteer legitimately
pastes (tables, `<abbr>`, `<mark>`, `<details>`…); everything else goes, with
its `javascript:`/`data:` URLs, and a video frame only stays when it comes from
a host the video tag supports, through its privacy-friendly variant. What is
removed is said to the volunteer by the Text check (textcheck.py), which reads
the same lists.
"""

from __future__ import annotations

import re

import nh3
from markdown.postprocessors import Postprocessor

from .kirbytags import is_dangerous_url

TAGS = frozenset({
    # Markdown and its extensions (tables, footnotes, fenced code, definition lists…)
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img", "code",
    "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "sup", "sub", "div", "span",
    # KirbyTags and blocks
    "figure", "figcaption", "iframe", "video", "audio", "source", "track", "picture", "time",
    # What volunteers paste that a page may keep
    "abbr", "mark", "details", "summary", "b", "i", "u", "s", "del", "ins", "small", "cite",
    "q", "kbd", "samp", "var", "dfn", "wbr", "address", "section", "article", "aside",
})
# Elements whose content goes with them (a script's code, a style sheet).
CONTENT_REMOVED = frozenset({"script", "style"})
_EVERYWHERE = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden",
               "aria-describedby", "aria-labelledby"}
ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href", "rel", "target", "hreflang", "type", "download"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
            "fetchpriority"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading",
               "referrerpolicy"},
    "video": {"src", "controls", "autoplay", "loop", "muted", "playsinline", "poster",
              "preload", "width", "height", "disablepictureinpicture"},
    "audio": {"src", "controls", "autoplay", "loop", "muted", "preload"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "style", "abbr"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "abbr": set(),
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The video tag's hosts (kirbytags.py), each through its privacy-friendly variant.
_FRAMES = (
    (re.compile(r"https://(?:www\.|m\.)?youtube(?:-nocookie)?\.com/embed/"),
     "https://www.youtube-nocookie.com/embed/"),
    (re.compile(r"https://player\.vimeo\.com/video/"), "https://player.vimeo.com/video/"),
)
# Python-Markdown's tables say a column's alignment so (`use_align_attribute` off).
_ALIGN = re.compile(r"text-align: (?:left|right|center);")


def frame_source(src: str) -> str | None:
    """A video frame's address as published (privacy-friendly host), or None: not allowed."""
    for pattern, host in _FRAMES:
        match = pattern.match(src.strip())
        if match:
            return host + src.strip()[match.end():]
    return None


def allowed_attribute(tag: str, name: str) -> bool:
    return name in _EVERYWHERE or name in ATTRIBUTES.get(tag, ())


def allowed_url(value: str) -> bool:
    """A relative address, or one whose scheme the sanitiser keeps (and no disguised
    `javascript:`, which a browser would still run)."""
    scheme = _SCHEME.match(value.strip())
    return (scheme is None or scheme.group(1).lower() in URL_SCHEMES) and not is_dangerous_url(value)


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# The attributes whose value ammonia reads as an address (its url_schemes apply).
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster", "action", "formaction",
                            "xlink:href", "data", "background", "longdesc", "usemap"})


def kept_value(tag: str, name: str, value: str) -> str | None:
    """An allowed attribute's value as the sanitiser publishes it, or None: removed."""
    if tag == "iframe" and name == "src":
        return frame_source(value)
    if name in URL_ATTRIBUTES and not allowed_url(value):
        return None
    if name == "style":  # only a table column's alignment, as Markdown writes it
        return value if _ALIGN.fullmatch(value.strip()) else None
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")
_NEW_WINDOW = re.compile(r'<a ([^>]*\btarget="_blank"[^>]*)>')


def _no_opener(match: re.Match) -> str:
    inside = match.group(1)
    if re.search(r'\brel="[^"]*\b(?:noopener|noreferrer)\b', inside):
        return match.group()
    if 'rel="' in inside:
        return "<a " + re.sub(r'\brel="', 'rel="noopener ', inside, count=1) + ">"
    return f'<a {inside} rel="noopener">'


def clean(html: str) -> str:
    """`html` with only what the allowlist keeps; a link to a new window gets noopener."""
    if not html:
        return html
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a broken paste): nh3 takes UTF-8 only
        html = _SURROGATE.sub("\ufffd", html)
    # The Python filter costs a call per attribute: only where it has work (a
    # frame's host, a style). ammonia reads URLs as browsers do (a tab inside
    # `java\tscript:` dropped), so url_schemes alone removes disguised ones.
    cleaner = _FILTERING if "<iframe" in html or "style=" in html else _PLAIN
    cleaned = cleaner.clean(html)
    # html5ever writes a no-break space as an entity: the volunteer's character stays.
    cleaned = cleaned.replace("&nbsp;", "\u00a0")
    return _NEW_WINDOW.sub(_no_opener, cleaned) if 'target="_blank"' in cleaned else cleaned


def _cleaner(attribute_filter) -> nh3.Cleaner:
    # Built once: configuring ammonia costs more than cleaning a page.
    return nh3.Cleaner(
        tags=set(TAGS), clean_content_tags=set(CONTENT_REMOVED),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=attribute_filter, url_schemes=set(URL_SCHEMES), link_rel=None,
        strip_comments=False,  # extensions' placeholders are comments (the actions')
    )


_PLAIN, _FILTERING = _cleaner(None), _cleaner(kept_value)


class Sanitizer(Postprocessor):
    """Markdown's last step: what leaves KirbyText is clean (registered at -100)."""

    def run(self, text: str) -> str:
        return clean(text)
