"""The preview's rebuild loop: one long-lived process that redoes only what an edit changes.

`Builder.build()` is Pelican's own run (`Pelican.run()`: every plugin, every
generator), in this process, with a read cache: a file is read again only when
its folder changed (a page is its folder: its text, its images and their
metadata); the other results come back from memory, checked against the
names, sizes and times of the folder's files, and unpickled so that every run
gets fresh objects, as with Pelican's own content cache.

`Builder.build(changed)`, after an edit of pages' texts or files, goes further:
it keeps the previous run's Pelican objects, puts every page and article back
in the state it had just after reading, reads the changed pages again, and
replays the rest of `Pelican.run()` (the plugins' signals, the generators'
output) with a writer that skips what the edit cannot change. That writer
(Pelican's `get_writer` signal) writes the pages read again, their parents
(their cards show the children), the home page (its cards show the top-level
pages and the first actions) and every output that is not one page's own
(/actions/, actions.json, lists, feeds).

Before that, `Builder.page_first(changed)` writes the saved page alone, from
the previous run's objects, when only its text changed: the preview shows it
at once (0.1 s at 10,000 pages, where the selective run takes seconds), then
the rest once `build(changed)` is done.

Everything is read and written again, as `make build` does, when a file
appeared or disappeared, when `site.md` changed, or when a page's place in
the site changed: its title, URL, parent, children, status or template.

The full build stays the source of truth: tests/preview/ compares the output
of selective rebuilds with a full build, file by file.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal
from jinja2 import BytecodeCache
from pelican import Pelican
from pelican.contents import Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.plugins import signals
from pelican.readers import BaseReader
from pelican.settings import read_settings
from pelican.utils import clean_output_dir, posixize_path
from pelican.writers import Writer

from tools.internals import (forget_shown_warnings, keep_last_sitemap, restore_state, state_of,
                             writer_of)

logger = logging.getLogger(__name__)

# Sent with a page read again by `Builder.page_first`, which skips the finalizing
# signals: a plugin that gives each content something of its own there (its
# description…) gives it to this one too. By name, so plugins need not import tools/.
content_refreshed = signal("content_refreshed")

# What places a page in the site: a change in any of them may change other
# pages (menus, breadcrumbs, cards, lists), so everything is written again.
PLACE = ("title", "url", "save_as", "status", "template", "date", "lang", "category")
HOME_SAVE_AS = "index.html"
SITE_FILES = ("site.md", "site.txt")
TEXT_FILES = (".md", ".txt")  # content files and page files' metadata
CONTENT_LISTS = ("pages", "hidden_pages", "draft_pages", "translations", "hidden_translations",
                 "draft_translations", "articles", "drafts", "hidden_articles",
                 "drafts_translations")


# --- Reading: an in-memory cache checked against each page's folder -------------------


def folder_stamp(folder: str) -> tuple:
    """What reading a page depends on: the names, kinds, sizes and times of its folder's entries."""
    stamp = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                stamp.append((entry.name, True, 0, 0))
            else:
                info = entry.stat()
                stamp.append((entry.name, False, info.st_size, info.st_mtime_ns))
    stamp.sort()
    return tuple(stamp)


# A reader's metadata flag: the page shows where other folders are (the kirby
# reader's READS_OTHER_FOLDERS, for Kirby's UUID references).
READS_OTHER_FOLDERS = "reads_other_folders"


class ReadCache:
    """`reader.read(path)` results by path, valid while the path's folder is unchanged,
    and, for a page that shows where other folders are, until Pelican's whole run
    (the one a moved, added or removed folder brings)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, bytes, bool]] = {}
        self._stamps: dict[str, tuple] = {}  # by folder, for the current run
        self.misses: set[str] = set()  # paths read again during the current run
        self.whole_run = False

    def clear(self) -> None:
        self._entries.clear()

    def new_run(self) -> None:
        self._stamps.clear()
        self.misses = set()
        self.whole_run = False  # the Builder says when it is Pelican's whole run

    def read(self, read, source_path: str):
        """`read(source_path)`, or what it gave last time if the folder is unchanged."""
        path = os.path.abspath(source_path)
        folder = os.path.dirname(path)
        stamp = self._stamps.get(folder)
        if stamp is None:
            stamp = self._stamps[folder] = folder_stamp(folder)
        entry = self._entries.get(path)
        if entry is not None and entry[0] == stamp and not (self.whole_run and entry[2]):
            return pickle.loads(entry[1])
        self.misses.add(path)
        result = read(source_path)
        others = isinstance(result, tuple) and len(result) == 2 and isinstance(
            result[1], dict) and bool(result[1].get(READS_OTHER_FOLDERS))
        try:
            self._entries[path] = (stamp, pickle.dumps(result, pickle.HIGHEST_PROTOCOL), others)
        except Exception:  # noqa: BLE001 -- what cannot be pickled is read every time
            self._entries.pop(path, None)
        return result


class TemplateCache(BytecodeCache):
    """Jinja's compiled templates, kept in memory from one run to the next."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# --- Writing: a writer that skips what the edit cannot change -------------------------


