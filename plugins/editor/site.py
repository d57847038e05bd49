"""Pelican glue: /admin/, the browser editor, written into the output.

At `all_generators_finalized` the content model is read from the pages Pelican
read (their files and fields); at `finalized` the editor is written: the pinned
Sveltia CMS bundle from node_modules with its remote URLs rewritten
(bundle.py), its fonts and French strings from their npm packages, the Kirby
format, the start script and the configuration made from the content
(config.py). Each preview run writes the editor again: files already up to date
(same bytes, or a copy of the same size and time) are not written, so that a run
for one page costs no 2 MB copy.

Without node_modules (a machine with Python and make only) there is no editor:
the build says so once and publishes the rest of the site.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from itertools import chain
from pathlib import Path, PurePosixPath

from kirby.fields import parse_fields
from kirby.languages import split_language

from . import bundle
from .config import editor_config
from .policy import admin_policy

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
ADMIN = "admin"
SVELTIA = "sveltia"
PACKAGE = ("@sveltia", "cms")


def packages(settings) -> Path:
    default = Path(settings["PATH"]).parent / "node_modules"
    return Path(settings.get("EDITOR_NODE_MODULES") or default)


def add_robots_rule(pelican) -> None:
    """/admin/ is a tool, not content: robots.txt keeps crawlers out of it (plugins/seo)."""
    rules = pelican.settings.setdefault("ROBOTS_DISALLOW", [])
    if f"/{ADMIN}/" not in rules:
        rules.append(f"/{ADMIN}/")


def gather_model(generators) -> None:
    """The content's page files and their field keys, for the editor's collections:
    the pages and the news (articles), drafts and unlisted pages included."""
    files = {}
    for generator in generators:
        for name in ("pages", "hidden_pages", "draft_pages", "articles", "drafts"):
            for content in getattr(generator, name, ()):
                path = PurePosixPath(content.relative_source_path.replace(os.sep, "/"))
                files[path.as_posix()] = list(getattr(content, "field_lines", {}))
        settings = generator.settings
    if generators:
        settings["EDITOR_MODEL"] = files


def write_editor(pelican) -> None:
    settings = pelican.settings
    source = packages(settings) / Path(*PACKAGE)
    if not (source / "dist" / "sveltia-cms.js").is_file():
        log.warning("L’éditeur en ligne (/%s/) n’est pas construit : le paquet %s manque "
                    "dans %s. Lancez « npm ci » (ou « make test », qui le fait) pour l’avoir.",
                    ADMIN, "/".join(PACKAGE), packages(settings))
        return
    out = Path(pelican.output_path) / ADMIN
    script = source / "dist" / "sveltia-cms.js"
    write_bundle(script, out / SVELTIA / "sveltia-cms.js", f"/{ADMIN}/{SVELTIA}")
    copy(source / "locales" / "fr.json", out / SVELTIA / "locales" / "fr.json")
    # The hourly update check reads the package's version here: always the same one.
    version = json.loads((source / "package.json").read_text("utf-8"))["version"]
    write(out / SVELTIA / "package.json", json.dumps({"version": version}).encode())
    for _url, package, file in bundle.FONTS:
        copy(packages(settings) / package / "files" / file,
             out / SVELTIA / bundle.FONTS_FOLDER / file)
    for name in ("kirby-format.js", "actions-format.js", "editor.js"):
        copy(STATIC / name, out / name)
    files = model(settings)
    ext = extension(files)
    # The languages the kirby plugin found (kirby/languages.py), the default first.
    found = settings.get("KIRBY_LANGUAGE_SET")
    languages = tuple(found.codes) if found is not None and found.multi else ()
    config = editor_config(
        settings.get("EDITOR_CONTENT_FOLDER", "content"), files, ext,
        settings.get("EDITOR_BACKEND") or {"name": "test-repo"}, settings.get("SITEURL", ""),
        languages,
    )
    made = {"extension": ext, "languages": list(languages), "config": config}
    # Streamed: at 10,000 pages the text is half a megabyte, and json.dumps with an
    # indent holds it as some hundred thousand small strings at the build's peak.
    write_chunks(out / "config.js", chain(
        ["// Made at build time from the content (plugins/editor/config.py).\n"
         "window.EDITOR_CONFIG = "],
        json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(made), [";\n"]))
    page = (STATIC / "index.html").read_text("utf-8")
    policy = admin_policy(config["backend"])
    write(out / "index.html", page.replace("{{ policy }}", policy).encode())


def model(settings) -> dict[str, list[str]]:
    files = dict(settings.get("EDITOR_MODEL") or {})
    # The site's settings are not a page: `site.txt`, or `site.fr.txt`… per language.
    for site in sorted(Path(settings["PATH"]).glob("site.*")):
        if split_language(site.name)[0] in ("site.md", "site.txt") and site.is_file():
            files[site.name] = list(parse_fields(site.read_bytes().decode("utf-8", "replace")))
    return files


def extension(files) -> str:
    """The extension the site's files use (Kirby reads .txt and .md; a site uses one)."""
    counts = Counter(PurePosixPath(name).suffix[1:] for name in files)
    return counts.most_common(1)[0][0] if counts else "md"


def write_bundle(script: Path, target: Path, base: str) -> None:
    """The rewritten bundle at `target`, written a piece at a time (bundle_pieces),
    unless this process wrote it there already: a file of the size it wrote, stamped
    with the bundle's own time."""
    stamp = script.stat().st_mtime_ns
    key = (script, stamp, base)
    try:
        there = target.stat()
        if (there.st_size, there.st_mtime_ns) == (_written.get(key), stamp):
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        _written[key] = sum(handle.write(piece)
                            for piece in bundle.bundle_pieces(script.read_bytes(), base))
    os.utime(target, ns=(stamp, stamp))


# The size of each rewritten bundle written, by bundle, version and base.
_written: dict[tuple[Path, int, str], int] = {}


def copy(source: Path, target: Path) -> None:
    """`source` to `target` unless a copy of it is there already (same size and time)."""
    try:
        done, there = source.stat(), target.stat()
        if (done.st_size, done.st_mtime_ns) == (there.st_size, there.st_mtime_ns):
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def write_chunks(path: Path, chunks: Iterable[str]) -> None:
    """`chunks` to `path`, through a file beside it that replaces it only when they
    differ: the text is never held whole, a file that did not change keeps its time
    (as `write`), and a build stopped half-way leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = path.with_name(f".{path.name}.new")
    try:
        with new.open("w", encoding="utf-8") as handle:
            handle.writelines(chunks)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    if path.is_file() and filecmp.cmp(new, path, shallow=False):
        new.unlink()
    else:
        os.replace(new, path)


def write(path: Path, data: bytes) -> None:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
