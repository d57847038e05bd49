"""Kirby's folder rules (kirby-format.md §1): names, URLs, order, page files.

Pure functions of paths and names; the only I/O is listing one page folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import PurePosixPath

from unidecode import unidecode

CONTENT_EXTENSIONS = (".md", ".txt")
SITE_FILES = ("site.md", "site.txt")
HOME_FOLDER = "home"
# Kirby's `error` option (default "error"): the top-level page shown for an address
# that does not exist. A static host shows `404.html` for one, so it is written there.
ERROR_FOLDER = "error"
ERROR_SAVE_AS = "404.html"
_NUMBERED = re.compile(r"^([0-9]+)_(.+)$")
# Kirby 2's folder rule (its Page::__construct: `^([0-9]+)[\-](.*)$`): `4-blog` is the
# visible page `blog`, number 4. We require a slug after the hyphen, as with `_`.
_KIRBY2_NUMBERED = re.compile(r"^([0-9]+)-(.+)$")
# Kirby's "date" num scheme (a blueprint's `num: date`): the folder is numbered by
# the page's date, YYYYMMDD, as Kirby's starterkit numbers its notes.
_DATE_NUMBERED = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})_.")
_KIRBY2_DATE_NUMBERED = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})-.")
_NOT_PAGE_FILES = (".htm", ".html", ".php")  # §1.6: never published with a page
_DIGITS = re.compile(r"([0-9]+)")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}(?:-[a-z]{2})?")  # Kirby's language codes
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SURROGATE = re.compile("[\ud800-\udfff]")  # no letter; Unidecode warns of each


def fold(text: str) -> str:
    """Text compared loosely: ASCII letters (Unidecode: é → e, Œ → OE, ß → ss,
    ’ → '), casefolded."""
    return unidecode(_SURROGATE.sub("", text)).casefold()


@lru_cache(maxsize=1024)  # a page's reader and checks ask for each name more than once
def slugify(text: str) -> str:
    """« L’accès au logement » → "l-acces-au-logement": Kirby's Str::slug in ASCII.

    Transliterated to ASCII, lowercase; every run of other characters (spaces,
    apostrophes, punctuation) becomes one "-", none at either end.
    """
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


@dataclass(frozen=True)
class FolderRules:
    """How one build reads folder names: Kirby 3+'s `1_slug` or Kirby 2's `1-slug`
    (kirby2.py decides at `initialized`), and Kirby 2's `Url-key:` slugs by folder."""

    version: int = 3
    slugs: Mapping[str, str] = field(default_factory=dict)  # folder -> its Url-key slug


# The current build's rules. Every build sets them at its start (kirby2.configure,
# from settings.apply_defaults at `initialized`), so two builds in one process with
# different trees never share them; outside a build, Kirby 3's.
_rules = FolderRules()


def use_folder_rules(rules: FolderRules) -> None:
    global _rules
    _rules = rules


def folder_rules() -> FolderRules:
    return _rules


def split_folder_name(name: str, version: int | None = None) -> tuple[int | None, str]:
    """`1_emploi` → (1, "emploi"); any other name is unlisted: (None, name).

    With Kirby 2's rules (the build's, or `version=2`) the number ends at a hyphen:
    `4-blog` → (4, "blog"), and `1_emploi` is unlisted."""
    rule = _KIRBY2_NUMBERED if (version or _rules.version) == 2 else _NUMBERED
    match = rule.match(name)
    if match:
        return int(match.group(1)), match.group(2)
    return None, name


def next_number(names: Iterable[str]) -> int:
    """The number a new listed page gets among sibling folders `names`: the one after
    the highest, as Kirby's Panel numbers a page it lists last (hidden folders aside)."""
    numbers = [num for name in names if not is_hidden(name)
               for num in [split_folder_name(name)[0]] if num is not None]
    return max(numbers, default=0) + 1


def page_slug(folder: str) -> str:
    """A page's slug: its Kirby 2 `Url-key:` if it has one, else its folder's."""
    return _rules.slugs.get(folder) or split_folder_name(PurePosixPath(folder).name)[1]


def date_from_num(folder_name: str) -> datetime | None:
    """`20240921_slug` → 21 September 2024; None for any other name or no real date."""
    # Kirby 2's blueprints had `num: date` too, with its hyphen: `20240921-slug`.
    match = (_DATE_NUMBERED if _rules.version != 2 else _KIRBY2_DATE_NUMBERED).match(folder_name)
    if not match:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))
    except ValueError:  # 20241399_x: eight digits, but a plain number
        return None


