"""Acceptance tests run twice: on an SQLite file and on a PostgreSQL server.

The ``store`` and ``demo_store`` fixtures here replace the SQLite-only ones of
tests/conftest.py for the tests in this folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crc_reporter.services.demo import load_demo
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.support.pg_fixtures import drop_database, new_database
from tests.support.pg_server import PgServer

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_templates(pg_server: PgServer) -> dict[str, str]:
    """Two template databases: an empty store and the demo store."""
    empty = new_database(pg_server)
    open_store(pg_server.admin_url(empty), user="setup").close()
    demo = new_database(pg_server, template=empty)
    s = open_store(pg_server.admin_url(demo), user="demo")
    with s.session() as session:
        load_demo(session)
    s.close()
    return {"empty": empty, "demo": demo}


def _pg_store(request: pytest.FixtureRequest, template_key: str) -> Iterator[Store]:
    server: PgServer = request.getfixturevalue("pg_server")
    templates: dict[str, str] = request.getfixturevalue("pg_templates")
    name = new_database(server, template=templates[template_key])
    s = open_store(server.admin_url(name), user="tester")
    s.info["pg_server"] = server
    s.info["database"] = name
    try:
        yield s
    finally:
        s.close()
        drop_database(server, name)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        yield from _pg_store(request, "empty")
        return
    s = open_store(tmp_path / "store.sqlite", user="tester")
    yield s
    s.close()


@pytest.fixture(params=BACKENDS)
def demo_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        yield from _pg_store(request, "demo")
        return
    template: Path = request.getfixturevalue("demo_template")
    s = open_store(copy_store(template, tmp_path / "demo.sqlite"), user="tester")
    yield s
    s.close()
