"""What search engines read: page descriptions, robots.txt, and the sitemap's setup.

description.py is pure; `register()` pulls the Pelican glue in (site.py). The
sitemap itself is pelican-sitemap's (settings in pelicanconf.py).
"""


def register() -> None:
    from pelican import signals

    from .site import add_description, forget_descriptions, reset_sitemap, write_robots

    signals.initialized.connect(reset_sitemap)
    signals.initialized.connect(forget_descriptions)
    signals.generator_init.connect(add_description)
    signals.finalized.connect(forget_descriptions)
    signals.finalized.connect(write_robots)
