"""Kirby 2 content (kirby2.py): `N-slug` folders, `Url-key:`, Markdown Extra, Kirby 2's tags."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kirby import tree
from kirby.kirby2 import configure, detect, url_keys
from kirby.kirbytags import TagContext, expand_tags
from kirby.settings import markdown_extensions
from kirby.sitetags import registry
from kirby.tree import (FolderRules, date_from_num, page_slug, sort_key, split_folder_name,
                        url_path, use_folder_rules)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "kirby2-site"


@pytest.fixture(autouse=True)
def _kirby3_afterwards():
    yield
    use_folder_rules(FolderRules())  # what a build of another test would set first


@pytest.mark.parametrize(("name", "expected"), [
    ("4-blog", (4, "blog")),
    ("10-a-b", (10, "a-b")),
    ("1_emploi", (None, "1_emploi")),  # Kirby 2 reads the underscore as part of the name
    ("blog", (None, "blog")),
    ("1-", (None, "1-")),
])
def test_kirby2_folder_names(name, expected):
    assert split_folder_name(name, version=2) == expected


def test_the_build_rules_decide_for_callers_that_pass_nothing():
    assert split_folder_name("4-blog") == (None, "4-blog")
    assert url_path("1-blog/2-un-article") == "1-blog/2-un-article/"
    use_folder_rules(FolderRules(2, {"1-blog": "journal"}))
    assert split_folder_name("4-blog") == (4, "blog")
    assert url_path("1-blog/2-un-article") == "journal/un-article/"
    assert url_path("home") == ""
    assert page_slug("1-blog") == "journal" and page_slug("1-blog/2-un-article") == "un-article"
    assert sorted(["10-z", "2-b", "page", "1-a"], key=sort_key) == ["page", "1-a", "2-b", "10-z"]
    assert date_from_num("20160312-note").year == 2016
    assert date_from_num("20160312_note") is None


@pytest.mark.parametrize(("folders", "expected"), [
    (["1-blog", "1-blog/2-un-article", "contact"], (2, None)),
    (["1_blog", "contact"], (3, None)),
    (["contact", "home"], (3, None)),
    ([], (3, None)),
    (["1_actions", "2-infos"], (3, ("1_actions", "2-infos"))),
    (["2-infos", "a/1_x"], (3, ("a/1_x", "2-infos"))),
])
def test_detection(folders, expected):
    assert detect(folders) == expected


def test_url_keys_read_only_the_files_that_have_one():
    assert url_keys(str(FIXTURE), tree.walk_folders(FIXTURE)) == {
        "1-blog": "journal", "1-blog/1-ancien-article": "vieil-article"}


def test_a_folder_with_one_file_per_language_keeps_its_url_key_to_the_languages(tmp_path):
    (tmp_path / "1-a").mkdir()
    (tmp_path / "1-a" / "a.fr.txt").write_text("Title: A\n----\nUrl-key: une\n", "utf-8")
    (tmp_path / "1-a" / "a.en.txt").write_text("Title: A\n----\nUrl-key: one\n", "utf-8")
    (tmp_path / "2-b").mkdir()
    (tmp_path / "2-b" / "b.fr.txt").write_text("Title: B\n----\nURL-Key: Été 2016\n", "utf-8")
    assert url_keys(str(tmp_path), tree.walk_folders(tmp_path)) == {"2-b": "ete-2016"}


def test_every_build_sets_its_own_rules(tmp_path):
    kirby3 = tmp_path / "kirby3"
    (kirby3 / "1_x").mkdir(parents=True)
    settings = {"PATH": str(FIXTURE), "KIRBY_VERSION": "auto"}
    configure(settings)
    assert settings["KIRBY_VERSION"] == 2 and url_path("1-blog") == "journal/"
    settings = {"PATH": str(kirby3), "KIRBY_VERSION": "auto"}
    configure(settings)
    assert settings["KIRBY_VERSION"] == 3
    assert url_path("1-blog") == "1-blog/" and url_path("1_x") == "x/"
    settings = {"PATH": str(kirby3), "KIRBY_VERSION": 2}  # the site's choice, no guess
    configure(settings)
    assert settings["KIRBY_VERSION"] == 2 and url_path("1_x") == "1_x/"


def test_a_mixed_tree_warns_in_french_and_keeps_kirby3(tmp_path, caplog):
    for name in ("1_actions", "2-infos", "contact"):
        (tmp_path / name).mkdir()
    settings = {"PATH": str(tmp_path), "KIRBY_VERSION": "auto"}
    with caplog.at_level(logging.WARNING, logger="kirby"):
        configure(settings)
    assert settings["KIRBY_VERSION"] == 3
    assert [record.getMessage() for record in caplog.records] == [
        "content/2-infos:1: avertissement : les dossiers mêlent la numérotation de Kirby 3 "
        "(« content/1_actions », numéro puis « _ ») et celle de Kirby 2 (« content/2-infos », "
        "numéro puis « - ») : les règles de Kirby 3 s’appliquent, et « 2-infos » est une page "
        "non listée à l’adresse /2-infos/. Renommez les dossiers d’une seule façon, ou "
        "choisissez dans pelicanconf.py : KIRBY_VERSION = 2 ou 3."]
    caplog.clear()
    configure({"PATH": str(tmp_path), "KIRBY_VERSION": 3})  # chosen: nothing to say
    assert caplog.records == []


def test_markdown_extra_with_kirby2_or_when_asked():
    extra = ("abbr", "attr_list", "def_list", "footnotes", "md_in_html")
    assert markdown_extensions({"KIRBY_VERSION": 3}) == ((), ())
    assert markdown_extensions({"KIRBY_VERSION": 2})[0] == extra
    assert markdown_extensions({"KIRBY_VERSION": 3, "KIRBY_MARKDOWN_EXTRA": True})[0] == extra
    assert markdown_extensions({"KIRBY_VERSION": 2, "KIRBY_MARKDOWN_EXTRA": False}) == ((), ())
    assert markdown_extensions({"KIRBY_VERSION": 2, "DEFAULT_LANG": "fr"})[1] == (
        ("footnotes", (("BACKLINK_TITLE", "Revenir à l’appel de la note %d"),)),)


KIRBY2 = registry(2)


def kirby2(text: str, **kwargs) -> str:
    return expand_tags(text, TagContext(tags=KIRBY2, **kwargs))


@pytest.mark.parametrize(("text", "expected"), [
    ("(twitter: @getkirby)", '<a href="https://twitter.com/getkirby">@getkirby</a>'),
    ("(twitter: getkirby text: Kirby popup: yes)",
     '<a href="https://twitter.com/getkirby" rel="noreferrer" target="_blank">Kirby</a>'),
    ("(link: https://x.org text: X popup: yes)",
     '<a href="https://x.org" rel="noreferrer" target="_blank">X</a>'),
    # PHP's empty(): "0" is no popup, any other value is one.
    ("(link: https://x.org text: X popup: 0)", '<a href="https://x.org">X</a>'),
    # Kirby 2's link has no `role` attribute: it stays in the text.
    ("(link: https://x.org text: X role: y)", '<a href="https://x.org">X role: y</a>'),
    ("(image: https://x.org/a.png text: Un chat)",
     '<figure><img src="https://x.org/a.png" alt="Un chat"></figure>'),
    ("(youtube: https://youtu.be/abc width: 640 height: 360 caption: Un film)",
     '<figure class="video"><iframe src="https://www.youtube-nocookie.com/embed/abc" '
     'title="Un film" allow="fullscreen" allowfullscreen width="640" height="360"></iframe>'
     "<figcaption>Un film</figcaption></figure>"),
    ("(tel: 01 23 title: Appel)", '<a href="tel:0123" title="Appel">01 23</a>'),
])
def test_kirby2_tags(text, expected):
    assert kirby2(text) == expected


def test_kirby2_file_links_without_download():
    from kirby.kirbytags import PageFile

    files = {"doc.pdf": PageFile("doc.pdf", "/a/doc.pdf")}
    assert kirby2("(file: doc.pdf popup: yes)", files=files) == (
        '<a href="/a/doc.pdf" rel="noreferrer" target="_blank">doc.pdf</a>')
    assert expand_tags("(file: doc.pdf)", TagContext(files=files)) == (
        '<a href="/a/doc.pdf" download>doc.pdf</a>')


def test_twitter_is_kirby2_only():
    context = TagContext()
    assert expand_tags("(twitter: @getkirby)", context) == "(twitter: @getkirby)"
    assert "« (twitter: … » n’existe pas" in context.problems[0].message
