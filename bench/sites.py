"""Benchmark sites: the same deterministic French pages, in Kirby format and as
Pelican-native Markdown.

Every page is shaped like the seed (tests/fixtures/seed-site/1_acces-a-l-emploi/page.md): an
image, three intro lines, the line that heads the actions, then three actions
with their need and synthesis. The text is drawn from a fixed vocabulary with a
seeded random generator, so a size always gives byte-identical sites.

Both sites have ten sections holding the other pages, so that the menu has ten
entries whatever the size (a menu listing every page would make any build
quadratic). The Kirby site nests the pages in numbered section folders, with
the image beside each page and its alt text in `<image>.md`; the native site
keeps Pelican's own layout (`pages/`, `images/`) and a ten-entry MENUITEMS.
"""

from __future__ import annotations

import json
import re
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The frozen seed, not content/: the volunteers may change or delete the real one.
SEED_SITE = ROOT / "tests" / "fixtures" / "seed-site"
IMAGE = SEED_SITE / "1_acces-a-l-emploi" / "insertion.png"
SECTIONS = 10
ALT = "Illustration : des personnes se tiennent par la main sur un chemin."

_WORDS = (
    "associations collectif actions innovantes publics éloignés emploi méthodologie inductive "
    "compétences expérience personnes précarité activité économique locale dynamiques "
    "territoriales réseaux acteurs propositions accompagnement insertion dispositifs "
    "attentifs déploiement animation fragiles incapacité rejoindre classiques confiance "
    "monde travail semaine chantier formation véritable vague expérimentation collectivités "
    "partenaires département quartiers ciblés chômage besoin couvert entreprise candidature "
    "zones développement vocation sociale culturelle écologique économie solidaire circulaire "
    "champ création artistique projets sites transition occupation temporaire couveuse "
    "collaboratifs durable logement santé mobilité alimentation familles jeunes bénévoles "
    "quartier ville commune habitants rencontre écoute soutien parcours"
).split()
_GLUE = ("le la les des du de l’ d’ un une pour avec sans vers dans sur et ou mais "
         "qui que").split()
_THEMES = (
    "l’emploi", "le logement", "la santé", "la mobilité", "l’alimentation", "l’éducation",
    "la culture", "le numérique", "l’accès aux droits", "la solidarité",
)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = []
    for _ in range(rng.randint(low, high)):
        words.append(rng.choice(_GLUE) if rng.random() < 0.35 else rng.choice(_WORDS))
    text = " ".join(words).replace("’ ", "’")
    return text[0].upper() + text[1:] + "."


def _page_text(index: int) -> dict:
    """The words of page `index`: title, intro lines, actions heading and actions."""
    rng = random.Random(index)
    theme = _THEMES[index % len(_THEMES)]
    return {
        "title": f"Page {index} : l’accès à {theme}".replace("à le ", "au "),
        "intro": [" ".join(_sentence(rng, 12, 24) for _ in range(2)) for _ in range(3)],
        "heading": f"Les 3 actions prioritaires du collectif en faveur de {theme} :".replace(
            "de le ", "du "),
        "actions": [
            {
                "name": f"Dispositif {rng.choice(_WORDS).capitalize()} {index}-{n}",
                "need": _sentence(rng, 8, 14),
                "synthesis": " ".join(_sentence(rng, 14, 26) for _ in range(3)),
            }
            for n in range(1, 4)
        ],
    }


def _actions_markdown(words: dict) -> str:
    blocks = [
        f"*{a['name']}* \nBesoin identifié : {a['need']}\n"
        f"Synthèse de l’action : {a['synthesis']}"
        for a in words["actions"]
    ]
    return f"{words['heading']} \n\n" + "\n\n".join(blocks)


def _layout(pages: int) -> list[tuple[int, int | None]]:
    """(page index, index of its section or None for a section), in order."""
    if pages < SECTIONS:
        raise ValueError(f"a benchmark site has at least {SECTIONS} pages")
    layout = [(s, None) for s in range(SECTIONS)]
    layout += [(i, i % SECTIONS) for i in range(SECTIONS, pages)]
    return layout


