"""Many problems on the console: a summary per kind and the full list in a file; few
problems: each shown as before. Pure functions first, then `pelican` itself."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kirby.console import HeldProblems
from kirby.problems import ERROR, WARNING, Problem, kind_of, summary_blocks

from tests.support import ROOT
from tests.workflow.support import BASE_SITE

BROKEN = ("Le lien « /{} » mène à une page ou un fichier qui n’existe pas sur le site : "
          "corrigez l’adresse (une page s’écrit par le nom de son dossier sans le numéro, par "
          "exemple « (link: nom-du-dossier) »).")


def broken(number: int, hint: str = "") -> Problem:
    return Problem("content/3_essai/page.md", 7 + 2 * number,
                   BROKEN.format(f"nulle-part-{number}") + hint)


def test_a_kind_is_the_message_without_its_particulars():
    assert kind_of(broken(1)) == kind_of(broken(2, " Vouliez-vous dire « /logement/ » ?"))
    assert kind_of(broken(1))[1] == ("Le lien « … » mène à une page ou un fichier qui "
                                     "n’existe pas sur le site")
    same_address = [Problem(f"content/{n}_emploi/page.md", 1, f"cette page a la même adresse "
                            f"(/emploi/{n}/) que content/{n}_x/page.md : renommez …")
                    for n in (1, 2)]
    assert kind_of(same_address[0]) == kind_of(same_address[1])
    assert kind_of(broken(1)) != kind_of(Problem("a", 1, broken(1).message, WARNING))


def test_the_summary_counts_each_kind_and_shows_its_first_three():
    script = [Problem("content/a/page.md", n, "La balise « <script> » a été retirée de la "
                      "page : elle exécuterait du code.", WARNING) for n in (1, 2)]
    problems = [broken(n) for n in range(50)] + script
    blocks = summary_blocks(problems, "cache/problemes.txt")
    assert blocks[0] == (ERROR, [
        "50 erreurs : Le lien « … » mène à une page ou un fichier qui n’existe pas sur le "
        "site ; les 3 premières :", *(str(broken(n)) for n in range(3))])
    assert blocks[1] == (WARNING, ["2 avertissements : La balise « … » a été retirée de la "
                                   "page", *map(str, script)])
    assert blocks[2] == (ERROR, [
        "52 problèmes en tout : trop pour les montrer un par un, chaque sorte est montrée "
        "ci-dessus par son nombre et ses 3 premiers. Liste complète : cache/problemes.txt"])


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def held_console(tmp_path, count: int) -> tuple[Recorder, HeldProblems]:
    console = Recorder()
    held = HeldProblems(console)
    held.report = str(tmp_path / "cache" / "problemes.txt")
    console.addFilter(held)
    logger = logging.getLogger("kirby.test")
    for number in range(count):
        record = logger.makeRecord("kirby.test", logging.ERROR, __file__, 1, "%s",
                                   (broken(number),), None)
        console.handle(record)
    return console, held


def test_problems_wait_for_the_end_of_the_build_and_few_show_as_they_came(tmp_path):
    console, held = held_console(tmp_path, 20)
    assert console.lines == []
    held.show()
    assert console.lines == [str(broken(n)) for n in range(20)]
    assert not (tmp_path / "cache").exists()


def test_many_problems_show_in_short_and_all_go_to_the_file(tmp_path):
    console, held = held_console(tmp_path, 50)
    held.show()
    assert len(console.lines) == 2
    assert console.lines[0].splitlines()[1:] == [str(broken(n)) for n in range(3)]
    assert console.lines[1].endswith(f"Liste complète : {tmp_path / 'cache' / 'problemes.txt'}")
    listed = (tmp_path / "cache" / "problemes.txt").read_text(encoding="utf-8").splitlines()
    assert listed == [str(broken(n)) for n in range(50)]


def test_a_build_that_stops_shows_what_it_found_first(tmp_path):
    console, _held = held_console(tmp_path, 2)
    console.handle(logging.LogRecord("pelican", logging.CRITICAL, __file__, 1, "boom", (), None))
    assert console.lines == [str(broken(0)), str(broken(1)), "boom"]


# --- `pelican` itself, on its console -------------------------------------------------


def pelican(tmp_path: Path, links: int) -> tuple[subprocess.CompletedProcess, Path]:
    """`pelican content` on the base site plus a page of `links` broken links."""
    content = tmp_path / "content"
    shutil.copytree(BASE_SITE, content)
    (content / "3_essai").mkdir()
    text = "\n\n".join(f"(link: nulle-part-{n})" for n in range(links))
    (content / "3_essai" / "page.md").write_text(f"Title: Essai\n\n----\n\nText:\n\n{text}\n",
                                                 encoding="utf-8")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(f"SITENAME = 'Essai'\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                    "PLUGINS = ['kirby']\nTHEME = 'simple'\nTIMEZONE = 'Europe/Paris'\n"
                    f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    # Wide: Pelican's rich console would wrap the long French lines at 80 columns.
    done = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(conf),
                           "-o", str(tmp_path / "output")], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False,
                          env={**os.environ, "COLUMNS": "2000"})
    return done, tmp_path / "cache" / "problemes.txt"


def test_pelican_shows_fifty_problems_of_a_kind_in_short(tmp_path):
    done, full_list = pelican(tmp_path, 50)
    shown = done.stdout + done.stderr
    assert "Traceback" not in shown
    assert "50 erreurs : Le lien « … » mène à une page ou un fichier qui n’existe pas sur le " \
           "site ; les 3 premières :" in shown
    lines = [line for line in shown.splitlines() if "content/3_essai/page.md:" in line]
    assert len(lines) == 3
    for number, line in enumerate(lines):
        assert f"content/3_essai/page.md:{7 + 2 * number}: Le lien « /nulle-part-{number} »" in line
    # The setting's default: the file in Pelican's cache folder, named by the summary.
    assert "Liste complète : cache/problemes.txt" in shown
    listed = full_list.read_text(encoding="utf-8").splitlines()
    assert len(listed) == 50
    assert all(line.startswith("content/3_essai/page.md:") for line in listed)


def test_pelican_shows_three_problems_as_before(tmp_path):
    done, full_list = pelican(tmp_path, 3)
    shown = done.stdout + done.stderr
    lines = [line for line in shown.splitlines() if "content/3_essai/page.md:" in line]
    assert [line.split("ERROR", 1)[-1].split(": Le lien")[0].strip() for line in lines] == [
        "content/3_essai/page.md:7", "content/3_essai/page.md:9", "content/3_essai/page.md:11"]
    assert "en tout" not in shown and "Liste complète" not in shown
    assert not full_list.exists()
