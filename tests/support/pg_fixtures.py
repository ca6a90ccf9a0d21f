"""Pytest fixtures for a real PostgreSQL server, started once per test run.

Each test gets its own database, copied from a template in a few milliseconds
(``CREATE DATABASE … TEMPLATE``). When PostgreSQL cannot be started, the tests
that need it are skipped with the reason shown in the summary.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import psycopg
import pytest

from tests.support.pg_server import PgServer

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = PgServer.start()
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here": skip, visibly
        pytest.skip(f"PostgreSQL server could not be started: {exc}")
    yield server
    server.stop()


def admin_execute(server: PgServer, *statements: str, database: str = "postgres") -> None:
    with psycopg.connect(host="127.0.0.1", port=server.port, user="postgres", dbname=database, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def new_database(server: PgServer, template: str | None = None) -> str:
    name = f"crc_test_{next(_counter)}"
    clause = f" TEMPLATE {template}" if template else ""
    admin_execute(server, f"CREATE DATABASE {name}{clause}")
    return name


def drop_database(server: PgServer, name: str) -> None:
    admin_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
