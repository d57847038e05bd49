"""`make publish`: the strict check and the production build, all or nothing.

The site is built with publishconf.py (absolute SITEURL from the environment)
into a temporary folder beside `output/`, as strictly as `make check` (the
same build: every problem is collected). Only when there is no error and the
search index is made too does the new site take the place of `output/`, in
one rename where the system allows it. On any failure `output/` stays byte
for byte as it was.

    SITEURL=https://exemple.org python -m tools.publish [--output output]
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tools.check import ROOT, Problem, Report, print_report, strict_build

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def build_staging(content: Path, staging: Path, settings_file: str) -> Report:
    """The production site in `staging`, with its search index; the problems found."""
    report = strict_build(content, staging, settings_file)
    if not report.errors:
        try:
            from search.index import index_site  # plugins/search: Pagefind

            index_site(staging)
        except Exception as error:  # noqa: BLE001 -- reported in French, never a traceback
            report.problems.append(Problem("", 0, (
                f"l’index de recherche n’a pas pu être construit ({type(error).__name__}: "
                f"{error}) : ce n’est pas une erreur de votre texte ; signalez-la à l’équipe "
                "technique en copiant ce message.")))
    return report


def swap_into(staging: Path, output: Path) -> None:
    """Put `staging` where `output` is; the old output is deleted."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):  # one atomic step: readers never see a half site
        shutil.rmtree(staging)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    os.rename(output, old / output.name)
    os.rename(staging, output)
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE); False where the system lacks it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(first))


def publish(content: Path, output: Path, settings_file: str = "publishconf.py") -> int:
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        report = build_staging(content, staging / "site", settings_file)
        print_report(report)
        if report.errors:
            print(f"Rien n’a été publié : {_shown(output)}/ est resté tel quel.")
            return 1
        swap_into(staging / "site", output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    site_url = os.environ.get("SITEURL", "").rstrip("/")
    where = site_url + "/" if site_url else "la racine d’un domaine (SITEURL n’est pas défini)"
    print(f"Site publié dans {_shown(output)}/, pour l’adresse {where}.")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish", description="Publie le site.")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--settings", default="publishconf.py")
    options = parser.parse_args(argv)
    return publish(Path(options.content), Path(options.output), options.settings)


if __name__ == "__main__":
    sys.exit(main())
