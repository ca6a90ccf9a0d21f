"""Recovery: the check after an unclean shutdown, and restoring a backup over a store, even a damaged one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crc_reporter.services import backups
from crc_reporter.services.documents import create_document
from crc_reporter.services.recovery import recovery_offer, restore_latest
from crc_reporter.store import open as store_open
from crc_reporter.store.errors import DamagedStoreError, StoreError, StoreLockedError
from crc_reporter.store.health import HealthState, check_store
from crc_reporter.store.locking import StoreLock
from crc_reporter.store.open import open_store
from tests.reliability.damage import flip

REPO = Path(__file__).resolve().parents[2]


def _symbols(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT symbol FROM document")}


def _store_with(path: Path, *symbols: str) -> None:
    s = open_store(path, user="t")
    with s.session() as session:
        for symbol in symbols:
            create_document(session, symbol)
    s.close()


def _write_then_get_killed(path: Path, symbol: str) -> None:
    """Another process commits a document and dies by SIGKILL: its WAL and 'state=open' stay behind."""
    code = (
        "import os, signal, sys\n"
        "from crc_reporter.store.open import open_store\n"
        "from crc_reporter.services.documents import create_document\n"
        "s = open_store(sys.argv[1], user='crash')\n"
        "with s.session() as session: create_document(session, sys.argv[2])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path), symbol], cwd=REPO, capture_output=True)
    assert result.returncode == -9, result.stderr


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL")
def test_open_after_a_crash_runs_the_full_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    _write_then_get_killed(path, "CRC/C/XMP/CO/2")
    assert path.with_name("s.sqlite-wal").stat().st_size > 0
    checked = []
    real = store_open.check_after_crash
    monkeypatch.setattr(store_open, "check_after_crash", lambda p, k: checked.append(p) or real(p, k))
    s = open_store(path)
    assert s.unclean_shutdown and checked == [path]
    s.close()
    assert _symbols(path) == {"CRC/C/XMP/CO/1", "CRC/C/XMP/CO/2"}  # the committed write survived
    s = open_store(path)  # closed cleanly this time: no check
    assert not s.unclean_shutdown and checked == [path]
    s.close()


def test_damage_found_after_a_crash_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    lock = StoreLock(path)  # the previous writer died without closing
    assert lock.acquire()
    lock.write_state("open")
    lock.release()
    damaged = flip(path.read_bytes(), [(4096 * 3 + i, 0x33) for i in range(0, 4000, 5)])
    path.write_bytes(damaged)
    with pytest.raises(DamagedStoreError, match="damaged"):
        open_store(path)
    assert path.read_bytes() == damaged
    assert StoreLock(path).acquire()  # a failed open never leaves the lock behind


def test_restore_the_latest_good_backup_keeps_the_current_state(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    s = open_store(path)
    first = backups.backup_now(s)
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/2")
    s.close()
    result = backups.restore(path)
    assert result.restored_from == first.path and result.revision
    assert _symbols(path) == {"CRC/C/XMP/CO/1"}
    (kept,) = result.previous_kept_as
    assert "before-restore" in kept.name and _symbols(kept) == {"CRC/C/XMP/CO/1", "CRC/C/XMP/CO/2"}
    s = open_store(path)  # and the restored store opens and works
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/3")
    s.close()


@pytest.mark.parametrize("damage", ["flipped", "truncated", "garbage", "empty", "deleted"])
def test_restore_works_when_the_store_is_damaged(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    s = open_store(path)
    backups.backup_now(s)
    s.close()
    data = path.read_bytes()
    bad = {
        "flipped": flip(data, [(4096 * 2 + i, 0x77) for i in range(0, 4000, 3)]),
        "truncated": data[: len(data) // 3],
        "garbage": os.urandom(5000),
        "empty": b"",
        "deleted": None,
    }[damage]
    if bad is None:
        path.unlink()
    else:
        path.write_bytes(bad)
    offer = recovery_offer(path)
    if damage != "empty":  # an empty file is a new, empty store: nothing is wrong with it
        assert offer is not None and offer.backup is not None and offer.problem
    result = restore_latest(path)
    assert _symbols(path) == {"CRC/C/XMP/CO/1"} and check_store(path).state is HealthState.OK
    if damage in ("flipped", "truncated", "garbage"):  # the damaged bytes are kept, exactly
        assert result.previous_kept_as and result.previous_kept_as[0].read_bytes() == bad


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_restore_removes_the_stale_wal(tmp_path: Path) -> None:
    """A WAL left by a crashed writer must not be replayed onto the restored file."""
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    s = open_store(path)
    backups.backup_now(s)
    s.close()
    _write_then_get_killed(path, "CRC/C/XMP/CO/2")
    assert path.with_name("s.sqlite-wal").stat().st_size > 0
    result = backups.restore(path)
    assert not path.with_name("s.sqlite-wal").exists()
    assert _symbols(path) == {"CRC/C/XMP/CO/1"}
    assert _symbols(result.previous_kept_as[0]) == {"CRC/C/XMP/CO/1", "CRC/C/XMP/CO/2"}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_refuses_while_another_instance_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    s = open_store(path)
    backups.backup_now(s)
    with s.session() as session:
        create_document(session, "CRC/C/XMP/CO/2")
    try:
        with pytest.raises(StoreLockedError, match="close it before restoring"):
            backups.restore(path)
        assert _symbols(path) >= {"CRC/C/XMP/CO/2"}
    finally:
        s.close()


def test_a_bad_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    before = path.read_bytes()
    for content in (b"not a database", flip(before, [(4096 * 2 + i, 1) for i in range(0, 4000, 2)])):
        bogus = tmp_path / "bogus.sqlite"
        bogus.write_bytes(content)
        with pytest.raises(StoreError, match="cannot be restored"):
            backups.restore(path, bogus)
        assert path.read_bytes() == before
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="not a CRC Reporter store"):
        backups.restore(path, other)
    with pytest.raises(StoreError, match="no good backup"):
        backups.restore(tmp_path / "never-backed-up.sqlite")


def test_newer_store_is_reported_not_restored_first(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _store_with(path, "CRC/C/XMP/CO/1")
    s = open_store(path)
    backups.backup_now(s)
    s.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    offer = recovery_offer(path)
    assert offer is not None and offer.health.state is HealthState.NEWER
    assert offer.backup is not None and not offer.restore_recommended  # install the newer app instead
