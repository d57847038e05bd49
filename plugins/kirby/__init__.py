"""Kirby content for Pelican: the reader and the page tree (see kirby-format.md).

The core modules (fields, kirbytags, kirbytext, tree) import nothing from
Pelican; only `register()` pulls the glue in.
"""


def register() -> None:
    from pelican import signals

    from .news import configure_news, link_news, prepare_article
    from .reader import add_reader, skip_idle_reader_check
    from .settings import apply_defaults
    from .compact import compact_attributes
    from .console import hold_problems
    from .site_checks import check_file_collisions, gather_links
    from .structure import (claim_skipped_files, configure_languages, link_pages,
                            load_site_fields, place_page_files, write_root_redirect)
    from .template_pages import add_generator
    from .theme import share_settings

    # First: the other handlers read the settings it completes.
    signals.initialized.connect(apply_defaults)
    signals.initialized.connect(configure_languages)
    signals.initialized.connect(load_site_fields)
    signals.initialized.connect(hold_problems)
    signals.initialized.connect(configure_news)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(compact_attributes)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(share_settings)
    signals.generator_init.connect(skip_idle_reader_check)
    signals.article_generator_context.connect(prepare_article)
    signals.page_generator_finalized.connect(link_pages)
    signals.article_generator_finalized.connect(claim_skipped_files)
    signals.page_generator_finalized.connect(claim_skipped_files)
    signals.page_generator_finalized.connect(link_news)
    signals.static_generator_finalized.connect(place_page_files)
    signals.all_generators_finalized.connect(check_file_collisions)
    signals.all_generators_finalized.connect(gather_links)
    signals.finalized.connect(finish)
    signals.finalized.connect(write_root_redirect)


def finish(pelican) -> None:
    """At `finalized`: the links checked, then the build's problems shown on the console.

    One receiver, because blinker calls a signal's receivers in no set order
    and the link check's problems must be among those shown.
    """
    from .console import show_problems
    from .site_checks import check_links

    try:
        check_links(pelican)
    finally:  # what the build found shows even when the check fails
        show_problems(pelican)
