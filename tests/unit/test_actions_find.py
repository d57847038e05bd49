"""The collective's actions, found in a page's Text field or its Actions field.

The tables below are the spec of plugins/actions/find.py; the Text goes through
the real KirbyText engine with the actions extension (find_actions), so that
what Markdown makes a heading, code, a list or a quote is what the spec sees.
"""

from __future__ import annotations

import random

import pytest
from actions.find import (
    Action,
    ActionGroup,
    actions_from_yaml,
    assign_anchors,
    check_actions,
    slugify,
)
from actions.markdown import find_action_groups, find_actions
from kirby.kirbytags import TagContext
from kirby.kirbytext import PageText
from kirby.problems import ContentError

NBSP, NNBSP = "\u00a0", "\u202f"


def act(name, need="x", synthesis="y", **more):
    """An expected action; only the fields given are compared."""
    return {"name": name, "need": need, "synthesis": synthesis, **more}


def lines(*rows: str) -> str:
    return "\n".join(rows)


def seen(action: Action, expected: dict) -> dict:
    return {key: getattr(action, key) for key in expected}


# The Text field of the seed page (seed/acces-a-l-emploi.txt), verbatim: the trailing
# spaces, the typographic apostrophes, the double space in « du  champ » and no final
# newline are the collective's own.
SEED_TEXT = lines(
    '(image: insertion.png)',
    '',
    (
        'Les associations du collectif souhaitent développer des actions innovantes pour '
        'rejoindre les publics les plus éloignés de l’emploi en travaillant selon une '
        'méthodologie inductive, en utilisant les compétences et l’expérience des '
        'personnes qui subissent la précarité pour qu’elles contribuent à l’activité '
        'économique locale. '
    ),
    (
        'Le collectif s’appuie sur des dynamiques territoriales et des réseaux d’acteurs '
        'dans lesquels les propositions d’accompagnement - et plus spécifiquement '
        'd’accompagnement vers l’emploi - prennent toute leur place.'
    ),
    (
        'Ces actions complètent toutes les actions déjà engagées. Nous demeurons '
        'attentifs au bon déploiement et à l’animation des dispositifs d’Insertion par '
        'l’Activité Economique existants (IAE), mais nous voulons aussi promouvoir des '
        'actions à destination des publics les plus fragiles, très éloignés de l’emploi '
        'et souvent dans l’incapacité de rejoindre les dispositifs d’IAE classiques.'
    ),
    '',
    'Les 3 actions prioritaires du collectif en faveur de l’emploi : ',
    '',
    '*Dispositif Premières Heures* ',
    'Besoin identifié : reprendre confiance en soi pour aller vers l’emploi.',
    (
        'Synthèse de l’action : il s’agit d’ouvrir la possibilité à des personnes très '
        'éloignées de l’emploi, qui ne répondent pas aux critères d’admission dans les '
        'dispositifs existants, de reprendre pied dans le monde du travail quelques '
        'heures par semaine. Cette activité, complétée par un accompagnement social '
        'global, est un premier pas vers un chantier d’insertion, une formation, ou un '
        'véritable emploi.'
    ),
    '',
    '*Territoire Zéro Chômeur* ',
    (
        'Besoin identifié : reprise d’une activité professionnelle par les chômeurs de '
        'longue durée.'
    ),
    (
        'Synthèse de l’action : à l’occasion de l’ouverture d’une seconde vague '
        'd’expérimentation, plusieurs collectivités du 92, soutenues par un grand nombre '
        'de partenaires du département, pourraient déployer ce dispositif dans des '
        'quartiers ciblés. Il s’agit de permettre à des personnes au chômage depuis plus '
        'd’un an de reprendre une activité choisie qui réponde à un besoin non couvert '
        'et non concurrentiel de la collectivité. L’activité serait portée par une '
        'entreprise à but d’emploi. Le collectif Citoyens Fraternels 92 soutient '
        'particulièrement la candidature d’Asnières. '
    ),
    '',
    '*Valorisation d’espaces urbains en transition* ',
    (
        'Besoin identifié : créer des zones de développement à vocation sociale, '
        'économique, culturelle et écologique.'
    ),
    (
        'Synthèse de l’action : il s’agit de permettre à des acteurs de l’économie '
        'sociale et solidaire (ESS), de l’économie circulaire, du  champ social et de la '
        'création artistique, de développer des projets sur des sites en transition. '
        'Cette « occupation » temporaire (3 à 5 ans) agit comme une couveuse '
        'd’entreprises mais ouvre aussi à des projets innovants et collaboratifs '
        'permettant de créer de nouvelles dynamiques territoriales dans le champ de '
        'l’action sociale et de l’économie durable.'
    ),
)

