"""What search engines read: page descriptions, robots.txt, and the sitemap's setup.

description.py is pure; `register()` pulls the Pelican glue in (site.py). The
sitemap itself is pelican-sitemap's (settings in pelicanconf.py).
"""


def register() -> None:
    from blinker import signal
    from pelican import signals

    from .site import describe_content, describe_contents, reset_sitemap, write_robots

    signals.initialized.connect(reset_sitemap)
    signals.all_generators_finalized.connect(describe_contents)
    # A page read again alone (the preview's saved page first, tools/rebuild.py).
    signal("content_refreshed").connect(describe_content)
    signals.finalized.connect(write_robots)
