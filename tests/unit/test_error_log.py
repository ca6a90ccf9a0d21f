"""The internal-error log: owner-only, and no cell, SQL parameter or message text in it (issue 21 finding 6)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from crc_reporter.error_log import write_exception
from crc_reporter.store.open import open_store

SECRET = "Interviews with children in detention, Prey Sar"


def _failing_with(secret: str) -> BaseException:
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise ValueError(f"cannot save '{secret}'") from inner
    except ValueError as exc:
        return exc


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_log_is_owner_only_and_withholds_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "logs").mkdir(parents=True, mode=0o755)  # made by an older version, readable by all
    (home / "logs" / "crc-reporter.log").write_text("old\n")
    os.chmod(home / "logs" / "crc-reporter.log", 0o644)
    monkeypatch.setenv("CRC_REPORTER_HOME", str(home))
    path = write_exception(_failing_with(SECRET))
    assert path is not None
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    logged = path.read_text("utf-8")
    assert SECRET not in logged
    assert "builtins.ValueError" in logged and "builtins.KeyError" in logged and "_failing_with" in logged


def test_database_errors_carry_no_parameters(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite", user="tester")
    try:
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x TEXT UNIQUE)"))
            conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": SECRET})
        with pytest.raises(IntegrityError) as caught, store.engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": SECRET})
        assert SECRET not in str(caught.value)
    finally:
        store.close()
