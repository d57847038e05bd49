"""`make check` with many problems: each kind with its count and first three, the full
list in the report file it names, a GitHub annotation for every one, the same last line
and exit status. (Few problems: tests/workflow/test_check_command.py.)"""

from __future__ import annotations

import io

from kirby.problems import WARNING, Problem

from tests.workflow.support import make_site, run_tool
from tools.check import Report, print_report

ESSAI = "content/3_essai/page.md"


def test_check_shows_fifty_broken_links_in_short_and_lists_them_all(tmp_path):
    text = "\n\n".join(f"(link: nulle-part-{n})" for n in range(50))
    content = make_site(tmp_path, {"3_essai/page.md": f"Title: Essai\n\n----\n\nText:\n\n{text}\n"})
    full_list = tmp_path / "rapport" / "problemes.txt"
    done = run_tool("check", "--content", str(content), "--report", str(full_list),
                    GITHUB_ACTIONS="true")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("50 erreurs : Le lien « … » mène à une page ou un fichier qui n’existe "
                        "pas sur le site ; les 3 premières :")
    assert [line.split(": ", 1)[0] for line in lines[1:4]] == [
        f"{ESSAI}:7", f"{ESSAI}:9", f"{ESSAI}:11"]
    assert "« /nulle-part-0 » mène à une page" in lines[1]
    assert not any(line.startswith(f"{ESSAI}:13:") for line in lines)
    assert f"Liste complète : {full_list}" in done.stdout
    assert len([line for line in lines if line.startswith(f"::error file={ESSAI},")]) == 50
    assert lines[-1] == ("50 erreurs (4 pages vérifiées, 1 fichier à corriger) : le site ne "
                         "sera pas publié tant qu’il reste une erreur.")
    listed = full_list.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[0] for line in listed] == [f"{ESSAI}:{7 + 2 * n}"
                                                           for n in range(50)]


def test_twenty_problems_are_all_printed_and_no_file_is_written(tmp_path):
    problems = [Problem(ESSAI, n, f"La balise « <b{n}> » a été retirée de la page : x.", WARNING)
                for n in range(1, 21)]
    out = io.StringIO()
    print_report(Report(problems, pages=1), out, github=False,
                 full_list=tmp_path / "problemes.txt")
    assert out.getvalue().splitlines()[:-1] == [str(problem) for problem in problems]
    assert not (tmp_path / "problemes.txt").exists()


def test_a_list_that_cannot_be_written_is_said(tmp_path):
    (tmp_path / "fichier").write_text("x")
    problems = [Problem(ESSAI, n, "La balise « x » a été retirée de la page : x.", WARNING)
                for n in range(1, 30)]
    out = io.StringIO()
    print_report(Report(problems, pages=1), out, github=False,
                 full_list=tmp_path / "fichier" / "problemes.txt")
    assert "La liste complète n’a pas pu être écrite dans" in out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("Aucune erreur, 29 avertissements")
