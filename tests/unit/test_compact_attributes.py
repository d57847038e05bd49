"""A content object's attributes in a dict of their size (plugins/kirby/compact.py)."""

import sys

from pelican.contents import Page, Static
from pelican.settings import DEFAULT_CONFIG

import kirby
from kirby.compact import compact_attributes

# As many metadata keys as the Kirby reader gives a page with actions.
METADATA = {f"key_{n}": n for n in range(19)}


def page() -> Page:
    return Page("<p>Texte</p>", metadata=dict(METADATA), settings=DEFAULT_CONFIG,
                source_path="/site/1_page/page.md")


def test_a_page_with_many_attributes_is_held_in_a_smaller_dict():
    content = page()
    before, attributes = sys.getsizeof(content.__dict__), dict(content.__dict__)
    compact_attributes(content)
    # If this fails, CPython no longer leaves room to spare in such a dict:
    # compact.py has nothing left to do, and can go.
    assert sys.getsizeof(content.__dict__) < before
    assert content.__dict__ == attributes and content.key_3 == 3


def test_a_dict_sharing_its_keys_is_left_as_it_is():
    static = Static("", metadata={}, settings=DEFAULT_CONFIG, source_path="/site/a.png")
    attributes = static.__dict__
    compact_attributes(static)
    assert static.__dict__ is attributes


def test_every_content_object_made_in_a_build_is_compacted():
    kirby.register()  # the receiver, as a build connects it
    content = page()
    assert sys.getsizeof(content.__dict__) <= sys.getsizeof(dict(content.__dict__))
