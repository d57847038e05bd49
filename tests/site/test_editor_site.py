"""/admin/ in real builds (plugins/editor): the editor's files, its own policy, its
configuration made from the content; the rest of the site does not change for it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import FIXTURES, SEED_SITE, build_site, soup

ROOT = Path(__file__).resolve().parents[2]
if not (ROOT / "node_modules" / "@sveltia" / "cms").exists():
    pytest.skip("node_modules/@sveltia/cms is missing (npm ci)", allow_module_level=True)


def config(output: Path) -> dict:
    text = (output / "admin" / "config.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.EDITOR_CONFIG = ", 1)[1].rstrip().rstrip(";"))


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    output = tmp_path_factory.mktemp("editor-seed") / "output"
    build_site(SEED_SITE, output, EDITOR_BACKEND={"name": "github", "repo": "cf92/site",
                                                  "branch": "main"})
    return output


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    output = tmp_path_factory.mktemp("editor-news") / "output"
    build_site(FIXTURES / "news-site", output, EDITOR_BACKEND={"name": "test-repo"})
    return output


def test_admin_holds_the_editor_and_nothing_from_elsewhere(seed):
    admin = seed / "admin"
    names = {path.relative_to(admin).as_posix() for path in admin.rglob("*") if path.is_file()}
    assert {"index.html", "config.js", "editor.js", "kirby-format.js", "actions-format.js",
            "sveltia/sveltia-cms.js", "sveltia/locales/fr.json"} <= names
    assert len([name for name in names if name.endswith(".woff2")]) == 3
    for path in admin.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "unpkg.com/@sveltia/cms" not in text, path


def test_admin_has_its_own_narrow_policy_and_is_not_indexed(seed):
    page = soup(seed, "admin/")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy
    assert re.search(r"connect-src 'self' data: blob: https://api\.github\.com(;|$)", policy)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.html["lang"] == "fr"
    assert "Disallow: /admin/" in (seed / "robots.txt").read_text(encoding="utf-8")
    assert "/admin/" not in (seed / "sitemap.xml").read_text(encoding="utf-8")
    # Pagefind indexes only the pages that mark their body, once one does (plugins/search).
    assert page.find(attrs={"data-pagefind-body": True}) is None
    assert soup(seed, "acces-a-l-emploi/").find(attrs={"data-pagefind-body": True})
    # The site's own pages keep their policy, and never load the editor.
    home = soup(seed, "")
    assert "unsafe-inline" not in home.find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    for html in seed.rglob("*.html"):
        if "admin" not in html.relative_to(seed).parts:
            assert "/admin/" not in html.read_text(encoding="utf-8"), html


def test_the_configuration_is_the_content_model(seed):
    made = config(seed)
    assert made["extension"] == "md"
    cms = made["config"]
    assert cms["backend"] == {"name": "github", "repo": "cf92/site", "branch": "main"}
    by_label = {collection["label"]: collection for collection in cms["collections"]}
    assert set(by_label) == {"Accueil", "Réglages du site", "Thèmes", "Images des pages"}
    themes = by_label["Thèmes"]
    assert (themes["folder"], themes["path"], themes["format"]) == (
        "content", "{{slug}}/page", "kirby-actions")
    assert themes["slug"]["template"] == "{{fields._numero}}_{{slug}}"
    # The folder's name is editable on a page that exists: its number reorders it.
    assert themes["slug"]["editable"] == ["update"] and "numéro" in themes["slug"]["hint"]
    name, refused = themes["slug"]["pattern"]
    assert [folder for folder in ("3_acces-au-logement", "contact", "12_a-b-c", "3_Accès",
                                  "3 logement", "3_logement/x", "3_", "_logement", "3__a")
            if re.search(name, folder)] == ["3_acces-au-logement", "contact", "12_a-b-c"]
    assert "3_acces-au-logement" in refused
    # An image's meta file and the home's are named by their fields, or fixed.
    assert {c["label"]: c["slug"] for c in cms["collections"] if c["label"] != "Thèmes"} == {
        label: {"editable": False} for label in ("Accueil", "Réglages du site",
                                                  "Images des pages")}
    number = next(f for f in themes["fields"] if f["name"] == "_numero")
    assert number["default"] == "2"  # after 1_acces-a-l-emploi
    names = [f["name"] for f in themes["fields"]]
    assert names == ["_numero", "title", "cover", "text", "actions", "text_after", "_raw"]
    assert by_label["Réglages du site"]["folder"] == "content"
    assert by_label["Réglages du site"]["path"] == "site"
    assert cms["slug"]["encoding"] == "ascii" and cms["slug"]["clean_accents"]


def test_images_are_their_meta_files_with_a_required_alt(seed, news):
    images = next(c for c in config(seed)["config"]["collections"]
                  if c["label"] == "Images des pages")
    assert (images["folder"], images["format"]) == ("content", "kirby-image")
    assert images["path"] == "{{fields._page}}/{{fields._image}}"
    fields = {f["name"]: f for f in images["fields"]}
    assert [option["value"] for option in fields["_page"]["options"]] == [
        "1_acces-a-l-emploi", "home"]
    assert fields["_image"]["widget"] == "image" and fields["_image"]["required"]
    assert fields["alt"]["required"] and fields["alt"]["label"] == "Texte alternatif"
    assert "informations privées" in fields["_image"]["hint"]
    # Only files named after an image are entries: `photo.jpg.md`, not `page.md`.
    pattern = re.fullmatch(r"/(.*)/i", images["filter"]["pattern"]).group(1)
    assert [slug for slug in ("1_a/insertion.png", "1_a/PHOTO.JPG", "1_a/page", "home/home",
                              "1_a/page.en") if re.search(pattern, slug, re.I)] == [
        "1_a/insertion.png", "1_a/PHOTO.JPG"]
    # The news' images are another folder's: the news folder's own collection.
    labels = [c["label"] for c in config(news)["config"]["collections"]]
    assert "Images (actualites)" in labels


def test_news_are_a_dated_collection_without_actions(news):
    cms = config(news)["config"]
    by_label = {collection["label"]: collection for collection in cms["collections"]}
    articles = by_label["Actualités (actualites)"]
    assert articles["folder"] == "content/3_actualites"
    assert articles["path"] == "{{slug}}/article" and articles["format"] == "kirby"
    assert articles["slug"]["template"] == "{{year}}{{month}}{{day}}_{{slug}}"
    assert re.search(articles["slug"]["pattern"][0], "20240312_rencontre-des-benevoles")
    assert "date" in [f["name"] for f in articles["fields"]]
    # The test-repo back-end is in the browser: nothing to connect to.
    policy = soup(news, "admin/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "connect-src 'self' data: blob:;" in policy["content"]


def test_a_gitlab_editor_connects_to_its_gitlab_only():
    from editor.policy import admin_policy

    policy = admin_policy({"name": "gitlab", "repo": "cf92/site", "auth_type": "pkce",
                           "app_id": "x", "base_url": "https://framagit.org",
                           "api_root": "https://framagit.org/api/v4"})
    assert "connect-src 'self' data: blob: https://framagit.org;" in policy


def test_the_preview_leaves_the_editor_alone(seed):
    # livereload adds its script before </head>: the editor's page has none, so that
    # a save from the form (local folder) does not reload the form.
    from livereload.server import HEAD_END

    assert HEAD_END not in (seed / "admin" / "index.html").read_bytes()
    assert HEAD_END in (seed / "index.html").read_bytes()


def test_a_multi_language_site_edits_each_language_file(tmp_path):
    output = tmp_path / "output"
    build_site(FIXTURES / "bilingual-site", output, EDITOR_BACKEND={"name": "test-repo"})
    made = config(output)
    assert made["languages"] == ["fr", "en"]
    cms = made["config"]
    # Kirby's `default.fr.txt` and `default.en.txt`: one entry, a file per language.
    assert cms["i18n"] == {"structure": "multiple_files", "locales": ["fr", "en"],
                           "default_locale": "fr"}
    by_name = {collection["name"]: collection for collection in cms["collections"]}
    pages = by_name["racine-default"]
    assert pages["path"] == "{{slug}}/default" and pages["i18n"] is True
    fields = {f["name"]: f for f in pages["fields"]}
    assert fields["title"]["i18n"] is True and fields["_numero"]["i18n"] == "duplicate"
    assert by_name["reglages"]["path"] == "site"
    assert "racine-images" in by_name


def test_the_bundle_is_written_once_and_again_when_it_changed(tmp_path):
    from editor.bundle import rewrite_bundle
    from editor.site import write_bundle

    script = ROOT / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    target = tmp_path / "admin" / "sveltia" / "sveltia-cms.js"
    write_bundle(script, target, "/admin/sveltia")
    assert target.read_bytes() == rewrite_bundle(script.read_bytes(), "/admin/sveltia")
    written = target.stat().st_ctime_ns
    write_bundle(script, target, "/admin/sveltia")  # a preview run: up to date, left
    assert target.stat().st_ctime_ns == written
    target.write_bytes(b"cut short")
    write_bundle(script, target, "/admin/sveltia")
    assert target.read_bytes() == rewrite_bundle(script.read_bytes(), "/admin/sveltia")


def test_the_config_is_written_from_its_pieces_and_left_when_unchanged(tmp_path):
    from editor.site import write_chunks

    target = tmp_path / "admin" / "config.js"
    write_chunks(target, iter(["window.EDITOR_CONFIG = ", '{"a": 1}', ";\n"]))
    assert target.read_text("utf-8") == 'window.EDITOR_CONFIG = {"a": 1};\n'
    written = target.stat().st_mtime_ns
    write_chunks(target, iter(["window.EDITOR_CONFIG = ", '{"a": 1}', ";\n"]))
    assert target.stat().st_mtime_ns == written  # a preview run: no reload for nothing
    write_chunks(target, iter(["window.EDITOR_CONFIG = ", '{"a": «2»}', ";\n"]))
    assert target.read_text("utf-8") == 'window.EDITOR_CONFIG = {"a": «2»};\n'
    assert [path.name for path in target.parent.iterdir()] == ["config.js"]


def test_a_config_that_fails_half_way_leaves_the_last_one_whole(tmp_path):
    from editor.site import write_chunks

    target = tmp_path / "config.js"
    target.write_text("window.EDITOR_CONFIG = {};\n", "utf-8")

    def failing():
        yield "window.EDITOR_CONFIG = {"
        raise ValueError("not JSON")

    with pytest.raises(ValueError):
        write_chunks(target, failing())
    assert target.read_text("utf-8") == "window.EDITOR_CONFIG = {};\n"
    assert [path.name for path in tmp_path.iterdir()] == ["config.js"]
