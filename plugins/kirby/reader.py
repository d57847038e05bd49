"""Pelican reader for Kirby content files: the glue between Pelican and the pure core."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from functools import cache

from pelican.readers import BaseReader
from pelican.utils import get_date, posixize_path

from .blocks import FieldSource, environment, is_json_field, render_field
from .fields import parse_fields
from .files import read_page_files
from .kirbytags import TagContext
from .kirbytext import KirbyText, PageText
from .settings import markdown_extensions
from .problems import ERROR, WARNING, Problem, shown_path
from .strict import page_problems, site_link_candidates
from .languages import Languages, language_files, split_language, translated_path
from .uuids import Resolver, parse_reference, unknown_message
from .textcheck import html_problems
from .values import TAGS_FIELDS, field_value, file_names, is_writer_html
from .tree import (ERROR_SAVE_AS, content_file, date_from_num, is_content_file,
                   is_error_folder, is_metadata_file, metadata_target, page_slug, slugify,
                   split_folder_name, url_path)

logger = logging.getLogger(__name__)

SKIP = {"status": "skip"}  # Pelican's own way to drop a file that is not a page
BODY_FIELDS = ("text",)  # rendered into the page's body
READS_OTHER_FOLDERS = "reads_other_folders"  # metadata: see build_page


class KirbyReader(BaseReader):
    enabled = True
    file_extensions = ["md", "txt"]

    def __init__(self, settings):
        super().__init__(settings)
        self.root = os.path.abspath(settings["PATH"])
        self.site_url = settings.get("SITEURL", "")
        self.now = datetime.now()
        # Files read and set aside (a file's metadata, site.md, a second content
        # file), relative to PATH: structure.claim_skipped_files.
        self.skipped: set[str] = set()
        # Kirby's UUID references, and the page files of the folders they name.
        self.folder_files: dict[str, dict] = {}
        self.references = Resolver(self.root, self.files_of, self.site_url)
        # The site's languages (languages.py), found at `initialized`.
        self.languages = settings.get("KIRBY_LANGUAGE_SET") or Languages()
        self._slugs: dict[tuple[str, str], str | None] = {}

    def slug_of(self, rel_folder: str, code: str) -> str | None:
        """A folder's `Slug:` in a language (Kirby's translated URL segment), or None."""
        key = (rel_folder, code)
        if key not in self._slugs:
            folder = os.path.join(self.root, rel_folder)
            names = _listing(folder)
            chosen = content_file(names)
            name = language_files(names, split_language(chosen)[0]).get(code) if chosen else None
            slug = None
            if name:
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                    found = parse_fields(handle.read())
                # Kirby 3's `Slug:`, Kirby 2's `URL-Key:`: a translation's URL segment.
                field = found.get("slug") or found.get("url_key")
                slug = slugify(field.value) if field and field.value.strip() else None
            self._slugs[key] = slug
        return self._slugs[key]

    def page_path(self, rel_folder: str, code: str) -> str:
        """A page's URL path in language `code`; in the default language when it has
        no file in `code` (a page missing in a language is not invented)."""
        names = _listing(os.path.join(self.root, rel_folder))
        chosen = content_file(names)
        if chosen is None or code not in language_files(names, split_language(chosen)[0]):
            code = self.languages.default
        return translated_path(rel_folder, code, self.languages, self.slug_of)

    def files_of(self, rel_folder: str) -> dict:
        if rel_folder not in self.folder_files:
            folder = os.path.join(self.root, rel_folder)
            names = _listing(folder)
            self.folder_files[rel_folder] = read_page_files(
                folder, names, f"{self.site_url}/{url_path(rel_folder)}", shown_path(rel_folder))[0]
        return self.folder_files[rel_folder]

    def read(self, source_path):
        source_path = os.path.abspath(source_path)
        folder = os.path.dirname(source_path)
        rel_folder = posixize_path(os.path.relpath(folder, self.root))
        name = os.path.basename(source_path)
        if rel_folder == ".":  # site.md and stray files at the root are not pages
            self.skipped.add(name)
            return "", dict(SKIP)
        if is_metadata_file(folder, name):
            self.skipped.add(f"{rel_folder}/{name}")
            return "", dict(SKIP)  # a file's metadata (§1.7), not a page
        names = os.listdir(folder)
        chosen = content_file(names)
        code = None
        if self.languages.multi and chosen:
            base, code = split_language(name)
            if code is not None and base == split_language(chosen)[0]:
                if code not in self.languages.codes:
                    report(Problem(shown_path(rel_folder, name), 1,
                                   f"la langue « {code} » n’est pas une langue du site "
                                   f"({', '.join(self.languages.codes)}) : ce fichier est "
                                   "ignoré.", WARNING))
                    self.skipped.add(f"{rel_folder}/{name}")
                    return "", dict(SKIP)
                chosen = name  # one page in several languages (languages.py)
        if name != chosen:
            if chosen and is_content_file(name) and not metadata_target(name, set(names)):
                report(Problem(shown_path(rel_folder, name), 1,
                               f"ce dossier a déjà un fichier de contenu ({chosen}) et "
                               "celui-ci est ignoré : gardez-en un seul."))
            self.skipped.add(f"{rel_folder}/{name}")
            return "", dict(SKIP)  # a second content file
        rel_path = shown_path(rel_folder, name)
        raw = _read_bytes(source_path)
        if b"\0" in raw:
            report(Problem(rel_path, 1, "ce fichier n’est pas un texte (fichier binaire) : "
                           "remplacez-le par un fichier texte en UTF-8."))
            return "", dict(SKIP)
        page = build_page(raw, rel_path, rel_folder, names, folder, self, code)
        for problem in page["problems"]:
            report(problem)
        return page.pop("html"), page


def build_page(raw: bytes, rel_path, rel_folder, names, folder, reader, code=None) -> dict:
    """Everything Pelican needs to know of one page (in language `code`), and its problems."""
    problems: list[Problem] = []
    text = _decode(raw, rel_path, problems)
    fields = parse_fields(text)
    languages = getattr(reader, "languages", None) or Languages()
    if code is not None and code != languages.default:
        fields = {**_default_fields(folder, names, rel_path, languages), **fields}
    if not text.strip():
        problems.append(Problem(rel_path, 1, "le fichier est vide : écrivez au moins "
                                "« Title: » suivi du titre de la page."))
    folder_name = rel_folder.rsplit("/", 1)[-1]
    num, slug = split_folder_name(folder_name)[0], page_slug(rel_folder)  # Kirby 2: Url-key
    title = _title(fields, slug, rel_path, problems)
    url = url_path(rel_folder)
    # Page files stay beside the default language's page (structure.place_page_files).
    base_url = f"{reader.site_url}/{url}"
    if code is not None:
        url = translated_path(rel_folder, code, languages, reader.slug_of)
    files, file_problems = read_page_files(folder, names, base_url, shown_path(rel_folder),
                                           language=code, default=languages.default)
    problems += file_problems
    if hasattr(reader, "folder_files"):
        if code is not None:
            files = _shared(reader.folder_files.get(rel_folder), files)
        reader.folder_files[rel_folder] = files

    images: list[str] = []  # shared by the page's contexts: only its first image loads at once

    body_fields = _body_fields(fields)
    text_field = fields.get("text")
    engine = _kirbytext(*markdown_extensions(reader.settings))
    page_text = PageText(rel_path, text_field.value_line if text_field else 1, fields, files,
                         file_lines=text.split("\n"))
    references = getattr(reader, "references", None)
    if references is not None:  # this page's view: its language, and whether it used one
        references = references.for_page(
            None if code is None else lambda target: reader.page_path(target, code))
    context = TagContext(site_url=reader.site_url, files=files, now=reader.now, images=images,
                         references=references,
                         tags=reader.settings.get("KIRBY_TAG_SET"))  # sitetags.py
    env = environment(reader.settings.get("THEME", ""))

    def source_for(field) -> FieldSource:
        return FieldSource(page_text, field, context, engine, env)

    # The body, in the file's order: the Text as KirbyText, and the fields holding
    # Kirby's blocks or layouts (blocks.py). KirbyText runs once whatever the
    # body, so that extensions read the page's other fields (through a blank Text).
    parts = []
    kirbytext = text_field is not None and not is_json_field(text_field.value)
    for field in body_fields:
        if field is text_field and kirbytext:
            parts.append(engine.render(field.value, context, page_text))
        else:
            source = source_for(field)
            parts.append(render_field(source))
            problems += source.problems
    if not kirbytext:
        parts.append(engine.render("", context, page_text))
    html = "\n".join(part for part in parts if part)
    _place(context, page_text.first_line, rel_path, problems)
    problems += page_text.problems
    problems += page_problems(text, fields, files, rel_path)

    values = {key: field.value for key, field in fields.items() if key not in BODY_FIELDS}
    data = _data(fields, files, context, source_for, problems,
                 tuple(reader.settings.get("KIRBY_TAGS_FIELDS", TAGS_FIELDS)), body_fields,
                 rel_path)
    page = {
        "html": html,
        **page_text.metadata,  # what the plugins' Markdown extensions found
        "title": title,
        "slug": slug,
        "url": url,
        "save_as": f"{url}index.html",
        "template": _template(_template_folders(reader.settings),
                              # `home.fr.txt` is a home, with languages or one
                              os.path.splitext(split_language(rel_path.rsplit("/", 1)[-1])[0])[0]),
        "kirby_folder": rel_folder,
        "num": num,
        "listed": num is not None,
        # The other fields (§2): Text and Actions live on as the body and the
        # actions, and keeping their source too would cost a few KB per page.
        "fields": values,
        "field_lines": {key: field.line for key, field in fields.items()},
        "files": files,
        # Most pages' data is their fields as they are (text): then one dict is both.
        "data": values if _same_text(data, values) else data,
        "cover": _cover(fields, files, context.references, rel_path, problems),
        "problems": problems,
        "kirby_links": site_link_candidates([html, *page_text.html_parts]),
    }
    if "date" in fields and fields["date"].value:
        try:
            page["date"] = get_date(fields["date"].value)
        except (ValueError, TypeError, OverflowError):
            problems.append(Problem(rel_path, fields["date"].line,
                                    f"la date « {fields['date'].value} » ne se lit pas : "
                                    "écrivez-la sous la forme 2024-03-12."))
    if "date" not in page and (numbered := date_from_num(folder_name)) is not None:
        page["date"] = numbered  # Kirby's "date" num scheme: 20240921_slug
    if is_error_folder(rel_folder):
        # Kirby shows its `error` page for any missing address; a static host
        # serves 404.html for one. Its files stay at /error/ (place_page_files).
        page["url"] = page["save_as"] = languages.prefix(code) + ERROR_SAVE_AS
    if code is not None:
        page["lang"] = code
    if references is not None and references.used:
        # The page shows where other folders are (Kirby's UUIDs): a reader that
        # keeps pages read from one run to the next (the preview, tools/rebuild.py)
        # reads it again when folders move, though its own folder did not change.
        page[READS_OTHER_FOLDERS] = True
    return page


def _same_text(data: dict, values: dict) -> bool:
    """Every typed value is the field's own text (not Markup, a date, a list…)."""
    return data.keys() == values.keys() and all(
        type(data[key]) is str and data[key] == value for key, value in values.items())


