"""/admin/ in real Chromium, on Sveltia CMS's test-repo back-end (the repository held
in the browser's origin private file system): the form edits an action and adds a
theme, and the files it writes are the expected Kirby text byte for byte, which then
builds into the expected pages; every fixture opened and saved unchanged is the same
bytes; no request leaves the site and the Content Security Policy refuses nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kirby.fields import parse_fields
from tests.support import FIXTURES, SEED_SITE, build_site, soup
from tools.browser import (
    READ_REPOSITORY,
    READ_REPOSITORY_BYTES,
    missing_tools,
    open_editor,
    repository_files,
)

MISSING = missing_tools(vnu=False)
PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "@sveltia" / "cms"
if not MISSING and not PACKAGE.exists():
    MISSING = f"{PACKAGE} is missing (npm ci)"
pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(MISSING), reason=MISSING or "")]
SEED_PAGE = "content/1_acces-a-l-emploi/page.md"
# The form's refusal: « Un champ comporte une erreur », « Des champs comportent des erreurs ».
REFUSED = re.compile("champs? comporte(nt)? (une|des) erreurs?")

def served_editor(tmp_path_factory, site: Path):
    """`site` built with the editor on the test-repo back-end, and served."""
    from tools.browser import serve

    output = tmp_path_factory.mktemp(f"editor-{site.name}") / "output"
    build_site(site, output, EDITOR_BACKEND={"name": "test-repo"})
    with serve(output) as served:
        yield served


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    yield from served_editor(tmp_path_factory, SEED_SITE)


@pytest.fixture
def editor(browser, origin):
    """The editor opened on a repository holding `files`: (page, problems seen)."""
    contexts = []

    def open_with(files: dict[str, str], viewport=(1280, 900)):
        context = browser.new_context(locale="fr-FR", viewport=dict(zip(("width", "height"),
                                                                        viewport)))
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("request", lambda request: request.url.startswith((origin, "blob:", "data:"))
                or problems.append(f"requête vers {request.url}"))
        page.on("console", lambda message: "Content-Security-Policy" in message.text
                and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.ready_after = open_editor(page, origin, files)
        return page, problems

    yield open_with
    for context in contexts:
        context.close()


def open_entry(page, collection: str, title: str):
    page.get_by_text(collection, exact=True).first.click()
    page.get_by_text(title, exact=True).first.click()
    page.get_by_role("textbox", name="Titre", exact=True).wait_for()


def save(page):
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_timeout(1500)


def test_editing_an_action_changes_only_its_line(editor):
    files = repository_files(SEED_SITE)
    page, problems = editor(files)
    open_entry(page, "Thèmes", "L'accès à l'emploi")
    page.get_by_role("button", name="Tout développer").click()
    need = page.get_by_role("textbox", name="Besoin identifié", exact=True).first
    need.fill("reprendre confiance en soi, pas à pas.")
    save(page)
    saved = page.evaluate(READ_REPOSITORY)
    old = "Besoin identifié : reprendre confiance en soi pour aller vers l’emploi."
    assert files[SEED_PAGE].count(old) == 1
    assert saved[SEED_PAGE] == files[SEED_PAGE].replace(
        old, "Besoin identifié : reprendre confiance en soi, pas à pas.")
    assert {path: text for path, text in saved.items() if path != SEED_PAGE} == {
        path: text for path, text in files.items() if path != SEED_PAGE}
    assert problems == []


def test_a_new_theme_gets_the_next_number_and_its_action_builds(editor, tmp_path):
    files = repository_files(SEED_SITE)
    page, problems = editor(files)
    page.get_by_text("Thèmes", exact=True).first.click()
    page.get_by_role("button", name="Créer une entrée", exact=True).click()
    title = page.get_by_role("textbox", name="Titre", exact=True)
    title.wait_for()
    page.wait_for_timeout(500)  # the new entry's form is filled with its defaults first
    title.fill("Accès au logement")
    page.get_by_role("textbox", name="Texte", exact=True).fill("Trouver un toit.\n\nNos actions :")
    page.get_by_role("button", name=re.compile("^Ajouter")).click()
    page.get_by_role("textbox", name="Nom de l’action", exact=True).fill("Bail solidaire")
    # An action without its need is refused by the form, in French, and nothing is written.
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text(REFUSED).wait_for()
    assert sorted(set(page.evaluate(READ_REPOSITORY)) - set(files)) == []
    page.get_by_role("textbox", name="Besoin identifié", exact=True).fill("un logement stable.")
    page.get_by_role("textbox", name="Synthèse de l’action", exact=True).fill(
        "des propriétaires louent à une association.")
    save(page)
    saved = page.evaluate(READ_REPOSITORY)
    new = sorted(set(saved) - set(files))
    assert new == ["content/2_acces-au-logement/page.md"]
    assert saved[new[0]] == (
        "Title: Accès au logement\n\n----\n\nText:\n\nTrouver un toit.\n\nNos actions :\n\n"
        "*Bail solidaire*\nBesoin identifié : un logement stable.\n"
        "Synthèse de l’action : des propriétaires louent à une association.\n"
    )
    content = tmp_path / "content"
    for path, text in saved.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for image in SEED_SITE.rglob("*.png"):
        shutil.copy(image, content / image.relative_to(SEED_SITE))
    output = tmp_path / "output"
    build_site(content, output)
    built = soup(output, "acces-au-logement/")
    assert built.h1.get_text(strip=True) == "Accès au logement"
    action = built.find(id="bail-solidaire")
    assert action is not None and "un logement stable." in action.parent.get_text()
    assert problems == []


def test_a_duplicated_theme_says_the_same_under_the_next_number(editor):
    # « Dupliquer » copies the form, but a copy keeping the original's number would
    # sit at its place in the menu: it takes the collection's next one. The copy is a
    # new file, written as the form writes one: its values trimmed, empty fields left
    # out, as Sveltia CMS saves any form.
    files = repository_files(SEED_SITE)
    page, problems = editor(files)
    open_entry(page, "Thèmes", "L'accès à l'emploi")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Afficher les options de l’éditeur").click()
    page.get_by_role("menuitem", name="Dupliquer").click()
    page.get_by_role("textbox", name="Titre", exact=True).wait_for()
    page.wait_for_timeout(500)
    save(page)
    saved = page.evaluate(READ_REPOSITORY)
    assert sorted(set(saved) - set(files)) == ["content/2_l-acces-a-l-emploi/page.md"]

    def meaning(text):
        return {key: "\n".join(line.rstrip() for line in field.value.strip().split("\n"))
                for key, field in parse_fields(text).items() if field.value.strip()}

    assert meaning(saved["content/2_l-acces-a-l-emploi/page.md"]) == meaning(files[SEED_PAGE])
    assert {path: saved[path] for path in files} == files
    assert problems == []


def test_every_fixture_opened_and_saved_unchanged_is_the_same_bytes(editor):
    page, problems = editor(repository_files(SEED_SITE))
    corpus = repository_files(FIXTURES, prefix="")
    assert len(corpus) > 100
    # Saved as Sveltia CMS saves a form: every value trimmed (its yDe), through JSON.
    differ = page.evaluate("""(corpus) => {
      const saved = (values) => JSON.parse(JSON.stringify(Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]))));
      return Object.entries(corpus).flatMap(([path, text]) =>
      Object.entries(window.EditorFormats).filter(([, format]) =>
        format.toFile(saved(format.fromFile(text))) !== text)
        .map(([name]) => `${path} (${name})`));
    }""", corpus)
    assert differ == []
    assert problems == []


def write_files(files: dict[str, str | bytes], root: Path) -> Path:
    """The repository's files on disk; its content folder."""
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode())
    return root / "content"


