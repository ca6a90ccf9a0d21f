"""Shared fixtures: a fresh store per test, the demo store, an isolated user folder.

Qt runs offscreen; nothing a test does touches the real user's data folder.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CRC_REPORTER_LANG"] = "en"

from crc_reporter.store.engine import Store  # noqa: E402
from crc_reporter.store.open import open_store  # noqa: E402

LONG_TESTS = os.environ.get("CRC_REPORTER_LONG_TESTS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if LONG_TESTS:
        return
    skip = pytest.mark.skip(reason="long run: set CRC_REPORTER_LONG_TESTS=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CRC_REPORTER_HOME", str(home))
    monkeypatch.delenv("CRC_REPORTER_DB", raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty store (schema and reference data only)."""
    s = open_store(tmp_path / "store.sqlite", user="tester")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data set loaded once per test run; tests get copies of it."""
    from crc_reporter.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    s = open_store(path, user="demo")
    with s.session() as session:
        load_demo(session)
    s.close()
    return path


def copy_store(source: Path, dest: Path) -> Path:
    src = sqlite3.connect(source)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    return dest


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the demo store."""
    s = open_store(copy_store(demo_template, tmp_path / "demo.sqlite"), user="tester")
    yield s
    s.close()


from tests.support.pg_fixtures import pg_server  # noqa: E402,F401 - the session-wide PostgreSQL server
from tests.support.published_site import published_demo  # noqa: E402,F401 - the demo published as a website, once per run
