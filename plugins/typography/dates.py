"""Dates in French, by Babel's CLDR data (the machine's fr_FR locale may be missing).

Pure: no Pelican import.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

DEFAULT_FORMAT = "d MMMM y"  # 12 mars 2024


def date_fr(value: date | datetime | str | None, format: str = DEFAULT_FORMAT,
            lang: str | None = None) -> str:
    """`2024-03-12` → « 12 mars 2024 »; the first of the month is « 1er mars 2024 ».

    Takes a date, a datetime (Pelican's dates) or an ISO string; anything
    empty or unreadable gives "" rather than failing the build.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return ""
    if not isinstance(value, date):
        return ""
    french = not lang or lang.lower().startswith("fr")
    try:  # a multi-language site's page in its own language (`en` → 12 March 2024)
        locale = "fr_FR" if french else Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale, french = "fr_FR", True
    text = format_date(value, format=format, locale=locale)
    if french and format == DEFAULT_FORMAT and value.day == 1:
        text = "1er" + text[1:]  # French writes the first day as an ordinal
    return text