@dataclass
class Plan:
    """What one run writes: everything, or the outputs of `sources` and all non-page outputs."""

    everything: bool = True
    sources: set[str] = field(default_factory=set)  # absolute source paths
    written: list[str] = field(default_factory=list)  # output names written, in order
    skipped: int = 0


class SelectiveWriter(Writer):
    """Pelican's writer, minus the pages and articles that the plan leaves out."""

    plan = Plan()

    def write_file(self, name, template, context, *args, **kwargs):
        content = kwargs.get("page") or kwargs.get("article")
        plan = self.plan
        if not plan.everything and content is not None and _source(content) not in plan.sources:
            plan.skipped += 1
            return None
        return super().write_file(name, template, context, *args, **kwargs)


def _source(content) -> str:
    return os.path.abspath(content.source_path)


# --- The loop ---------------------------------------------------------------------------


@dataclass
class Result:
    """What a run did, for the terminal, the tests and the benchmark."""

    kind: str  # "full" (everything written), "selective" or "none" (nothing to do)
    seconds: float
    read: list[str] = field(default_factory=list)  # source paths read again
    written: list[str] = field(default_factory=list)  # output names written
    skipped: int = 0  # pages and articles left as they were


@dataclass(frozen=True)
class _Place:
    fields: tuple
    parent: str | None
    children: tuple


class _FullRun(Exception):
    """A selective run found that the edit changes more than its pages."""


