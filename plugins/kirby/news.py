"""News: dated pages under a news folder become Pelican articles (Kirby's blog layout).

`content/3_actualites/blog.md` is the news folder (by its template name or its
slug); each of its listed child folders with a date (`20240312_rencontre/article.md`,
dated by its `Date` field or its date number) is an article: a list newest
first with pagination at the folder's URL, an article page with previous/next
links, Atom and RSS feeds.

Kirby's statuses (getkirby.com/docs/guide/content/publishing-workflow) decide
the rest: an unlisted child (no number: Kirby's starterkit has such notes,
often undated) is published at its URL as an ordinary page, out of the list and
the feeds; so is a listed child with no date at all, since a dated list has no
place for it. Drafts (`_drafts/`) are never read.
"""

from __future__ import annotations

import os

from pelican.paginator import PaginationRule
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date

from .fields import parse_fields
from .problems import WARNING, Problem, shown_path
from .reader import report
from .settings import DEFAULTS, set_default
from .tree import content_file, date_from_num, is_hidden, split_folder_name, url_path

# Kirby's starterkit calls its news folder `notes` (template `notes`); French
# sites say `actualites`. Either the folder's slug or its template marks it.
NEWS_NAMES = {"actualites", "actualite", "actus", "news", "blog", "notes", "journal"}
FEEDS = {"FEED_ALL_ATOM": "feeds/actualites.atom.xml", "FEED_ALL_RSS": "feeds/actualites.rss.xml"}


def find_news_folders(root: str) -> list[str]:
    """Top-level folders that hold the news, relative to `root`."""
    found = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if is_hidden(name) or not os.path.isdir(path):
            continue
        chosen = content_file(os.listdir(path))
        template = os.path.splitext(chosen)[0] if chosen else ""
        if split_folder_name(name)[1] in NEWS_NAMES or template in NEWS_NAMES:
            found.append(name)
    return found


def configure_news(pelican) -> None:
    """The news folders' defaults (at start-up, after settings.DEFAULTS).

    Every value goes through `set_default`, so a site's own choice stays: the
    articles' folders, feeds named for the news (none without news), the
    paginated list's URL and patterns. What must be added for the news to exist
    at all (the articles kept out of the pages, the `news` direct template) is
    added to the site's lists, never in place of them.
    """
    settings = pelican.settings
    root = settings["PATH"]
    folders = find_news_folders(root) if os.path.isdir(root) else []
    articles = [
        f"{folder}/{child}"
        for folder in folders
        for child in sorted(os.listdir(os.path.join(root, folder)))
        if not is_hidden(child) and os.path.isdir(os.path.join(root, folder, child))
        and _is_article(root, folder, child)
    ]
    settings["KIRBY_NEWS_FOLDER"] = folders[0] if folders else None
    if settings["ARTICLE_PATHS"] == DEFAULTS["ARTICLE_PATHS"]:  # the site named none
        settings["ARTICLE_PATHS"] = articles
    settings["PAGE_EXCLUDES"] = [*settings["PAGE_EXCLUDES"],
                                 *(a for a in articles if a not in settings["PAGE_EXCLUDES"])]
    for key, value in FEEDS.items():
        set_default(settings, key, value if folders else None)
    # The paginated list needs the theme's news.html; with another theme (Pelican's
    # own) the news folder stays an ordinary page, its items ordinary articles.
    if not folders or not _theme_has(settings, "news.html"):
        return
    # The default language's list: under `/fr/` with KIRBY_DEFAULT_LANGUAGE_PREFIX.
    languages = settings.get("KIRBY_LANGUAGE_SET")
    url = (languages.prefix(languages.default) if languages else "") + url_path(folders[0])
    if "news" not in settings["DIRECT_TEMPLATES"]:
        settings["DIRECT_TEMPLATES"] = [*settings["DIRECT_TEMPLATES"], "news"]
    settings["PAGINATED_TEMPLATES"] = {"news": None, **settings["PAGINATED_TEMPLATES"]}
    settings.setdefault("NEWS_SAVE_AS", f"{url}index.html")
    settings.setdefault("NEWS_URL", url)
    # Pelican turned its settings' patterns into rules before `initialized`: ours
    # are rules too. The list's first page is the folder's URL, the next ones below.
    if [tuple(rule) for rule in settings["PAGINATION_PATTERNS"]] == [
            tuple(rule) for rule in DEFAULT_CONFIG["PAGINATION_PATTERNS"]]:
        settings["PAGINATION_PATTERNS"] = [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        ]


def _is_article(root: str, folder: str, child: str) -> bool:
    """A news item that goes into the dated list and the feeds.

    Kirby lists only listed (numbered) pages; the others are pages of their own.
    A date number (`20240312_x`) dates the item without reading it; any other
    listed item needs a Date field that reads, or it is published as a page.
    """
    if split_folder_name(child)[0] is None:
        return False  # unlisted: at its URL, out of listings
    if date_from_num(child) is not None:
        return True
    path = os.path.join(root, folder, child)
    name = content_file(os.listdir(path))
    if name is None:
        return False  # no content file: not a page at all
    with open(os.path.join(path, name), encoding="utf-8", errors="replace") as handle:
        field = parse_fields(handle.read()).get("date")
    if field is not None and field.value:
        try:
            get_date(field.value)
            return True
        except (ValueError, TypeError, OverflowError):
            pass  # the reader reports the date that does not read
    report(Problem(
        shown_path(folder, child, name), field.line if field is not None else 1,
        "cette actualité n’a pas de date : elle est publiée à son adresse, mais hors de "
        "la liste des actualités et des flux. Pour l’y faire paraître, ajoutez un champ "
        "« Date: 2024-03-12 » ou nommez son dossier par sa date (20240312_nom).",
        WARNING,
    ))
    return False


def _theme_has(settings, template: str) -> bool:
    return os.path.exists(os.path.join(settings["THEME"], "templates", template))


def prepare_article(generator, metadata) -> None:
    """Every news item renders with the article template and must have a date.

    configure_news kept the undated ones out of the articles; this is for a
    site that named its article folders itself.
    """
    metadata["template"] = "article"
    if "date" not in metadata and "problems" in metadata:
        problem = Problem(
            shown_path(metadata.get("kirby_folder", "?")), 1,
            "cette actualité n’a pas de date : ajoutez un champ « Date: 2024-03-12 » "
            "(sans date, elle n’est pas publiée).",
        )
        metadata["problems"].append(problem)
        report(problem)


def link_news(generator) -> None:
    """After the pages: the news page leads the list, articles get neighbours and ancestors."""
    folder = generator.settings.get("KIRBY_NEWS_FOLDER")
    articles = generator.context.get("articles", [])
    news_page = next((p for p in generator.pages if getattr(p, "kirby_folder", "") == folder), None)
    generator.context["news_page"] = news_page
    if news_page is not None and "news" in generator.settings["DIRECT_TEMPLATES"]:
        # The paginated news list is written at this URL instead of the page.
        news_page.override_save_as = ""
    for index, article in enumerate(articles):  # newest first
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None
        article.parent = news_page
        article.ancestors = [news_page] if news_page is not None else []
    # A multi-language site: the news page's other versions list the news of their
    # language, newest first (the paginated list is the default language's).
    for version in getattr(news_page, "translations", None) or ():
        items = sorted((item for article in articles for item in (article, *article.translations)
                        if item.lang == version.lang), key=lambda item: item.date, reverse=True)
        version.news_items = items
        for index, item in enumerate(items):
            item.newer = items[index - 1] if index > 0 else None
            item.older = items[index + 1] if index + 1 < len(items) else None
            item.parent = version
            item.ancestors = [version]
