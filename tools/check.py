"""`make check`: the strict validation of kirby-format.md §6 over all the content.

The check is the real Pelican build, into a temporary folder: the reader and
the plugins find the problems as they do in a development build (one source
of truth), and log each one as a `Problem`. The check collects them, adds any
failure of the build itself (a template error, an exception), then prints
them all, sorted by file and line, as `content/<path>:<line>: <message>`,
with a one-line summary. Exit status: 1 on any error, 0 with warnings only.
Under GitHub Actions it also prints `::error file=…,line=…::…` lines so that
the problems show on the commit's files (one for every problem, always).

Beyond SHOWN_ALL problems (kirby.problems) the lines are too many to read:
the check then prints each kind of problem with its count and its first few,
and writes the full list, one `content/<path>:<line>: <message>` a line, to
`--report` (by default `cache/problemes.txt`, where a plain build of the
project writes its own: the kirby plugin's KIRBY_PROBLEMS_REPORT), which the
summary names. A tool that wants every problem takes `strict_build(…).problems`.

    python -m tools.check [--content content] [--settings pelicanconf.py]
                          [--report cache/problemes.txt]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from kirby.problems import (ERROR, SHOWN_ALL, Problem, shown_file, summary_blocks,
                            write_list)
from kirby.tree import natural_key, page_folders

from tools.placeholders import find_placeholders

# The full list of a check with many problems (the kirby plugin's default for
# the project's settings: Pelican's cache folder, out of git and of the site).
FULL_LIST = ROOT / "cache" / "problemes.txt"
NOT_YOUR_TEXT = ("ce n’est pas une erreur de votre texte : signalez-la à l’équipe technique "
                 "en copiant ce message.")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0  # content files checked
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]


class _Collector(logging.Handler):
    """Every Problem logged during the build, and every other error as one."""

    def __init__(self, content: Path):
        super().__init__(logging.WARNING)
        self.content = content
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 1 and _is_problem(args[0]):
            self.problems.append(args[0])
        elif record.levelno >= logging.ERROR:
            self.problems.append(_logged_error(record, self.content))


def _is_problem(value) -> bool:
    return isinstance(value, Problem) or type(value).__name__ == "Problem"


def strict_build(content: Path, output: Path, settings_file: str = "pelicanconf.py",
                 **overrides) -> Report:
    """Build `content` into `output` and return every problem found on the way."""
    started = time.perf_counter()
    content, output = Path(content).resolve(), Path(output).resolve()
    if not content.is_dir():
        return Report([Problem("", 0, f"le dossier du contenu « {content} » n’existe pas : "
                               "lancez la commande depuis le dossier du site.")])
    collector = _Collector(content)
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    level = root_logger.level
    if level > logging.WARNING:
        root_logger.setLevel(logging.WARNING)
    try:
        from pelican import Pelican

        from tools.internals import forget_shown_warnings
        from tools.site import site_settings

        # Pelican drops a warning it has already shown in this process.
        forget_shown_warnings()
        settings = site_settings(content, output, settings_file, LOAD_CONTENT_CACHE=False,
                                 **overrides)
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's « Done: … » line
            Pelican(settings).run()
    except Exception as error:  # noqa: BLE001 -- whatever fails is reported, in French
        collector.problems.append(_build_error(error))
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(level)
    # Not a format problem (plugins/kirby knows nothing of `make new`): the project's own.
    collector.problems += find_placeholders(content)
    problems = sorted(set(collector.problems), key=_order)
    return Report(problems, count_pages(content), time.perf_counter() - started)


def _order(problem: Problem) -> tuple:
    return (problem.path == "", natural_key(problem.path), problem.line,
            problem.severity != ERROR, problem.message)


def count_pages(content: Path) -> int:
    return len(page_folders(content))


def _logged_error(record: logging.LogRecord, content: Path) -> Problem:
    """An error Pelican logged itself (« Could not process … »), named by its file if any."""
    message = record.getMessage()
    path, line = "", 0
    for arg in record.args if isinstance(record.args, tuple) else ():
        candidate = Path(str(arg))
        full = candidate if candidate.is_absolute() else content / candidate
        if full.is_file() and full.resolve().is_relative_to(content):
            path, line = "content/" + full.resolve().relative_to(content).as_posix(), 1
            break
    detail = " ".join(message.split())
    return Problem(path, line, f"la construction a échoué ({detail}) : {NOT_YOUR_TEXT}")


def _build_error(error: Exception) -> Problem:
    """An exception that stopped the build: where in the project, what, in French."""
    path, line = "", 0
    filename = getattr(error, "filename", None)  # Jinja's template errors
    if filename and getattr(error, "lineno", None):
        path, line = _project_path(filename), error.lineno
    else:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            shown = _project_path(frame.filename)
            if shown != frame.filename and not shown.startswith("tools/"):
                path, line = _project_path(frame.filename), frame.lineno or 0
                break
    what = "un gabarit du thème contient une erreur" if "jinja2" in type(error).__module__ \
        else "la construction du site a échoué"
    detail = " ".join(f"{type(error).__name__}: {error}".split())
    return Problem(path, line, f"{what} ({detail}) : {NOT_YOUR_TEXT}")


def _project_path(filename: str) -> str:
    """`plugins/kirby/reader.py` for a file of the project (not of .venv), else unchanged."""
    try:
        relative = Path(filename).resolve().relative_to(ROOT)
    except ValueError:
        return filename
    return filename if relative.parts[:1] == (".venv",) else relative.as_posix()


# --- Printing ---------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary(report: Report) -> str:
    checked = f"{_plural(report.pages, 'page')} vérifiée{'s' if report.pages > 1 else ''}"
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        files = len({p.path for p in report.errors if p.path})
        counts = _plural(errors, "erreur")
        if warnings:
            counts += f" et {_plural(warnings, 'avertissement')}"
        if files:
            checked += f", {_plural(files, 'fichier')} à corriger"
        return (f"{counts} ({checked}) : le site ne sera pas publié tant qu’il reste une "
                "erreur.")
    if warnings:
        return (f"Aucune erreur, {_plural(warnings, 'avertissement')} ({checked}) : le site "
                "peut être publié.")
    return f"Aucun problème ({checked}) : le site peut être publié."


def github_annotation(problem: Problem) -> str:
    """A workflow command that shows the problem on the commit's file, at its line."""
    kind = "error" if problem.severity == ERROR else "warning"
    where = ""
    if problem.path:
        where = f" file={_escape_property(problem.path)},line={max(problem.line, 1)}"
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind}{where}::{message}"