def write_site(files: dict[str, str | bytes], root: Path) -> Path:
    """The repository's files on disk, with the seed's images the test repository lacks."""
    content = write_files(files, root)
    for image in SEED_SITE.rglob("*.png"):
        shutil.copy(image, content / image.relative_to(SEED_SITE))
    return content


def test_an_image_lands_beside_its_page_with_its_alt_in_its_meta_file(editor, tmp_path):
    from PIL import Image

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (120, 80), (200, 80, 40)).save(photo)
    files = repository_files(SEED_SITE)
    page, problems = editor(files)
    page.get_by_text("Images des pages", exact=True).first.click()
    page.get_by_role("button", name="Créer une entrée", exact=True).click()
    page.get_by_text("acces-a-l-emploi", exact=True).last.click()
    # A phone's name for its photo; the editor names the file as Kirby's Panel does.
    page.locator("input[type=file]").first.set_input_files(
        [{"name": "Atelier CV.JPG", "mimeType": "image/jpeg", "buffer": photo.read_bytes()}])
    # The upload is taken once the form and its preview show it.
    page.locator("img[src^='blob:']").nth(1).wait_for()
    # Without its alt text, the image is refused, in French, and nothing is written.
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text(REFUSED).wait_for()
    assert sorted(set(page.evaluate(READ_REPOSITORY)) - set(files)) == []
    page.get_by_role("textbox", name="Texte alternatif", exact=True).fill(
        "Deux bénévoles relisent un CV.")
    save(page)
    # The existing image's alt, edited: only its line changes, its last newline stays.
    page.get_by_text("insertion.png (acces-a-l-emploi)").click()
    page.get_by_role("textbox", name="Texte alternatif", exact=True).fill(
        "Cinq personnes marchent vers une porte.")
    save(page)
    # The page shows the new image: its tag added to the Text.
    open_entry(page, "Thèmes", "L'accès à l'emploi")
    text = page.get_by_role("textbox", name="Texte", exact=True)
    text.fill(text.input_value() + "\n\n(image: atelier-cv.jpg)")
    save(page)
    saved = page.evaluate(READ_REPOSITORY)
    folder = "content/1_acces-a-l-emploi"
    assert sorted(set(saved) - set(files)) == [f"{folder}/atelier-cv.jpg",
                                               f"{folder}/atelier-cv.jpg.md"]
    assert saved[f"{folder}/atelier-cv.jpg.md"] == "Alt: Deux bénévoles relisent un CV.\n"
    meta = f"{folder}/insertion.png.md"
    assert files[meta].endswith("\n")
    assert saved[meta] == "Alt: Cinq personnes marchent vers une porte.\n"
    assert saved[SEED_PAGE].count("(image: atelier-cv.jpg)") == 1
    uploaded = bytes(page.evaluate(READ_REPOSITORY_BYTES, f"{folder}/atelier-cv.jpg"))
    assert uploaded == photo.read_bytes()
    saved[f"{folder}/atelier-cv.jpg"] = uploaded
    output = tmp_path / "output"
    build_site(write_site(saved, tmp_path), output)
    built = soup(output, "acces-a-l-emploi/")
    alts = {img.get("alt") for img in built.find_all("img")}
    assert "Deux bénévoles relisent un CV." in alts
    assert "Cinq personnes marchent vers une porte." in alts
    assert problems == []


