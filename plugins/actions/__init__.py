"""The collective's actions as structured content: on each page, on /actions/, in actions.json.

find.py and body.py are pure; `register()` pulls the Pelican glue in (site.py).
"""


def register() -> None:
    from pelican import signals

    from .site import add_filters, get_generators, use_markdown_extension

    signals.initialized.connect(use_markdown_extension)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
