"""Store files cut short or damaged: never replaced by a new store, and the message names the real cause.

Issue 21 finding 9: a 0-byte store (plain or encrypted) was silently made into
a new, empty, unencrypted store by any command, even ``list``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crc_reporter.cli import main
from crc_reporter.services.documents import create_document
from crc_reporter.store.backup import take_backup
from crc_reporter.store.health import HealthState, check_store
from crc_reporter.store.open import open_store

PASSPHRASE = "correct horse battery"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line, in this process (a subprocess costs seconds on a busy machine)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(code: int, err: str) -> None:
    assert code != 0 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


def _store_with_backup(path: Path, passphrase: str | None) -> None:
    store = open_store(path, user="tester", passphrase=passphrase)
    with store.session() as session:
        create_document(session, "CRC/C/TST/CO/1", title="Concluding observations")
    store.close()
    take_backup(path, reason="manual", key=passphrase)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_zero_byte_store_is_never_recreated_and_offers_restore(
    tmp_path: Path, encrypted: bool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.sqlite"
    passphrase = PASSPHRASE if encrypted else None
    _store_with_backup(db, passphrase)
    db.write_bytes(b"")  # cut short: a full disk, a sync tool, a crash of the copy
    if encrypted:
        monkeypatch.setenv("CRC_REPORTER_PASSPHRASE", PASSPHRASE)
    for command in (["list", "documents"], ["init"]):
        code, _out, err = run(capsys, "--db", str(db), *command)
        _one_line_error(code, err)
        assert "empty (0 bytes)" in err and "restore" in err
        assert db.stat().st_size == 0  # left exactly as it was
    _code, out, _err = run(capsys, "--db", str(db), "check", "--json")
    checked = json.loads(out)
    assert checked["state"] == "damaged" and checked["latest_good_backup"]
    code, _out, err = run(capsys, "--db", str(db), "restore")
    assert code == 0, err
    code, out, err = run(capsys, "--db", str(db), "list", "documents", "--json")
    assert code == 0 and json.loads(out), err


@pytest.fixture(scope="module")
def encrypted_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted store of some 40 pages, with one good backup beside it."""
    path = tmp_path_factory.mktemp("encrypted") / "store.sqlite"
    store = open_store(path, user="tester", passphrase=PASSPHRASE)
    with store.session() as session:
        for n in range(150):
            create_document(session, f"CRC/C/T{n:02d}/CO/1", title=f"Observations {n} " + "x" * 600)
    store.close()
    take_backup(path, reason="manual", key=PASSPHRASE)
    return path


def _damaged_copy(store: Path, where: Path, damage: str) -> Path:
    """A copy of ``store`` (with its backups) damaged in one way; the bytes are made here, not stored."""
    target = where / store.name
    shutil.copytree(store.parent, where, dirs_exist_ok=True)
    data = bytearray(store.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    if damage == "zeroed page":
        data[middle : middle + page] = bytes(page)
    elif damage == "flipped bytes":
        for offset in range(middle + 100, middle + 3000, 97):
            data[offset] ^= 0x5A
    elif damage == "first page":
        for offset in range(40, 4000, 61):  # after the salt: the key still derives, the page fails its check
            data[offset] ^= 0x5A
    elif damage == "cut mid-page":
        data = data[: middle + 1000]
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("damage", ["zeroed page", "flipped bytes", "first page", "cut mid-page"])
def test_a_damaged_encrypted_store_is_called_damaged(
    encrypted_store: Path,
    tmp_path: Path,
    damage: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = _damaged_copy(encrypted_store, tmp_path, damage)
    monkeypatch.setenv("CRC_REPORTER_PASSPHRASE", PASSPHRASE)
    health = check_store(db, PASSPHRASE)  # never raises, MemoryError included
    assert health.state is HealthState.DAMAGED, health.message
    assert "passphrase" not in health.message.replace("the passphrase opens its backups", "")
    code, out, err = run(capsys, "--db", str(db), "check")
    assert code == 1 and "damaged" in out, out + err
    code, _out, err = run(capsys, "--db", str(db), "list", "documents")
    assert code != 70, err
    if code:  # what SQLite reads before the damaged page may still list; a refusal is one line, with restore
        _one_line_error(code, err)
        assert "damaged" in err and "restore" in err


def test_a_wrong_passphrase_does_not_hide_the_encrypted_backups(
    encrypted_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRC_REPORTER_PASSPHRASE", "not the passphrase")
    db = str(encrypted_store)
    code, out, err = run(capsys, "--db", db, "check")
    assert code == 1 and "wrong passphrase" in out + err
    assert "No good backup" not in out and "encrypted and the passphrase given does not open them" in out
    code, _out, err = run(capsys, "--db", db, "restore")
    _one_line_error(code, err)
    assert "no good backup" not in err and "does not open them" in err
