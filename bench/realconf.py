"""Our settings for the realistic corpus: the site's own, with Markdown Extra on
(the corpus has footnotes, as Kirby 2 sites and many Kirby 3 ones do)."""

from pelicanconf import *  # noqa: F403

KIRBY_MARKDOWN_EXTRA = True
