"""The command line as people and scripts use it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crc_reporter.domain.clusters import Cluster

REQUIRED_REC_KEYS = {"document", "number", "text", "kind", "cluster", "articles", "urgent", "parts", "previous"}


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crc_reporter", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "x.sqlite"
    result = run("--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    assert "Demo data loaded" in result.stdout
    return db


def test_version() -> None:
    from crc_reporter import __version__

    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_demo_then_list_recommendations_json(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "list", "recommendations", "--json")
    assert result.returncode == 0, result.stderr
    recs = json.loads(result.stdout)
    assert len(recs) >= 50
    for rec in recs:
        assert rec.keys() >= REQUIRED_REC_KEYS
        assert isinstance(rec["number"], int) and isinstance(rec["urgent"], bool)
        assert all(isinstance(a, str) and " " not in a for a in rec["articles"])
        assert all(set(p) >= {"label", "text"} for p in rec["parts"])
        assert all(set(p) == {"document", "paragraph"} for p in rec["previous"])
    assert {r["cluster"] for r in recs} >= {c.value for c in Cluster}
    assert any(r["urgent"] for r in recs) and any(r["parts"] for r in recs) and any(r["previous"] for r in recs)


def test_demo_twice_does_not_duplicate(demo_db: Path) -> None:
    before = json.loads(run("--db", str(demo_db), "list", "recommendations", "--json").stdout)
    again = run("--db", str(demo_db), "demo")
    assert again.returncode == 0 and "already" in again.stdout
    after = json.loads(run("--db", str(demo_db), "list", "recommendations", "--json").stdout)
    assert len(after) == len(before)


def test_list_documents_json(demo_db: Path) -> None:
    docs = json.loads(run("--db", str(demo_db), "list", "documents", "--json").stdout)
    keys = {"symbol", "treaty", "type", "date", "next_report_due", "word_limit", "paragraphs"}
    assert all(keys <= d.keys() for d in docs)
    treaties = {d["treaty"] for d in docs}
    assert {"CRC", "OPAC", "OPSC"} <= treaties
    co = [d for d in docs if d["type"] == "concluding_observations" and d["treaty"] == "CRC"]
    assert any(d["next_report_due"] and d["word_limit"] == 21200 for d in co)


def test_list_filtered_by_document_and_plain_text(demo_db: Path) -> None:
    docs = json.loads(run("--db", str(demo_db), "list", "documents", "--json").stdout)
    opac = next(d for d in docs if d["treaty"] == "OPAC")
    recs = json.loads(
        run("--db", str(demo_db), "list", "recommendations", "--document", opac["symbol"], "--json").stdout
    )
    assert recs and {r["document"] for r in recs} == {opac["symbol"]}
    plain = run("--db", str(demo_db), "list", "actions")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) >= 10


def test_db_from_environment(demo_db: Path) -> None:
    result = run("list", "documents", env={"CRC_REPORTER_DB": str(demo_db)})
    assert result.returncode == 0 and "CO" in result.stdout


def _one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_db_path(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "no" / "such" / "x.sqlite"), "list", "documents")
    _one_line_error(result)
    assert "does not exist" in result.stderr


def test_missing_store_file_for_list(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "x.sqlite"), "list", "documents")
    _one_line_error(result)
    assert not (tmp_path / "x.sqlite").exists()


def test_non_database_file(tmp_path: Path) -> None:
    bogus = tmp_path / "report.docx"
    bogus.write_bytes(b"PK\x03\x04 not a database at all" * 50)
    result = run("--db", str(bogus), "list", "recommendations")
    _one_line_error(result)
    assert "not a CRC Reporter store" in result.stderr
    assert bogus.read_bytes() == b"PK\x03\x04 not a database at all" * 50


def test_server_down() -> None:
    result = run("--db", "postgresql+psycopg://crc:secret@127.0.0.1:9/crc", "list", "documents")
    _one_line_error(result)
    assert "cannot connect" in result.stderr and "secret" not in result.stderr


def test_unknown_document_symbol(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "list", "recommendations", "--document", "CRC/C/ZZZ/CO/1")
    _one_line_error(result)


def test_bad_scale(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "s.sqlite"), "demo", "--scale", "0")
    _one_line_error(result)


def test_usage_error_is_one_line() -> None:
    result = run("list", "things")
    _one_line_error(result)
    assert result.returncode == 2


def test_init_creates_and_reports(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    result = run("--db", str(db), "init")
    assert result.returncode == 0 and db.exists()
    assert "Store ready" in result.stdout
    again = run("init", "--db", str(db))  # --db after the command works too
    assert again.returncode == 0


def test_default_store_lives_in_the_user_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("init", env={"CRC_REPORTER_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "crc-reporter.sqlite").exists()
