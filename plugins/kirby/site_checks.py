"""Site-wide checks of kirby-format.md §6, once every page is read.

- Two files published at one address (`acces-a-l-emploi/photo.png` from two
  folders that give one URL): an error, or a warning when they are the same
  bytes. (Two pages at one URL are reported by structure.py.)
- Links from a page to a page or file of the site that does not exist,
  checked once the site is written, against the output folder itself:
  whatever the generators wrote (pages, page files, /actions/, feeds…) is a
  valid target and nothing else is. The reader lists each page's links
  from its rendered body and actions.

Problems go to the log with `file:line`, as every content problem does, so
that `make check` collects them.

At scale (10,000 pages, hundreds of broken links) nothing here may cost
links × pages in Python: the written pages are listed once per build, the
suggestion for a broken link (« Vouliez-vous dire … ? ») is found by
rapidfuzz, in C, over that list, once per distinct target, and each target is
looked up on disk once.
"""

from __future__ import annotations

import filecmp
import os
from itertools import chain

from .problems import ERROR, WARNING, Problem, source_of
from .reader import report
from .strict import link_target, source_line
from .tree import natural_key

PENDING = "_KIRBY_LINKS"  # settings key: the links gathered before writing


def check_file_collisions(generators) -> None:
    """Two page files that would be published at the same address."""
    first = {}
    statics = chain(*(getattr(generator, "staticfiles", []) for generator in generators))
    for static in sorted(statics, key=lambda s: natural_key(s.get_relative_source_path())):
        other = first.setdefault(static.save_as, static)
        if other is static:
            continue
        same = filecmp.cmp(other.source_path, static.source_path, shallow=False)
        shown, kept = _source(static), _source(other)
        if same:
            message = (f"ce fichier est le même que {kept}, publié à la même adresse "
                       f"(/{static.save_as}) : supprimez l’un des deux.")
        else:
            message = (f"ce fichier serait publié à la même adresse (/{static.save_as}) "
                       f"que {kept}, qui est différent : renommez l’un des deux, ou "
                       "l’un des dossiers (le nom après le numéro donne l’adresse).")
        report(Problem(shown, 1, message, WARNING if same else ERROR))


def _source(content) -> str:
    return source_of(content)


def gather_links(generators) -> None:
    """Before writing: the Kirby pages with links into the site (site_link_candidates).

    Only the pages are kept: `finalized`, when the links are checked, is given no
    generators. Each link's target is resolved there, one at a time, rather than
    held for every page while the site is written: the build's peak is then.
    """
    pending = []
    for generator in generators:
        contents = chain(*(getattr(generator, name, []) for name in (
            "pages", "hidden_pages", "articles", "hidden_articles", "translations")))
        pending += [content for content in contents
                    if hasattr(content, "kirby_folder") and getattr(content, "kirby_links", ())]
    generators[0].settings[PENDING] = pending


def check_links(pelican) -> None:
    """After writing: report the links that lead to nothing in the output."""
    settings = pelican.settings
    pending = settings.pop(PENDING, [])
    output = pelican.output_path
    site_url = settings.get("SITEURL", "")
    made: list[Suggestions] = []  # at the first link to a missing page: most builds have none

    def suggest(target: str, language: str | None) -> str | None:
        if not made:
            languages = settings.get("KIRBY_LANGUAGE_SET")
            made.append(Suggestions(_page_urls(output),
                                    language_of=languages.of_path if languages else None))
        return made[0](target, language)

    exists: dict[str, bool] = {}  # by target: a link on many pages is looked up once
    for content in pending:
        text = None  # read only for a link that leads nowhere
        known = None  # the page's errors by line, made at its first broken link
        seen = set()
        for tag, url in content.kirby_links:
            target = link_target(url, content.url, site_url)
            if target is None or url in seen or target != ".." and _exists_once(
                    exists, output, target):
                continue
            seen.add(url)
            default = getattr(content, "field_lines", {}).get("text", 1)
            if text is None:
                text = _source_text(content.source_path)
                known = _errors_by_line(content)
            line = source_line(text, url, site_url, default)
            name = target.rstrip("/").rsplit("/", 1)[-1]
            if any(f"« {name}" in message for message in known.get(line, ())):
                continue  # already reported there: a tag naming a missing file
            problem = Problem(_source(content), line, _message(
                tag, url, target, site_url, suggest, getattr(content, "lang", None)))
            content.problems.append(problem)
            report(problem)