def is_error_folder(folder: str) -> bool:
    """The site's error page: the top-level folder of slug `error` (`error/`, `9_error/`),
    as Kirby finds it by its id."""
    return "/" not in folder and split_folder_name(folder)[1] == ERROR_FOLDER


def is_hidden(name: str) -> bool:
    """§1.5: `_drafts`, `_anything` and `.anything` are never published."""
    return name.startswith(("_", "."))


def url_path(folder: str) -> str:
    """`1_actions/2_emploi` → `actions/emploi/`; the home folder is the site root."""
    parts = [split_folder_name(part)[1] for part in PurePosixPath(folder).parts]
    if parts == [HOME_FOLDER]:
        return ""
    if _rules.slugs:  # Kirby 2's Url-key of each folder of the path
        names = PurePosixPath(folder).parts
        parts = [_rules.slugs.get("/".join(names[:i + 1])) or part for i, part in enumerate(parts)]
    return "".join(f"{part}/" for part in parts)


def natural_key(name: str) -> tuple:
    """`page2` before `page10`: Kirby's natural order for ties (§1.9)."""
    return tuple(int(bit) if bit.isdigit() else bit.casefold() for bit in _DIGITS.split(name))


def sort_key(folder_name: str) -> tuple:
    num, _ = split_folder_name(folder_name)
    return (num if num is not None else -1, natural_key(folder_name))


def is_content_file(name: str) -> bool:
    return name.endswith(CONTENT_EXTENSIONS) and not is_hidden(name)


def metadata_target(name: str, siblings: set[str]) -> str | None:
    """`insertion.png.md` describes `insertion.png` when that file stands beside it (§1.7)."""
    stem, ext = os.path.splitext(name)
    if ext in CONTENT_EXTENSIONS and stem in siblings and not stem.endswith(CONTENT_EXTENSIONS):
        return stem
    # A multi-language site's meta file: `photo.jpg.en.txt` (languages.py).
    base, dot, code = stem.rpartition(".")
    if (ext in CONTENT_EXTENSIONS and dot and _LANGUAGE_CODE.fullmatch(code) and base in siblings
            and not base.endswith(CONTENT_EXTENSIONS)):
        return base
    return None


def is_metadata_file(folder: str, name: str) -> bool:
    """metadata_target() for one file, without listing its folder: one stat."""
    stem, ext = os.path.splitext(name)
    if ext not in CONTENT_EXTENSIONS or stem.endswith(CONTENT_EXTENSIONS):
        return False
    if os.path.lexists(os.path.join(folder, stem)):
        return True
    base, dot, code = stem.rpartition(".")
    return bool(dot and _LANGUAGE_CODE.fullmatch(code) and not base.endswith(CONTENT_EXTENSIONS)
                and os.path.lexists(os.path.join(folder, base)))


def page_files(names: list[str]) -> tuple[list[str], dict[str, str]]:
    """A page folder's published files and their metadata files (file → metadata file)."""
    siblings = set(names)
    files, metadata = [], {}
    for name in sorted(names, key=natural_key):
        target = metadata_target(name, siblings)
        if target:
            metadata[target] = name
        elif not (is_hidden(name) or name.endswith(CONTENT_EXTENSIONS + _NOT_PAGE_FILES)):
            files.append(name)
    return files, {name: meta for name, meta in metadata.items() if name in files}


def walk_folders(content):
    """Each folder of the content tree that Kirby reads (§1.5: no `_`/`.` folder), in
    natural order, with its files' names: (folder relative to `content`, files).
    The root comes first, as "."."""
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted((d for d in dirs if not is_hidden(d)), key=natural_key)
        yield os.path.relpath(folder, content).replace(os.sep, "/"), files


def page_folders(content) -> list[str]:
    """Every page folder (one holding a content file), relative to `content`."""
    return [folder for folder, files in walk_folders(content)
            if folder != "." and content_file(files)]


def content_file(names: list[str]) -> str | None:
    """The folder's content file: its first `.md`/`.txt` that is no file's metadata."""
    siblings = set(names)
    candidates = [n for n in names if is_content_file(n) and not metadata_target(n, siblings)]
    return min(candidates, key=natural_key) if candidates else None
