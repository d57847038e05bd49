"""What every browser test module shares: one Debian Chromium per module."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def browser():
    from tools.browser import chromium

    with chromium() as launched:
        yield launched
