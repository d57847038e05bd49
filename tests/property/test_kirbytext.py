"""The plain-text fast path of inline KirbyText gives what Markdown gives."""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from kirby.kirbytags import TagContext
from kirby.kirbytext import _PLAIN, KirbyText, plain_inline

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
