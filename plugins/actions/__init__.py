"""The collective's actions as structured content: on each page, on /actions/, in actions.json.

find.py and body.py are pure; `register()` pulls the Pelican glue in (site.py).
"""


def register() -> None:
    from pelican import signals

    from .site import fill_pages, get_generators

    signals.page_generator_finalized.connect(fill_pages)
    signals.get_generators.connect(get_generators)