def _shared(previous: dict | None, files: dict) -> dict:
    """`files`, made of the objects another language of the page has where they are
    equal (a file with no meta of its own in this language): a bilingual site holds
    each file once. Files are frozen (PageFile), the dicts are not changed after."""
    if not previous:
        return files
    shared = {name: previous[name] if previous.get(name) == file else file
              for name, file in files.items()}
    same = len(previous) == len(shared) and all(
        previous.get(name) is file for name, file in shared.items())
    return previous if same else shared


def _default_fields(folder, names, rel_path, languages) -> dict:
    """A translation's fallback: the default language's fields (Kirby falls back field
    by field), without its Slug, which is the default language's URL."""
    name = language_files(names, split_language(rel_path.rsplit("/", 1)[-1])[0]).get(
        languages.default)
    if name is None:
        return {}
    try:
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
            fields = parse_fields(handle.read())
    except OSError:
        return {}
    fields.pop("slug", None)
    return fields


def _body_fields(fields) -> list:
    """The fields that make the page's body, in file order: Text, and every field
    holding Kirby's blocks or a layout (a Kirby 3+ page's template shows them:
    the starterkit's About has a `Layout:` above its Text)."""
    return [field for key, field in fields.items()
            if key == "text" and field.value.strip() not in ("", "[]")
            or key not in _NOT_BODY and is_json_field(field.value) and field.value.strip() != "[]"]


