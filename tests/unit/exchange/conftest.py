"""Fixtures of the exchange tests: more than one store per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crc_reporter.store.engine import Store
from tests.exchange_support import open_taking_unsigned


@pytest.fixture
def store_factory(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    """``store_factory(name)``: a new empty store in this test's folder (closed at the end).

    These tests are about what a merge does, not about whose packages a store
    takes: their stores take unsigned packages (``require trusted packages`` off,
    through the service; tests/integration/test_require_trusted.py tests it on).
    """
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = open_taking_unsigned(tmp_path / f"{name}.sqlite", user=name)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
