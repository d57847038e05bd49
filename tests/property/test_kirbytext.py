"""The plain-text fast path of inline KirbyText gives what Markdown gives."""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from kirby.kirbytags import TagContext
from kirby.kirbytext import _PLAIN, KirbyText, PageText, plain_inline

KIRBYTEXT = KirbyText()
# Text that looks like an action's field, with at most one character that
# Markdown (or the tag parser) may care about somewhere in it.
SAFE = st.text(st.sampled_from(list("aZé9 :;.,!?«»’'\"(){}#|~=+-/%\xa0\u202f")), max_size=12)
SPECIAL = st.sampled_from(["", *"\t\n\r\u2028\x02\x85[]<>&*_`\\", "(a:", "  "])
PLAIN_LOOKING = st.one_of(
    st.from_regex(_PLAIN, fullmatch=True),
    st.builds("".join, st.tuples(st.sampled_from("aZé1 "), SAFE, SPECIAL, SAFE)),
)


def engine_inline(text: str) -> str:
    """What the Markdown engine makes of `text`, without its paragraph."""
    html = KIRBYTEXT.render(text, TagContext())
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


@settings(max_examples=300)
@given(PLAIN_LOOKING)
@example("Synthèse : des projets (ESS) « occupation » (3 à 5 ans).")
@example("a (link: x)")
@example("a ")
@example("a\xa0")
def test_plain_text_renders_as_markdown_does(text):
    plain = plain_inline(text)
    if plain is not None:
        assert plain == engine_inline(text)
        assert KIRBYTEXT.render_inline(text, TagContext()) == plain


def test_fast_path_is_taken_for_seed_shaped_text_only():
    assert plain_inline("Dispositif Premières Heures") == "Dispositif Premières Heures"
    assert plain_inline("reprendre confiance (ESS), « pour » l’emploi.") is not None
    assert plain_inline("*Dispositif*") is None
    assert plain_inline("voir (link: https://x.org)") is None
    assert plain_inline("a\nb") is None
    assert plain_inline("1. liste") is None


EXTRA = ["footnotes", "def_list", "abbr", "attr_list", "toc", "actions.markdown:ActionsExtension"]


def _without_fast_path(extensions) -> KirbyText:
    engine = KirbyText(extensions)
    engine._block.treeprocessors.deregister("kirby-plain-text")
    return engine


ENGINES = [(KirbyText(extensions), _without_fast_path(extensions))
           for extensions in ([], ["footnotes", "toc", "actions.markdown:ActionsExtension"], EXTRA)]
LINE = st.one_of(PLAIN_LOOKING, st.sampled_from([
    "# Titre", "- un point", "1. un", "> citation", "*Dispositif*", "Besoin identifié : un.",
    "[a][r]", "[r]: https://example.org", "Note[^1].", "[^1]: La note.", "*[RSA]: Revenu",
    "Le RSA aussi.", "Terme", ": définition", "    code", "```", "<b>x</b>", "---", ""]))


@settings(max_examples=300)
@given(st.lists(LINE, max_size=8))
@example(["Le RSA est versé.", "", "*[RSA]: Revenu de solidarité active"])
@example(["Dispositif Un", "Besoin identifié : reprendre confiance.", "Synthèse de l’action : b."])
def test_the_plain_text_fast_path_changes_no_page(lines):
    text = "\n".join(lines)
    for fast, slow in ENGINES:
        page = PageText("content/p/page.md", 1)
        assert fast.render(text, TagContext(), page) == slow.render(
            text, TagContext(), PageText("content/p/page.md", 1))


def test_the_fast_path_is_on_for_kirbytext_and_the_actions():
    fast, _slow = ENGINES[1]
    root = fast._block.parser.parseDocument(["Dispositif Un", "", "*gras*"]).getroot()
    fast._block.treeprocessors["kirby-plain-text"].run(root)
    assert [type(p.text).__name__ for p in root] == ["AtomicString", "str"]
