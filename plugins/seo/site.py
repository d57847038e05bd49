"""Pelican glue: page descriptions, robots.txt, and a sitemap that starts clean."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable

from .description import describe

ROBOTS_SAVE_AS = "robots.txt"


def add_description(generator) -> None:
    """`page_description(content)` for the theme (macros/text.html's `describe`)."""
    generator.env.globals["page_description"] = page_description


@functools.lru_cache(maxsize=256)
def page_description(content) -> str:
    """`content`'s description: its Description field or first paragraph.

    A page with no paragraph of its own is described by the `description_fallback`
    text that another plugin may have given it (the actions plugin: the page's
    actions). Made when a page is written, not kept: at 10,000 pages the site's
    descriptions would hold 4 MB at the build's peak. The cache serves the page's
    own head, which asks twice (description, og:description), and the cards of a
    section written together; a content is never changed once written.
    """
    fields = getattr(content, "fields", None) or {}
    field = fields.get("description") or content.metadata.get("description")
    return describe(
        field if isinstance(field, str) else None, getattr(content, "_content", "") or ""
    ) or describe(getattr(content, "description_fallback", "") or "", "")


def forget_descriptions(_pelican) -> None:
    """Between builds the cache holds no page: a page holds its whole build (its
    context), which a preview server would otherwise keep after the next one."""
    page_description.cache_clear()


def robots_txt(site_url: str, disallow: Iterable[str] = ()) -> str:
    """Every crawler may read everything but the tools of `disallow` (ROBOTS_DISALLOW,
    e.g. the editor's /admin/); the sitemap is at the site's root.

    A `Sitemap:` line must be an absolute URL (robots.txt's rule, RFC 9309 §2.2.4
    leaves other lines to crawlers; Lighthouse fails a relative one): it is written
    only when SITEURL is absolute, as in a production build (publishconf.py).
    """
    rules = "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in disallow) + "Allow: /\n"
    if site_url.startswith(("https://", "http://")):
        return rules + f"\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return rules


def write_robots(pelican) -> None:
    path = os.path.join(pelican.output_path, ROBOTS_SAVE_AS)
    os.makedirs(pelican.output_path, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(robots_txt(pelican.settings.get("SITEURL", ""),
                                pelican.settings.get("ROBOTS_DISALLOW", ())))


def reset_sitemap(pelican) -> None:
    """Start pelican-sitemap afresh at each build.

    It remembers the first Pelican of a run and forgets it only when that run
    finishes: after a build that failed half-way (a preview rebuild, a test
    that expects a failure), it would list the old pages and write nothing.
    """
    try:
        from pelican.plugins.sitemap.sitemap import generator
    except ImportError:
        return
    generator._main_pelican = None
    generator.page_queue = []
