"""A ministry's shared PostgreSQL store for the integration tests: an owner, four people, the demo data.

Made once per test run (``shared``, session-scoped, see tests/integration/conftest.py).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from crc_reporter.services.demo import load_demo
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from tests.support.pg_fixtures import admin_execute
from tests.support.pg_server import PgServer

PASSWORD = "s3cret-pass"
_n = itertools.count()


@dataclass
class SharedStore:
    server: PgServer
    database: str
    owner: str

    def url(self, user: str) -> str:
        return self.server.url(user, PASSWORD, self.database)

    def open(self, user: str) -> Store:
        return open_store(self.url(user), user="someone-else")

    def raw(self, user: str) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.server.port, user=user, password=PASSWORD, dbname=self.database
        )


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRC_REPORTER_NEW_PASSWORD": PASSWORD, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crc_reporter", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(scope="session")
def shared(pg_server: PgServer) -> Iterator[SharedStore]:
    n = next(_n)
    owner, database = f"crc_owner_{n}", f"ministry_{n}"
    admin_execute(
        pg_server,
        f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{PASSWORD}'",
        f"CREATE DATABASE {database} OWNER {owner}",
    )
    shared = SharedStore(pg_server, database, owner)
    result = cli("server-setup", shared.url(owner))
    assert result.returncode == 0, result.stderr
    s = shared.open(owner)
    with s.session() as session:
        load_demo(session)
    s.close()
    for name, role in [
        (f"vera{n}", "viewer"),
        (f"eddie{n}", "editor"),
        (f"emma{n}", "editor"),
        (f"cora{n}", "coordinator"),
    ]:
        result = cli("--db", shared.url(owner), "user", "add", name, "--role", role)
        assert result.returncode == 0, result.stderr
    yield shared


def who(shared: SharedStore, base: str) -> str:
    return f"{base}{shared.database.rsplit('_', 1)[1]}"
