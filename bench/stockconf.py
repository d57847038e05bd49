"""Stock Pelican for the benchmark: its Markdown reader with nl2br, its `simple`
theme, no plugins. Only what the comparison needs is set; the rest is Pelican's
default. PATH and OUTPUT_PATH come from the command line.
"""

import os

import pelican
from pelican.settings import DEFAULT_CONFIG

from bench.sites import native_menu

SITENAME = "Banc d’essai"
SITEURL = ""
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
THEME = os.path.join(os.path.dirname(pelican.__file__), "themes", "simple")
PLUGINS = []
# Pelican's own Markdown settings, plus Kirby's hard line breaks.
MARKDOWN = {
    "extension_configs": {
        **DEFAULT_CONFIG["MARKDOWN"]["extension_configs"],
        "markdown.extensions.nl2br": {},
    },
    "output_format": "html5",
}
# Ten menu entries, as the Kirby site's ten sections (listing every page on the
# menu would make the build quadratic).
DISPLAY_PAGES_ON_MENU = False
MENUITEMS = native_menu()
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