class Builder:
    """Builds `content` into `output` with a settings file, then rebuilds after edits.

    One Builder per process at a time: its runs listen to Pelican's signals.
    """

    def __init__(self, settings_file: str | Path, content: str | Path, output: str | Path,
                 **overrides) -> None:
        self.settings_file = str(settings_file)
        self.content = os.path.abspath(content)
        self.output = os.path.abspath(output)
        self.overrides = overrides
        self.cache = ReadCache()
        self.templates = TemplateCache()
        self._places: dict[str, _Place] | None = None  # by source path, after the last run
        self._statics: set[tuple[str, str]] = set()  # published files, after the last run
        self._folders: dict[str, tuple[str, ...]] = {}  # page folder -> its entries' names
        self._fresh: dict[int, tuple[object, dict]] = {}  # id -> (content, state after reading)
        self._force_everything = False
        self._replaying = False
        self._copy_statics = True
        # The last run's Pelican, generators and context, for selective runs.
        self._pelican: Pelican | None = None
        self._generators: list = []

    def build(self, changed=None) -> Result:
        """A run: Pelican's whole run, or a selective one when `changed` allows it.

        `changed`: the paths saved since the last run (None: unknown, read all).
        """
        start = time.perf_counter()
        self.cache.new_run()
        # Pelican says a warning once per process: each run must say its own again.
        forget_shown_warnings()
        _start(self)
        try:
            plan = None
            if changed is not None and self._generators:
                relevant = [p for p in map(os.path.abspath, changed) if self._relevant(p)]
                if not relevant:
                    return Result("none", time.perf_counter() - start)
                try:
                    self._replaying = True
                    plan = self._selective_run(relevant)
                except _FullRun:
                    plan = None
                finally:
                    self._replaying = False
            if plan is None:
                plan = self._pelican_run()
        except BaseException:
            self._generators, self._places = [], None  # the next run starts afresh
            raise
        finally:
            _stop()
        return Result(
            "full" if plan.everything else "selective",
            time.perf_counter() - start,
            sorted(self.cache.misses),
            plan.written,
            plan.skipped,
        )

    # --- The saved page first ---

    def page_first(self, changed) -> Result | None:
        """The saved pages alone, written before `build(changed)` writes the rest.

        At 10,000 pages a selective run takes seconds: the plugins' signals go
        over every page (descriptions, links, actions) to redo the lists. The
        saved page needs none of that when only its text changed: it is read
        again, given what the finalizing signals gave its old version (its
        parent, children, translations: the edit did not move it) and, through
        `content_refreshed`, what plugins compute from a content alone, then
        written with the last run's context. Its bytes are those the run that
        follows writes (tests/preview/); None when the edit is not of that kind.
        """
        if not self._generators or self._places is None:
            return None
        start = time.perf_counter()
        pages = next(g for g in self._generators if isinstance(g, PagesGenerator))
        by_source = _contents([pages])
        paths = [os.path.abspath(path) for path in changed]
        if not paths or any(path not in by_source or not path.endswith(TEXT_FILES)
                            or self._folders.get(os.path.dirname(path))
                            != _names(os.path.dirname(path)) for path in paths):
            return None
        self.cache.new_run()
        forget_shown_warnings()
        _start(self)
        try:
            fresh = [self._reread(pages, by_source[path]) for path in paths]
            if any(page is None for page in fresh):
                return None
            writer = Writer(self._pelican.output_path, settings=self._pelican.settings)
            for page in fresh:
                _write_page(pages, writer, page)
        finally:
            _stop()
        return Result("page", time.perf_counter() - start, sorted(self.cache.misses),
                      SelectiveWriter.plan.written, 0)

    def _reread(self, generator: PagesGenerator, old: Page) -> Page | None:
        new = _read_page(generator, old)
        if (not isinstance(new, Page) or not new.is_valid()
                or _fields(new) != self._places[_source(old)].fields):
            return None
        read = state_of(new)
        for key, value in _copy(state_of(old)).items():
            if key not in read:
                setattr(new, key, value)
        content_refreshed.send(new)
        if hasattr(new, "refresh_metadata_intersite_links"):
            new.refresh_metadata_intersite_links()
        return new

    # --- Pelican's whole run ---

    def _pelican_run(self) -> Plan:
        settings = read_settings(self.settings_file, override={
            "PATH": self.content,
            "OUTPUT_PATH": self.output,
            **self.overrides,
        })
        # The output is emptied, if need be, once the run knows what it writes.
        settings["DELETE_OUTPUT_DIRECTORY"] = False
        # Page files are copied when they changed; the theme's files always are.
        settings["STATIC_CHECK_IF_MODIFIED"] = True
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": self.templates}
        self._fresh = {}
        self._generators = []
        self.cache.whole_run = True
        self._pelican = Pelican(settings)
        self._pelican.run()
        return SelectiveWriter.plan

    def _plan(self) -> Plan:
        """Between reading and writing: what this run must write."""
        if self._replaying:
            return self._replay_plan()
        contents = _contents(self._generators)
        places = {source: _place_of(content) for source, content in contents.items()}
        statics = _statics(self._generators)
        everything = (self._force_everything or places != self._places
                      or statics != self._statics)
        if self._places is None or set(places) != set(self._places):
            self._folders = {os.path.dirname(source): _names(os.path.dirname(source))
                             for source in places}
        self._places, self._statics, self._force_everything = places, statics, False
        if everything:
            # As `make build` does; nothing is written yet at this point.
            clean_output_dir(self.output, self._pelican.output_retention)
            return Plan()
        # Read again in this build: by this run or by a selective one that gave up.
        read_again = {source for source in places if source in self.cache.misses}
        return self._selective_plan(read_again, contents)

    def _replay_plan(self) -> Plan:
        """A selective run's plan: the folders and the other pages are as they were, so
        only the pages read again can have moved; if one did, Pelican's whole run."""
        contents = _contents(self._generators)
        read_again = {source for source in contents if source in self.cache.misses}
        places = {source: _place_of(contents[source]) for source in read_again}
        if any(places[source] != self._places.get(source) for source in read_again):
            raise _FullRun
        return self._selective_plan(read_again, contents)

    def _selective_plan(self, read_again, contents) -> Plan:
        sources = set(read_again)
        for source in read_again:
            if self._places[source].parent:
                sources.add(self._places[source].parent)
        sources |= {source for source, c in contents.items() if c.save_as == HOME_SAVE_AS}
        return Plan(everything=False, sources=sources)

    # --- A selective run: the previous run's objects, some pages read again ---

    def _relevant(self, path: str) -> bool:
        """Whether a saved path can change the site (drafts and hidden files cannot)."""
        if not path.startswith(self.content + os.sep):
            return True  # the theme's files
        relative = os.path.relpath(path, self.content)
        return not any(part.startswith((".", "_")) for part in Path(relative).parts)

    def _selective_run(self, changed: list[str]) -> Plan:
        pages = next(g for g in self._generators if isinstance(g, PagesGenerator))
        by_source = _contents([pages])
        folders = {}
        for path in changed:
            if not path.startswith(self.content + os.sep):
                continue  # the theme's static files, copied by every run
            folder = os.path.dirname(path)
            if os.path.basename(path) in SITE_FILES and folder == self.content:
                self._force_everything = True
                raise _FullRun
            if self._folders.get(folder) != _names(folder):
                raise _FullRun  # a file or folder appeared or disappeared
            sources = [s for s in by_source if os.path.dirname(s) == folder]
            if len(sources) != 1:
                raise _FullRun  # not a page's folder (an article's, the root…)
            folders[folder] = sources[0]
        # Texts only: no page file nor theme file to copy (Pelican checks them all).
        self._copy_statics = not all(p.endswith(TEXT_FILES) for p in changed)
        self._restore()
        replaced = {}
        for source in folders.values():
            old = by_source[source]
            replaced[id(old)] = (old, self._read_again(pages, old))
        if replaced:
            self._substitute(replaced)
        return self._replay()

    def _restore(self) -> None:
        """Every page and article as it was before the plugins' finalizing signals."""
        for content, state in self._fresh.values():
            restore_state(content, _copy(state))

    def _read_again(self, generator: PagesGenerator, old: Page) -> Page:
        new = _read_page(generator, old)
        self.cache.misses.add(_source(old))
        if not isinstance(new, Page) or not new.is_valid() or _fields(new) != _fields(old):
            raise _FullRun  # its place in the site changed: other pages show it
        # What the generator set after reading (its `translations`) is the old page's.
        for key, value in self._fresh[id(old)][1].items():
            if key not in state_of(new):
                setattr(new, key, _copy({key: value})[key])
        generator.add_source_path(new)
        generator.add_static_links(new)
        return new

    def _substitute(self, replaced: dict[int, tuple]) -> None:
        """Put each new page where its old one was: in lists, the context and other pages."""
        def swap(items: list) -> None:
            for index, item in enumerate(items):
                if id(item) in replaced and replaced[id(item)][0] is item:
                    items[index] = replaced[id(item)][1]

        for generator in self._generators:
            for name in CONTENT_LISTS:
                swap(getattr(generator, name, None) or [])
        context = self._generators[0].context
        for value in context.values():
            if isinstance(value, list):
                swap(value)
        for old_id, (_old, new) in replaced.items():
            self._fresh.pop(old_id)
            self._fresh[id(new)] = (new, _copy(state_of(new)))
        for _content, state in self._fresh.values():
            for value in state.values():
                if isinstance(value, list):
                    swap(value)

    def _replay(self) -> Plan:
        """The rest of Pelican.run() after reading (pelican/__init__.py, Pelican 4.12)."""
        pelican, generators = self._pelican, self._generators
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                signals.article_generator_finalized.send(generator)
            elif isinstance(generator, PagesGenerator):
                signals.page_generator_finalized.send(generator)
            elif not isinstance(generator, StaticGenerator) and hasattr(generator,
                                                                         "generate_context"):
                generator.generate_context()  # plugins' generators: built from the pages
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        writer = writer_of(pelican)  # as run() gets it (tools/internals.py)
        for generator in generators:
            if isinstance(generator, StaticGenerator) and not self._copy_statics:
                continue
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        signals.finalized.send(pelican)
        return SelectiveWriter.plan

    def _keep_fresh(self, generator) -> None:
        """Called as the generator finishes reading, before its finalizing signal."""
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or []:
                self._fresh[id(content)] = (content, _copy(state_of(content)))


