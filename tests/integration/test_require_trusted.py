"""Require trusted packages (issue 21, finding 12): on for new stores, off for upgraded ones."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from crc_reporter.services import exchange as ex
from crc_reporter.services.errors import NotAllowedError
from crc_reporter.store import migrate
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.integration.test_cli import run


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An unsigned package of the demo store."""
    folder = tmp_path_factory.mktemp("require-trusted")
    db = folder / "ministry.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    out = folder / "unsigned.crcx"
    done = run("--db", str(db), "export-package", str(out))
    assert done.returncode == 0, done.stderr
    return out


def _setting(db: Path) -> bool:
    store = open_store(db)
    try:
        with store.session() as session:
            return ex.require_trusted_packages(session)
    finally:
        store.close()


def test_a_new_store_refuses_an_unsigned_package_unless_allowed_once(package: Path, tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    assert run("--db", str(db), "init").returncode == 0
    assert _setting(db) is True
    refused = run("--db", str(db), "merge", str(package))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "not signed" in refused.stderr and "Require trusted packages" in refused.stderr
    assert "--allow-untrusted" in refused.stderr
    assert run("--db", str(db), "merge", str(package), "--dry-run").returncode == 1  # the preview refuses too
    store = open_store(db)
    with store.session() as session:  # nothing was written
        assert ex.last_exchanges(session) == []
    store.close()

    taken = run("--db", str(db), "merge", str(package), "--allow-untrusted", "--json")
    assert taken.returncode == 0, taken.stderr
    assert "--allow-untrusted" in taken.stderr  # visible: a note says the signature was not checked
    assert json.loads(taken.stdout)["added"].get("action", 0) > 0, taken.stdout
    assert _setting(db) is True  # allowing one package does not change the store
    both = run("--db", str(db), "merge", str(package), "--allow-untrusted", "--require-trusted")
    assert both.returncode == 2  # contradictory options: a usage error


def test_a_store_created_by_open_store_requires_trusted_packages(tmp_path: Path) -> None:
    assert _setting(tmp_path / "made.sqlite") is True


def test_a_key_the_store_does_not_trust_is_refused_with_how_to_trust_it(package: Path, tmp_path: Path) -> None:
    source = copy_store(package.parent / "ministry.sqlite", tmp_path / "a.sqlite")
    key = tmp_path / "me.key"
    assert run("--db", str(source), "keygen", str(key), "--name", "Focal point").returncode == 0
    signed = tmp_path / "signed.crcx"
    assert run("--db", str(source), "export-package", str(signed), "--sign", str(key)).returncode == 0
    db = tmp_path / "b.sqlite"
    refused = run("--db", str(db), "merge", str(signed))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "does not trust" in refused.stderr and "trust-key" in refused.stderr
    assert run("--db", str(db), "trust-key", str(key) + ".pub").returncode == 0
    merged = run("--db", str(db), "merge", str(signed))
    assert merged.returncode == 0, merged.stderr


def _store_of_the_previous_version(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0009")
    engine.dispose()
    with sqlite3.connect(path) as con:  # the previous version seeded its reference tables when it opened it
        con.execute("insert into store_meta(key, value) values ('reference_digest', 'older')")


def test_an_upgraded_store_keeps_accepting_unsigned_packages(package: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    _store_of_the_previous_version(db)
    assert _setting(db) is False
    merged = run("--db", str(db), "merge", str(package))
    assert merged.returncode == 0, merged.stderr
    forced = run("--db", str(db), "merge", str(package), "--require-trusted")
    assert forced.returncode == 1 and "not signed" in forced.stderr  # the option still forces the check


def test_only_a_coordinator_changes_the_setting(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    try:
        with store.session() as session:
            ex.set_require_trusted_packages(session, False)
        with store.session() as session:
            assert ex.require_trusted_packages(session) is False
        with store.session() as session:
            session.info["role"] = "viewer"
            with pytest.raises(NotAllowedError):
                ex.set_require_trusted_packages(session, True)
    finally:
        store.close()