def _blocks_text(words: dict) -> str:
    """The same words as Kirby 3+ blocks JSON: an image block, a text block per intro
    line, a heading, and a heading and text block per action (as the Panel saves them)."""
    def block(index: int, type_: str, **content) -> dict:
        return {"content": content, "id": f"b{index}", "isHidden": False, "type": type_}

    blocks = [block(0, "image", location="kirby", image=["illustration.png"], alt="",
                    caption="", link="", ratio="", crop="false")]
    blocks += [block(len(blocks) + i, "text", text=f"<p>{line}</p>")
               for i, line in enumerate(words["intro"])]
    blocks.append(block(len(blocks), "heading", level="h2", text=words["heading"]))
    for action in words["actions"]:
        blocks.append(block(len(blocks), "heading", level="h3", text=action["name"]))
        blocks.append(block(len(blocks), "text", text=(
            f"<p><strong>Besoin identifié :</strong> {action['need']}</p>"
            f"<p>Synthèse de l’action : {action['synthesis']}</p>")))
    return json.dumps(blocks, ensure_ascii=False)


def write_kirby_site(folder: Path, pages: int, blocks: bool = False) -> Path:
    """A Kirby content folder of `pages` pages, their Text as KirbyText or, with
    `blocks`, as Kirby's blocks; returns it."""
    content = _fresh(folder)
    (content / "site.md").write_text("Title: Banc d’essai\n", encoding="utf-8")
    (content / "home").mkdir()
    (content / "home" / "home.md").write_text(
        "Title: Banc d’essai\n\n----\n\nText:\n\n" + _sentence(random.Random(-1), 20, 30) + "\n",
        encoding="utf-8",
    )
    for index, section in _layout(pages):
        words = _page_text(index)
        name = f"{index + 1}_page-{index}"
        parent = content if section is None else content / f"{section + 1}_page-{section}"
        page = parent / name
        page.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IMAGE, page / "illustration.png")
        (page / "illustration.png.md").write_text(f"Alt: {ALT}\n", encoding="utf-8")
        intro = " \n".join(words["intro"])
        body = (_blocks_text(words) if blocks else
                f"\n\n(image: illustration.png)\n\n{intro}\n\n{_actions_markdown(words)}")
        text = f"Title: {words['title']}\n\n----\n\nCover: \n\n----\n\nText: {body}\n"
        (page / "page.md").write_text(text, encoding="utf-8")
    return content


def write_native_site(folder: Path, pages: int) -> Path:
    """The same pages for stock Pelican: Markdown with metadata, images in images/."""
    content = _fresh(folder)
    (content / "images").mkdir()
    for index, section in _layout(pages):
        words = _page_text(index)
        slug = f"page-{index}"
        where = content / "pages" / (slug if section is None else f"page-{section}")
        where.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IMAGE, content / "images" / f"{slug}.png")
        intro = " \n".join(words["intro"])
        text = (
            f"Title: {words['title']}\nSlug: {slug}\n\n"
            f"![{ALT}]({{static}}/images/{slug}.png)\n\n{intro}\n\n{_actions_markdown(words)}\n"
        )
        (where / f"{slug}.md").write_text(text, encoding="utf-8")
    return content


def native_menu() -> list[tuple[str, str]]:
    """MENUITEMS of the native site: its ten sections, as the Kirby site's menu."""
    return [(_page_text(s)["title"], f"/pages/page-{s}.html") for s in range(SECTIONS)]


def kirby_page_file(content: Path, index: int) -> Path:
    """The content file of page `index` in a site written by write_kirby_site."""
    if index < SECTIONS:
        return content / f"{index + 1}_page-{index}" / "page.md"
    section = index % SECTIONS
    return content / f"{section + 1}_page-{section}" / f"{index + 1}_page-{index}" / "page.md"


