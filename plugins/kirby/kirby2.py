"""Kirby 2 content: its folder names, its `Url-key:` slugs, its Markdown Extra.

Kirby 2 numbers a visible page's folder with a hyphen (`4-blog`: number 4, URL
`blog`, its Page::__construct rule `^([0-9]+)[\\-](.*)$`), Kirby 3+ with an
underscore (`4_blog`). The build decides once, at `initialized`, with one walk of
the content tree (KIRBY_VERSION = "auto", the default):

- numbered folders that all use `-`, none `_`: a Kirby 2 tree;
- anything else (no numbered folder, or only `_`): Kirby 3+;
- both kinds: Kirby 3+'s rules, and a warning naming a folder of each (a Kirby 3
  page folder such as `2024-bilan` is an unlisted page of that slug).

KIRBY_VERSION = 2 or 3 in pelicanconf.py skips the guess. The version is then in
the settings (KIRBY_VERSION, 2 or 3) and in tree.py's folder rules, which every
build sets at its start. In a Kirby 2 tree:

- a page's `Url-key:` field is its URL slug (Kirby 2's translated slug: a Kirby 2
  multi-language site writes it in each translation; a folder whose only content
  file has one takes it as its slug, a folder with one file per language is left to
  languages.py);
- KirbyText has Markdown Extra (footnotes, abbreviations, definition lists,
  `markdown="1"` blocks, `{#id .class}` attributes; Kirby 2's `markdown.extra`
  option, Kirby 3's too): settings.markdown_extensions, KIRBY_MARKDOWN_EXTRA;
- the KirbyTags are Kirby 2's where they differ (kirbytags.KIRBY2_TAGS).

Pure but for one walk of the tree and the reading of the Kirby 2 content files
that hold a `Url-key:` field.
"""

from __future__ import annotations

import logging
import os
import re

from .fields import parse_fields
from .problems import WARNING, Problem, shown_path
from .tree import (FolderRules, is_content_file, metadata_target, slugify, url_path,
                   use_folder_rules, walk_folders)

logger = logging.getLogger(__name__)

AUTO = "auto"
_KIRBY3_NUMBERED = re.compile(r"[0-9]+_.")
_KIRBY2_NUMBERED = re.compile(r"[0-9]+-.")
# A cheap look before the exact field parse: most files have no Url-key field.
_URL_KEY_FIELD = re.compile(rb"(?:\A(?:\xef\xbb\xbf)?|\n)[ \t]*url[-_ ]key[ \t]*:", re.I)


def detect(folders) -> tuple[int, tuple[str, str] | None]:
    """The Kirby version of a tree's folders (paths relative to the content folder),
    and for a mixed tree an example of each kind (Kirby 3's, Kirby 2's)."""
    kirby3 = kirby2 = None
    for folder in folders:
        name = folder.rsplit("/", 1)[-1]
        if kirby3 is None and _KIRBY3_NUMBERED.match(name):
            kirby3 = folder
        elif kirby2 is None and _KIRBY2_NUMBERED.match(name):
            kirby2 = folder
        if kirby3 and kirby2:
            return 3, (kirby3, kirby2)
    return (2 if kirby2 and not kirby3 else 3), None


def url_keys(root: str, walked) -> dict[str, str]:
    """Each folder's `Url-key:` slug, for the folders whose only content file has one."""
    slugs = {}
    for folder, names in walked:
        if folder == ".":
            continue
        siblings = set(names)
        candidates = [n for n in names if is_content_file(n) and not metadata_target(n, siblings)]
        if len(candidates) != 1:  # none, or one per language (languages.py)
            continue
        try:
            with open(os.path.join(root, folder, candidates[0]), "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        if not _URL_KEY_FIELD.search(raw):
            continue
        field = parse_fields(raw.decode("utf-8", errors="replace")).get("url_key")
        if field is not None and (slug := slugify(field.value)):
            slugs[folder] = slug
    return slugs


def configure(settings: dict) -> None:
    """At `initialized`, first thing of every build: the tree's Kirby version in
    KIRBY_VERSION, and tree.py's folder rules for this build."""
    use_folder_rules(FolderRules())  # nothing of an earlier build's, whatever happens
    root = settings.get("PATH") or ""
    wanted = settings.get("KIRBY_VERSION", AUTO)
    walked = list(walk_folders(root)) if os.path.isdir(root) else []
    if str(wanted).strip().lower() == AUTO:
        version, mixed = detect(folder for folder, _ in walked if folder != ".")
        if mixed:
            logger.warning("%s", mixed_tree_problem(*mixed))
    else:
        version = 2 if str(wanted).strip() == "2" else 3
    settings["KIRBY_VERSION"] = version
    if version == 2:
        use_folder_rules(FolderRules(2, url_keys(root, walked)))


def mixed_tree_problem(kirby3: str, kirby2: str) -> Problem:
    name2 = kirby2.rsplit("/", 1)[-1]
    url = "/" + url_path(kirby2)  # under Kirby 3's rules, the current ones
    return Problem(shown_path(kirby2), 1, (
        f"les dossiers mêlent la numérotation de Kirby 3 (« {shown_path(kirby3)} », numéro "
        f"puis « _ ») et celle de Kirby 2 (« {shown_path(kirby2)} », numéro puis « - ») : "
        f"les règles de Kirby 3 s’appliquent, et « {name2} » est une page non listée à "
        f"l’adresse {url}. Renommez les dossiers d’une seule façon, ou choisissez dans "
        "pelicanconf.py : KIRBY_VERSION = 2 ou 3."), WARNING)

