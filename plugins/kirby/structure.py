"""The page tree after reading: parents, ordered children, menu, page files' URLs."""

from __future__ import annotations

import logging
import os
from html import escape
from itertools import chain

from pelican.utils import posixize_path

from .compact import compact_attributes
from .fields import parse_fields
from .problems import Problem, source_of
from .reader import report
from .languages import detect
from .settings import set_default
from .values import TAGS_FIELDS, field_value
from .tree import SITE_FILES, is_hidden, page_files, sort_key, url_path

logger = logging.getLogger(__name__)


def configure_languages(pelican) -> None:
    """The site's languages (languages.py), before any page is read.

    With several, Pelican's own translations do the rest: the pages of one
    folder are one content in several languages (PAGE_TRANSLATION_ID), the
    default language's the original, and feeds per language.
    """
    settings = pelican.settings
    languages = detect(settings["PATH"], settings.get("KIRBY_LANGUAGES"),
                       settings.get("DEFAULT_LANG"),
                       bool(settings.get("KIRBY_DEFAULT_LANGUAGE_PREFIX")))
    settings["KIRBY_LANGUAGE_SET"] = languages
    # Pelican's feed per language (`feeds/all-fr.atom.xml`): one per language of a
    # multi-language site, none for a site with one.
    if not languages.multi:
        set_default(settings, "TRANSLATION_FEED_ATOM", None)
        # One language: no translations to find. Pelican's search for them (by
        # slug, quadratic in the pages) would only warn of two folders of one name.
        for name in ("PAGE_TRANSLATION_ID", "ARTICLE_TRANSLATION_ID"):
            set_default(settings, name, None)
        return
    settings["DEFAULT_LANG"] = languages.default  # Pelican's originals are its pages
    for name in ("PAGE_TRANSLATION_ID", "ARTICLE_TRANSLATION_ID"):
        set_default(settings, name, "kirby_folder")


