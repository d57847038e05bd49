"""The one Pelican behaviour the kirby plugin replaces (reader.skip_idle_reader_check):
a test that fails, naming it, when a Pelican upgrade moves what it relies on."""

from __future__ import annotations

import inspect

import pelican
from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator


def test_pelican_still_walks_the_tree_for_disabled_readers_through_one_public_method():
    where = f"pelican {pelican.__version__}: kirby/reader.py skip_idle_reader_check"
    for generator in (ArticlesGenerator, PagesGenerator, StaticGenerator):
        method = getattr(generator, "check_disabled_readers", None)
        assert callable(method), f"{where}: {generator.__name__}.check_disabled_readers is gone"
        assert list(inspect.signature(method).parameters) == ["self"], where
    assert ".check_disabled_readers()" in inspect.getsource(Pelican.run), (
        f"{where}: Pelican.run no longer calls check_disabled_readers")
