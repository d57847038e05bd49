"""The kirby plugin's settings: its defaults in one dict, applied once, and its hook.

A Kirby content folder is a tree of page folders (kirby-format.md §1), not
Pelican's `pages/` + articles layout: each default below replaces Pelican's own
when the site's settings leave Pelican's value as it is, and never a value the
site chose. Applied at `initialized`, before any other handler of this plugin.
"""

from __future__ import annotations

from pelican.settings import DEFAULT_CONFIG

DEFAULTS = {
    # Every folder is a page, at any depth (§1.2); page files are published beside
    # their page (§1.6), so the whole tree is static too. News folders add
    # their articles (news.py).
    "PAGE_PATHS": [""],
    "ARTICLE_PATHS": [],
    "STATIC_PATHS": [""],
    # §1.5: `_drafts`, `_anything` and `.anything` are never read, not even as drafts.
    "IGNORE_FILES": [".*", "_*", "__pycache__"],
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_SAVE_AS": "",
    "USE_FOLDER_AS_CATEGORY": False,
    # A page's URL is its folders' slugs (§1.4); the reader gives each page its own.
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    # Kirby content is .md/.txt in the field format: Pelican's other readers would
    # take a `notes.markdown`, `.rst` or `.html` page file for a page of their own
    # (§1.6: such files are the page's files, `.html` ones never published).
    "READERS": {"markdown": None, "mkd": None, "mdown": None, "rst": None, "html": None,
                "htm": None},
    # Development builds may show content problems on the page itself (theme).
    "KIRBY_SHOW_PROBLEMS": False,
    # Python-Markdown extensions added to KirbyText for a page's Text: instances,
    # classes or "module:Class" names (README.md, "Markdown extensions").
    "KIRBY_MARKDOWN_EXTENSIONS": [],
    # Fields read as comma-separated tags in `page.data` (values.py): Kirby's tags
    # field is typed by its blueprint, which a content folder does not hold.
    "KIRBY_TAGS_FIELDS": ["tags"],
    # Kirby 2 (`4-blog` folders, `Url-key:`, Markdown Extra, its tags) or 3+
    # (`4_blog`): "auto" guesses from the folder names at `initialized` (kirby2.py)
    # and leaves 2 or 3 here.
    "KIRBY_VERSION": "auto",
    # Markdown Extra in KirbyText (footnotes, abbreviations, definition lists,
    # `markdown="1"`; Kirby's `markdown.extra` option): None means with Kirby 2 only.
    "KIRBY_MARKDOWN_EXTRA": None,
    # The site's own KirbyTags (sitetags.py; README.md, "Custom KirbyTags").
    "KIRBY_TAGS": {},
    # A multi-language site's languages, the first the default (languages.py);
    # None: the content files' suffixes say. The default language's pages are
    # at the root unless KIRBY_DEFAULT_LANGUAGE_PREFIX puts them under `/fr/`.
    "KIRBY_LANGUAGES": None,
    "KIRBY_DEFAULT_LANGUAGE_PREFIX": False,
}


def apply_defaults(pelican) -> None:
    for name, value in DEFAULTS.items():
        set_default(pelican.settings, name, value)
    # Then this build's folder rules and tags, before anything reads a folder name:
    # set by every build, so nothing of another build in the process remains.
    from .kirby2 import configure
    from .sitetags import configure_tags

    configure(pelican.settings)
    configure_tags(pelican.settings)


def set_default(settings: dict, name: str, value) -> None:
    """`value` for a setting the site left as Pelican has it (or unset), never over
    one the site chose: the one rule for every value this plugin sets."""
    if name not in settings or settings[name] == DEFAULT_CONFIG.get(name):
        settings[name] = _copy(value)


def _copy(value):
    return type(value)(value) if isinstance(value, (list, dict)) else value


def add_markdown_extension(settings: dict, extension) -> None:
    """The hook: another plugin adds its Markdown extension to KirbyText (once)."""
    extensions = settings.setdefault("KIRBY_MARKDOWN_EXTENSIONS", [])
    if extension not in extensions:
        extensions.append(extension)


# Markdown Extra as Python-Markdown's own `extra` has it, but for the parts KirbyText
# always has (tables, fenced code): Kirby 2's Parsedown Extra.
MARKDOWN_EXTRA = ("abbr", "attr_list", "def_list", "footnotes", "md_in_html")


def markdown_extra(settings: dict) -> bool:
    """Kirby's `markdown.extra` option: KIRBY_MARKDOWN_EXTRA, or by default a Kirby 2
    tree's (Kirby 2 sites turn it on: Kirby 2's own default is off, set False then)."""
    chosen = settings.get("KIRBY_MARKDOWN_EXTRA")
    return settings.get("KIRBY_VERSION") == 2 if chosen is None else bool(chosen)


def markdown_extensions(settings: dict) -> tuple[tuple, tuple]:
    """KirbyText's added extensions and their configs, hashable (one engine each).

    Markdown Extra's parts first when the build has it (markdown_extra). Pelican's
    MARKDOWN setting is honoured when the site sets it: its `extensions` and
    `extension_configs` are added too. Pelican's default (Extra, Meta, CodeHilite)
    is not Kirby's Markdown and is left out.
    """
    extra = markdown_extra(settings)
    extensions = [*(MARKDOWN_EXTRA if extra else ()),
                  *settings.get("KIRBY_MARKDOWN_EXTENSIONS", ())]
    configs: dict = {}
    markdown = settings.get("MARKDOWN")
    if markdown and markdown != DEFAULT_CONFIG["MARKDOWN"]:
        configs = dict(markdown.get("extension_configs", {}))
        extensions += [*markdown.get("extensions", ()), *configs]
    if extra and str(settings.get("DEFAULT_LANG", "")).startswith("fr") and not any(
            "footnotes" in str(name) for name in configs):
        # The footnotes' "↩" links are named by their title: in the site's language.
        configs["footnotes"] = {"BACKLINK_TITLE": "Revenir à l’appel de la note %d"}
    unique = tuple(dict.fromkeys(e for e in extensions if e not in (None, "")))
    return unique, tuple((name, tuple(sorted(c.items()))) for name, c in configs.items())
