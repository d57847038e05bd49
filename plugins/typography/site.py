"""Pelican glue: French spacing in every page's and article's content, once, as it is read."""

from __future__ import annotations

from .spacing import french_typography


def space_content(content) -> None:
    """At `content_object_init`: each page and article as its reader gave it.

    Once per content read, so the preview spaces only the pages it reads
    again. Action groups are not in the body yet (the theme renders them
    where the page is written, with the `typo` filter); the body's
    placeholders are HTML comments, which the rules leave alone.
    """
    # French spacing is French: a multi-language site's other pages keep theirs.
    if getattr(content, "_content", None) and is_french(getattr(content, "lang", None)):
        content._content = french_typography(content._content)


def is_french(lang) -> bool:
    return not lang or str(lang).lower().startswith("fr")