def _escape_property(value: str) -> str:
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def describe(problem: Problem) -> str:
    if problem.path:
        return str(problem)
    label = "" if problem.severity == ERROR else "avertissement : "
    return f"{label}{problem.message}"


def print_report(report: Report, out=None, github: bool | None = None,
                 full_list: Path | str = FULL_LIST) -> None:
    out = out or sys.stdout
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    if len(report.problems) <= SHOWN_ALL:
        for problem in report.problems:
            print(describe(problem), file=out)
    else:
        print_in_short(report.problems, str(full_list), out)
    if github:
        for problem in report.problems:
            print(github_annotation(problem), file=out)
    print(summary(report), file=out)


def print_in_short(problems: list[Problem], full_list: str, out) -> None:
    """Each kind with its count and first few; every problem in `full_list`."""
    error = write_list(map(describe, problems), full_list)
    blocks = summary_blocks(problems, shown_file(full_list), error, show=describe)
    for index, (_severity, lines) in enumerate(blocks):
        if index:
            print(file=out)  # a blank line between kinds: each reads as one
        for line in lines:
            print(line, file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check", description="Vérifie tout le contenu.")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--report", default=str(FULL_LIST),
                        help="la liste complète, quand il y a trop de problèmes pour les "
                        "montrer tous")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="check-") as folder:
        report = strict_build(Path(options.content), Path(folder) / "output", options.settings)
    print_report(report, full_list=options.report)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
