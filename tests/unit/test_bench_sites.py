"""The benchmark's realistic corpus is what its figures claim (bench/sites.py)."""

from bench.sites import realistic_folders, write_realistic_native_site, write_realistic_site


def test_realistic_corpus_has_two_languages_broken_links_footnotes_and_meta(tmp_path):
    content = write_realistic_site(tmp_path / "kirby", 1000)
    french = sorted(content.rglob("page.fr.md"))
    english = sorted(content.rglob("page.en.md"))
    assert len(french) == realistic_folders(1000)
    assert 0.95 <= (len(french) + len(english)) / 1000 <= 1.05
    texts = [path.read_text(encoding="utf-8") for path in french + english]
    broken = sum("-retiree" in text for text in texts)
    assert 0.02 <= broken / len(texts) <= 0.04
    assert all("[^1]" in text and "\n[^1]: " in text for text in texts)
    assert all(path.with_name("illustration.png.en.md").is_file() for path in english)
    assert all("\nSlug: " in path.read_text(encoding="utf-8") for path in english)


def test_native_corpus_has_the_same_pages(tmp_path):
    kirby = write_realistic_site(tmp_path / "kirby", 200)
    native = write_realistic_native_site(tmp_path / "native", 200)
    assert (sum(1 for _ in native.rglob("*.md"))
            == sum(1 for _ in kirby.rglob("page.*.md")))
    assert all("(link:" not in p.read_text(encoding="utf-8") for p in native.rglob("*.md"))