def test_an_image_named_as_another_gets_its_own_name_and_meta_file(editor, tmp_path):
    from PIL import Image

    files = repository_files(SEED_SITE)
    page, problems = editor(files)
    photos = []
    for n, alt in enumerate(("Un atelier CV.", "Un autre atelier.")):
        photo = tmp_path / f"photo-{n}.jpg"
        Image.new("RGB", (60 + n, 40), (200, 80, 40 * n)).save(photo)
        photos.append(photo.read_bytes())
        page.get_by_text("Images des pages", exact=True).first.click()
        page.get_by_role("button", name="Créer une entrée", exact=True).click()
        page.get_by_text("acces-a-l-emploi", exact=True).last.click()
        page.locator("input[type=file]").first.set_input_files(
            [{"name": "Atelier CV.JPG", "mimeType": "image/jpeg", "buffer": photos[-1]}])
        page.locator("img[src^='blob:']").nth(1).wait_for()
        page.get_by_role("textbox", name="Texte alternatif", exact=True).fill(alt)
        save(page)
    saved = page.evaluate(READ_REPOSITORY)
    folder = "content/1_acces-a-l-emploi"
    assert sorted(set(saved) - set(files)) == [
        f"{folder}/atelier-cv-1.jpg", f"{folder}/atelier-cv-1.jpg.md",
        f"{folder}/atelier-cv.jpg", f"{folder}/atelier-cv.jpg.md"]
    assert saved[f"{folder}/atelier-cv.jpg.md"] == "Alt: Un atelier CV.\n"
    assert saved[f"{folder}/atelier-cv-1.jpg.md"] == "Alt: Un autre atelier.\n"
    assert [bytes(page.evaluate(READ_REPOSITORY_BYTES, f"{folder}/{name}"))
            for name in ("atelier-cv.jpg", "atelier-cv-1.jpg")] == photos
    assert problems == []