# Files and pages fields hold JSON-like lists of references, never a body.
_NOT_BODY = ("cover", "uuid", "title")


def _data(fields, files, context, source_for, problems, tags_fields, body=(),
          context_path: str = "") -> dict:
    """The fields as typed data (values.py); blocks and layouts of other fields rendered."""
    data = {}
    for key, field in fields.items():
        if key in BODY_FIELDS or any(field is part for part in body):
            continue  # the page's body, rendered once

        def render(value, field=field):
            if not is_json_field(value):
                return None
            source = source_for(field)
            html = render_field(source)
            problems.extend(source.problems)
            return html

        data[key] = field_value(key, field.value, files=files, references=context.references,
                                render_json=render, tags_fields=tags_fields)
        if is_writer_html(field.value):
            # Sanitised like a Text (values.py): what goes is said, at the field's line.
            problems += [Problem(context_path, field.value_line + line - 1, message, severity)
                         for line, severity, message in html_problems(field.value, files)
                         if message]
    return data


def _cover(fields, files, references, rel_path, problems):
    """The Cover field's file (Kirby's `$page->cover()->toFile()`): a page file's name,
    a YAML list of them (Kirby 3+) or `file://…`, the first one that exists."""
    if "cover" not in fields:
        return None
    for name in file_names(fields["cover"].value):
        if parse_reference(name):
            found = references.file(name) if references is not None else None
            if found is None:
                problems.append(Problem(rel_path, fields["cover"].line, unknown_message(name)))
            return found
        if name in files:
            return files[name]
    return None


