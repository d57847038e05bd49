"""A content object's attributes in a dict of their size (plugins/kirby/compact.py)."""

import json
import subprocess
import sys
from pathlib import Path

from pelican import signals
from pelican.contents import Page, Static
from pelican.settings import DEFAULT_CONFIG

from kirby.compact import compact_attributes

ROOT = Path(__file__).resolve().parents[2]
# As many metadata keys as the Kirby reader gives a page with actions.
METADATA = {f"key_{n}": n for n in range(19)}


def page() -> Page:
    return Page("<p>Texte</p>", metadata=dict(METADATA), settings=DEFAULT_CONFIG,
                source_path="/site/1_page/page.md")


def test_a_page_with_many_attributes_is_held_in_a_smaller_dict():
    # In a fresh process, as a build runs: how big an instance dict grows depends
    # on the other instances of its class made before it.
    done = subprocess.run([sys.executable, "-c", FRESH_PAGE], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    before, after, same = json.loads(done.stdout)
    # If this fails, CPython no longer leaves room to spare in such a dict:
    # compact.py has nothing left to do, and can go.
    assert after < before
    assert same


FRESH_PAGE = f"""
import json, sys
sys.path[:0] = [{str(ROOT / "plugins")!r}, {str(ROOT)!r}]
from tests.unit.test_compact_attributes import page
from kirby.compact import compact_attributes
content = page()
before, attributes = sys.getsizeof(content.__dict__), dict(content.__dict__)
compact_attributes(content)
print(json.dumps([before, sys.getsizeof(content.__dict__),
                  content.__dict__ == attributes and content.key_3 == 3]))
"""


def test_a_dict_sharing_its_keys_is_left_as_it_is():
    with signals.content_object_init.muted():
        static = Static("", metadata={}, settings=DEFAULT_CONFIG,
                        source_path="/site/a.png")
    attributes = static.__dict__
    compact_attributes(static)
    assert static.__dict__ is attributes


def test_every_content_object_made_in_a_build_is_compacted():
    done = subprocess.run([sys.executable, "-c", BUILT_PAGE], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    size, copy = json.loads(done.stdout)
    assert size == copy


BUILT_PAGE = f"""
import json, sys
sys.path[:0] = [{str(ROOT / "plugins")!r}, {str(ROOT)!r}]
import kirby
from tests.unit.test_compact_attributes import page
kirby.register()  # the receiver, as a build connects it
content = page()
print(json.dumps([sys.getsizeof(content.__dict__), sys.getsizeof(dict(content.__dict__))]))
"""


def test_short_strings_are_held_once_for_the_whole_site():
    # "".join: strings made at run time, as Pelican makes "kirby" or "published".
    with signals.content_object_init.muted():
        made = [Page("", metadata={"template": "".join(["pa", "ge"]), "title": "".join(["T", n])},
                     settings=DEFAULT_CONFIG, source_path=f"/site/{n}/page.md") for n in "ab"]
    first, second = made
    assert first.template is not second.template  # as Pelican leaves them
    assert first._status is not second._status
    for content in made:
        compact_attributes(content)
    assert first.template is second.template == "page"
    assert first.metadata["template"] is first.template
    assert first._status is second._status == "published"
    assert (first.title, second.title) == ("Ta", "Tb")
