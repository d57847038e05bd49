"""French typography: spacing around punctuation and dates in French.

spacing.py and dates.py are pure; filters.py holds the Jinja filters that
pelicanconf.py registers (`typo`, `date_fr`); `register()` pulls the Pelican
glue in (site.py), which spaces every page's and article's content.
"""

from .dates import date_fr
from .spacing import french_typography, french_typography_text

__all__ = ["date_fr", "french_typography", "french_typography_text", "register"]


def register() -> None:
    from pelican import signals

    from .site import space_content

    signals.content_object_init.connect(space_content)
