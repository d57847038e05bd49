"""The one test of the live content: whatever the volunteers wrote, the site it gives is whole.

Every other test builds a fixture. This one builds the site's own content (the
folder pelicanconf.py names) and asserts only what holds for any content that
`make check` accepts (tests/wholeness.py), never what the content says: no
ordinary edit can turn it red. The tests below it prove that it can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican.settings import read_settings

from tests.support import ROOT, SEED_SITE
from tests.wholeness import broken_links, internal_target, whole_site_failures


def test_the_live_site_is_whole(tmp_path):
    content = Path(read_settings(str(ROOT / "pelicanconf.py"))["PATH"])
    assert whole_site_failures(content, tmp_path / "output") == []


def test_a_content_error_and_a_missing_page_are_failures(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_SITE, content)
    (content / "2_logement").mkdir()
    (content / "2_logement" / "page.md").write_text("Title: Logement\n---\nText: x\n",
                                                    encoding="utf-8")
    failures = whole_site_failures(content, tmp_path / "output")
    assert any(f.startswith("problem: content/2_logement/page.md:2:") for f in failures)


def test_a_link_to_a_missing_file_is_a_failure(tmp_path):
    output = tmp_path / "output"
    (output / "emploi").mkdir(parents=True)
    (output / "style.css").write_text("")
    (output / "index.html").write_text(
        '<a href="emploi/">ok</a><a href="#haut">ok</a><a href="https://exemple.org/x">ok</a>'
        '<link rel="stylesheet" href="/style.css"><img src="/absente.png" alt="">')
    (output / "emploi" / "index.html").write_text('<a href="../logement/">x</a>')
    assert broken_links(output) == [
        'broken link: /emploi/index.html: <a href="../logement/">',
        'broken link: /index.html: <img src="/absente.png">',
    ]


def test_internal_targets():
    assert internal_target("/a/index.html", "b/") == "/a/b/"
    assert internal_target("/a/index.html", "/c%C3%A9/") == "/cé/"
    assert internal_target("/a/index.html", "mailto:x@exemple.org") is None
    assert internal_target("/a/index.html", "//cdn.exemple.org/x.js") is None
