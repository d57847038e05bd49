"""Production settings: `make publish` (absolute SITEURL from the environment)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
KIRBY_SHOW_PROBLEMS = False
