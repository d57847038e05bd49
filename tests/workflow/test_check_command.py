"""`make check` on bad inputs: the table is the spec (kirby-format.md §6).

Each case is the base fixture site plus a few files, checked by the real
command in a subprocess (`python -m tools.check`, what `make check` runs). Each
asserts the exit status, the `content/<path>:<line>:` of the problem with a
piece of its French message, and that no traceback ever shows. The cases run
in parallel, once per session; the tests then read their results.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from tests.support import ROOT
from tests.workflow.support import BASE_SITE, make_site, run_tool, tree_hashes

PHOTO = (BASE_SITE / "1_emploi" / "photo.png").read_bytes()


def page(text: str, title: str = "Essai") -> str:
    """A page whose Text starts at line 7."""
    return f"Title: {title}\n\n----\n\nText:\n\n{text}\n"


@dataclass
class Case:
    id: str
    files: dict
    exit: int
    where: str  # "content/<path>:<line>"
    says: str  # a piece of the message
    warning: bool = False


ESSAI = "content/3_essai/page.md"

CASES = [
    # kirby-format.md §6, in its order
    Case("latin-1", {"3_essai/page.md": "Title: Café\n\n----\n\nText: été".encode("latin-1")},
         1, f"{ESSAI}:1", "n’est pas enregistré en UTF-8"),
    Case("binary-txt", {"3_essai/page.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"},
         1, "content/3_essai/page.txt:1", "fichier binaire"),
    Case("empty-file", {"3_essai/page.md": ""}, 1, f"{ESSAI}:1", "le fichier est vide"),
    Case("no-title", {"3_essai/page.md": "Text: Un texte sans titre.\n"},
         1, f"{ESSAI}:1", "n’a pas de titre"),
    Case("title-on-two-lines", {"3_essai/page.md": "Title: Un titre\nqui continue\n----\nText: x"},
         1, f"{ESSAI}:1", "plusieurs lignes"),
    Case("separator-typed-3-dashes", {"3_essai/page.md": "Title: Essai\n---\nText: Le texte.\n"},
         1, f"{ESSAI}:2", "écrivez exactement quatre tirets"),
    Case("five-dashes-cut-the-text", {"3_essai/page.md": page("Avant\n\n-----\n\nAprès")},
         1, f"{ESSAI}:9", "plus de quatre tirets"),
    Case("missing-image-tag", {"3_essai/page.md": page("(image: absente.png alt: Une image)")},
         1, f"{ESSAI}:7", "« absente.png » est introuvable"),
    Case("missing-file-tag", {"3_essai/page.md": page("Le (file: rapport.pdf).")},
         1, f"{ESSAI}:7", "« rapport.pdf » est introuvable"),
    Case("missing-video-tag", {"3_essai/page.md": page("(video: film.mp4)")},
         1, f"{ESSAI}:7", "« film.mp4 » est introuvable"),
    Case("markdown-image-of-missing-file",
         {"3_essai/page.md": page("Texte.\n\n![Une image](absente.png)")},
         1, f"{ESSAI}:9", "L’image « absente.png » est introuvable"),
    Case("corrupt-image", {"1_emploi/cassee.png": b"ceci n'est pas une image"},
         1, "content/1_emploi/cassee.png:1", "ne peut pas être lue"),
    Case("cover-missing",
         {"3_essai/page.md": "Title: Essai\n\n----\n\nCover: absente.jpg\n\n----\n\nText: x\n"},
         1, f"{ESSAI}:5", "du champ Cover est introuvable"),
    Case("unclosed-tag", {"3_essai/page.md": page("Voir (link: https://example.org text: le site")},
         1, f"{ESSAI}:7", "n’est pas fermée"),
    Case("link-tag-to-missing-page", {"3_essai/page.md": page("Un\nautre\n(link: nulle-part)")},
         1, f"{ESSAI}:9", "« /nulle-part » mène à une page ou un fichier qui n’existe pas"),
    Case("markdown-link-to-missing-page", {"3_essai/page.md": page("Voir [ici](/logment/).")},
         1, f"{ESSAI}:7", "Vouliez-vous dire « /logement/ »"),
    Case("date-does-not-parse",
         {"3_essai/page.md": "Title: Essai\n\n----\n\nDate: 32/13/2024\n\n----\n\nText: x\n"},
         1, f"{ESSAI}:5", "la date « 32/13/2024 » ne se lit pas"),
    Case("yaml-error",
         {"3_essai/page.md": "Title: Essai\n\n----\n\nActions:\n\n- name: A\n  need: x: y\n"},
         1, f"{ESSAI}:8", "n’est pas du YAML valide"),
    Case("two-folders-one-url", {"3_emploi/page.md": "Title: Autre emploi\n----\nText: x\n"},
         1, "content/3_emploi/page.md:1", "la même adresse (/emploi/)"),
    Case("page-md-and-page-txt", {"2_logement/page.txt": "Title: Doublon\n"},
         1, "content/2_logement/page.txt:1", "déjà un fichier de contenu (page.md)"),
    Case("two-files-one-address", {"emploi/photo.png": b"une autre image"},
         1, "content/emploi/photo.png:1", "qui est différent"),
    Case("action-without-need",
         {"3_essai/page.md": page("Les actions :\n\n*Sans besoin*\nSynthèse de l’action : une.")},
         1, f"{ESSAI}:9", "n’a pas de besoin identifié"),
    Case("action-without-synthesis",
         {"3_essai/page.md": page("Les actions :\n\n*Sans synthèse*\nBesoin identifié : un.")},
         1, f"{ESSAI}:9", "n’a pas de synthèse"),
    Case("two-equal-anchors", {"3_essai/page.md": page(
        "*Une action*\nBesoin identifié : a.\nSynthèse de l’action : b.\n\n"
        "*Une action*\nBesoin identifié : c.\nSynthèse de l’action : d.")},
         1, f"{ESSAI}:11", "porte le même nom"),
    Case("link-in-an-action-to-missing-page", {"3_essai/page.md": page(
        "*Une action*\nBesoin identifié : voir (link: nulle-part).\nSynthèse de l’action : b.")},
         1, f"{ESSAI}:8", "mène à une page ou un fichier qui n’existe pas"),
    Case("page-at-the-actions-address", {"3_actions/page.md": page("Nos actions.", "Actions")},
         1, "content/3_actions/page.md:1", "où le site publie la liste des actions"),
    Case("javascript-link-tag", {"3_essai/page.md": page("(link: javascript:alert(1) text: Ici)")},
         1, f"{ESSAI}:7", "est dangereuse"),
    # Kirby 3+ content: blocks, layouts and UUID references.
    Case("blocks-json-broken", {"3_essai/page.md": 'Title: Essai\n\n----\n\nText: '
                                '[{"type": "text", "content": {"text": "<p>a</p>"}\n'},
         1, f"{ESSAI}:5", "ressemble à des blocs Kirby (JSON) mais ne se lit pas"),
    Case("unknown-page-uuid", {"3_essai/page.md": page("Voir (link: page://inconnue text: ici).")},
         1, f"{ESSAI}:7", "« page://inconnue » ne mène nulle part"),
    Case("unknown-file-uuid-in-a-block", {"3_essai/page.md": 'Title: Essai\n\n----\n\nText: '
                                          '[{"id": "b1", "type": "image", "content": '
                                          '{"image": ["file://inconnu"], "alt": "x"}}]\n'},
         1, f"{ESSAI}:5", "« file://inconnu » ne mène nulle part"),
    Case("unknown-cover-uuid", {"3_essai/page.md": "Title: Essai\n\n----\n\n"
                                "Cover: - file://absente\n\n----\n\nText: x\n"},
         1, f"{ESSAI}:5", "« file://absente » ne mène nulle part"),
    Case("unknown-block-type", {"3_essai/page.md": 'Title: Essai\n\n----\n\nText: '
                                '[{"id": "b1", "type": "carte", "content": {"titre": "Une"}}]\n'},
         0, f"{ESSAI}:5", "le bloc de type « carte » n’a pas de modèle", warning=True),
    # Warnings: shown, not failing. What the sanitiser removes is one: the page
    # publishes without it (a paste never stops the site).
    Case("script", {"3_essai/page.md": page("Texte.\n\n<script>alert(1)</script>")},
         0, f"{ESSAI}:9", "« <script> » a été retirée", warning=True),
    Case("event-handler", {"3_essai/page.md": page('<p onclick="alert(1)">Texte</p>')},
         0, f"{ESSAI}:7", "« onclick » de la balise « <p> » a été retiré", warning=True),
    Case("javascript-markdown-link", {"3_essai/page.md": page("[Cliquez](javascript:alert(1))")},
         0, f"{ESSAI}:7", "« javascript:alert(1) » a été retirée", warning=True),
    Case("meta-refresh", {"3_essai/page.md": page(
        'Texte.\n\n<meta http-equiv="refresh" content="0;url=https://example.org/">')},
         0, f"{ESSAI}:9", "« <meta> » a été retirée", warning=True),
    Case("unknown-tag", {"3_essai/page.md": page("Une (note: x) ici.")},
         0, f"{ESSAI}:7", "n’existe pas et reste telle quelle", warning=True),
    Case("image-tag-without-alt", {"1_emploi/photo.png.md": None},
         0, "content/1_emploi/page.md:11", "n’a pas de texte alternatif", warning=True),
    Case("markdown-image-without-alt",
         {"3_essai/page.md": page("![](photo.png)"), "3_essai/photo.png": PHOTO},
         0, f"{ESSAI}:7", "n’a pas de texte alternatif", warning=True),
    Case("same-file-twice-one-address", {"emploi/photo.png": PHOTO},
         0, "content/emploi/photo.png:1", "est le même que", warning=True),
]


@pytest.fixture(scope="session")
def results(tmp_path_factory):
    """Every case checked by the command, a few subprocesses at a time."""

    def check(case):
        content = make_site(tmp_path_factory.mktemp(case.id), case.files)
        done = run_tool("check", "--content", str(content))
        return case.id, (done.returncode, done.stdout, done.stderr)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(check, CASES))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_reported_at_its_line(case, results):
    code, stdout, stderr = results[case.id]
    assert "Traceback" not in stdout + stderr
    assert code == case.exit, stdout + stderr
    label = "avertissement : " if case.warning else ""
    lines = [line for line in stdout.splitlines() if line.startswith(f"{case.where}: {label}")]
    assert any(case.says in line for line in lines), stdout
    summary = stdout.splitlines()[-1]
    if case.exit:
        assert "le site ne sera pas publié" in summary
    else:
        assert summary.startswith("Aucune erreur,")


def test_every_problem_of_every_file_at_once(tmp_path):
    files = {}
    for case in CASES:
        if not case.where.startswith(ESSAI) and case.id != "same-file-twice-one-address":
            files.update(case.files)  # the cases that are not in 3_essai/page.md
    files["3_essai/page.md"] = page("Une (note: x).\n\n![Une image](absente.png)")
    files["10_autre/page.md"] = page("(link: nulle-part)")
    result = run_tool("check", "--content", str(make_site(tmp_path, files)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        "content/1_emploi/cassee.png:1",
        "content/1_emploi/page.md:11",  # warning
        "content/2_logement/page.txt:1",
        "content/3_actions/page.md:1",
        "content/3_emploi/page.md:1",
        f"{ESSAI}:7",  # warning
        f"{ESSAI}:9",
        "content/3_essai/page.txt:1",
        "content/10_autre/page.md:7",  # 10 after 3: folders in natural order
        "content/emploi/photo.png:1",
    ]
    assert lines[-1] == ("8 erreurs et 2 avertissements (7 pages vérifiées, 8 fichiers à "
                         "corriger) : le site ne sera pas publié tant qu’il reste une erreur.")


def test_the_base_site_has_no_problem_and_the_check_writes_nothing_beside_it(tmp_path):
    content = make_site(tmp_path, {})
    before = tree_hashes(tmp_path)
    base = run_tool("check", "--content", str(content))
    assert base.returncode == 0
    assert base.stdout == "Aucun problème (3 pages vérifiées) : le site peut être publié.\n"
    assert "Traceback" not in base.stdout + base.stderr
    assert tree_hashes(tmp_path) == before  # the build went to a temporary folder


def test_github_annotations_on_the_commit_files(tmp_path):
    content = make_site(tmp_path, {"3_essai/page.md": page(
        "Une (note: x).\n\n![Une image](absente.png)\n\n<script>x</script>")})
    result = run_tool("check", "--content", str(content), GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert f"::error file={ESSAI},line=9::L’image « absente.png »" in result.stdout
    assert f"::warning file={ESSAI},line=7::La balise « (note: … »" in result.stdout
    assert f"::warning file={ESSAI},line=11::La balise « <script> » a été retirée" in result.stdout
    plain = run_tool("check", "--content", str(content))
    assert "::error" not in plain.stdout


def test_a_broken_template_fails_the_check_in_french(tmp_path):
    from tools.check import strict_build

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "page.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ page.title | pas_de_filtre }}", 1),
        encoding="utf-8")
    report = strict_build(make_site(tmp_path, {}), tmp_path / "out", THEME=str(theme))
    [error] = report.errors
    assert error.path.endswith("templates/page.html") and error.line > 1
    assert error.message.startswith("un gabarit du thème contient une erreur")
    assert "signalez-la à l’équipe technique" in error.message


def test_an_exception_in_a_plugin_fails_the_check_in_french(tmp_path):
    from tools.check import strict_build

    plugins = tmp_path / "plugins"
    (plugins / "boom").mkdir(parents=True)
    (plugins / "boom" / "__init__.py").write_text(
        "from pelican import signals\n\n"
        "def explode(generators):\n"
        "    if generators[0].settings.get('BOOM'):\n"
        "        raise RuntimeError('boom')\n\n"
        "def register():\n"
        "    signals.all_generators_finalized.connect(explode)\n", encoding="utf-8")
    try:
        report = strict_build(make_site(tmp_path, {}), tmp_path / "out", BOOM=True,
                              PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugins)],
                              PLUGINS=["kirby", "actions", "boom"])
    finally:  # Pelican's signals outlive the build: later builds must not explode
        from pelican import signals

        signals.all_generators_finalized.disconnect(sys.modules.pop("boom").explode)
    [error] = report.errors
    assert error.message.startswith("la construction du site a échoué (RuntimeError: boom)")


def test_a_missing_content_folder_is_said_in_french(tmp_path):
    result = run_tool("check", "--content", str(tmp_path / "absent"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"le dossier du contenu « {tmp_path / 'absent'} » n’existe pas")
    assert "Traceback" not in result.stdout + result.stderr
