"""The preview's selective rebuilds write what a full build writes, file by file.

One Builder lives through a volunteer's session of edits, as under `make
serve`; after each edit its output is compared with a fresh `make build`-like
build of the same content (tests/support.py).
"""

import shutil
from pathlib import Path

import pytest

from bench.sites import kirby_page_file, write_kirby_site
from tests.support import ROOT, build_site
from tools.rebuild import Builder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def assert_same_as_full_build(content: Path, output: Path, scratch: Path) -> None:
    full = scratch / "full"
    shutil.rmtree(full, ignore_errors=True)
    build_site(content, full)
    built, expected = files(output), files(full)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.fixture
def session(tmp_path):
    content = write_kirby_site(tmp_path / "content", 12)  # 10 sections, 2 with a child page
    output = tmp_path / "output"
    builder = Builder(ROOT / "pelicanconf.py", content, output)
    result = builder.build()
    assert result.kind == "full"
    assert_same_as_full_build(content, output, tmp_path)
    return builder, content, output, tmp_path


def test_text_edits_write_the_page_its_parent_and_the_lists(session):
    builder, content, output, scratch = session
    child = kirby_page_file(content, 11)  # in section 1 (folder 2_page-1)

    result = builder.build([edit(child, "Besoin identifié : ", "Besoin identifié : d’abord, ")])
    assert result.kind == "selective"
    assert result.read == [str(child)]
    assert {"page-1/page-11/index.html", "page-1/index.html", "index.html",
            "actions/index.html"} <= set(result.written)
    assert result.skipped >= 9
    assert_same_as_full_build(content, output, scratch)

    # A top-level page: the home page shows its summary.
    section = kirby_page_file(content, 3)
    result = builder.build([edit(section, "Text: \n\n", "Text: \n\nUn nouveau début.\n\n")])
    assert result.kind == "selective"
    assert_same_as_full_build(content, output, scratch)

    # A page file's metadata, then the image itself.
    alt = child.parent / "illustration.png.md"
    result = builder.build([edit(alt, "Alt: ", "Alt: Dessin : ")])
    assert result.kind == "selective"
    assert result.read == [str(child)]
    assert_same_as_full_build(content, output, scratch)
    image = child.parent / "illustration.png"
    image.write_bytes(image.read_bytes() + b"\0")
    assert builder.build([str(image)]).kind == "selective"
    assert_same_as_full_build(content, output, scratch)


def test_titles_files_and_folders_rebuild_everything(session):
    builder, content, output, scratch = session
    child = kirby_page_file(content, 10)

    result = builder.build([edit(child, "Title: ", "Title: Nouveau titre, ")])
    assert result.kind == "full"  # menus, breadcrumbs and cards show titles
    assert_same_as_full_build(content, output, scratch)

    added = child.parent / "affiche.png"
    shutil.copy(child.parent / "illustration.png", added)
    assert builder.build([str(added)]).kind == "full"
    assert_same_as_full_build(content, output, scratch)

    shutil.rmtree(kirby_page_file(content, 11).parent)  # its output must go too
    assert builder.build([str(kirby_page_file(content, 11))]).kind == "full"
    assert_same_as_full_build(content, output, scratch)

    result = builder.build([edit(content / "site.md", "Title: ", "Title: Nouveau nom, ")])
    assert result.kind == "full"
    assert_same_as_full_build(content, output, scratch)


def test_drafts_and_hidden_files_change_nothing(session):
    builder, content, output, _scratch = session
    draft = content / "_drafts" / "brouillon" / "page.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("Title: Brouillon\n", encoding="utf-8")
    before = files(output)
    assert builder.build([str(draft), str(content / "1_page-0" / ".page.md.swp")]).kind == "none"
    assert files(output) == before


def test_the_saved_page_comes_first_with_the_bytes_the_whole_run_writes(session):
    builder, content, output, scratch = session
    child = kirby_page_file(content, 11)
    page = output / "page-1" / "page-11" / "index.html"
    saved = edit(child, "Text: \n\n", "Text: \n\nUn premier paragraphe tout neuf.\n\n")

    first = builder.page_first([saved])
    assert first is not None and first.kind == "page"
    assert first.written == ["page-1/page-11/index.html"]
    early = page.read_bytes()
    assert "Un premier paragraphe tout neuf.".encode() in early
    # Its description is its new first paragraph, as the whole run gives it.
    assert b'content="Un premier paragraphe tout neuf.' in early

    assert builder.build([saved]).kind == "selective"
    assert page.read_bytes() == early
    assert_same_as_full_build(content, output, scratch)


def test_the_saved_page_waits_for_the_rest_when_the_edit_moves_it(session):
    builder, content, output, _scratch = session
    child = kirby_page_file(content, 11)
    before = (output / "page-1" / "page-11" / "index.html").read_bytes()
    # A new title changes the menus and cards of other pages: no page first.
    assert builder.page_first([edit(child, "Title: ", "Title: Nouveau ")]) is None
    # Nor a new file in the folder, nor a path that is no page's text.
    (child.parent / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    assert builder.page_first([str(child.parent / "notes.pdf")]) is None
    assert builder.page_first([str(child)]) is None
    assert (output / "page-1" / "page-11" / "index.html").read_bytes() == before


def test_a_page_naming_another_by_its_uuid_follows_it_when_it_moves(session):
    # The reference is resolved when its page is read: that page must be read again
    # once the other has moved, though its own folder did not change.
    builder, content, output, scratch = session
    target, naming = kirby_page_file(content, 4), kirby_page_file(content, 6)
    target.write_text(target.read_text("utf-8") + "\n\n----\n\nUuid: cible\n", "utf-8")
    edit(naming, "Text: \n\n", "Text: \n\nVoir (link: page://cible text: la cible).\n\n")
    builder.build([str(target), str(naming)])
    assert_same_as_full_build(content, output, scratch)
    moved = target.parent.with_name(target.parent.name.replace("page-", "deplacee-"))
    target.parent.rename(moved)
    assert builder.build([str(target.parent), str(moved)]).kind == "full"
    assert_same_as_full_build(content, output, scratch)
    assert "/deplacee-4/" in (output / "page-6" / "index.html").read_text("utf-8")


def test_a_whole_run_that_writes_few_pages_still_lists_them_all(session):
    # A meta file removed: the folder's names changed, so Pelican's whole run, yet no
    # page moved, so it writes only that page; the sitemap must still list every page.
    builder, content, output, scratch = session
    child = kirby_page_file(content, 11)
    (child.parent / "illustration.png.md").unlink()
    result = builder.build([str(child.parent / "illustration.png.md")])
    assert result.skipped >= 9
    assert_same_as_full_build(content, output, scratch)
