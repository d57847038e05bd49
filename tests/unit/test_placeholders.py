"""The `make new` template's sample text is found wherever it was left as it was."""

from kirby.problems import ERROR, WARNING

from tools.new_page import create_page
from tools.placeholders import TEMPLATE, find_placeholders, placeholder_problems, template_parts

SAMPLES = ["Présentez ici le thème en quelques phrases : le constat, les personnes concernées, "
           "ce que le collectif veut changer.",
           "Les actions du collectif sur ce thème :",
           "*Nom de l’action*",
           "Besoin identifié : le besoin auquel l’action répond, en une phrase.",
           "Synthèse de l’action : ce que fait l’action, pour qui, avec quels partenaires."]


def test_the_samples_come_from_the_template_itself():
    sentences, comments = template_parts()
    assert list(sentences) == SAMPLES
    assert len(comments) == TEMPLATE.read_text(encoding="utf-8").count("<!--") == 2


def test_a_new_page_untouched_has_every_sample_as_an_error_with_its_line(tmp_path):
    page = create_page("Logement", tmp_path)
    text = page.read_text(encoding="utf-8")
    problems = find_placeholders(tmp_path)
    errors = [p for p in problems if p.severity == ERROR]
    assert [p.path for p in problems] == ["content/1_logement/page.md"] * 7
    lines = text.splitlines()
    assert [lines[p.line - 1].strip() for p in errors] == SAMPLES
    assert all("modèle de « make new »" in p.message for p in problems)
    warnings = [p for p in problems if p.severity == WARNING]
    assert [lines[p.line - 1].strip() for p in warnings] == ["<!--", "<!--"]


def test_replaced_samples_and_removed_comments_leave_nothing():
    text = ("Title: Logement\n\n----\n\nText:\n\nLe logement d’abord.\n\n"
            "Nos actions pour le logement :\n\n*Nom de l’action solidaire*\n"
            "Besoin identifié : un toit.\nSynthèse de l’action : un accueil de nuit.\n")
    assert placeholder_problems("content/2_logement/page.md", text) == []


def test_a_sample_is_found_with_other_spacing_quotes_and_words_around():
    text = ("Text:\n\n*Nom de l'action*   \n"
            "Besoin identifié :  le besoin auquel l’action répond, en une phrase. Et plus.\n")
    problems = placeholder_problems("content/x/page.md", text)
    assert [(p.line, p.severity) for p in problems] == [(3, ERROR), (4, ERROR)]
    assert str(problems[0]).startswith("content/x/page.md:3: la phrase « *Nom de l’action* »")


def test_an_edited_comment_is_the_volunteers_own():
    text = TEMPLATE.read_text(encoding="utf-8").replace("Modèle de page", "Ma page")
    second = text.splitlines().index("<!--", text.splitlines().index("<!--") + 1) + 1
    problems = placeholder_problems("content/x/page.md", text)
    assert [p.line for p in problems if p.severity == WARNING] == [second]


def test_drafts_are_not_looked_at(tmp_path):
    (tmp_path / "_drafts" / "1_x").mkdir(parents=True)
    (tmp_path / "_drafts" / "1_x" / "page.md").write_text(
        "Text: *Nom de l’action*\n", encoding="utf-8")
    assert find_placeholders(tmp_path) == []
