"""No text of a title or of a tag attribute reaches the HTML unescaped (kirby-format.md §3-4)."""

from html.parser import HTMLParser

import pytest
from actions.site import ActionsGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kirby.kirbytags import TAGS, TagContext, expand_tags
from pelican.generators import PagesGenerator
from pelican.plugins import signals

from tests.support import SEED_SITE, build_site

from .strategies import hostile_text
from .test_never_raise import FILES, KIRBYTEXT

# In a tag, `(`, `)` and `name:` end the value: they are the tag's syntax, not its text.
ATTRIBUTE_TEXT = hostile_text.filter(lambda v: not any(c in v for c in "():"))


class _Injected(HTMLParser):
    """Counts what the hostile text would add to the page if it were not escaped."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag.startswith("x-inject"):
            self.found.append(f"<{tag}>")
        self.found += [f"{tag}[{name}]" for name, _ in attrs if name.startswith("x-inject")]

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        if "x-inject" in data:
            self.found.append(f"<!--{data}-->")


def injected(html: str) -> list[str]:
    return _Injected(html).found


def tag_source(name: str, value: str, attribute: str, text: str) -> str:
    return f"({name}: {value} {attribute}: {text})" if attribute != name else f"({name}: {text})"


TAG_ATTRIBUTES = sorted({(name, attr) for name, tag in TAGS.items() for attr in (name, *tag.attrs)})
VALUES = {"image": "photo.png", "file": "doc_annuel.pdf", "video": "clip.mp4",
          "youtube": "https://youtu.be/abc", "vimeo": "https://vimeo.com/123",
          "gist": "https://gist.github.com/u/1", "email": "a@b.org", "tel": "+33 1 23",
          "link": "https://exemple.org", "date": "Y"}


@settings(max_examples=300)
@given(st.sampled_from(TAG_ATTRIBUTES), ATTRIBUTE_TEXT)
def test_tag_attributes_are_escaped(tag_attribute, text):
    name, attribute = tag_attribute
    source = tag_source(name, VALUES.get(name, "x"), attribute, text)
    html = expand_tags(source, TagContext(site_url="", files=FILES))
    assert injected(html) == [], source


@settings(max_examples=200)
@given(st.sampled_from([ta for ta in TAG_ATTRIBUTES if ta[1] != "caption"]), ATTRIBUTE_TEXT)
def test_tag_attributes_are_escaped_in_kirbytext(tag_attribute, text):
    # Through Markdown too (captions are inline KirbyText, where raw HTML is allowed).
    name, attribute = tag_attribute
    source = "Avant " + tag_source(name, VALUES.get(name, "x"), attribute, text) + " après."
    html = KIRBYTEXT.render(source, TagContext(site_url="", files=FILES))
    assert injected(html) == [], source


@pytest.fixture(scope="module")
def generators(tmp_path_factory):
    """The real site's generators after a build: the theme's templates with their context."""
    found = {}

    def keep(sender):
        found["generators"] = sender

    signals.all_generators_finalized.connect(keep)
    try:
        build_site(SEED_SITE, tmp_path_factory.mktemp("titles") / "output")
    finally:
        signals.all_generators_finalized.disconnect(keep)
    return found["generators"]


def render(generator, template: str, **variables) -> str:
    context = dict(generator.context, localsiteurl="", **variables)
    return generator.get_template(template).render(context)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text)
def test_titles_are_escaped_everywhere(generators, title):
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    actions = next(g for g in generators if isinstance(g, ActionsGenerator))
    saved = {id(page): page.title for page in pages.pages}
    try:
        for page in pages.pages:
            page.title = title
        for page in pages.pages:
            html = render(pages, page.template, page=page, output_file=page.save_as)
            assert injected(html) == [], (page.save_as, title)
        assert injected(render(actions, "actions", output_file="actions/index.html")) == []
    finally:
        for page in pages.pages:
            page.title = saved[id(page)]
