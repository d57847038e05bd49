"""Broken links' suggestions (« Vouliez-vous dire … ? »): the same as difflib gave, from
an index made once per build, at a cost that does not grow with links × pages in Python."""

from __future__ import annotations

import difflib
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from kirby.site_checks import Suggestions, _message

ROOT = Path(__file__).resolve().parents[2]

SITE = ["", "emploi/", "logement/", "actions/", "recherche/", "emploi/atelier/",
        "logement/urgence/", "sante/"]


def difflib_suggestion(target: str, urls: list[str]) -> str | None:
    """What site_checks suggested before the index (difflib, over every URL)."""
    close = difflib.get_close_matches(target.strip("/") + "/", urls, n=1, cutoff=0.6)
    return close[0] if close else None


@pytest.mark.parametrize(("target", "expected"), [
    ("logment/", "logement/"),  # tests/workflow/test_check_command.py's case
    ("logment", "logement/"),
    ("emploie/", "emploi/"),
    ("emploi/ateliers/", "emploi/atelier/"),
    ("logement/urgense/", "logement/urgence/"),
    ("recherch/", "recherche/"),
    ("nulle-part/", None),
    ("zzz/", None),
    ("a/", None),
])
def test_suggestions_are_the_ones_difflib_gave(target, expected):
    assert Suggestions(SITE)(target) == expected
    assert difflib_suggestion(target, SITE) == expected


def test_of_equally_close_urls_the_same_one_is_suggested():
    urls = ["ac/", "bb/", "zz/"]
    assert fuzz.ratio("ab/", "ac/") == fuzz.ratio("ab/", "bb/")
    assert Suggestions(urls)("ab/") == difflib_suggestion("ab/", urls) == "bb/"
    assert Suggestions(list(reversed(urls)))("ab/") == "bb/"


def _synthetic_site(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ("emploi logement sante accueil atelier aide alimentaire association benevole "
             "droit famille jeunesse insertion formation culture sport quartier").split()
    urls: set[str] = set()
    while len(urls) < count:
        parts = ["-".join(rng.sample(words, rng.choice((1, 2))))
                 for _ in range(rng.choice((1, 2, 3)))]
        urls.add("/".join(parts) + "/")
    return sorted(urls)


def _typos(urls: list[str], count: int, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    typos = []
    for _ in range(count):
        url = list(rng.choice(urls))
        at = rng.randrange(len(url) - 1)
        if rng.random() < 0.5:
            del url[at]
        else:
            url.insert(at, rng.choice("aeiouxz-"))
        typos.append("".join(url))
    return typos


def test_on_a_site_of_typos_the_suggestions_stay_difflibs():
    urls = _synthetic_site(200)
    typos = _typos(urls, 100)
    suggest = Suggestions(urls)
    ours = [suggest(typo) for typo in typos]
    before = [difflib_suggestion(typo, urls) for typo in typos]
    # rapidfuzz counts a longest common subsequence, difflib its matching blocks:
    # never fewer, so whatever difflib suggested, something is still suggested…
    assert all(mine is not None for mine, old in zip(ours, before) if old is not None)
    # …and it is the same one nearly always (it differs only where difflib's
    # blocks missed letters in common: the new one is then the closer).
    same = sum(mine == old for mine, old in zip(ours, before))
    assert same >= 0.97 * len(typos), [(t, m, o) for t, m, o in zip(typos, ours, before) if m != o]


def test_the_message_is_the_french_one_with_its_suggestion():
    suggest = Suggestions(SITE)
    assert _message("a", "/logment/", "logment/", "", suggest) == (
        "Le lien « /logment/ » mène à une page ou un fichier qui n’existe pas sur le site : "
        "corrigez l’adresse (une page s’écrit par le nom de son dossier sans le numéro, par "
        "exemple « (link: nom-du-dossier) »). Vouliez-vous dire « /logement/ » ?")
    assert _message("a", "/nulle-part", "nulle-part", "", suggest).endswith(
        "« (link: nom-du-dossier) »).")


def test_a_target_broken_on_many_pages_is_looked_up_once():
    urls = _synthetic_site(500)
    calls = 0

    def counting_ratio(a, b, **options):
        nonlocal calls
        calls += 1
        return fuzz.ratio(a, b, **options)

    suggest = Suggestions(urls, scorer=counting_ratio)
    targets = _typos(urls, 20)
    for page in range(100):  # 2,000 broken links, 20 distinct targets
        for target in targets:
            suggest(target)
    assert calls <= len(set(targets)) * len(urls)


def test_a_thousand_broken_links_cost_less_than_five_did_with_difflib():
    # A ratio measured in one run, not a time: the index answers a broken link in
    # C some 800 times faster than difflib's scan in Python did (measured here,
    # 2,000 URLs); 1,000 links must cost less than 5 did (200 times), a margin
    # for a loaded machine.
    urls = _synthetic_site(2000)
    typos = _typos(urls, 1005, seed=9)
    started = time.perf_counter()
    for typo in typos[:5]:
        difflib_suggestion(typo, urls)
    difflib_five = time.perf_counter() - started
    started = time.perf_counter()
    suggest = Suggestions(urls)
    for typo in typos[5:]:
        suggest(typo)
    ours = time.perf_counter() - started
    assert ours < difflib_five, (ours, difflib_five)


def test_a_page_gets_a_suggestion_in_its_own_language_first():
    from plugins.kirby.languages import Languages

    languages = Languages(("fr", "en"))
    urls = ["page-0/", "en/page-0-en/", "logement/", "en/housing/"]
    suggest = Suggestions(urls, language_of=languages.of_path)
    # The English URL is closer to the typo, but a French page links to French pages.
    assert Suggestions(urls)("page-0-retiree/") == "en/page-0-en/"
    assert suggest("page-0-retiree/", "fr") == "page-0/"
    assert suggest("en/page-0-retiree/", "en") == "en/page-0-en/"
    # Nothing close in its language: the whole site is searched, as before.
    assert suggest("en/logement-x/", "en") == "logement/"


def test_the_language_of_a_path_is_its_prefix_else_the_default():
    from plugins.kirby.languages import Languages

    root = Languages(("fr", "en"))
    assert [root.of_path(p) for p in ("", "notes/", "en/", "en/notes/", "fr/notes/")] == [
        "fr", "fr", "en", "en", "fr"]
    prefixed = Languages(("fr", "en"), prefix_default=True)
    assert prefixed.of_path("fr/notes/") == "fr" and prefixed.of_path("en/x/") == "en"
    assert Languages(()).of_path("en/x/") is None


def test_rapidfuzz_is_loaded_only_for_a_suggestion():
    # Its libraries are 4 MB of a build's memory, for builds that mostly have no broken link.
    script = ("import sys; sys.path[:0] = ['plugins']; import kirby, kirby.site_checks as c; "
              "kirby.register(); assert 'rapidfuzz' not in sys.modules, 'loaded at import'; "
              "c.Suggestions(['logement/'])('logemnt/'); assert 'rapidfuzz' in sys.modules")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=60)