THEMES = FIXTURES / "theme-site"


@pytest.fixture(scope="module")
def themes_origin(tmp_path_factory):
    yield from served_editor(tmp_path_factory, THEMES)


def binaries(*paths: Path) -> dict[str, bytes]:
    """The theme site's files that are not text, as the repository holds them."""
    return {f"content/{path.relative_to(THEMES).as_posix()}": path.read_bytes()
            for path in paths if path.suffix not in {".md", ".txt"}}


def edit_folder_name(page, name: str):
    """The entry's folder name, edited in Sveltia CMS's slug panel (its ⋮ menu)."""
    page.get_by_role("button", name="Afficher les options de l’éditeur").click()
    page.get_by_role("menuitem", name="Modifier le slug").click()
    page.get_by_role("button", name="Modifier le slug").last.click()
    folder = page.get_by_role("textbox").last
    folder.fill(name)
    folder.press("Enter")


def test_a_theme_renumbered_moves_its_folder_whole_and_the_menu_follows(
        browser, themes_origin, tmp_path):
    """Themes are reordered by their folder's number, as in Kirby: the folder moves
    with its images, its document and its images' meta files, byte for byte."""
    files: dict = repository_files(THEMES)
    images = binaries(*(THEMES / "1_themes" / "1_logement").iterdir())
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        open_editor(page, themes_origin, {**files, **{path: list(data) for path, data in
                                                       images.items()}})
        open_entry(page, "Thèmes (themes)", "Logement : « un toit » !")
        # A name the site would not take is refused, in French, and nothing moves.
        edit_folder_name(page, "3_Logement")
        page.get_by_text("sans accent ni espace").first.wait_for()
        page.get_by_role("button", name="Annuler", exact=True).click()
        assert sorted(page.evaluate(READ_REPOSITORY)) == sorted([*files, *images])
        edit_folder_name(page, "3_logement")
        save(page)
        saved = page.evaluate(READ_REPOSITORY)
        moved = {path: bytes(page.evaluate(READ_REPOSITORY_BYTES, path.replace(
            "/1_logement/", "/3_logement/"))) for path in images}
    finally:
        context.close()
    old, new = "content/1_themes/1_logement/", "content/1_themes/3_logement/"
    assert not [path for path in saved if path.startswith(old)]
    expected = {path.replace(old, new): text for path, text in files.items()}
    assert {path: text for path, text in saved.items() if path not in
            {path.replace(old, new) for path in images}} == expected
    assert list(moved.values()) == list(images.values())
    assert problems == []
    saved.update({path.replace(old, new): data for path, data in moved.items()})
    output = tmp_path / "output"
    build_site(write_files(saved, tmp_path), output)
    listed = [a["href"] for a in soup(output, "themes/").select("a[href^='/themes/']")
              if a["href"] != "/themes/"]
    assert listed == ["/themes/sante/", "/themes/logement/"]
    built = soup(output, "themes/logement/")
    assert "Une maison dessinée, pour tester l’image d’une page imbriquée." in {
        img.get("alt") for img in built.find_all("img")}


