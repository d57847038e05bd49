"""Development settings: `make build` and `make serve` (publishconf.py imports them)."""

import logging
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

ROOT = Path(__file__).resolve().parent

SITENAME = "Citoyens Fraternels 92"
SITEURL = ""
PATH = "content"
THEME = str(ROOT / "theme")
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("fr_FR.UTF-8", "fr_FR", "C.UTF-8")

# Kirby pages: every folder under content/ is a page (kirby-format.md §1). The
# kirby plugin sets the paths, URLs and readers that this needs
# (plugins/kirby/settings.py); only what differs from them is written here.
PLUGIN_PATHS = [str(ROOT / "plugins")]
# Pelican's own warnings in English that volunteers would read beside ours: an
# image without alt text (the kirby reader says it in French, with its line and
# how to fix it; an empty alt is a decorative image's, on purpose), and the feeds
# of a development build, whose addresses are relative on purpose (publishconf.py
# gives SITEURL).
LOG_FILTER = [
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"),
]
# typography, images and seo work on what kirby and actions made; the sitemap
# is pelican-sitemap's (a namespace plugin, hence its full name).
PLUGINS = ["kirby", "actions", "typography", "images", "seo", "editor",
           "pelican.plugins.sitemap"]
# The browser editor at /admin/ (plugins/editor) commits to this repository; the
# guide (docs/guide-benevoles.md, « Modifier dans le navigateur ») says how to sign in.
# GitLab or Framagit: {"name": "gitlab", "repo": "groupe/site", "branch": "main",
# "base_url": "https://framagit.org", "auth_type": "pkce", "app_id": "…"}.
EDITOR_BACKEND = {"name": "github", "repo": "citoyens-fraternels-92/site", "branch": "main"}
EDITOR_NODE_MODULES = str(ROOT / "node_modules")
# The theme's 404.html; the news list is added when there is a news folder (kirby/news.py).
DIRECT_TEMPLATES = ["404"]
TEMPLATE_PAGES = {"search.html": "recherche/index.html"}
# The theme writes each page's title as its one <h1>: a `# Titre` in a Text becomes
# an <h2>, and so on down (Python-Markdown's toc extension, which also gives
# every heading an id to link to). The kirby plugin adds MARKDOWN's extensions.
MARKDOWN = {"extension_configs": {"markdown.extensions.toc": {"baselevel": 2}}}
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {}
TAGS_SAVE_AS = CATEGORIES_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
TAG_SAVE_AS = CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = ""
# The news feeds are the kirby plugin's (kirby/news.py: none without news).
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Development builds show content problems on the page; publishconf.py turns it off.
KIRBY_SHOW_PROBLEMS = True

# Titles and fields are plain text: escape everything, and mark only rendered
# KirbyText as safe in the templates (kirby-format.md §3). Each build (and each
# preview rebuild after a template edit) makes a new Jinja environment, so
# templates need no freshness check on every page written (auto_reload).
# Compiled templates are kept from one build to the next (Jinja's cache in the
# system's temporary folder, checked against each template's source): compiling
# the theme was a tenth of a second of every build.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False, "bytecode_cache": FileSystemBytecodeCache()}
# The theme's `{{ page.title|typo }}` (French spacing) and `{{ page.date|date_fr }}`
# (« 12 mars 2024 ») are Jinja filters the typography plugin adds.

# sitemap.xml (pelican-sitemap): every page, /actions/ and the news; drafts are
# never written, so never listed. robots.txt points to it (plugins/seo).
# The search page is a tool, not content: it stays out of the sitemap.
SITEMAP = {"format": "xml", "exclude": ["^404", "^([a-z]{2}(-[a-z]{2})?/)?recherche/"]}
