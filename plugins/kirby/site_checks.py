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
"""

from __future__ import annotations

import difflib
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
    """Before writing: each Kirby page's links into the site, with their targets.

    The reader found them (site_link_candidates); their targets are resolved
    here, once every page has its final URL.
    """
    settings = generators[0].settings
    site_url = settings.get("SITEURL", "")
    pending = []
    for generator in generators:
        contents = chain(*(getattr(generator, name, []) for name in (
            "pages", "hidden_pages", "articles", "hidden_articles", "translations")))
        for content in contents:
            if not hasattr(content, "kirby_folder"):
                continue
            links = []
            for tag, url in getattr(content, "kirby_links", ()):
                target = link_target(url, content.url, site_url)
                if target is not None:
                    links.append((tag, url, target))
            if links:
                pending.append((content, links))
    settings[PENDING] = pending


def check_links(pelican) -> None:
    """After writing: report the links that lead to nothing in the output."""
    settings = pelican.settings
    pending = settings.pop(PENDING, [])
    output = pelican.output_path
    site_url = settings.get("SITEURL", "")
    known_pages = None
    for content, links in pending:
        text = None  # read only for a link that leads nowhere
        known = [p for p in getattr(content, "problems", []) if p.severity == ERROR]
        seen = set()
        for tag, url, target in links:
            if url in seen or (target != ".." and _exists(output, target)):
                continue
            seen.add(url)
            default = getattr(content, "field_lines", {}).get("text", 1)
            if text is None:
                text = _source_text(content.source_path)
            line = source_line(text, url, site_url, default)
            name = target.rstrip("/").rsplit("/", 1)[-1]
            if any(p.line == line and f"« {name}" in p.message for p in known):
                continue  # already reported there: a tag naming a missing file
            if known_pages is None:
                known_pages = _page_urls(output)
            problem = Problem(_source(content), line,
                              _message(tag, url, target, site_url, known_pages))
            content.problems.append(problem)
            report(problem)


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


def _message(tag: str, url: str, target: str, site_url: str, pages: list[str]) -> str:
    if target == "..":
        return (f"Le lien « {url} » sort du site publié ({site_url}/) : pour une page du "
                "site, écrivez « (link: nom-du-dossier) », le nom de son dossier sans le "
                "numéro et sans « / » au début.")
    if tag == "img":
        return (f"L’image « {url} » n’existe pas sur le site : posez-la à côté de la page et "
                "écrivez seulement son nom, ou corrigez son adresse.")
    close = difflib.get_close_matches(target.strip("/") + "/", pages, n=1, cutoff=0.6)
    hint = f" Vouliez-vous dire « /{close[0]} » ?" if close else ""
    return (f"Le lien « {url} » mène à une page ou un fichier qui n’existe pas sur le site : "
            "corrigez l’adresse (une page s’écrit par le nom de son dossier sans le numéro, "
            f"par exemple « (link: nom-du-dossier) »).{hint}")


def _source_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""
