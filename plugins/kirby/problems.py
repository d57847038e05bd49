"""Content problems: what the volunteer must fix, where, in French.

One exception type (ContentError) for a problem that stops the reading of a
page, and one record type (Problem) for everything that is collected and shown
(`content/1_x/page.md:12: message`). Pure: no Pelican import.
"""

from __future__ import annotations

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