# Shared on purpose: Pelican's context and settings.
_SHARED = frozenset({"_context", "settings"})


def _copy(state: dict) -> dict:
    """A copy of an object's attributes that shares no list, dict or set with it."""
    return {key: (value.copy() if isinstance(value, (list, dict, set)) and key not in _SHARED
                  else value)
            for key, value in state.items()}


def _names(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


def _contents(generators) -> dict:
    """Pages and articles (every language, every status) by absolute source path."""
    found = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or []:
                found[_source(content)] = content
    return found


def _read_page(generator: PagesGenerator, old: Page):
    """`old`'s file read again, as PagesGenerator.generate_context reads each."""
    return generator.readers.read_file(
        base_path=generator.path,
        path=posixize_path(os.path.relpath(old.source_path, generator.path)),
        content_class=Page,
        context=generator.context,
        preread_signal=signals.page_generator_preread,
        preread_sender=generator,
        context_signal=signals.page_generator_context,
        context_sender=generator,
    )


def _write_page(generator: PagesGenerator, writer, page) -> None:
    """One page, as PagesGenerator.generate_output writes each (Pelican 4.12)."""
    signals.page_generator_write_page.send(generator, content=page)
    writer.write_file(page.save_as, generator.get_template(page.template), generator.context,
                      page=page, relative_urls=generator.settings["RELATIVE_URLS"],
                      override_output=hasattr(page, "override_save_as"), url=page.url)


def _fields(content) -> tuple:
    return tuple(str(getattr(content, name, None)) for name in PLACE)


def _place_of(content) -> _Place:
    parent = getattr(content, "parent", None)
    children = getattr(content, "children", None) or []
    return _Place(
        _fields(content),
        _source(parent) if parent is not None else None,
        tuple(_source(child) for child in children),
    )


def _statics(generators) -> set[tuple[str, str]]:
    """Every published file (images, documents) as (source, output) pairs."""
    return {
        (os.path.abspath(static.source_path), static.save_as)
        for generator in generators
        for static in getattr(generator, "staticfiles", None) or []
    }


# --- Signals: they act only while a Builder runs -----------------------------------------

_running: Builder | None = None


def _start(builder: Builder) -> None:
    global _running
    _running = builder
    SelectiveWriter.plan = Plan()
    signals.generator_init.connect(_cache_readers)
    signals.page_generator_init.connect(_watch_reading)
    signals.article_generator_init.connect(_watch_reading)
    signals.all_generators_finalized.connect(_keep_generators)
    signals.get_writer.connect(_selective_writer)
    signals.content_written.connect(_note_written)


def _stop() -> None:
    global _running
    _running = None


def _ours(settings) -> bool:
    return _running is not None and _running._pelican is not None and (
        settings is _running._pelican.settings)


def _cache_readers(generator) -> None:
    """Make the generator's readers go through the running Builder's cache.

    Done on the instances once the generator is built, so that it comes after
    every plugin's choice of reader classes (readers_init).
    """
    if _ours(generator.settings):
        for reader in generator.readers.readers.values():
            # BaseReader "reads" static files: nothing to save there.
            if type(reader) is not BaseReader:
                reader.read = _cached_read(reader.read)


def _cached_read(read):
    def cached_read(source_path):
        if _running is None:
            return read(source_path)
        return _running.cache.read(read, source_path)

    return cached_read


def _watch_reading(generator) -> None:
    """Keep the contents' state when the generator has read them, before it finalizes.

    The generator saves its cache right before sending its finalized signal
    (generators.py, Pelican 4.12): that call is the hook.
    """
    if _ours(generator.settings):
        builder, save_cache = _running, generator.save_cache

        def keep_then_save():
            builder._keep_fresh(generator)
            save_cache()

        generator.save_cache = keep_then_save


def _keep_generators(generators) -> None:
    if generators and _ours(generators[0].settings):
        _running._generators = list(generators)


def _note_written(path, context=None) -> None:
    # Whoever wrote it: Pelican's writer, or a plugin that streams its output.
    if _running is not None:
        relative = os.path.relpath(path, _running.output)
        SelectiveWriter.plan.written.append(posixize_path(relative))


def _selective_writer(pelican):
    if _running is not None and pelican is _running._pelican:
        SelectiveWriter.plan = _running._plan()
        if not SelectiveWriter.plan.everything:
            keep_last_sitemap()  # it would list only the pages written
        return SelectiveWriter
    return None
