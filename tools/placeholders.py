"""The `make new` template's sample text, found where a volunteer left it as it was.

`make new` writes tools/page-template.md: sample sentences to replace («
Nom de l’action », « Besoin identifié : le besoin auquel… ») and comments that
explain the format. A sample sentence left untouched would be published as the
collective's words, so it is an error (`make check` fails, `make publish`
refuses); a comment left in place is only a warning (readers never see it).

The sentences are read from the template itself: editing the template changes
what is looked for, with no second list to keep in step.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kirby.problems import ERROR, WARNING, Problem, shown_path
from kirby.tree import is_content_file, walk_folders

TEMPLATE = Path(__file__).resolve().parent / "page-template.md"
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FIELD_ONLY = re.compile(r"^\w[\w-]*:\s*$")  # `Text:` alone: the field's name, no sample


def normalise(text: str) -> str:
    """Spacing and apostrophes as a volunteer's editor may change them, nothing else."""
    return " ".join(text.replace("'", "’").split())


@cache
def template_parts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The template's sample sentences and its comments, normalised."""
    text = TEMPLATE.read_text(encoding="utf-8")
    comments = tuple(normalise(c) for c in _COMMENT.findall(text))
    sentences = []
    for line in _COMMENT.sub("", text).splitlines():
        line = line.strip()
        if line and "{{" not in line and not set(line) <= {"-"} and not _FIELD_ONLY.match(line):
            sentences.append(normalise(line))
    return tuple(sentences), comments


def _sample_pattern(sentence: str) -> re.Pattern:
    # Bounded on both sides: « *Nom de l’action* » is the sample, « *Nom de l’action
    # solidaire* » is the volunteer's own title.
    return re.compile(r"(?<![\w*])" + re.escape(sentence) + r"(?![\w*])")


def placeholder_problems(path: str, text: str) -> list[Problem]:
    """The template's sentences and comments left as they were in one file's `text`."""
    sentences, comments = template_parts()
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        shown = normalise(line)
        for sentence in sentences:
            if _sample_pattern(sentence).search(shown):
                problems.append(Problem(path, number, (
                    f"la phrase « {sentence} » est le texte d’exemple du modèle de « make "
                    "new » : remplacez-la par votre texte, ou supprimez-la."), ERROR))
    for match in _COMMENT.finditer(text):
        if normalise(match.group()) in comments:
            line = text.count("\n", 0, match.start()) + 1
            last = line + match.group().count("\n")
            problems.append(Problem(path, line, (
                f"le commentaire du modèle de « make new » (lignes {line} à {last}) est "
                "toujours là : "
                "il ne s’affiche pas sur le site mais reste dans le code de la page publiée ; "
                "supprimez-le, de « <!-- » à « --> », une fois la page écrite."), WARNING))
    return problems


def find_placeholders(content: Path) -> list[Problem]:
    """Every placeholder left in the content files of the published folders."""
    problems = []
    for folder, files in walk_folders(content):
        for name in files:
            if not is_content_file(name):
                continue
            path = content / folder / name
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # an unreadable file is the reader's problem, reported there
            shown = shown_path(path.relative_to(content).as_posix())
            problems += placeholder_problems(shown, text)
    return problems