SEED_GROUP = "Les 3 actions prioritaires du collectif en faveur de l’emploi"
SEED_ACTIONS = [
    act(
        line=9, group=SEED_GROUP,
        name="Dispositif Premières Heures", anchor="dispositif-premieres-heures",
        need="reprendre confiance en soi pour aller vers l’emploi.",
        synthesis=(
            'il s’agit d’ouvrir la possibilité à des personnes très éloignées de l’emploi, '
            'qui ne répondent pas aux critères d’admission dans les dispositifs existants, '
            'de reprendre pied dans le monde du travail quelques heures par semaine. Cette '
            'activité, complétée par un accompagnement social global, est un premier pas '
            'vers un chantier d’insertion, une formation, ou un véritable emploi.'
        ),
        extras=[],
    ),
    act(
        line=13, group=SEED_GROUP,
        name="Territoire Zéro Chômeur", anchor="territoire-zero-chomeur",
        need="reprise d’une activité professionnelle par les chômeurs de longue durée.",
        synthesis=(
            'à l’occasion de l’ouverture d’une seconde vague d’expérimentation, plusieurs '
            'collectivités du 92, soutenues par un grand nombre de partenaires du '
            'département, pourraient déployer ce dispositif dans des quartiers ciblés. Il '
            's’agit de permettre à des personnes au chômage depuis plus d’un an de reprendre '
            'une activité choisie qui réponde à un besoin non couvert et non concurrentiel '
            'de la collectivité. L’activité serait portée par une entreprise à but d’emploi. '
            'Le collectif Citoyens Fraternels 92 soutient particulièrement la candidature '
            'd’Asnières.'
        ),
        extras=[],
    ),
    act(
        line=17, group=SEED_GROUP,
        name="Valorisation d’espaces urbains en transition",
        anchor="valorisation-d-espaces-urbains-en-transition",
        need=(
            'créer des zones de développement à vocation sociale, économique, culturelle et '
            'écologique.'
        ),
        synthesis=(
            'il s’agit de permettre à des acteurs de l’économie sociale et solidaire (ESS), '
            'de l’économie circulaire, du  champ social et de la création artistique, de '
            'développer des projets sur des sites en transition. Cette « occupation » '
            'temporaire (3 à 5 ans) agit comme une couveuse d’entreprises mais ouvre aussi à '
            'des projets innovants et collaboratifs permettant de créer de nouvelles '
            'dynamiques territoriales dans le champ de l’action sociale et de l’économie '
            'durable.'
        ),
        extras=[],
    ),
]

# --- Detection: the table --------------------------------------------------------------

