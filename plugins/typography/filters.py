"""Jinja filters for the theme, added to JINJA_FILTERS by the plugin (__init__.py)."""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from .dates import date_fr
from .spacing import french_typography, french_typography_text

__all__ = ["date_fr", "typo"]


def typo(value, lang=None):
    """French spacing for the theme's text: `{{ page.title|typo }}`.

    Plain text in, plain text out: Jinja escapes it afterwards. Markup (HTML
    already marked safe, `{{ action.need_html|safe|typo }}`) stays Markup and
    only its text changes. None gives "".
    """
    if value is None:
        return ""
    if lang and not str(lang).lower().startswith("fr"):  # French spacing is French
        return value if isinstance(value, Markup) else str(value)
    if isinstance(value, Markup):
        return Markup(french_typography(str(value)))
    return _typo_text(str(value))


# Titles come back on every page (menu, breadcrumbs, cards): each is spaced once.
# 1,024 keep the menu's and a section's, not every title of a 10,000-page site.
@lru_cache(maxsize=1024)
def _typo_text(text: str) -> str:
    return french_typography_text(text)
