"""Pelican glue: page descriptions, robots.txt, and a sitemap that starts clean."""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import chain

from .description import describe

# Every list of content objects a generator keeps; the ones it lacks are skipped.
CONTENT_LISTS = (
    "pages", "hidden_pages", "draft_pages", "translations", "hidden_translations",
    "draft_translations", "articles", "hidden_articles", "drafts", "drafts_translations",
)
ROBOTS_SAVE_AS = "robots.txt"


def describe_contents(generators) -> None:
    """`description` on every page and article: its Description field or first paragraph.

    At `all_generators_finalized`, when the bodies are complete. A page with no
    paragraph of its own is described by the `description_fallback` text that
    another plugin may have given it (the actions plugin: the page's actions).
    """
    for generator in generators:
        for content in chain.from_iterable(getattr(generator, name, ()) for name in CONTENT_LISTS):
            describe_content(content)


def describe_content(content) -> None:
    fields = getattr(content, "fields", None) or {}
    field = fields.get("description") or content.metadata.get("description")
    content.description = describe(
        field if isinstance(field, str) else None, getattr(content, "_content", "") or ""
    ) or describe(getattr(content, "description_fallback", "") or "", "")


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
