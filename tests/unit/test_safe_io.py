"""Safe outputs: atomic file writes and spreadsheet cells that cannot carry formulas."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crc_reporter.safe_io import (
    FORMULA_TRIGGERS,
    atomic_write,
    atomic_write_bytes,
    atomic_write_text,
    neutralise_cell,
    neutralise_row,
)

REPO = Path(__file__).resolve().parents[2]


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    atomic_write_bytes(target, b"first")
    assert target.read_bytes() == b"first"
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"the good report")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write(b"half a rep")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"the good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"the good report")
    code = (
        "import os, signal, sys\n"
        "from crc_reporter.safe_io import atomic_write\n"
        "with atomic_write(sys.argv[1]) as fh:\n"
        "    fh.write(b'half'); fh.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=REPO, capture_output=True)
    assert result.returncode == -9
    assert target.read_bytes() == b"the good report"


def test_permissions_of_the_replaced_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "private.xlsx"
    target.write_bytes(b"x")
    target.chmod(0o600)
    atomic_write_bytes(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.xlsx"
    atomic_write_bytes(fresh, b"z")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_text_mode_keeps_line_endings_and_encodes(tmp_path: Path) -> None:
    target = tmp_path / "notes.csv"
    atomic_write_text(target, "ក្រសួង,\r\nline 2\n")
    assert target.read_bytes() == "ក្រសួង,\r\nline 2\n".encode()
    with pytest.raises(ValueError):
        atomic_write(target, "a")  # type: ignore[call-overload]


def test_libraries_can_write_into_it(tmp_path: Path) -> None:
    """python-docx and openpyxl save to a file object: a zip written through atomic_write is whole."""
    target = tmp_path / "package.zip"
    with atomic_write(target) as fh, zipfile.ZipFile(fh, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None and zf.namelist() == ["word/document.xml"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("Ministry of Education", "Ministry of Education"),
        ("ក្រសួងអប់រំ", "ក្រសួងអប់រំ"),
        ("a=b", "a=b"),
        ("", ""),
        (" =1+1", " =1+1"),  # starts with a space: spreadsheets show it as text
        (-5, -5),  # numbers are data, not formulas
        (3.5, 3.5),
        (None, None),
        (True, True),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_neutralise_row() -> None:
    assert neutralise_row(["=cmd", 1, "ok"]) == ["'=cmd", 1, "ok"]


@given(st.text())
def test_no_neutralised_text_starts_a_formula(text: str) -> None:
    out = neutralise_cell(text)
    assert not out.startswith(FORMULA_TRIGGERS)
    assert out == text or out == "'" + text
    assert neutralise_cell(out) == out  # idempotent