def delete_entry(page):
    page.get_by_role("button", name="Afficher les options de l’éditeur").click()
    page.get_by_role("menuitem", name="Supprimer").click()
    page.get_by_role("button", name="Supprimer", exact=True).last.click()
    page.wait_for_timeout(1500)


def test_a_deleted_theme_takes_its_folder_and_a_deleted_image_only_itself(
        browser, themes_origin):
    """As Kirby's Panel deletes a page: its folder goes whole, the meta files of its
    images too (a folder left with one would still be a page for Kirby)."""
    files = repository_files(THEMES)
    images = binaries(*(THEMES / "1_themes" / "1_logement").iterdir(),
                      THEMES / "1_themes" / "couverture.jpg")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_editor(page, themes_origin, {**files, **{path: list(data) for path, data in
                                                       images.items()}})
        open_entry(page, "Thèmes (themes)", "Logement : « un toit » !")
        delete_entry(page)
        after_theme = sorted(page.evaluate(READ_REPOSITORY))
        page.get_by_text("Images des pages", exact=True).first.click()
        page.get_by_text("couverture.jpg (themes)", exact=True).click()
        page.get_by_role("textbox", name="Texte alternatif", exact=True).wait_for()
        delete_entry(page)
        after_image = sorted(page.evaluate(READ_REPOSITORY))
    finally:
        context.close()
    everything = sorted([*files, *images])
    assert after_theme == [path for path in everything
                           if not path.startswith("content/1_themes/1_logement/")]
    assert after_image == [path for path in after_theme
                           if not path.startswith("content/1_themes/couverture.jpg")]


@pytest.fixture(scope="module")
def bilingual_origin(tmp_path_factory):
    yield from served_editor(tmp_path_factory, FIXTURES / "bilingual-site")


def test_a_translation_is_its_own_file_edited_alone(browser, bilingual_origin):
    """A multi-language site's page is one entry with a tab per language; each tab
    writes its language's file (`default.en.txt`), as Kirby names them."""
    files = repository_files(FIXTURES / "bilingual-site")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_editor(page, bilingual_origin, files)
        open_entry(page, "Pages", "Qui sommes-nous ?")
        page.get_by_text("Anglais", exact=True).first.click()
        title = page.get_by_role("textbox", name="Titre", exact=True).first
        assert title.input_value() == "Who we are"
        title.fill("About us")
        save(page)
        saved = page.evaluate(READ_REPOSITORY)
        # An image's meta files (`equipe.jpg.fr.txt`, `.en.txt`) are one image.
        page.get_by_text("Images des pages", exact=True).first.click()
        page.get_by_text("equipe.jpg (qui-sommes-nous)", exact=True).click()
        alt = page.get_by_role("textbox", name="Texte alternatif", exact=True).first
        assert alt.input_value() == parse_fields(
            files["content/1_qui-sommes-nous/equipe.jpg.fr.txt"])["alt"].value
    finally:
        context.close()
    english = "content/1_qui-sommes-nous/default.en.txt"
    assert saved[english] == files[english].replace("Title: Who we are", "Title: About us", 1)
    assert {path: text for path, text in saved.items() if path != english} == {
        path: text for path, text in files.items() if path != english}


def test_the_editor_is_french_and_needs_nothing_from_elsewhere(editor):
    page, problems = editor(repository_files(SEED_SITE))
    open_entry(page, "Thèmes", "L'accès à l'emploi")
    body = page.inner_text("body")
    assert "Enregistrer" in body and "Besoin identifié" in body
    fonts = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded')"
                          ".map(f => f.family)")
    assert any("Material Symbols" in family for family in fonts), fonts
    assert problems == []
    print(json.dumps({"ready_after_s": round(page.ready_after, 2)}))
