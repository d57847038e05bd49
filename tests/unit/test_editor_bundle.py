"""The pinned Sveltia CMS bundle's remote URLs, rewritten (plugins/editor/bundle.py)."""

import re
from pathlib import Path

import pytest

from editor.bundle import FONTS, BundleChanged, rewrite_bundle, rules

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "@sveltia" / "cms"
BUNDLE = PACKAGE / "dist" / "sveltia-cms.js"
BASE = "/admin/sveltia"


@pytest.fixture(scope="module")
def bundle() -> str:
    if not BUNDLE.exists():
        pytest.skip(f"{BUNDLE.relative_to(ROOT)} is missing (npm ci)")
    return BUNDLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", rules(BASE), ids=lambda rule: rule.why)
def test_every_rule_finds_its_literal_in_the_pinned_bundle(bundle, rule):
    assert rule.find in bundle, f"the pinned bundle lost {rule.find!r} ({rule.why})"
    for need in rule.needs:
        assert need in bundle, f"the pinned bundle lost {need!r}, which {rule.why!r} calls"


def test_rewritten_bundle_loads_its_package_fonts_and_strings_from_admin(bundle):
    text = rewrite_bundle(bundle.encode(), BASE).decode()
    assert "cdn.jsdelivr.net" not in text
    assert "https://unpkg.com/@sveltia/cms" not in text
    assert "sourceMappingURL" not in text
    # Left on purpose, refused by the CSP: shiki (code widget), leaflet (map widget).
    remote = set(re.findall(r"https://unpkg\.com/[^`\"' )]*", text))
    assert remote == {"https://unpkg.com/${e}", "https://unpkg.com/@shikijs",
                      "https://unpkg.com/@sveltia/ui"}


@pytest.mark.parametrize("url, package, file", FONTS)
def test_every_font_comes_from_its_pinned_npm_package(bundle, url, package, file):
    assert (ROOT / "node_modules" / package / "files" / file).is_file()


def test_a_changed_bundle_is_refused_with_the_missing_literal_named():
    with pytest.raises(BundleChanged, match=r"iP=`https://unpkg.com/@sveltia/cms`"):
        rewrite_bundle(b"(function(){})()", BASE)


def test_no_rule_rewrites_what_another_rule_wrote():
    # bundle_pieces applies the rules at once: the same as one after the other only
    # while no replacement holds a literal that another rule looks for.
    for first in rules(BASE):
        for then in rules(BASE):
            assert then is first or then.find not in first.replace, (first.why, then.why)


def test_every_occurrence_of_a_literal_is_rewritten():
    literals = [literal for rule in rules(BASE) for literal in (rule.find, *rule.needs)]
    text = ";".join(literals * 2).encode()
    done = rewrite_bundle(text, BASE).decode()
    for rule in rules(BASE):
        if rule.replace:
            assert done.count(rule.replace) >= 2, rule.why
    assert "https://unpkg.com/@sveltia/cms`" not in done
