"""Pelican glue: the settings the theme's macros read, as Jinja globals."""

from __future__ import annotations

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


def _kirby_image(file, alt=None, lazy=False, sizes=IMAGE_SIZES) -> Markup:
    return Markup(page_image(file, alt, lazy, sizes))
