"""The build's content problems on the console: all of them when few, else in short.

Every problem is still logged as it is found (`reader.report`): `make check`
and any other tool collect the records, and Pelican's `--fatal` still stops
at the first one. Only the console handler's copy is held back: Pelican's
rich handler costs milliseconds a record, and a large site's thousands of
warnings took many seconds to print (17 s for 7,913). At the end of the build
(`show_problems`, after the link check) the held records are shown as they
would have been when there are at most SHOWN_ALL, else as a summary per kind
of problem, the full list written to KIRBY_PROBLEMS_REPORT, which the summary
names.
"""

from __future__ import annotations

import logging
import os
import sys

from .problems import ERROR, SHOWN_ALL, Problem, shown_file, summary_blocks, write_list
from .settings import set_default
from .tree import natural_key

SETTING = "KIRBY_PROBLEMS_REPORT"
REPORT_NAME = "problemes.txt"
_PASS = "kirby_shown"  # on a record this module emits itself: not held again


class HeldProblems(logging.Filter):
    """On one console handler: keeps its Problem records until `show()`."""

    def __init__(self, handler: logging.Handler) -> None:
        super().__init__()
        self.handler = handler
        self.records: list[logging.LogRecord] = []
        self.report = REPORT_NAME

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _PASS, False):
            return True
        if _problem_of(record) is not None:
            self.records.append(record)
            return False
        if record.levelno >= logging.CRITICAL and self.records:
            self.show()  # the build stops here: what it found shows before why
        return True

    def show(self) -> None:
        records, self.records = self.records, []
        if len(records) <= SHOWN_ALL:
            for record in records:  # as they came, as a small site always showed them
                self._emit(record)
            return
        problems = sorted((_problem_of(record) for record in records),
                          key=lambda p: (natural_key(p.path), p.line))
        error = write_list(map(str, problems), self.report)
        for severity, lines in summary_blocks(problems, shown_file(self.report), error):
            level = logging.ERROR if severity == ERROR else logging.WARNING
            self._emit(logging.LogRecord("kirby", level, __file__, 0, "%s",
                                         ("\n".join(lines),), None))

    def _emit(self, record: logging.LogRecord) -> None:
        setattr(record, _PASS, True)
        self.handler.handle(record)


def _problem_of(record: logging.LogRecord):
    args = record.args if isinstance(record.args, tuple) else ()
    # By name too: the plugin may be imported twice (`kirby` and `plugins.kirby`).
    if len(args) == 1 and (isinstance(args[0], Problem) or type(args[0]).__name__ == "Problem"):
        return args[0]
    return None


def _is_console(handler: logging.Handler) -> bool:
    """Pelican's rich handler, or a plain one on the terminal's streams (`logging`'s
    own); never a handler that collects records (`make check`'s, pytest's)."""
    try:
        from rich.logging import RichHandler
    except ImportError:  # Pelican without rich: only plain handlers
        RichHandler = ()
    return isinstance(handler, RichHandler) or (
        type(handler) is logging.StreamHandler and handler.stream in (sys.stderr, sys.stdout))


def _held_filters() -> list[HeldProblems]:
    held = []
    for handler in logging.getLogger().handlers:
        if not _is_console(handler):
            continue
        found = next((f for f in handler.filters if isinstance(f, HeldProblems)), None)
        if found is None:
            found = HeldProblems(handler)
            handler.addFilter(found)
        held.append(found)
    return held


def hold_problems(pelican) -> None:
    """At `initialized`: a new build, its problems held on the console until its end."""
    settings = pelican.settings
    set_default(settings, SETTING, os.path.join(settings.get("CACHE_PATH", "cache"), REPORT_NAME))
    for held in _held_filters():
        held.records.clear()  # a build that failed before its end left some
        held.report = settings[SETTING]


def show_problems(pelican=None) -> None:
    """At the end of the build: the held problems, all or in short."""
    for held in _held_filters():
        held.show()
