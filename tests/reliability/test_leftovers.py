"""What killed backups and reports leave behind is cleaned when the next one starts: only ours, only old.

Issue 21 finding 12: ``.partial`` and ``.tmp`` files stayed forever after a kill.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from docx import Document

from crc_reporter.paths import backups_dir_for
from crc_reporter.reports.writer import write_atomic
from crc_reporter.safe_io import STALE_SECONDS, atomic_write_text
from crc_reporter.services.backups import backup_now
from crc_reporter.store.backup import take_backup
from crc_reporter.store.open import open_store


def _left(path: Path, *, old: bool) -> Path:
    path.write_bytes(b"half written")
    if old:
        then = time.time() - STALE_SECONDS - 60
        os.utime(path, (then, then))
    return path


def test_old_leftovers_of_ours_are_cleaned_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old_draft = _left(out / ".~crc-0123456789ab.docx.tmp", old=True)
    new_draft = _left(out / ".~crc-ba9876543210.docx.tmp", old=False)  # another window writing now
    old_text = _left(out / ".tracker.csv.0123456789ab.tmp", old=True)
    not_ours = _left(out / ".~lock.report.docx#", old=True)
    someone_elses = _left(out / "notes.tmp", old=True)
    write_atomic(Document(), out / "draft.docx")
    atomic_write_text(out / "tracker.csv", "a,b\n")
    assert not old_draft.exists() and not old_text.exists()
    assert new_draft.exists() and not_ours.exists() and someone_elses.exists()

    store_path = tmp_path / "store.sqlite"
    open_store(store_path, user="tester").close()
    folder = backups_dir_for(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    old_partial = _left(folder / ".store_2026-01-01_00-00-00.000Z_auto.sqlite.partial", old=True)
    new_partial = _left(folder / ".store_2026-12-07_10-00-00.000Z_manual.sqlite.partial", old=False)
    other_store = _left(folder / ".other_2026-01-01_00-00-00.000Z_auto.sqlite.partial", old=True)
    take_backup(store_path, reason="manual", policy=None)
    assert not old_partial.exists() and new_partial.exists() and other_store.exists()

    old_to = _left(out / ".copy.sqlite.partial", old=True)
    store = open_store(store_path, user="tester")
    try:
        backup_now(store, out / "copy.sqlite")
    finally:
        store.close()
    assert not old_to.exists() and (out / "copy.sqlite").exists()


def test_opening_a_store_cleans_old_partial_backups(tmp_path: Path) -> None:
    store_path = tmp_path / "store.sqlite"
    open_store(store_path, user="tester").close()
    folder = backups_dir_for(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    old_partial = _left(folder / ".store_2026-01-01_00-00-00.000Z_auto.sqlite.partial", old=True)
    open_store(store_path, user="tester").close()
    assert not old_partial.exists()
