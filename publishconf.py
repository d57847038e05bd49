"""Production settings: `make publish` (absolute SITEURL from the environment)."""

import os

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
KIRBY_SHOW_PROBLEMS = False
