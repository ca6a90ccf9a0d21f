"""Automatic backups: online API, checked before rotation, the 30-minute policy, about a year kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.services import backups
from crc_reporter.services.documents import create_document
from crc_reporter.services.errors import ServiceError
from crc_reporter.store import backup as store_backup
from crc_reporter.store.engine import Store
from crc_reporter.store.errors import DamagedStoreError
from crc_reporter.store.models import Document
from crc_reporter.store.rotation import RotationPolicy, backups_to_delete

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def _edit(store: Store, symbol: str) -> None:
    with store.session() as s:
        create_document(s, symbol, title="an edit")


def _documents(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT symbol FROM document")}


def test_backup_is_a_checked_single_file_with_the_committed_data(store: Store) -> None:
    _edit(store, "CRC/C/XMP/CO/1")
    info = backups.backup_now(store)
    assert info.path.parent == store.path.parent / "backups"  # type: ignore[union-attr]
    assert info.reason == "manual" and info.size == info.path.stat().st_size
    assert _documents(info.path) == {"CRC/C/XMP/CO/1"}
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert backups.check_backup(info.path).ok
    assert not list(info.path.parent.glob(".*partial"))


def test_backup_sees_the_wal_of_a_live_store(store: Store) -> None:
    """The online backup API copies what is committed, even while it still sits in the WAL."""
    _edit(store, "CRC/C/XMP/CO/1")
    wal = store.path.with_name(store.path.name + "-wal")  # type: ignore[union-attr]
    assert wal.stat().st_size > 0  # the commit is in the WAL, not yet in the main file
    info = backups.backup_now(store)
    assert _documents(info.path) == {"CRC/C/XMP/CO/1"}


def test_maybe_backup_follows_the_30_minute_policy(store: Store) -> None:
    assert backups.maybe_backup(store, T0) is None  # nothing was ever written
    _edit(store, "CRC/C/XMP/CO/1")
    first = backups.maybe_backup(store, T0)
    assert first is not None and first.reason == "auto"
    _edit(store, "CRC/C/XMP/CO/2")
    assert backups.maybe_backup(store, T0 + dt.timedelta(minutes=29)) is None  # too soon
    second = backups.maybe_backup(store, T0 + dt.timedelta(minutes=30))
    assert second is not None and _documents(second.path) == {"CRC/C/XMP/CO/1", "CRC/C/XMP/CO/2"}
    assert backups.maybe_backup(store, T0 + dt.timedelta(hours=5)) is None  # no change since
    assert [b.path for b in backups.list_backups(store)] == [second.path, first.path]


def test_maybe_backup_knows_unchanged_stores_across_restarts(tmp_path: Path) -> None:
    from crc_reporter.store.open import open_store

    s = open_store(tmp_path / "s.sqlite")
    _edit(s, "CRC/C/XMP/CO/1")
    assert backups.maybe_backup(s, T0) is not None
    s.close()
    s = open_store(tmp_path / "s.sqlite")  # a new process: the mark is read back from the backup itself
    try:
        assert backups.maybe_backup(s, T0 + dt.timedelta(days=1)) is None
    finally:
        s.close()


def test_backup_before_an_import_or_merge(store: Store) -> None:
    assert backups.backup_before(store, "import") is None  # an empty store: nothing to protect
    _edit(store, "CRC/C/XMP/CO/1")
    with store.session() as s:  # callers may hold a session: the backup has the last committed state
        create_document(s, "CRC/C/XMP/CO/2")
        info = backups.backup_before(s, "merge")
        assert info is not None and info.reason == "before-merge"
    assert _documents(info.path) == {"CRC/C/XMP/CO/1"}
    assert backups.backup_before(store, "import").reason == "before-import"  # type: ignore[union-attr]


def test_backup_to_a_chosen_file(store: Store, tmp_path: Path) -> None:
    _edit(store, "CRC/C/XMP/CO/1")
    target = tmp_path / "usb" / "copy.sqlite"
    target.parent.mkdir()
    info = backups.backup_now(store, target)
    assert info.path == target and _documents(target) == {"CRC/C/XMP/CO/1"}
    with pytest.raises(ServiceError):
        backups.backup_now(store, store.path)
    with pytest.raises(ServiceError):
        backups.backup_now(store, tmp_path / "missing-folder" / "x.sqlite")


def test_a_backup_that_fails_its_check_deletes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(store, "CRC/C/XMP/CO/1")
    for day in range(30):
        store_backup.take_backup(store.path, reason="auto", now=T0 + dt.timedelta(days=day), policy=None)  # type: ignore[arg-type]
    before = backups.list_backups(store)
    monkeypatch.setattr(store_backup, "verify_backup", lambda *a, **k: store_backup.BackupCheck(False, None, "bad"))
    with pytest.raises(DamagedStoreError, match="older backups were kept"):
        store_backup.take_backup(store.path, reason="auto", now=T0 + dt.timedelta(days=40))  # type: ignore[arg-type]
    assert backups.list_backups(store) == before
    assert not list(before[0].path.parent.glob(".*"))  # the failed copy is gone too


def test_rotation_after_a_checked_backup(store: Store) -> None:
    _edit(store, "CRC/C/XMP/CO/1")
    for day in range(60):
        store_backup.take_backup(store.path, reason="auto", now=T0 + dt.timedelta(days=day), policy=None)  # type: ignore[arg-type]
    manual = backups.backup_now(store)
    store_backup.take_backup(store.path, reason="auto", now=T0 + dt.timedelta(days=61))  # type: ignore[arg-type]
    kept = backups.list_backups(store)
    assert manual in kept  # asked for by a person: never rotated away
    assert 20 <= len(kept) <= 35


@dataclass(frozen=True)
class Fake:
    created: dt.datetime
    reason: str = "auto"


def test_rotation_keeps_about_a_year() -> None:
    # a backup every 30 minutes of an 8-hour working day, every day, for two years
    now = dt.datetime(2028, 1, 1, 17, 0, tzinfo=dt.UTC)
    every = [Fake(now - dt.timedelta(days=d, minutes=30 * k)) for d in range(730) for k in range(16)]
    kept = set(every) - set(backups_to_delete(every))
    ages = sorted((now - b.created).days for b in kept)
    assert len(kept) <= 10 + 14 + 8 + 13  # a few dozen files
    assert ages[0] == 0 and 330 <= ages[-1] <= 370  # about a year back
    assert len({b.created.date() for b in kept if (now - b.created).days < 14}) == 14  # every recent day
    assert sum(1 for b in kept if (now - b.created).days < 1) >= 10  # the last hours, densely


def test_rotation_counts_days_that_have_backups() -> None:
    """A store used once a month keeps a year of monthly states, not a calendar window of days."""
    now = dt.datetime(2027, 12, 15, tzinfo=dt.UTC)
    monthly = [Fake(now - dt.timedelta(days=30 * m)) for m in range(24)]
    kept = set(monthly) - set(backups_to_delete(monthly, RotationPolicy(recent=2, daily=3, weekly=3, monthly=12)))
    assert 12 <= len(kept) <= 14  # one per month (a 30-day step skips a short month now and then)
    assert max((now - b.created).days for b in kept) >= 330


def test_rotation_never_deletes_manual_or_damaged() -> None:
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    old = [Fake(now - dt.timedelta(days=900), "manual"), Fake(now - dt.timedelta(days=800), "damaged")]
    many = [Fake(now - dt.timedelta(hours=h)) for h in range(500)]
    assert not set(old) & set(backups_to_delete(old + many))


def test_migration_backup_uses_the_backup_module(tmp_path: Path) -> None:
    """Upgrading an old store takes a checked, named backup first (see also test_store)."""
    from alembic import command
    from sqlalchemy import create_engine

    from crc_reporter.store import migrate
    from crc_reporter.store.open import open_store

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    s = open_store(path)
    try:
        found = backups.list_backups(s)
        assert [b.reason for b in found] == ["before-upgrade-0001"]
        assert store_backup.verify_backup(found[0].path).revision == "0001"
        with s.session() as session:
            assert session.scalar(select(Document)) is None
    finally:
        s.close()


def test_server_stores_have_no_file_backups(store: Store) -> None:
    fake = Store(url="postgresql://x", engine=store.engine, factory=store.factory, path=None)
    assert backups.maybe_backup(fake) is None
    with pytest.raises(ServiceError, match="administrator"):
        backups.backup_now(fake)
    assert backups.list_backups(fake) == []


def test_backups_page_operations(store: Store, tmp_path: Path) -> None:
    _edit(store, "CRC/C/XMP/CO/1")
    first, second = backups.backup_now(store), backups.backup_now(store)
    assert backups.backups_folder(store) == first.path.parent
    assert backups.latest_good_backup(store.path) == second  # type: ignore[arg-type]
    backups.delete_backup(store, second.path)
    assert backups.list_backups(store) == [first]
    stranger = tmp_path / "not-a-backup.sqlite"
    stranger.write_bytes(b"x")
    with pytest.raises(ServiceError):
        backups.delete_backup(store, stranger)
    assert stranger.exists()