DETECTION = [
    pytest.param(SEED_TEXT, SEED_ACTIONS, id="seed-verbatim"),
    pytest.param(SEED_TEXT.replace("\n", "\r\n"), SEED_ACTIONS, id="seed-crlf"),
    pytest.param(
        lines("Nos actions :", "", "**Maraude solidaire**",
              "Besoin identifié : rompre l’isolement.",
              "Synthèse de l’action : des tournées le soir."),
        [act("Maraude solidaire", "rompre l’isolement.", "des tournées le soir.",
             anchor="maraude-solidaire", group="Nos actions", line=3)],
        id="bold-name",
    ),
    pytest.param(
        lines("_Épicerie sociale_", "Besoin : x", "Synthèse : y", "",
              "__Jardin partagé__  ", "Besoin : x", "Synthèse : y", "",
              "***Atelier couture***", "Besoin : x", "Synthèse : y"),
        [act("Épicerie sociale", anchor="epicerie-sociale", line=1, group=None),
         act("Jardin partagé", anchor="jardin-partage", line=5),
         act("Atelier couture", anchor="atelier-couture", line=9)],
        id="underscore-and-bold-italic-names",
    ),
    pytest.param(
        lines("### Café des parents", "Besoin identifié : x", "Synthèse : y", "",
              "## *Atelier vélo* ##", "Besoin identifié : x", "Synthèse : y", "",
              "#Sans espace", "Besoin : x", "Synthèse : y"),
        [act("Café des parents", anchor="cafe-des-parents", line=1),
         act("Atelier vélo", anchor="atelier-velo", line=5),
         act("Sans espace", line=9)],
        id="heading-names",
    ),
    pytest.param(
        lines("*A*", f"Besoin identifié{NBSP}: x", f"Synthèse de l’action{NNBSP}: y", "",
              "*B*", f"Besoin{NBSP}{NBSP}identifié : x", f"Synthèse{NBSP}:{NBSP}y"),
        [act("A"), act("B")],
        id="nbsp-and-nnbsp-before-colon",
    ),
    pytest.param(
        lines("*A*", "Besoin identifié : x", "Synthèse de l'action : y", "",
              "*B*", "Besoin identifié : x", "Synthèse de l’action : y", "",
              "*C*", "Besoin identifié : x", "Synthèse de lʼaction : y", "",
              "*D*", "Besoin identifié : x", "Synthese de l action : y"),
        [act("A"), act("B"), act("C"), act("D")],
        id="both-apostrophes",
    ),
    pytest.param(
        lines("*A*", "BESOIN IDENTIFIÉ : x", "SYNTHÈSE DE L’ACTION : y", "",
              "*B*", "besoin identifie : x", "SYNTHESE : y"),
        [act("A"), act("B")],
        id="uppercase-and-unaccented-labels",
    ),
    pytest.param(
        lines("*A*", "Besoin:x", "Site:www.example.org", "https://example.org", "Synthèse: y"),
        [act("A", "x\nSite:www.example.org\nhttps://example.org", "y", extras=[])],
        id="colon-glued-to-value",
    ),
    pytest.param(
        lines("*Accueil de jour*",
              "Public visé : personnes sans domicile",
              "Besoin identifié : un lieu pour se poser.",
              "Partenaires : CCAS, Secours populaire",
              "Synthèse de l’action : un accueil ouvert tous les matins.",
              "Lieu : Nanterre",
              "Contact : (email: accueil@example.org)",
              "Tél. : 01 23 45 67 89"),
        [act("Accueil de jour", "un lieu pour se poser.", "un accueil ouvert tous les matins.",
             extras=[("Public visé", "personnes sans domicile"),
                     ("Partenaires", "CCAS, Secours populaire"),
                     ("Lieu", "Nanterre"),
                     ("Contact", "(email: accueil@example.org)"),
                     ("Tél.", "01 23 45 67 89")])],
        id="extra-labels-in-order",
    ),
    pytest.param(
        lines("*Chantier d’insertion*",
              "Besoin identifié : retrouver un rythme.",
              "Synthèse de l’action : trois temps forts.",
              "Il s’agit de trois choses : accueillir, former, accompagner.",
              "- un accueil",
              "- une formation",
              "Voir https://example.org/chantier",
              "Partenaires : la mairie"),
        [act("Chantier d’insertion", "retrouver un rythme.",
             "trois temps forts."
             "\nIl s’agit de trois choses : accueillir, former, accompagner."
             "\n- un accueil\n- une formation\nVoir https://example.org/chantier",
             extras=[("Partenaires", "la mairie")])],
        id="multi-line-synthesis",
    ),
    pytest.param(
        lines("*A*", "Besoin identifié : x",
              "Synthèse : y",
              "Cette action a deux objectifs : loger, accompagner.",
              "Nous proposons : un accueil.",
              "Enfin, pour aller plus loin : un suivi.",
              "Un très long début de phrase qui dépasse quarante : signes.",
              "« Citation » : dite",
              "Par exemple : un atelier."),
        [act("A", "x",
             "y\nCette action a deux objectifs : loger, accompagner."
             "\nNous proposons : un accueil."
             "\nEnfin, pour aller plus loin : un suivi."
             "\nUn très long début de phrase qui dépasse quarante : signes.\n« Citation » : dite",
             # A short, label-like start is a label: documented, not a sentence.
             extras=[("Par exemple", "un atelier.")])],
        id="sentence-with-colon-continues",
    ),
    pytest.param(
        lines("*A*", "Besoin identifié :", "se loger dignement.", "Synthèse :  ",
              "un bail glissant,", "puis un bail."),
        [act("A", "se loger dignement.", "un bail glissant,\npuis un bail.")],
        id="label-without-value",
    ),
    pytest.param(
        lines("*A*", "Besoin identifié :", "Synthèse : y", "Lieu :"),
        [act("A", "", "y", extras=[("Lieu", "")])],
        id="empty-values",
    ),
    pytest.param(
        lines("*A*", "Besoin identifié\t:\tx\t", "\tSynthèse :\ty", "\tsuite"),
        # Markdown expands tabs to four spaces before it reads the text.
        [act("A", "x", "y\n    suite")],
        id="tabs",
    ),
    pytest.param(
        lines("*A*", "**Besoin identifié :** x", "*Synthèse* : y", "__Lieu__ : z"),
        [act("A", extras=[("Lieu", "z")])],
        id="emphasised-labels",
    ),
    pytest.param(
        lines("*A*", "Besoin : x", "Synthèse : y", "*B*", "Besoin : x", "Synthèse : y"),
        [act("A", line=1), act("B", line=4)],
        id="actions-back-to-back",
    ),
    pytest.param(
        lines("*A*", "Public visé : tous", "Besoin : x", "Synthèse : y"),
        [act("A", extras=[("Public visé", "tous")])],
        id="extra-label-first",
    ),
    pytest.param(
        lines("*A*", "Besoin : x", "Besoin identifié : z", "Synthèse : y"),
        [act("A", "x\nz")],
        id="repeated-label-joins",
    ),
    pytest.param(
        lines("*A*", "Synthèse : y"),
        [act("A", "", "y")],
        id="synthesis-only-is-an-action",
    ),
    pytest.param(
        lines("Intro.", "", "*Dernière action*", "Besoin : x", "Synthèse : y"),
        [act("Dernière action", anchor="derniere-action", line=3, group=None)],
        id="last-line-without-newline",
    ),
    pytest.param(
        lines("*A*", "Besoin : x", "Synthèse : y", "", "*A*", "Besoin : x", "Synthèse : y", "",
              "*a !*", "Besoin : x", "Synthèse : y", "", "*A 2*", "Besoin : x", "Synthèse : y"),
        [act("A", anchor="a"), act("A", anchor="a-2"), act("a !", anchor="a-3"),
         act("A 2", anchor="a-2-2")],
        id="equal-names-get-unique-anchors",
    ),
    pytest.param(
        lines("*Cœur de quartier*", "Besoin : x", "Synthèse : y", "",
              "*« Ça » : l’été !*", "Besoin : x", "Synthèse : y", "",
              "*社会*", "Besoin : x", "Synthèse : y", "",
              "*✦ ★*", "Besoin : x", "Synthèse : y"),
        [act("Cœur de quartier", anchor="coeur-de-quartier"),
         act("« Ça » : l’été !", anchor="ca-l-ete"),
         act("社会", anchor="she-hui"),  # transliterated (Unidecode), not dropped
         act("✦ ★", anchor="action")],  # nothing to spell: the fallback
        id="anchor-folding",
    ),
    # Groups.
    pytest.param(
        lines("Pour l’emploi :", "", "*A*", "Besoin : x", "Synthèse : y", "", "",
              "*B*", "Besoin : x", "Synthèse : y", "",
              "Un paragraphe entre deux.", "", "Pour le logement :", "",
              "*C*", "Besoin : x", "Synthèse : y"),
        [act("A", group="Pour l’emploi", line=3), act("B", group="Pour l’emploi", line=8),
         act("C", group="Pour le logement", line=16)],
        id="two-groups",
    ),
    pytest.param(
        lines("*A*", "Besoin : x", "Synthèse : y", "", "Un paragraphe sans deux-points.", "",
              "*B*", "Besoin : x", "Synthèse : y"),
        [act("A", group=None), act("B", group=None)],
        id="paragraph-between-ends-the-run",
    ),
    pytest.param(
        lines("## Nos actions ##", "", "*A*", "Besoin : x", "Synthèse : y"),
        [act("A", group="Nos actions")],
        id="markdown-heading-as-group-heading",
    ),
    pytest.param(
        lines("**Nos actions :**", "", "*A*", "Besoin : x", "Synthèse : y"),
        [act("A", group="Nos actions")],
        id="emphasised-group-heading",
    ),
    pytest.param(
        lines("Un texte.", "Voici nos actions :", "*A*", "Besoin : x", "Synthèse : y"),
        [act("A", group="Voici nos actions")],
        id="group-heading-ends-a-paragraph",
    ),
    pytest.param(
        lines("Ces actions sont soutenues par la mairie.", "", "*A*", "Besoin : x",
              "Synthèse : y"),
        [act("A", group=None)],
        id="paragraph-without-colon-is-not-a-heading",
    ),
    pytest.param(
        lines("- la liste :", "", "*A*", "Besoin : x", "Synthèse : y", "",
              "> citation :", "", "*B*", "Besoin : x", "Synthèse : y"),
        [act("A", group=None), act("B", group=None)],
        id="list-item-or-quote-is-not-a-heading",
    ),
    # Not actions.
    pytest.param("", [], id="empty"),
    pytest.param(
        lines("Horaires : 9 h - 12 h", "Adresse : 1 rue de la Paix"), [], id="no-actions"
    ),
    pytest.param(lines("*Note*", "Ceci est du texte ordinaire."), [], id="emphasis-then-text"),
    pytest.param(
        lines("*Dispositif* est une action.", "Besoin identifié : x", "Synthèse : y"), [],
        id="paragraph-starting-with-emphasis",
    ),
    pytest.param(lines("*A* et *B*", "Besoin : x", "Synthèse : y"), [], id="two-emphases"),
    pytest.param(
        lines("*A*", "", "Besoin : x", "Synthèse : y"), [], id="blank-line-after-name"
    ),
    pytest.param(
        lines("**Secrétariat**", "Téléphone : 01 23 45 67 89", "Courriel : a@example.org"), [],
        id="labels-but-no-need-nor-synthesis",
    ),
    pytest.param(lines("- *A*", "Besoin : x", "Synthèse : y"), [], id="list-item"),
    pytest.param(lines("    *A*", "Besoin : x", "Synthèse : y"), [], id="indented-code"),
    pytest.param(lines("**Nos actions :**", "Besoin : x"), [], id="name-ending-with-colon"),
    pytest.param(lines("***", "Besoin : x", "Synthèse : y"), [], id="horizontal-rule"),
    pytest.param(
        lines("```", "*A*", "Besoin : x", "Synthèse : y", "```", "", "~~~~", "*B*", "Besoin : x",
              "~~~", "Synthèse : y", "~~~~"), [],
        id="fenced-code",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DETECTION)
def test_find_actions(text, expected):
    found = find_actions(text)
    assert len(found) == len(expected)
    assert [seen(a, e) for a, e in zip(found, expected, strict=True)] == expected


@pytest.mark.parametrize(("text", "expected"), DETECTION)
def test_groups_hold_the_actions_in_order(text, expected):
    groups = find_action_groups(text)
    assert [a for g in groups for a in g.actions] == find_actions(text)
    for group in groups:
        assert group.actions
        assert all(a.group == group.heading for a in group.actions)
        assert 1 <= group.line <= group.actions[0].line


def test_seed_groups():
    (group,) = find_action_groups(SEED_TEXT)
    assert group.heading == SEED_GROUP
    assert group.line == 7
    assert [a.line for a in group.actions] == [9, 13, 17]
    assert [a.anchor for a in group.actions] == [
        "dispositif-premieres-heures",
        "territoire-zero-chomeur",
        "valorisation-d-espaces-urbains-en-transition",
    ]


def render(text: str, first_line: int = 1) -> tuple[str, PageText]:
    from actions.markdown import _engine

    page = PageText("content/page.txt", first_line)
    return _engine().render(text, TagContext(), page), page


def test_the_text_around_a_group_stays_as_written():
    text = "Avant.\r\n\r\nNos actions :\r\n\r\n*A*\r\nBesoin : x\r\nSynthèse : y\r\n\r\nAprès.\r\n"
    html, page = render(text)
    assert html == "<p>Avant.</p>\n<!--action-group:0-->\n<p>Après.</p>"
    (group,) = page.metadata["action_groups"]
    assert (group.heading, group.heading_html) == ("Nos actions", "Nos actions")
    assert group.actions[0].synthesis == "y"


def test_a_heading_line_ending_a_paragraph_leaves_the_rest():
    html, page = render("Intro.\nNos actions :\n\n*A*\nBesoin : x\nSynthèse : y\n")
    assert html == "<p>Intro.</p>\n<!--action-group:0-->"
    assert page.metadata["action_groups"][0].line == 2


def test_markdown_heading_of_a_run_leaves_the_rest():
    text = "Intro.\n\n## Logement\n\n*A*\nBesoin : x\nSynthèse : y\n"
    html, page = render(text)
    assert html == "<p>Intro.</p>\n<!--action-group:0-->"
    (group,) = page.metadata["action_groups"]
    assert (group.heading, group.line, group.actions[0].line) == ("Logement", 3, 5)


def test_an_actions_text_is_rendered_with_the_whole_page():
    # A reference and a footnote defined after the group: one document.
    text = lines(
        "*A*", "Besoin : voir [le guide][guide][^1]", "Synthèse : **y**", "",
        "[guide]: https://example.org/guide", "", "[^1]: Une note.",
    )
    from actions.markdown import ActionsExtension
    from kirby.kirbytext import KirbyText

    page = PageText("content/page.txt", 1)
    html = KirbyText([ActionsExtension(), "footnotes"]).render(text, TagContext(), page)
    (action,) = page.metadata["actions"]
    assert action.need_html.startswith('voir <a href="https://example.org/guide">le guide</a>'
                                       '<sup id="fnref:1">')
    assert action.synthesis_html == "<strong>y</strong>"
    assert '<li id="fn:1">' in html and "Une note." in html
    assert html.startswith("<!--action-group:0-->")


def test_lines_are_the_files_after_code_and_html_blocks():
    text = lines(
        "```", "code", "*A*", "Besoin : x", "```", "", "<div>", "", "bloc", "", "</div>", "",
        "### B", "Besoin : x", "Synthèse : y", "", "*A*", "Besoin : x", "Synthèse : y",
    )
    found = find_actions(text, first_line=4)
    assert [(a.name, a.line) for a in found] == [("B", 16), ("A", 20)]


def test_a_tag_in_a_name_keeps_its_source_for_the_anchor():
    text = lines("*Aide (email: a@example.org text: Contact)*", "Besoin : x (tel: 0102030405)",
                 "Synthèse : y")
    (action,) = find_actions(text, first_line=3)
    assert action.name == "Aide (email: a@example.org text: Contact)"
    assert action.need == "x (tel: 0102030405)"
    assert action.anchor == "aide-email-a-example-org-text-contact"
    assert action.line == 3
    html, page = render(text)
    (rendered,) = page.metadata["actions"]
    assert rendered.name_html == 'Aide <a href="mailto:a@example.org">Contact</a>'
    assert 'href="tel:0102030405"' in rendered.need_html


def test_actions_in_a_list_quote_or_table_are_text():
    text = lines("> *A*", "> Besoin : x", "", "- *B*", "  Besoin : x", "", "| *C* |", "|---|",
                 "| Besoin : x |")
    assert find_actions(text) == []


def test_many_equal_names_get_numbered_anchors():
    text = "\n\n".join(["*A*\nBesoin : x\nSynthèse : y"] * 3000)
    anchors = [a.anchor for a in find_actions(text)]
    assert anchors == ["a"] + [f"a-{n}" for n in range(2, 3001)]


def test_plain_text_has_no_group():
    assert find_action_groups("Un texte : sans action.\n") == []
    assert find_action_groups("Sans deux-points") == []
    assert find_action_groups("") == []


def test_first_line_offsets_lines():
    text = "Intro :\n\n*A*\nBesoin : x\nSynthèse : y\n"
    (action,) = find_actions(text, first_line=11)
    assert action.line == 13
    assert find_action_groups(text, first_line=11)[0].line == 11


@pytest.mark.parametrize(
    ("name", "anchor"),
    [
        ("Dispositif Premières Heures", "dispositif-premieres-heures"),
        ("Valorisation d’espaces urbains", "valorisation-d-espaces-urbains"),
        ("Valorisation d'espaces", "valorisation-d-espaces"),
        ("  L’ÉTÉ  —  à Nanterre !  ", "l-ete-a-nanterre"),
        ("Œuvre & Cæsar", "oeuvre-caesar"),
        ("Accueil 24h/24", "accueil-24h-24"),
        ("…", ""),
    ],
)
def test_slugify(name, anchor):
    assert slugify(name) == anchor


# --- The Actions field (YAML) --------------------------------------------------------------

KIRBY_STRUCTURE = """\
-
  name: Dispositif Premières Heures
  need: reprendre confiance en soi pour aller vers l’emploi.
  synthesis: >
    il s’agit d’ouvrir la possibilité
    de reprendre pied.
  public: personnes très éloignées de l’emploi
  partenaires:
    - Emmaüs
    - Secours catholique
-
  Nom: Territoire Zéro Chômeur
  Besoin identifié: "reprise d’une activité : professionnelle."
  SYNTHÈSE DE L’ACTION: une entreprise à but d’emploi.
- name: Troisième
  besoin_identifie: x
  Synthèse: y
"""


def test_actions_from_yaml_reads_kirby_structure():
    actions = actions_from_yaml(KIRBY_STRUCTURE, first_line=5)
    assert [(a.line, a.name, a.anchor, a.need, a.synthesis, a.extras, a.group, a.origin)
            for a in actions] == [
        (6, "Dispositif Premières Heures", "dispositif-premieres-heures",
         "reprendre confiance en soi pour aller vers l’emploi.",
         "il s’agit d’ouvrir la possibilité de reprendre pied.",
         [("public", "personnes très éloignées de l’emploi"),
          ("partenaires", "Emmaüs, Secours catholique")], None, "yaml"),
        (16, "Territoire Zéro Chômeur", "territoire-zero-chomeur",
         "reprise d’une activité : professionnelle.", "une entreprise à but d’emploi.", [],
         None, "yaml"),
        (19, "Troisième", "troisieme", "x", "y", [], None, "yaml"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", []),
        ("  \n\n", []),
        ("- name: A\n  need:\n  synthesis: ~\n", [("A", "", "")]),
        ("- NAME: A\n  Need: x\n  Synthesis: '~'\n", [("A", "x", "~")]),
        ("- {name: A, need: 2024, synthesis: yes}", [("A", "2024", "yes")]),
        ("- name: A\n  need: |\n    ligne 1\n    ligne 2\n  synthesis: y",
         [("A", "ligne 1\nligne 2", "y")]),
    ],
)
def test_actions_from_yaml_values(value, expected):
    assert [(a.name, a.need, a.synthesis) for a in actions_from_yaml(value)] == expected


@pytest.mark.parametrize(
    ("value", "line", "words"),
    [
        ("-\n  name: A\n need: x\n", 12, "YAML valide"),
        ("-\n\tname: A\n", 11, "tabulation"),
        ("- name: A\n  need: x: y\n", 11, "YAML valide"),
        ("- name: [A\n", 11, "YAML valide"),
        ("name: A\nneed: x\n", 10, "doit être une liste"),
        ("juste du texte", 10, "doit être une liste"),
        ("- name: A\n- du texte\n", 11, "n’est pas une action"),
        ("- name: A\n  need:\n    sous: clé\n", 12, "doit être un texte"),
        ("- need: x\n  synthesis: y\n", 10, "pas de nom"),
        ("- name: ''\n", 10, "pas de nom"),
        ("- name: A\n  lieu: x\n  Lieu: y\n", 12, "deux fois"),
        ("- name: A\n  besoin: x\n  need: y\n", 12, "deux fois"),
        ("- name: A\n  ? [a, b]\n  : x\n", 11, "clé"),
        ("- name: A\x00\n", 10, "YAML valide"),
        ("- name: &a A\n  need: *b\n", 11, "YAML valide"),
    ],
)
def test_actions_from_yaml_errors(value, line, words):
    with pytest.raises(ContentError) as caught:
        actions_from_yaml(value, first_line=10)
    assert caught.value.line == line
    assert words in caught.value.message


def test_yaml_error_names_file_and_line():
    with pytest.raises(ContentError) as caught:
        actions_from_yaml("-\n  name: A\n need: x\n", first_line=7)
    problem = caught.value.problem("content/1_acces-a-l-emploi/page.md")
    assert str(problem).startswith("content/1_acces-a-l-emploi/page.md:9: Le champ Actions")


def test_yaml_and_free_text_mixed():
    field = (
        "- name: Territoire Zéro Chômeur\n  need: x\n  synthesis: y\n"
        "- name: Épicerie\n  need: x\n  synthesis: y\n"
    )
    from_yaml = actions_from_yaml(field, first_line=3)
    from_text = find_actions(SEED_TEXT, first_line=10)
    page = assign_anchors(from_yaml + from_text)
    assert [a.anchor for a in page] == [
        "territoire-zero-chomeur",
        "epicerie",
        "dispositif-premieres-heures",
        "territoire-zero-chomeur-2",
        "valorisation-d-espaces-urbains-en-transition",
    ]
    assert assign_anchors(page) == page  # stable
    assert [a.anchor for a in page][3] == "territoire-zero-chomeur-2"
    ((line, message),) = check_actions(page)
    assert line == 22
    assert "ligne 3" in message


# --- Strict mode ----------------------------------------------------------------------------


def test_check_seed_is_clean():
    assert check_actions(find_actions(SEED_TEXT)) == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (lines("*A*", "Synthèse : y"), [(1, "« Besoin identifié : … »")]),
        (lines("*A*", "Besoin : x", "", "*B*", "Besoin : x", "Synthèse :"),
         [(1, "« Synthèse de l’action : … »"), (4, "« Synthèse de l’action : … »")]),
        (lines("*A*", "Besoin : x", "Synthèse : y", "", "*A*", "Besoin : x", "Synthèse : y"),
         [(5, "porte le même nom que l’action « A » (ligne 1)")]),
        (lines("*Café*", "Besoin : x", "Synthèse : y", "",
               "*Cafe !*", "Besoin : x", "Synthèse : y"),
         [(5, "presque le même nom")]),
    ],
)
def test_check_actions(text, problems):
    found = check_actions(find_actions(text))
    assert [line for line, _ in found] == [line for line, _ in problems]
    for (_, message), (_, words) in zip(found, problems, strict=True):
        assert words in message


