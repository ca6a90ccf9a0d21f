"""Defects of the command line found in review (issue 16): each one line on stderr, never exit 70 with SQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from crc_reporter.services.documents import create_document
from crc_reporter.store.open import open_store
from tests.integration.test_cli import run

EXIT_ERROR, EXIT_INTERNAL = 1, 70


def _count_documents(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM document").fetchone()[0])


def test_demo_into_a_store_holding_one_of_its_documents_refuses_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    store = open_store(db, user="tester")
    with store.session() as session:  # as if imported from the Committee's file before the demo was loaded
        create_document(session, "CRC/C/XMP/CO/3-4", title="Imported before the demo")
    store.close()

    result = run("--db", str(db), "demo")

    assert result.returncode == EXIT_ERROR, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "CRC/C/XMP/CO/3-4" in lines[0], result.stderr
    assert "internal error" not in result.stderr and "INSERT" not in result.stderr
    assert _count_documents(db) == 1  # nothing of the demo was written


def test_an_internal_error_shows_no_sql_and_no_values(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    open_store(db, user="tester").close()
    secret = "Xamplia-secret-value"
    with sqlite3.connect(db) as con:  # the driver fails mid-command, with the statement and its values in hand
        con.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON document BEGIN SELECT RAISE(ABORT, 'refused {secret}'); END"
        )

    result = run("--db", str(db), "demo")

    assert result.returncode == EXIT_INTERNAL, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" in lines[0], result.stderr
    for leak in ("INSERT", "SELECT", "document (", "CRC/C/XMP", secret, "[SQL", "parameters"):
        assert leak not in result.stderr, result.stderr
    assert "details in" in lines[0]


GC_PROBE = """
import gc, sys
import crc_reporter.cli as cli
def window(db, args):
    print(gc.get_threshold()[0], gc.get_freeze_count())
    return 0
def command(args, ctx):
    print(gc.get_threshold()[0], gc.get_freeze_count())
    return 0
cli._run_gui = window
import crc_reporter.cli.store_commands as store_commands
store_commands.cmd_list = command
sys.exit(cli.main(sys.argv[1:]))
"""


def _gc_seen(*args: str) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-c", GC_PROBE, *args], capture_output=True, text=True, env=dict(os.environ), timeout=120
    )
    assert result.returncode == 0, result.stderr
    threshold, frozen = result.stdout.split()
    return int(threshold), int(frozen)


def test_only_short_commands_tune_the_garbage_collector(tmp_path: Path) -> None:
    # Python's own default, read in a fresh interpreter (a test that ran a command in this process tuned it here)
    default_threshold = int(
        subprocess.run(
            [sys.executable, "-c", "import gc; print(gc.get_threshold()[0])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert _gc_seen() == (default_threshold, 0)  # the window is a long-lived process: Python's defaults
    threshold, frozen = _gc_seen("--db", str(tmp_path / "s.sqlite"), "list", "documents")
    assert threshold > default_threshold and frozen > 0
