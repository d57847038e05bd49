"""The private Pelican and livereload internals of tools/internals.py are still there, as
the pinned versions have them; when an upgrade moves one, the message names it."""

from __future__ import annotations

import types

from tools import internals
from tools.internals import INTERNALS, installed_modules, moved_internals


def test_every_internal_the_tools_use_is_still_there():
    assert moved_internals() == []


def test_each_internal_is_checked_and_named():
    assert len(INTERNALS) == 8
    assert {internal.package for internal in INTERNALS} == {"pelican", "pelican-sitemap",
                                                             "livereload"}


def test_a_moved_internal_is_named_with_its_user_and_versions():
    modules = dict(installed_modules())
    # A Pelican whose class lacks _get_writer, and whose run() changed.
    fake_pelican = types.SimpleNamespace(Pelican=type("Pelican", (), {"run": lambda self: 0}))
    modules["pelican"] = fake_pelican
    messages = moved_internals(modules, versions={"pelican": "4.13.0"})
    assert ("pelican 4.13.0 no longer has Pelican._get_writer(), used by tools/rebuild.py, "
            "the writer replay; written for pelican 4.12.0: see tools/internals.py") in messages
    assert any(m.startswith("pelican 4.13.0 no longer has Pelican.run() as in 4.12.0")
               for m in messages)
    assert len(messages) == 2


def test_a_check_that_raises_reports_the_error_too():
    modules = dict(installed_modules())
    modules["livereload.watcher"] = types.SimpleNamespace()
    messages = moved_internals(modules, versions={"livereload": "3.0"})
    assert len(messages) == 1
    assert messages[0].startswith("livereload 3.0 no longer has Watcher._tasks")
    assert "AttributeError" in messages[0]


def test_the_wrappers_do_what_they_stand_for():
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.add(("x", "y"))
    internals.forget_shown_warnings()
    assert not LimitFilter._raised_messages

    class Content:
        pass

    page = Content()
    page.title = "A"
    saved = dict(internals.state_of(page))
    page.title, page.extra = "B", 1
    internals.restore_state(page, saved)
    assert vars(page) == {"title": "A"}

    from pelican.plugins.sitemap.sitemap import generator

    generator._main_pelican = object()
    internals.keep_last_sitemap()
    assert generator._main_pelican is None


def test_a_moved_sitemap_internal_is_named():
    modules = dict(installed_modules())
    modules["pelican.plugins.sitemap.sitemap"] = types.SimpleNamespace(generator=object())
    (message,) = moved_internals(modules, versions={"pelican-sitemap": "2.0"})
    assert message.startswith("pelican-sitemap 2.0 no longer has the sitemap generator's")
