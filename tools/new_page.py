"""`make new TITRE="Logement"`: a new page from the commented template.

Creates `content/<next number>_<slug>/page.md` (the number after the highest
numbered top-level folder, so the page comes last in the menu; the slug made
from the title as Kirby makes it) and prints its path.

    python -m tools.new_page "Logement" [--content content]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "page-template.md"
from kirby.tree import next_number as tree_next_number
from kirby.tree import slugify, split_folder_name


class NewPageError(Exception):
    """What stops the page from being created, in French."""


def next_number(content: Path) -> int:
    return tree_next_number(entry.name for entry in os.scandir(content) if entry.is_dir())


def create_page(title: str, content: Path) -> Path:
    """The new page's content file, written from the template."""
    title = " ".join(title.split())
    if not title:
        raise NewPageError("Donnez le titre de la nouvelle page, par exemple : "
                           "make new TITRE=\"Logement\"")
    slug = slugify(title)
    if not slug:
        raise NewPageError(f"Le titre « {title} » ne donne pas d’adresse de page : "
                           "utilisez au moins une lettre ou un chiffre.")
    if not content.is_dir():
        raise NewPageError(f"Le dossier du contenu « {content} » n’existe pas.")
    for entry in os.scandir(content):
        if entry.is_dir() and split_folder_name(entry.name)[1] == slug:
            raise NewPageError(f"Une page a déjà l’adresse /{slug}/ (dossier content/"
                               f"{entry.name}) : choisissez un autre titre, ou modifiez "
                               "cette page-là.")
    folder = content / f"{next_number(content)}_{slug}"
    folder.mkdir()
    page = folder / "page.md"
    page.write_text(TEMPLATE.read_text(encoding="utf-8").replace("{{ titre }}", title),
                    encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new", description="Crée une nouvelle page.")
    parser.add_argument("titre", nargs="?", default=os.environ.get("TITRE", ""))
    parser.add_argument("--content", default=str(ROOT / "content"))
    options = parser.parse_args(argv)
    content = Path(options.content)
    try:
        page = create_page(options.titre, content)
    except NewPageError as error:
        print(error, file=sys.stderr)
        return 1
    shown = page.relative_to(content.parent).as_posix() if content.name == "content" else page
    print(f"Page créée : {shown}")
    print(f"Modifiez-la, puis « make serve » pour la voir à l’adresse "
          f"http://localhost:8000/{split_folder_name(page.parent.name)[1]}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