def _place(context: TagContext, first_line: int, rel_path: str, problems: list) -> None:
    """The tags' problems of a text starting at `first_line`, at their file lines."""
    for found in context.problems:
        problems.append(Problem(rel_path, first_line + found.line - 1, found.message,
                                found.severity))


def report(problem: Problem) -> None:
    (logger.error if problem.severity == ERROR else logger.warning)("%s", problem)


def _listing(folder: str) -> list[str]:
    """A folder's names; none when a reference names a folder that is gone."""
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _decode(raw: bytes, rel_path: str, problems: list[Problem]) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(Problem(rel_path, line, "ce fichier n’est pas enregistré en UTF-8 : "
                                "rouvrez-le et enregistrez-le en UTF-8 (les accents "
                                "s’afficheront alors correctement)."))
        # §5: decode tolerantly; old Windows editors wrote cp1252.
        return raw.decode("cp1252", errors="replace")


def _title(fields, slug: str, rel_path: str, problems: list[Problem]) -> str:
    field = fields.get("title")
    if field is None or not field.value:
        line = field.line if field else 1
        problems.append(Problem(rel_path, line, "la page n’a pas de titre : ajoutez une "
                                "ligne « Title: Le titre » en haut du fichier."))
        return slug  # §1.8: Kirby's title()->or(slug)
    if "\n" in field.value:
        problems.append(Problem(rel_path, field.line, "le titre tient sur plusieurs lignes : "
                                "vérifiez que la ligne « ---- » qui le suit a bien quatre "
                                "tirets, seuls sur leur ligne."))
    return field.value


@cache
def _kirbytext(extensions: tuple = (), configs: tuple = ()) -> KirbyText:
    # One per set of extensions for the whole process, made when a first page is
    # read: a Markdown engine costs more than a page, Pelican makes a reader per
    # generator and per extension, and the engines keep nothing between renders.
    return KirbyText(extensions, {name: dict(config) for name, config in configs})


def _template_folders(settings) -> tuple:
    # Where Pelican looks for a template: the site's overrides, then the theme.
    return (*settings.get("THEME_TEMPLATES_OVERRIDES", ()),
            os.path.join(settings["THEME"], "templates"))


@cache
def _template(folders: tuple, name: str) -> str:
    # §1.1: the content file's name is the template's (Kirby: `album.txt` renders
    # with site/templates/album.php); a missing one falls back to `page`, as Kirby
    # falls back to its default template.
    found = any(os.path.exists(os.path.join(folder, f"{name}.html")) for folder in folders)
    return name if found else "page"


def skip_idle_reader_check(generator) -> None:
    """At generator_init: no walk of the content tree to warn of disabled readers when none is.

    After reading, Pelican walks the content tree once more per generator to
    warn of files whose reader is disabled (a missing dependency), even when
    no reader is: on a Kirby site, a folder per page, three walks of every
    folder for nothing.
    """
    readers = getattr(generator, "readers", None)
    if readers is not None and not readers.disabled_readers:
        generator.check_disabled_readers = lambda: None


def add_reader(readers) -> None:
    for extension in KirbyReader.file_extensions:
        readers.reader_classes[extension] = KirbyReader
