"""Pelican glue: French spacing in every page's and article's final content."""

from __future__ import annotations

from itertools import chain

from pelican.contents import Content

from .spacing import french_typography

# Every list of content objects a generator keeps (pages, articles, their
# hidden, draft and translated variants); the ones a generator lacks are skipped.
CONTENT_LISTS = (
    "pages", "hidden_pages", "draft_pages", "translations", "hidden_translations",
    "draft_translations", "articles", "hidden_articles", "drafts", "drafts_translations",
)


def space_contents(generators) -> None:
    """Apply French spacing to each content's HTML, once every generator has read.

    At `all_generators_finalized` the page bodies are final: the actions plugin
    has put its rendered groups in at `page_generator_finalized` (whose receivers
    run in no set order). The rules are idempotent, so a page kept in memory
    by the preview and spaced again stays the same.
    """
    spaced = set()
    for generator in generators:
        contents = chain.from_iterable(getattr(generator, name, ()) for name in CONTENT_LISTS)
        for content in contents:
            if id(content) not in spaced and getattr(content, "_content", None):
                content._content = french_typography(content._content)
                spaced.add(id(content))
    _forget_rendered(spaced)


def _forget_rendered(spaced: set[int]) -> None:
    # Pelican memoizes `content` per object: a plugin that read it before us
    # must not leave the unspaced HTML in that cache.
    cache = getattr(Content.get_content, "cache", {})
    for key in [key for key in cache if key and id(key[0]) in spaced]:
        del cache[key]
