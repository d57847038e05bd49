"""No text makes the field parser, the tag expander, KirbyText or the actions finder
raise anything but the project's ContentError (kirby-format.md §5)."""

from datetime import datetime

from actions.find import actions_from_yaml
from actions.markdown import find_actions
from hypothesis import given, settings
from hypothesis import strategies as st
from kirby.fields import parse_fields
from kirby.kirbytags import PageFile, TagContext, expand_tags
from kirby.kirbytext import KirbyText
from kirby.problems import ContentError

from .strategies import kirby_text

TEXT = st.one_of(kirby_text, st.text())
FILES = {
    "photo.png": PageFile("photo.png", "/page/photo.png",
                          {"alt": "Une photo", "caption": "*Légende*"}, 40, 30),
    "doc_annuel.pdf": PageFile("doc_annuel.pdf", "/page/doc_annuel.pdf"),
    "clip.mp4": PageFile("clip.mp4", "/page/clip.mp4"),
}
KIRBYTEXT = KirbyText()


def context() -> TagContext:
    return TagContext(site_url="https://exemple.org", files=FILES,
                      now=datetime(2024, 3, 12, 18, 30))


@settings(max_examples=200)
@given(TEXT)
def test_tags_expand_on_any_text(text):
    ctx = context()
    html = expand_tags(text, ctx)
    assert isinstance(html, str)
    assert all(problem.line >= 0 and problem.message for problem in ctx.problems)


@settings(max_examples=200)
@given(TEXT)
def test_kirbytext_renders_any_text(text):
    assert isinstance(KIRBYTEXT.render(text, context()), str)
    assert isinstance(KIRBYTEXT.render_inline(text, context()), str)


@settings(max_examples=200)
@given(TEXT, st.integers(1, 500))
def test_actions_found_in_any_text(text, first_line):
    # Every action lies within the text.
    last = first_line + text.count("\n")
    for action in find_actions(text, first_line):
        assert first_line <= action.line <= last


@settings(max_examples=200)
@given(TEXT)
def test_actions_field_raises_only_content_errors(text):
    try:
        actions = actions_from_yaml(text, 3)
    except ContentError as error:
        assert error.message and error.line >= 3
    else:
        assert all(action.name for action in actions)


@settings(max_examples=100)
@given(TEXT)
def test_field_values_go_through_everything(text):
    # A whole content file: its fields, its tags and Markdown, its actions.
    for field in parse_fields(text).values():
        KIRBYTEXT.render(field.value, context())
        find_actions(field.value, field.value_line)
