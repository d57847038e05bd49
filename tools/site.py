"""The project's site built from a content folder into an output folder: one helper
for the commands (check, publish, audit, screenshots) and for the tests.

    settings = site_settings(content, output, SITEURL="https://exemple.org")
    build(content, output)
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_settings(content: Path, output: Path, settings_file: str = "pelicanconf.py",
                  **overrides) -> dict:
    """The project's settings (a file of the project's root) for `content` → `output`.

    Pelican's cache goes beside the output folder (`output-cache`), never into
    the content or the project.
    """
    from pelican.settings import read_settings

    return read_settings(str(ROOT / settings_file), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(Path(output).parent / f"{Path(output).name}-cache"),
        **overrides,
    })


def build(content: Path, output: Path, settings_file: str = "pelicanconf.py",
          **overrides) -> dict:
    """Build `content` into `output`; the settings it was built with."""
    from pelican import Pelican

    settings = site_settings(content, output, settings_file, **overrides)
    Pelican(settings).run()
    return settings