ROOT_REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{name}</title>
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
<meta name="robots" content="noindex">
</head>
<body><p><a href="{url}">{name}</a></p></body>
</html>
"""


def write_root_redirect(pelican) -> None:
    """With the default language under `/fr/`, the site's root sends there, as Kirby's
    router redirects `/` to the default language's home. A static host has no
    redirect of its own: a page that refreshes at once, with a link for the rest."""
    languages = pelican.settings.get("KIRBY_LANGUAGE_SET")
    if languages is None or not languages.multi or not languages.prefix_default:
        return
    target = os.path.join(pelican.output_path, "index.html")
    if os.path.exists(target):  # the theme or a plugin wrote a home there
        return
    url = f"{pelican.settings.get('SITEURL', '')}/{languages.prefix(languages.default)}"
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(ROOT_REDIRECT.format(lang=escape(languages.default), url=escape(url),
                                          name=escape(str(pelican.settings["SITENAME"]))))


def load_site_fields(pelican) -> None:
    """`content/site.md` (§1.10): its Title names the site unless pelicanconf does."""
    settings = pelican.settings
    languages = settings.get("KIRBY_LANGUAGE_SET")
    # A multi-language site's: `site.fr.txt`, the default language's.
    codes = [languages.default] if languages is not None and languages.default else []
    names = [*SITE_FILES, *(f"site.{code}{ext}" for code in codes for ext in (".txt", ".md"))]
    for name in names:
        path = os.path.join(settings["PATH"], name)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                fields = {key: f.value for key, f in parse_fields(handle.read()).items()}
            settings["SITE_FIELDS"] = fields
            # Typed as a page's `data` (values.py): a structure of social links, a
            # toggle… Files are a page's, not the site's: none to resolve here.
            tags = tuple(settings.get("KIRBY_TAGS_FIELDS", TAGS_FIELDS))
            settings["SITE_DATA"] = {key: field_value(key, value, files={}, tags_fields=tags)
                                     for key, value in fields.items()}
            if fields.get("title"):
                settings["SITENAME"] = fields["title"]
            return
    settings.setdefault("SITE_FIELDS", {})
    settings.setdefault("SITE_DATA", {})


def link_pages(generator) -> None:
    """Give each page its parent and listed children, and the site its menu (§1.9)."""
    drop_duplicate_urls(generator)
    default = generator.settings.get("DEFAULT_LANG")
    # Each language its own tree (a translation's parent, children and menu are
    # in its language); a site with one language has one.
    by_language: dict[str, list] = {}
    for page in chain(generator.pages, generator.hidden_pages,
                      getattr(generator, "translations", ()),
                      getattr(generator, "hidden_translations", ())):
        if hasattr(page, "kirby_folder"):
            by_language.setdefault(getattr(page, "lang", None) or default, []).append(page)
    menus = {}
    originals = {page.kirby_folder: page for page in by_language.get(default, ())}
    for lang, pages in by_language.items():
        # Kirby's fallback: a folder with no file in this language is there in the
        # default language's, so a translated page under an untranslated one has
        # that one as its parent (and is no top-level page, out of the menu).
        by_folder = {**originals, **{page.kirby_folder: page for page in pages}}
        for page in pages:
            page.children = []
            page.parent = _nearest_ancestor(page.kirby_folder, by_folder)
        for page in sorted(pages, key=_tree_key):
            if (page.parent is not None and page.listed
                    and (getattr(page.parent, "lang", None) or default) == lang):
                page.parent.children.append(page)
        for page in pages:
            # Tuples once complete: most pages are leaves, and the one () is shared
            # (some MB at 10,000 pages, where each had its own empty list).
            page.children = tuple(page.children)
            page.ancestors = _ancestors(page)
        menus[lang] = [page for page in sorted(pages, key=_tree_key)
                       if getattr(page, "listed", False) and page.parent is None]
    generator.pages.sort(key=_tree_key)
    generator.context["menu_pages"] = [
        page for page in generator.pages
        if getattr(page, "listed", False) and page.parent is None
    ]
    generator.context["menu_pages_by_lang"] = menus


def claim_skipped_files(generator) -> None:
    """The content files the reader set aside are sources, not page files.

    Pelican's static generator takes every file that no generator recorded as
    a source, and the reader's skipped files (a file's metadata, site.md) are
    not recorded: it would build a static object for each, kept in the context
    for the whole build even after place_page_files drops it (some MB at
    thousands of pages). Recording them as sources spares that.
    """
    readers = {id(reader): reader for reader in generator.readers.readers.values()}
    for reader in readers.values():
        for path in getattr(reader, "skipped", ()):
            generator.context["generated_content"].setdefault(path, None)
        getattr(reader, "skipped", set()).clear()


def drop_duplicate_urls(generator) -> None:
    """Two folders giving one URL (`1_emploi/`, `2_emploi/`): the first in menu
    order is published, the other is reported and left out instead of
    overwriting it (which would also crash Pelican's writer)."""
    seen = {}
    for pages in (generator.pages, generator.hidden_pages):
        kept = []
        for page in sorted(pages, key=_tree_key):
            first = seen.setdefault(page.save_as, page)
            if first is page:
                kept.append(page)
                continue
            problem = Problem(
                _source(page), 1,
                f"cette page a la même adresse (/{page.url}) que {_source(first)} : "
                "renommez l’un des deux dossiers (le nom après le numéro donne l’adresse).",
            )
            page.problems.append(problem)
            generator.context.setdefault("site_problems", []).append(problem)
            report(problem)
        pages[:] = kept


def _source(page) -> str:
    return source_of(page)


def place_page_files(generator) -> None:
    """Publish each page's files beside it, at a URL without number prefixes (§1.4, §1.6)."""
    kept = []
    # A folder's published files: those its page's reader found, else the
    # folder's listing (read once for all its files).
    published_in: dict[str, set[str]] = {
        content.kirby_folder: set(content.files)
        for content in chain.from_iterable(generator.context.get(name, ()) for name in (
            "pages", "hidden_pages", "articles", "hidden_articles"))
        if hasattr(content, "kirby_folder")
    }
    for static in generator.staticfiles:
        folder, name = os.path.split(posixize_path(static.get_relative_source_path()))
        if any(is_hidden(part) for part in folder.split("/")):
            continue  # never reached: IGNORE_FILES already skips them
        if folder not in published_in:
            names = os.listdir(os.path.join(generator.path, folder))
            published_in[folder] = set(page_files(names)[0])
        if name not in published_in[folder]:
            continue  # a file's metadata, a second content file, an .html…
        static.override_save_as = url_path(folder) + name
        static.override_url = static.override_save_as
        compact_attributes(static)
        kept.append(static)
    generator.staticfiles[:] = kept


def _nearest_ancestor(folder: str, by_folder: dict):
    while "/" in folder:
        folder = folder.rsplit("/", 1)[0]
        if folder in by_folder:
            return by_folder[folder]
    return None


def _ancestors(page) -> tuple:
    chain_ = []
    parent = page.parent
    while parent is not None:
        chain_.append(parent)
        parent = parent.parent
    return tuple(reversed(chain_))


def _tree_key(page) -> tuple:
    # A page another reader made (the site's own READERS let a `.rst` in) has no
    # Kirby folder: it comes after the Kirby pages, by its source path.
    folder = getattr(page, "kirby_folder", None)
    if folder is None:
        return ((float("inf"), posixize_path(page.get_relative_source_path())),)
    return tuple(sort_key(part) for part in folder.split("/"))