def native_page_file(content: Path, index: int) -> Path:
    section = index if index < SECTIONS else index % SECTIONS
    return content / "pages" / f"page-{section}" / f"page-{index}.md"


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# The realistic corpus (issue 16): shaped like a real bilingual Kirby site rather
# than like the seed alone. Every folder has its French page, two in three an
# English translation with its own Slug; each page has a footnote, its image has
# its Alt in each language, and about 3 % of the pages link to a page that is gone.
TRANSLATED = 3  # one folder in TRANSLATED has no English page
BROKEN_EVERY = 33  # one page in BROKEN_EVERY links to a missing page


def realistic_folders(pages: int) -> int:
    """How many folders give `pages` published pages, translations counted."""
    return max(SECTIONS, pages * TRANSLATED // (2 * TRANSLATED - 1))


def _realistic_body(words: dict, index: int, english: bool) -> str:
    intro = " \n".join(words["intro"])
    note = ("Source: the association’s annual report." if english
            else "Source : rapport annuel de l’association.")
    link = ""
    if index % BROKEN_EVERY == 0:
        link = f"\n\n(link: /page-{index}-retiree text: {'old page' if english else 'ancienne page'})"
    return (f"\n\n(image: illustration.png)\n\n{intro}[^1]{link}\n\n{_actions_markdown(words)}"
            f"\n\n[^1]: {note}")


def write_realistic_site(folder: Path, pages: int) -> Path:
    """A bilingual Kirby site of about `pages` pages (French at the root, English under /en/)."""
    content = _fresh(folder)
    for lang, title in (("fr", "Banc d’essai"), ("en", "Benchmark")):
        (content / f"site.{lang}.md").write_text(f"Title: {title}\n", encoding="utf-8")
    (content / "home").mkdir()
    for lang in ("fr", "en"):
        (content / "home" / f"home.{lang}.md").write_text(
            "Title: Banc d’essai\n\n----\n\nText:\n\n" + _sentence(random.Random(-1), 20, 30)
            + "\n", encoding="utf-8")
    for index, section in _layout(realistic_folders(pages)):
        words = _page_text(index)
        parent = content if section is None else content / f"{section + 1}_page-{section}"
        page = parent / f"{index + 1}_page-{index}"
        page.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IMAGE, page / "illustration.png")
        (page / "illustration.png.fr.md").write_text(f"Alt: {ALT}\n", encoding="utf-8")
        translated = index % TRANSLATED != TRANSLATED - 1
        if translated:
            (page / "illustration.png.en.md").write_text(
                "Alt: Illustration: people holding hands on a path.\n", encoding="utf-8")
        for lang in ("fr", "en") if translated else ("fr",):
            english = lang == "en"
            slug = f"----\n\nSlug: page-{index}-en\n\n" if english else ""
            title = words["title"] + (" (English)" if english else "")
            (page / f"page.{lang}.md").write_text(
                f"Title: {title}\n\n{slug}----\n\nText: "
                f"{_realistic_body(words, index, english)}\n", encoding="utf-8")
    return content


def write_realistic_native_site(folder: Path, pages: int) -> Path:
    """The same pages for stock Pelican: translations by Lang and a shared Slug."""
    content = _fresh(folder)
    (content / "images").mkdir()
    for index, section in _layout(realistic_folders(pages)):
        words = _page_text(index)
        slug = f"page-{index}"
        where = content / "pages" / (slug if section is None else f"page-{section}")
        where.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IMAGE, content / "images" / f"{slug}.png")
        translated = index % TRANSLATED != TRANSLATED - 1
        for lang in ("fr", "en") if translated else ("fr",):
            english = lang == "en"
            body = _realistic_body(words, index, english).replace(
                "(image: illustration.png)", f"![{ALT}]({{static}}/images/{slug}.png)")
            body = re.sub(r"\(link: (\S+) text: ([^)]*)\)",
                          r"[\2]({filename}/pages/\1.md)", body)
            title = words["title"] + (" (English)" if english else "")
            (where / f"{slug}.{lang}.md").write_text(
                f"Title: {title}\nSlug: {slug}\nLang: {lang}\n{body}\n", encoding="utf-8")
    return content


def realistic_page_file(content: Path, index: int) -> Path:
    """The French content file of page `index` in a site written by write_realistic_site."""
    return kirby_page_file(content, index).with_name("page.fr.md")
