"""Store files cut short or damaged: never replaced by a new store, and the message names the real cause.

Issue 21 finding 9: a 0-byte store (plain or encrypted) was silently made into
a new, empty, unencrypted store by any command, even ``list``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crc_reporter.cli import main
from crc_reporter.services.documents import create_document
from crc_reporter.store.backup import take_backup
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
