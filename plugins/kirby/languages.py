"""Kirby's multi-language content: `article.fr.txt` and `article.en.txt` are one page.

Kirby names each content file (and each file's meta file, `photo.jpg.en.txt`)
with its language code when the site has languages. The languages come from
the `KIRBY_LANGUAGES` setting (the first is the default, as Kirby's first
language is) or from the suffixes found in the tree; a site with one language
builds exactly as one without suffixes. A page exists in a language when its
folder has that language's file; a translation's missing fields fall back to
the default language's (Kirby's field fallback), and its `Slug:` field gives
its URL segment. Pure: no Pelican import; the only I/O is the tree walk.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .tree import CONTENT_EXTENSIONS, HOME_FOLDER, is_hidden, split_folder_name, walk_folders

# `article.en.txt`, `photo.jpg.pt-br.txt`: a language code before the extension.
_SUFFIX = re.compile(r"^(.+)\.([a-z]{2}(?:-[a-z]{2})?)(\.(?:txt|md))$")


def split_language(name: str) -> tuple[str, str | None]:
    """`article.en.txt` → ("article.txt", "en"); a name without a code → (name, None)."""
    match = _SUFFIX.match(name)
    if not match:
        return name, None
    return match.group(1) + match.group(3), match.group(2)


@dataclass(frozen=True)
class Languages:
    """A build's languages: codes in order, the first the default; `prefix_default`
    puts the default language under `/fr/` too (Kirby's language `url` option)."""

    codes: tuple[str, ...] = ()
    prefix_default: bool = False
    slugs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def multi(self) -> bool:
        return len(self.codes) > 1

    @property
    def default(self) -> str | None:
        return self.codes[0] if self.codes else None

    def prefix(self, code: str | None) -> str:
        """The URL prefix of a language: "" at the root, else `en/`."""
        if not self.multi or code is None or (code == self.default and not self.prefix_default):
            return ""
        return f"{code}/"

    def of_path(self, path: str) -> str | None:
        """The language of a site path (`en/notes/`): its prefix's, else the default's,
        as Kirby's router takes a first segment that is a language's code."""
        first = path.strip("/").split("/", 1)[0]
        if first in self.codes and self.prefix(first):
            return first
        return self.default


def detect(root: str, configured=None, preferred: str | None = None,
           prefix_default: bool = False) -> Languages:
    """The site's languages: the configured list, else the codes of the content files'
    suffixes, the preferred one (DEFAULT_LANG) first if present, else the most used."""
    if configured:
        return Languages(tuple(configured), prefix_default)
    found: Counter = Counter()
    for folder, names in walk_folders(root):
        if folder == ".":
            continue
        codes = {split_language(name)[1] for name in names
                 if name.endswith(CONTENT_EXTENSIONS) and not is_hidden(name)}
        found.update(code for code in codes if code)
    if not found:
        return Languages((), prefix_default)
    ordered = sorted(found, key=lambda code: (code != preferred, -found[code], code))
    return Languages(tuple(ordered), prefix_default)


def language_files(names: list[str], base: str) -> dict[str, str]:
    """The language files of a folder's content file `base` (`article.txt`), by code."""
    files = {}
    for name in names:
        stem, code = split_language(name)
        if code and stem == base:
            files[code] = name
    return files


def translated_path(folder: str, code: str, languages: Languages, slug_of) -> str:
    """`1_notes/2_une-note` in `en` → `en/notes/a-note/`: each folder's `Slug:` in that
    language (`slug_of(folder, code)`, None when it has none), else its own name."""
    parts = folder.split("/")
    if parts == [HOME_FOLDER]:
        return languages.prefix(code)
    segments = []
    for index in range(len(parts)):
        translated = slug_of("/".join(parts[:index + 1]), code) if code != languages.default else None
        segments.append(translated or split_folder_name(parts[index])[1])
    return languages.prefix(code) + "".join(f"{segment}/" for segment in segments)
