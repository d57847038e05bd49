"""French typography: spacing around punctuation and dates in French.

spacing.py and dates.py are pure; filters.py holds the Jinja filters (`typo`,
`date_fr`) that `register()` adds to JINJA_FILTERS, under any filter of the
same name the site sets; it also pulls the Pelican glue in (site.py), which
spaces every page's and article's content.
"""

from .dates import date_fr
from .spacing import french_typography, french_typography_text

__all__ = ["date_fr", "french_typography", "french_typography_text", "register"]


def register() -> None:
    from pelican import signals

    from .site import space_content

    signals.initialized.connect(_add_filters)
    signals.content_object_init.connect(space_content)


def _add_filters(pelican) -> None:
    from .filters import date_fr, typo

    # A new dict: Pelican's default one is shared by every build of the process.
    pelican.settings["JINJA_FILTERS"] = {"typo": typo, "date_fr": date_fr,
                                         **pelican.settings.get("JINJA_FILTERS", {})}
