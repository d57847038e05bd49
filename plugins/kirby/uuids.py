"""Kirby's UUIDs: `page://…` and `file://…` references, and where they lead.

Kirby 3.8+ gives each page a `Uuid:` field in its content file and each file one
in its meta file (`photo.jpg.txt`); fields refer to them as `page://ID` and
`file://ID` (files and pages fields, blocks, layouts, KirbyTags, Markdown links),
and the writer's link dialog writes permalinks, `/@/page/ID` and `/@/file/ID`,
which Kirby's router sends to the page or file. A static site resolves them all
at build time. Pure: no Pelican import; the only I/O is reading the content tree
once, when a page first needs a reference.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .fields import parse_fields
from .languages import split_language
from .tree import content_file, metadata_target, url_path, walk_folders

# Kirby's Uuid::for() schemes, and its permalink route (`/@/page/ID`).
_REFERENCE = re.compile(r"(?:(page|file)://|/@/(page|file)/)([A-Za-z0-9_-]+)\Z")
_IN_HTML = re.compile(r"""((?:href|src|srcset|poster)=["'])((?:page|file)://[A-Za-z0-9_-]+|"""
                      r"""/@/(?:page|file)/[A-Za-z0-9_-]+)(?=["'#?])""")
# A cheap look before the exact field parse: most files have no Uuid field.
_UUID_FIELD = re.compile(rb"(?:\A(?:\xef\xbb\xbf)?|\n)[ \t]*uuid[ \t]*:", re.I)


def parse_reference(value: str) -> tuple[str, str] | None:
    """`file://abc` or `/@/file/abc` → ("file", "abc"); anything else → None."""
    match = _REFERENCE.match(value.strip())
    if not match:
        return None
    return match.group(1) or match.group(2), match.group(3)


@dataclass
class UuidIndex:
    """Every UUID of the content tree: a page's folder, or a file's (folder, name)."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, str]] = field(default_factory=dict)


def build_index(root: str) -> UuidIndex:
    """One walk of the content tree (§1.5: no `_`/`.` folder), reading only the
    files that hold a `Uuid:` field."""
    index = UuidIndex()
    for folder, names in walk_folders(root):
        if folder == ".":
            continue
        siblings = set(names)
        page_file = content_file(names)
        # Kirby writes a page's Uuid in its default language's file: every
        # language's file of the page is read, not only the one content_file picks.
        base = split_language(page_file)[0] if page_file else None
        page_files = {name for name in names if base and split_language(name)[0] == base}
        for name in sorted(names):
            target = metadata_target(name, siblings)
            if name not in page_files and target is None:
                continue
            uuid = _uuid_of(os.path.join(root, folder, name))
            if not uuid:
                continue
            if target is None:
                index.pages.setdefault(uuid, folder)
            else:
                index.files.setdefault(uuid, (folder, target))
    return index


def _uuid_of(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return ""
    if not _UUID_FIELD.search(raw):
        return ""
    field_ = parse_fields(raw.decode("utf-8", "replace")).get("uuid")
    return field_.value.strip() if field_ else ""


def resolve_in_html(html: str, resolve) -> tuple[str, list[str]]:
    """`html` with each reference in an href/src resolved by `resolve(reference)`
    (its URL, or None when unknown), and the unknown references. An unknown one
    becomes `#` (the element stays, nothing leads to a missing page)."""
    if "://" not in html and "/@/" not in html:
        return html, []
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        url = resolve(match.group(2))
        if url is None:
            unknown.append(match.group(2))
            return match.group(1) + "#"
        return match.group(1) + url

    return _IN_HTML.sub(replace, html), unknown


def unknown_message(reference: str) -> str:
    kind, uuid = parse_reference(reference) or ("page", reference)
    what = "la page" if kind == "page" else "le fichier"
    return (f"La référence « {reference} » ne mène nulle part : aucun{'e' if kind == 'page' else ''} "
            f"{'page' if kind == 'page' else 'fichier'} du site n’a l’identifiant (Uuid) « {uuid} ». "
            f"Choisissez de nouveau {what} visé{'e' if kind == 'page' else ''}, ou retirez la "
            "référence.")


class Resolver:
    """A build's references: the index made on first use (a site without UUIDs
    never walks its tree for them), and each file as a page file of its folder.

    `files_of(folder)` gives a folder's page files by name (PageFile), `site_url`
    prefixes page URLs, `page_path(folder)` gives a page's URL path (the default:
    its folder's, `url_path`).
    """

    def __init__(self, root: str, files_of, site_url: str = "", page_path=None) -> None:
        self._root = root
        self._files_of = files_of
        self._site_url = site_url
        self._page_path = page_path or url_path
        self._indexes: list[UuidIndex] = []  # shared with for_page()'s views
        self.used = False  # whether a reference was looked up: its page depends on others

    @property
    def index(self) -> UuidIndex:
        if not self._indexes:
            self._indexes.append(build_index(self._root))
        return self._indexes[0]

    def for_page(self, page_path=None) -> "Resolver":
        """The same references seen from one page, `used` its own: in another
        language, Kirby's Uuid::url() gives the target's URL in the current
        language, so a page path per language (`page_path(folder)`); files stay
        where they are."""
        view = Resolver(self._root, self._files_of, self._site_url, page_path or self._page_path)
        view._indexes = self._indexes
        return view

    def file(self, reference: str):
        """The PageFile a `file://` reference names, or None."""
        parsed = parse_reference(reference)
        if parsed is None or parsed[0] != "file":
            return None
        self.used = True
        place = self.index.files.get(parsed[1])
        if place is None:
            return None
        return self._files_of(place[0]).get(place[1])

    def url(self, reference: str) -> str | None:
        """Where a `page://`/`file://` reference (or permalink) leads, or None."""
        parsed = parse_reference(reference)
        if parsed is None:
            return None
        self.used = True
        if parsed[0] == "file":
            found = self.file(reference)
            return found.url if found else None
        folder = self.index.pages.get(parsed[1])
        return None if folder is None else f"{self._site_url}/{self._page_path(folder)}"
