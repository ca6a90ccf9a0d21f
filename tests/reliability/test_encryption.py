"""Encryption at rest: no plaintext in the store, its WAL, its backups or temporary files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from crc_reporter.services import backups
from crc_reporter.services.actions import create_action
from crc_reporter.services.demo import load_demo
from crc_reporter.services.documents import create_document, list_documents
from crc_reporter.store import migrate
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.engine import sqlite_url
from crc_reporter.store.errors import PassphraseRequiredError, WrongPassphraseError
from crc_reporter.store.health import HealthState, check_store
from crc_reporter.store.open import open_store

pytest.importorskip("sqlcipher3")

SECRET = "Zebracorn-Kampot-7741"  # a string that appears nowhere but in what we store
PASSPHRASE = "correct horse 'battery' \"staple\""


def _files_with_plaintext(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and SECRET.encode() in path.read_bytes():
            found.append(path.name)
        if path.is_file() and SECRET.encode("utf-16-le") in path.read_bytes():
            found.append(path.name + " (utf-16)")
    return found


def test_no_plaintext_in_store_wal_backups_or_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "secret.sqlite"
    store = open_store(path, user="t", passphrase=PASSPHRASE)
    assert store.encrypted and PASSPHRASE not in store.url
    with store.session() as s:
        assert s.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY: no temporary files
        load_demo(s)
        create_document(s, "CRC/C/XMP/CO/9", title=f"Report on {SECRET}")
        create_action(s, f"Action {SECRET}", description=SECRET * 50)
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0  # the commits are in the WAL right now: it is checked too
    assert _files_with_plaintext(tmp_path) == []
    with store.session() as s:  # a big sort forces temporary b-trees
        s.execute(text("SELECT title FROM action ORDER BY description || title")).all()
    auto = backups.backup_before(store, "import")
    manual = backups.backup_now(store, tmp_path / "copy.sqlite")
    store.close()
    assert auto is not None and sf.sniff(auto.path) is sf.FileKind.MAYBE_ENCRYPTED
    assert _files_with_plaintext(tmp_path) == []
    for backup in (auto.path, manual.path):  # the backups are encrypted with the same key
        assert backups.check_backup(backup, PASSPHRASE).ok
        assert not backups.check_backup(backup).ok
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(backup).execute("SELECT * FROM document").fetchall()


def test_passphrase_is_needed_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "secret.sqlite"
    s = open_store(path, passphrase=PASSPHRASE)
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/1")
    s.close()
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        open_store(path)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        open_store(path, passphrase="guess")
    assert check_store(path).state is HealthState.NEEDS_PASSPHRASE
    assert check_store(path, "guess").state is HealthState.WRONG_PASSPHRASE
    health = check_store(path, PASSPHRASE)
    assert health.state is HealthState.OK and health.encrypted
    s = open_store(path, passphrase=PASSPHRASE)
    with s.session() as session:
        assert [d.symbol for d in list_documents(session)] == ["CRC/C/XMP/CO/1"]
    s.close()


def test_plain_store_ignores_a_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite"
    open_store(path).close()
    s = open_store(path, passphrase="not needed")
    assert not s.encrypted
    s.close()


def test_encrypted_restore_and_upgrade_backup(tmp_path: Path) -> None:
    path = tmp_path / "old-secret.sqlite"
    engine = create_engine(sqlite_url(path, key=PASSPHRASE, read_only=False))
    cfg = migrate.alembic_config()
    with engine.begin() as conn:  # an encrypted store at the first schema revision
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    s = open_store(path, passphrase=PASSPHRASE)  # upgraded, after an encrypted backup
    (before_upgrade,) = backups.list_backups(s)
    assert before_upgrade.reason == "before-upgrade-0001"
    assert sf.sniff(before_upgrade.path) is sf.FileKind.MAYBE_ENCRYPTED
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/1", title=SECRET)
    backups.backup_now(s)
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/2")
    s.close()
    result = backups.restore(path, passphrase=PASSPHRASE)
    assert sf.sniff(path) is sf.FileKind.MAYBE_ENCRYPTED
    assert all(sf.sniff(p) is sf.FileKind.MAYBE_ENCRYPTED for p in result.previous_kept_as)
    s = open_store(path, passphrase=PASSPHRASE)
    with s.session() as session:
        assert [d.symbol for d in list_documents(session)] == ["CRC/C/XMP/CO/1"]
    s.close()
    assert _files_with_plaintext(tmp_path) == []