def _errors_by_line(content) -> dict[int, list[str]]:
    known: dict[int, list[str]] = {}
    for problem in getattr(content, "problems", []):
        if problem.severity == ERROR:
            known.setdefault(problem.line, []).append(problem.message)
    return known


def _exists_once(cache: dict, output: str, target: str) -> bool:
    if target not in cache:
        cache[target] = _exists(output, target)
    return cache[target]


def _exists(output: str, target: str) -> bool:
    path = os.path.join(output, *target.split("/"))
    try:
        return os.path.isfile(path) or os.path.isfile(os.path.join(path, "index.html"))
    except ValueError:  # `%00` in the link: no such file
        return False


def _page_urls(output: str) -> list[str]:
    urls = []
    for folder, _dirs, files in os.walk(output):
        if "index.html" in files:
            relative = os.path.relpath(folder, output).replace(os.sep, "/")
            urls.append("" if relative == "." else relative + "/")
    return urls


# The suggestion's closeness, as difflib.get_close_matches measured it before
# (ratio ≥ 0.6): rapidfuzz's ratio is the same 2·matches/length, its matches a
# longest common subsequence (difflib's blocks find as many or fewer).
SUGGESTION_CUTOFF = 60


class Suggestions:
    """The site's page URLs (`logement/`), listed once per build, and the one closest
    to a broken link's target.

    A lookup compares the target with every URL, in C, skipping a URL as soon
    as it cannot reach the cutoff or the best so far; a target already looked
    up costs nothing. (difflib did the same comparisons in Python, for each
    link: 82 s for 373 broken links among 10,709 pages.)
    """

    def __init__(self, urls, scorer=None, language_of=None) -> None:
        # Imported here: most builds have no broken link, and rapidfuzz's libraries
        # are 4 MB of the build's memory.
        from rapidfuzz import fuzz

        # Of equally close URLs, extractOne keeps the first and difflib kept the
        # greatest: in reverse order, both suggest the same one.
        self.urls = sorted(urls, reverse=True)
        self.scorer = scorer or fuzz.ratio
        # A multi-language site: a French page's link is a French page's URL
        # gone wrong, so the page's own language is searched first.
        self._by_language: dict[str | None, list[str]] = {}
        if language_of is not None:
            for url in self.urls:
                self._by_language.setdefault(language_of(url), []).append(url)
        self._found: dict[tuple, str | None] = {}

    def __call__(self, target: str, language: str | None = None) -> str | None:
        query = target.strip("/") + "/"
        key = (query, language)
        if key not in self._found:
            match = None
            if language in self._by_language:
                match = self._closest(query, self._by_language[language])
            self._found[key] = match or self._closest(query, self.urls)
        return self._found[key]

    def _closest(self, query: str, urls: list[str]) -> str | None:
        from rapidfuzz import process

        match = process.extractOne(query, urls, scorer=self.scorer, processor=None,
                                   score_cutoff=SUGGESTION_CUTOFF)
        return match[0] if match else None


def _message(tag: str, url: str, target: str, site_url: str, suggest,
             language: str | None = None) -> str:
    if target == "..":
        return (f"Le lien « {url} » sort du site publié ({site_url}/) : pour une page du "
                "site, écrivez « (link: nom-du-dossier) », le nom de son dossier sans le "
                "numéro et sans « / » au début.")
    if tag == "img":
        return (f"L’image « {url} » n’existe pas sur le site : posez-la à côté de la page et "
                "écrivez seulement son nom, ou corrigez son adresse.")
    close = suggest(target, language)
    hint = f" Vouliez-vous dire « /{close} » ?" if close is not None else ""
    return (f"Le lien « {url} » mène à une page ou un fichier qui n’existe pas sur le site : "
            "corrigez l’adresse (une page s’écrit par le nom de son dossier sans le numéro, "
            f"par exemple « (link: nom-du-dossier) »).{hint}")


def _source_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""
