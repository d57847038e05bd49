"""Hypothesis strategies: text that looks like what volunteers write, and worse."""

from hypothesis import strategies as st

# Pieces of the Kirby format, Markdown, KirbyTags, actions and HTML, glued at random.
FRAGMENTS = [
    "Title:", "Text:", "Actions:", "Cover:", "Date:", "----", "\\----", "-----", "\n", "\r\n",
    "\n\n", " ", "\t", "\ufeff", "\xa0", "\u202f", ":", " : ", "(", ")", "(image:", "(link:",
    "(email:", "(tel:", "(file:", "(video:", "(gist:", "(date:", "(youtube:", "(inconnu:",
    " text:", " alt:", " caption:", " link:", " class:", " title:", " target: _blank",
    "https://exemple.org/a_(b)", "javascript:alert(1)", "mailto:a@b.org", "photo.png",
    "*", "**", "_", "#", "### ", "- ", "1. ", "> ", "```", "~~~", "|", "<", ">", "&", "\"", "'",
    "<script>", "</p>", "<!--", "-->", "*Dispositif Premières Heures*",
    "Besoin identifié : ", "Synthèse de l’action : ", "Contact : ",
    "Les 3 actions prioritaires :", "- name: x\n  need: y", "{", "[", "]", "\\", "é", "’",
]

kirby_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40
).map("".join)

# Text meant to break out of an escape: an element and an attribute we can look for.
INJECTIONS = [
    "<x-inject>", "</title><x-inject>", "\" x-inject=\"1", "' x-inject='1", "&lt;x-inject&gt;",
    "<x-inject/>", "\"><x-inject>", "</h1><x-inject>", "<!--<x-inject>-->",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(INJECTIONS), st.text(st.characters(codec="utf-8"), max_size=4)),
    min_size=1, max_size=6,
).map("".join)
