"""Pelican glue: the settings the theme's macros read, as Jinja globals."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from .kirbytags import IMAGE_SIZES, page_image

# The templates import their macros without context, so Jinja builds each macro
# module once per build instead of once per page written (a third of the
# theme's rendering time on a 1,000-page site). A macro then sees only the
# environment's globals: the settings the macros use are put there.
# RELATIVE_URLS is off in both settings files; with it on, the writer's
# page-relative SITEURL would not reach the macros.
MACRO_SETTINGS = ("SITEURL",)


def share_settings(generator) -> None:
    for name in MACRO_SETTINGS:
        generator.env.globals[name] = generator.settings.get(name, "")
    # A page file as an image, with the markup of the (image:) tag (kirbytags.py).
    generator.env.globals["kirby_image"] = _kirby_image
    # A multi-language site's versions of a page, in the site's order of languages,
    # and each language's name in itself (« English », « Français »), for a switch.
    order = list(getattr(generator.settings.get("KIRBY_LANGUAGE_SET"), "codes", ()))
    generator.env.globals["language_sorted"] = lambda pages: sorted(
        pages, key=lambda page: order.index(page.lang) if page.lang in order else len(order))
    generator.env.globals["language_name"] = language_name
    languages = generator.settings.get("KIRBY_LANGUAGE_SET")
    generator.env.globals["language_home"] = lambda code: (
        languages.prefix(code) if languages is not None else "")


def language_name(code: str) -> str:
    """A language's name in that language, capitalised (CLDR, through Babel)."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return (name or code)[:1].upper() + (name or code)[1:]


def _kirby_image(file, alt=None, lazy=False, sizes=IMAGE_SIZES) -> Markup:
    return Markup(page_image(file, alt, lazy, sizes))
