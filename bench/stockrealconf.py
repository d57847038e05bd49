"""Stock Pelican for the realistic corpus: bench/stockconf.py with footnotes."""

from bench.stockconf import *  # noqa: F403
from bench.stockconf import MARKDOWN

MARKDOWN = {**MARKDOWN, "extension_configs": {**MARKDOWN["extension_configs"],
                                              "markdown.extensions.footnotes": {}}}
