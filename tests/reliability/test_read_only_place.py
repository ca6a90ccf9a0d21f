"""A sound store in a read-only place (a read-only folder, share or mount): read it, never call it damaged.

Issue 21 finding 10. As root, permissions do not stop writes, so the place is a
small read-only tmpfs mount (skipped, visibly, where mounting is not allowed);
as anyone else, a folder and file without write permission.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crc_reporter.cli import main
from crc_reporter.services.documents import create_document
from crc_reporter.store.open import open_store

SYMBOL = "CRC/C/TST/CO/2-3"


def _make_store(path: Path) -> None:
    store = open_store(path, user="tester")
    with store.session() as session:
        create_document(session, SYMBOL, title="Concluding observations")
    store.close()


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    source = tmp_path / "made" / "store.sqlite"
    source.parent.mkdir()
    _make_store(source)
    place = tmp_path / "place"
    place.mkdir()
    if os.geteuid() != 0:
        shutil.copy2(source, place / source.name)
        os.chmod(place / source.name, 0o444)
        os.chmod(place, 0o555)
        yield place / source.name
        os.chmod(place, 0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(place)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("a read-only place needs a mount as root, which is not allowed here")
    try:
        shutil.copy2(source, place / source.name)
        subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True, capture_output=True)
        yield place / source.name
    finally:
        subprocess.run(["umount", str(place)], capture_output=True)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_store_in_a_read_only_place_is_read_and_called_sound(
    read_only_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(read_only_store)
    before = sorted(p.name for p in read_only_store.parent.iterdir())
    code, out, err = run(capsys, "--db", db, "list", "documents", "--json")
    assert code == 0, err
    assert [d["symbol"] for d in json.loads(out)] == [SYMBOL]
    assert "read-only" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "--db", db, "check", "--json")
    assert code == 0 and json.loads(out)["state"] == "ok", out + err
    code, _out, err = run(capsys, "--db", db, "export-xlsx", str(tmp_path / "tracker.xlsx"))
    assert code == 0 and (tmp_path / "tracker.xlsx").stat().st_size > 0, err
    code, _out, err = run(capsys, "--db", db, "demo")  # a write: refused in one line, nothing changed
    assert code == 1 and "read-only" in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in read_only_store.parent.iterdir()) == before
