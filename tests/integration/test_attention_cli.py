"""``crc-reporter attention``: what needs attention on a given day, as text and JSON, in each language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from crc_reporter.paths import resource_path
from crc_reporter.store.engine import Store
from tests.integration.test_cli import _one_line_error, run


def test_attention_lists_the_demo_overdue_actions_and_the_report_due(demo_store: Store) -> None:
    db = str(demo_store.engine.url.database)
    demo_store.close()
    day = dt.date(2027, 9, 1)
    demo = json.loads(resource_path("demo", "xamplia.json").read_text(encoding="utf-8"))
    overdue = sum(
        1
        for a in demo["actions"]
        if a.get("end_date")
        and dt.date.fromisoformat(a["end_date"]) < day
        and a.get("status") in ("planned", "ongoing")
    )
    listed = run("--db", db, "attention", "--json", "--today", day.isoformat())
    assert listed.returncode == 0, listed.stderr
    entries = {e["kind"]: e for e in json.loads(listed.stdout)}
    assert entries["actions_overdue"]["count"] == overdue
    assert entries["report_due"]["days_left"] == (dt.date.fromisoformat(entries["report_due"]["due"]) - day).days
    text = run("--db", db, "attention", "--today", day.isoformat())
    assert text.returncode == 0 and f"! {overdue} actions past their target date" in text.stdout
    for lang, words in (("fr", "dépassé"), ("km", "ថ្ងៃ")):
        out = run("--db", db, "attention", "--today", day.isoformat(), env={"CRC_REPORTER_LANG": lang})
        assert out.returncode == 0 and words in out.stdout, (lang, out.stdout)
    _one_line_error(run("--db", db, "attention", "--today", "2027-13-01"))


def test_report_progress_in_word_and_excel(demo_store: Store, tmp_path: Path) -> None:
    db = str(demo_store.engine.url.database)
    demo_store.close()
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"moj.{fmt}"
        done = run(
            "--db",
            db,
            "report",
            "progress",
            "--actor",
            "MoJ",
            "--format",
            fmt,
            "--out",
            str(out),
            "--no-contents-pages",
        )
        assert done.returncode == 0 and out.is_file(), done.stderr
        assert str(out) in done.stdout
    for bad in (
        ("report", "progress", "--out", str(tmp_path / "x.docx")),
        ("report", "progress", "--actor", "Nobody", "--out", str(tmp_path / "x.docx")),
        ("report", "progress", "--actor", "MoJ", "--format", "xlsx", "--out", str(tmp_path / "x.docx")),
        ("report", "matrix", "--document", "CRC/C/XMP/CO/5-6", "--actor", "MoJ", "--out", str(tmp_path / "x.docx")),
        ("report", "state", "--out", str(tmp_path / "x.docx")),
    ):
        _one_line_error(run("--db", db, *bad))
    assert not (tmp_path / "x.docx").exists()