def test_check_yaml_actions_says_which_key():
    actions = actions_from_yaml("- name: A\n  synthesis: y\n- name: B\n  need: x\n", first_line=4)
    assert check_actions(actions) == [
        (4, ("L’action « A » n’a pas de besoin identifié : ajoutez-lui une ligne « need: … » "
             "dans le champ Actions.")),
        (6, ("L’action « B » n’a pas de synthèse : ajoutez-lui une ligne « synthesis: … » "
             "dans le champ Actions.")),
    ]


# --- Robustness -------------------------------------------------------------------------------

PIECES = [
    "*A*", "**B**", "_C_", "### D", "#", "*", "**", "_", "Besoin identifié : x", "Synthèse : y",
    "besoin:", "Lieu : z", "Nos actions :", "", " ", "\t", "\r", "```", "~~~", "- item", "> q",
    "texte", ":", " : ", "’", NBSP, "Il s’agit : de", "\x00", "é", "&a", "*b", "[", "{", "- ",
    "  name: A", "need: x", "-", "? ", "!!", "%YAML", "---", "...", "\ud800", "\u2028", "\x0c",
    "\ufeff", "ß", "Œ", "\u0301",
]


def _random_texts(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        rows = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
                for _ in range(rng.randint(0, 12))]
        yield rng.choice(["\n", "\r\n"]).join(rows) + rng.choice(["", "\n"])


