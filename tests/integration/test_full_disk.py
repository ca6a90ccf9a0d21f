"""A full disk, for the output or for the terminal's output: one line, exit 1, no traceback after it.

Issue 21 finding 12. The full disk is made in code: ``/dev/full`` as standard
output, and a file whose writes fail with ENOSPC for an export.
"""

from __future__ import annotations

import errno
import gc
import io
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from crc_reporter.cli import main
from crc_reporter.services.documents import create_document
from crc_reporter.services.interchange import tracker_export
from crc_reporter.store.open import open_store


class _FullFile(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@contextmanager
def _full_disk(path: Any, mode: str = "wb", **_kw: Any) -> Iterator[Any]:
    yield io.BufferedWriter(_FullFile(), buffer_size=16)


def test_an_export_to_a_full_disk_says_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.sqlite"
    store = open_store(db, user="tester")
    with store.session() as session:
        create_document(session, "CRC/C/TST/CO/1", title="Concluding observations")
    store.close()
    monkeypatch.setattr(tracker_export, "atomic_write", _full_disk)
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)  # restored after the test
    code = main(["--db", str(db), "export-xlsx", str(tmp_path / "tracker.xlsx")])
    gc.collect()  # what a half-written file left behind is closed now, and must say nothing
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_device_says_one_line(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    open_store(db, user="tester").close()
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "crc_reporter", "--db", str(db), "list", "documents", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
