"""Every private Pelican and livereload internal the tools use, here and nowhere else.

`make serve`'s selective rebuild (tools/rebuild.py), its server (tools/preview.py)
and `make check` (tools/check.py) need a few things that Pelican and livereload
do not offer publicly. Each is wrapped below; INTERNALS lists them with the
pinned version they were written for (requirements.txt), and
tests/preview/test_internals.py fails, naming the one that moved, when an
upgrade changes any of them:

- `pelican.log.LimitFilter._raised_messages` / `._group_count`: Pelican says a
  warning once per process; each rebuild and each check must say its own again.
- `Pelican._get_writer()`: how `Pelican.run()` gets its writer (through the
  get_writer signal); the selective rebuild replays the end of `run()`.
- `Pelican.run()` itself: the replay copies its steps after reading
  (rebuild.py, `_replay`); its source is fingerprinted.
- A Pelican content object's state lives in its instance `__dict__`: the
  rebuild snapshots and restores pages around the plugins' finalizing signals.
- pelican-sitemap's `generator._main_pelican`: the sitemap is written, at the end
  of a run, from the pages written during it; a run that writes only some keeps
  the last one.
- livereload's `Watcher._tasks` (the watched paths; ours are watchfiles
  threads), `Server._setup_logging` (its English log lines), and
  `LiveReloadHandler.reload_waiters` (tells the open tabs to reload).
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from typing import Callable

import livereload
import pelican
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from pelican import Pelican
from pelican.log import LimitFilter

PELICAN_VERSION = "4.12.0"
SITEMAP_VERSION = "1.2.2"
LIVERELOAD_VERSION = "2.7.1"
# sha256 of inspect.getsource(Pelican.run) in PELICAN_VERSION (first 16 digits).
PELICAN_RUN_SOURCE = "296180f3ec4d7bff"


# --- Pelican -------------------------------------------------------------------------


def forget_shown_warnings() -> None:
    """Pelican's LimitFilter shows a warning once per process: let it show them again."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def writer_of(site: Pelican):
    """The writer `Pelican.run()` would use (plugins may give theirs by a signal)."""
    return site._get_writer()


def state_of(content) -> dict:
    """A content object's whole state (its attributes), to restore it later."""
    return content.__dict__


def restore_state(content, state: dict) -> None:
    content.__dict__.clear()
    content.__dict__.update(state)


def keep_last_sitemap() -> None:
    """pelican-sitemap lists the pages written during the run whose Pelican it saw
    start: a run that writes only some of them (the preview's selective plan, where
    no page moved) must leave the last sitemap as it is."""
    from pelican.plugins.sitemap.sitemap import generator

    generator._main_pelican = None


# --- livereload --------------------------------------------------------------------


class NoPollingWatcher(Watcher):
    """livereload's own watcher polls every 0.8 s: ours are the watchfiles threads."""

    def __init__(self) -> None:
        super().__init__()
        self._tasks = {"watchfiles": {}}  # so that livereload does not watch the cwd

    def start(self, callback) -> bool:
        return True


class QuietServer(Server):
    """livereload's server without its log lines in English: ours say what happens."""

    def _setup_logging(self) -> None:
        import logging

        logging.getLogger("livereload").setLevel(logging.WARNING)


def reload_open_pages(path: str) -> None:
    """Tell every open tab to reload `path` ("*" for the whole page). On the IO loop."""
    LiveReloadHandler.reload_waiters(path)


# --- The checks --------------------------------------------------------------------


@dataclass(frozen=True)
class Internal:
    what: str  # "Pelican._get_writer()"
    used_by: str  # "tools/rebuild.py, the writer replay"
    package: str  # "pelican"
    version: str  # the version it was written for
    present: Callable[[dict], bool]  # given the modules by name, is it still there?


def _run_source(modules) -> str:
    source = inspect.getsource(modules["pelican"].Pelican.run)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _has_instance_dict(modules) -> bool:
    from pelican.contents import Page

    return "__dict__" in dir(Page) and not hasattr(Page, "__slots__")


INTERNALS = (
    Internal("LimitFilter._raised_messages and ._group_count", "tools/rebuild.py and "
             "tools/check.py, warnings shown again at each build", "pelican", PELICAN_VERSION,
             lambda m: all(hasattr(m["pelican.log"].LimitFilter, name) and hasattr(
                 getattr(m["pelican.log"].LimitFilter, name), "clear")
                 for name in ("_raised_messages", "_group_count"))),
    Internal("Pelican._get_writer()", "tools/rebuild.py, the writer replay", "pelican",
             PELICAN_VERSION,
             lambda m: callable(getattr(m["pelican"].Pelican, "_get_writer", None))),
    Internal(f"Pelican.run() as in {PELICAN_VERSION} (source fingerprint "
             f"{PELICAN_RUN_SOURCE})", "tools/rebuild.py, _replay copies its steps after "
             "reading", "pelican", PELICAN_VERSION,
             lambda m: _run_source(m) == PELICAN_RUN_SOURCE),
    Internal("content objects keeping their state in __dict__", "tools/rebuild.py, pages "
             "restored before the finalizing signals", "pelican", PELICAN_VERSION,
             _has_instance_dict),
    Internal("the sitemap generator's _main_pelican", "tools/rebuild.py, a run writing "
             "some pages keeps the last sitemap", "pelican-sitemap", SITEMAP_VERSION,
             lambda m: "_main_pelican" in vars(m["pelican.plugins.sitemap.sitemap"].generator)),
    Internal("Watcher._tasks and Watcher.start(callback)", "tools/preview.py, no polling",
             "livereload", LIVERELOAD_VERSION,
             lambda m: "_tasks" in vars(m["livereload.watcher"].Watcher())
             and "callback" in inspect.signature(m["livereload.watcher"].Watcher.start)
             .parameters),
    Internal("Server._setup_logging()", "tools/preview.py, no English log lines",
             "livereload", LIVERELOAD_VERSION,
             lambda m: callable(getattr(m["livereload"].Server, "_setup_logging", None))),
    Internal("LiveReloadHandler.reload_waiters(path)", "tools/preview.py, open tabs "
             "reloaded", "livereload", LIVERELOAD_VERSION,
             lambda m: callable(getattr(m["livereload.handlers"].LiveReloadHandler,
                                        "reload_waiters", None))),
)


def installed_modules() -> dict:
    import livereload.handlers
    import livereload.watcher
    import pelican.log
    import pelican.plugins.sitemap.sitemap

    return {"pelican": pelican, "pelican.log": pelican.log, "livereload": livereload,
            "livereload.handlers": livereload.handlers, "livereload.watcher":
            livereload.watcher,
            "pelican.plugins.sitemap.sitemap": pelican.plugins.sitemap.sitemap}


def moved_internals(modules: dict | None = None,
                    versions: dict[str, str] | None = None) -> list[str]:
    """One clear message per internal that is no longer as the tools expect."""
    from importlib.metadata import version

    modules = modules or installed_modules()
    messages = []
    for internal in INTERNALS:
        try:
            present = internal.present(modules)
        except Exception as error:  # noqa: BLE001 -- any failure means "moved"
            present, detail = False, f" ({type(error).__name__}: {error})"
        else:
            detail = ""
        if not present:
            installed = (versions or {}).get(internal.package) or version(internal.package)
            messages.append(
                f"{internal.package} {installed} no longer has {internal.what}{detail}, used "
                f"by {internal.used_by}; written for {internal.package} {internal.version}: "
                "see tools/internals.py")
    return messages