def test_finding_actions_never_raises():
    for text in _random_texts(3000, seed=92):
        last = 1 + text.count("\n")
        assert all(1 <= a.line <= last for a in find_actions(text))
        anchors = [a.anchor for a in find_actions(text)]
        assert len(anchors) == len(set(anchors))
        check_actions(find_actions(text))


def test_actions_from_yaml_raises_only_content_errors():
    nasty = [
        *_random_texts(2000, seed=93),
        "[" * 5000, "- " * 3000 + "x", "&a [*a]", "- !!binary x", "- !custom {name: A}",
        "- name: A\n  <<: {need: x}\n", "\ufeff- name: A", "- name: \ud800",
    ]
    for value in nasty:
        try:
            actions = actions_from_yaml(value)
        except ContentError as error:
            assert error.line >= 1
        else:
            assert all(isinstance(a.name, str) and a.name for a in actions)


def test_finding_actions_accepts_non_text():
    assert find_actions(None) == []  # type: ignore[arg-type]
    assert actions_from_yaml(None) == []  # type: ignore[arg-type]


def test_the_build_keeps_an_actions_html_and_not_its_source():
    # 10,000 pages would hold each action twice: the source goes once it is rendered.
    from actions.markdown import ActionsExtension
    from kirby.kirbytext import KirbyText

    page = PageText("content/page.txt", 1)
    KirbyText([ActionsExtension()]).render(lines("*A*", "Besoin : **x**", "Synthèse : y",
                                                 "Public : z"), TagContext(), page)
    (action,) = page.metadata["actions"]
    assert (action.name, action.need_html, action.synthesis_html, action.extras_html) == (
        "A", "<strong>x</strong>", "y", (("Public", "z"),))
    assert (action.need, action.synthesis, action.extras) == (None, None, None)


def test_a_pages_actions_describe_it_from_the_first_ones():
    from actions.body import DESCRIPTION_ENOUGH, actions_text

    def group(count):
        return ActionGroup(None, [Action(f"A{n}", f"a{n}", None, None, None,
                                         name_html=f"<em>A{n}</em>", need_html=f"besoin {n}")
                                  for n in range(count)])

    assert actions_text([group(2)]) == "A0 : besoin 0 A1 : besoin 1"
    many = actions_text([group(500)])
    assert many.startswith("A0 : besoin 0 A1 : besoin 1 ")
    assert DESCRIPTION_ENOUGH < len(many) < DESCRIPTION_ENOUGH + 20
