"""Content problems: what the volunteer must fix, where, in French.

One exception type (ContentError) for a problem that stops the reading of a
page, and one record type (Problem) for everything that is collected and shown
(`content/1_x/page.md:12: message`). Pure: no Pelican import.

A build with many problems is shown in short (`summary_blocks`): each kind of
problem with its count and its first few, the full list going to a file; the
plugin's console (console.py) and `make check` both use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
# Problems name their file as the volunteer sees it in the repository.
CONTENT_FOLDER = "content"


def shown_path(*parts: str) -> str:
    """`content/1_emploi/page.md` for a path relative to the content folder."""
    relative = "/".join(part.replace("\\", "/").strip("/") for part in parts if part)
    return f"{CONTENT_FOLDER}/{relative}"


def source_of(content) -> str:
    """The shown path of a Pelican content object's source file."""
    return shown_path(content.get_relative_source_path())


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        label = "" if self.severity == ERROR else "avertissement : "
        return f"{self.path}:{self.line}: {label}{self.message}"


class ContentError(Exception):
    """A content problem with its line (1-based) and, once known, its file."""

    def __init__(self, message: str, line: int = 1, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

    def problem(self, path: str | None = None) -> Problem:
        return Problem(path or self.path or "?", self.line, self.message)

    def __str__(self) -> str:
        return str(self.problem()) if self.path else self.message


# --- Many problems, in short ---------------------------------------------------------

# Up to this many problems in all, each is shown; beyond, a summary per kind:
# thousands of lines teach a volunteer nothing and cost seconds to print.
SHOWN_ALL = 20
FIRST_OF_KIND = 3

_QUOTED = re.compile(r"«[^»]*»")
# What differs between two problems of one kind outside « … »: paths and URLs
# (`(/emploi/)`, `content/1_x/page.md`) and numbers.
_VARIABLE = re.compile(r"\S*/\S*|(?<![\w-])\d+(?![\w-])")


def kind_of(problem: Problem) -> tuple[str, str]:
    """(severity, what is wrong): the message up to its « : » (what to do may vary
    with the case, a suggestion for instance), quoted parts and paths as « … »."""
    text = _QUOTED.sub("« … »", problem.message)
    what = text.split(" : ", 1)[0].strip() or text
    return problem.severity, _VARIABLE.sub("…", what)


def summary_blocks(problems: Iterable[Problem], full_list: str, error: str = "",
                   first: int = FIRST_OF_KIND, show=str) -> list[tuple[str, list[str]]]:
    """Each kind of problem (errors first, the most frequent first) as (severity,
    lines): its count and what it is, then its `first` problems in full; last, the
    count of all and where the full list is (`full_list`, or `error` saying why
    it could not be written). A problem's line is `show(problem)`. In French: the
    volunteer reads it."""
    problems = list(problems)
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        kinds.setdefault(kind_of(problem), []).append(problem)
    order = sorted(kinds.items(), key=lambda item: (item[0][0] != ERROR, -len(item[1])))
    blocks = []
    for (severity, what), found in order:
        noun, firsts = (("erreur", "premières") if severity == ERROR
                        else ("avertissement", "premiers"))
        head = f"{_count(len(found), noun)} : {what}"
        if len(found) > first:
            head += f" ; les {first} {firsts} :"
        blocks.append((severity, [head, *map(show, found[:first])]))
    where = f"Liste complète : {full_list}" if not error else error
    worst = ERROR if any(p.severity == ERROR for p in problems) else WARNING
    blocks.append((worst, [
        f"{_count(len(problems), 'problème')} en tout : trop pour les montrer un par un, "
        f"chaque sorte est montrée ci-dessus par son nombre et ses {first} premiers. "
        f"{where}"]))
    return blocks


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count > 1 else ''}"


def write_list(lines: Iterable[str], path: str) -> str:
    """Write the full list, one problem a line; "" when done, else why not (French)."""
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(f"{line}\n" for line in lines)
    except OSError as error:
        return (f"La liste complète n’a pas pu être écrite dans {path} "
                f"({error.strerror or error}) : vérifiez que ce dossier peut être écrit.")
    return ""


def shown_file(path: str) -> str:
    """`cache/problemes.txt` for a file under the current folder, else its full path."""
    path = os.path.abspath(path)
    relative = os.path.relpath(path, os.getcwd())
    return path if relative.startswith("..") else relative
