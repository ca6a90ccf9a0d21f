"""``backup``, ``restore``, ``check``, ``init --encrypt`` and a second instance, as people use them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_cli import _one_line_error, run
from tests.reliability.damage import flip

REPO = Path(__file__).resolve().parents[2]


def _damage(path: Path) -> None:
    data = path.read_bytes()
    # every page of the recommendation table's area of the file: a listing must hit one
    path.write_bytes(flip(data, [(o, 0x5A) for o in range(8192, len(data) - 4096, 4096 * 3 + 517)]))


def test_backup_damage_check_restore(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    before = json.loads(run("--db", str(db), "list", "recommendations", "--json").stdout)
    made = run("--db", str(db), "backup")
    assert made.returncode == 0 and "checked" in made.stdout
    listed = run("--db", str(db), "backup", "--list")
    assert listed.returncode == 0 and "manual" in listed.stdout
    assert listed.stdout.count(" auto ") == 1  # the demo changed the store: an automatic backup at the end
    ok = run("--db", str(db), "check", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["state"] == "ok"

    _damage(db)
    broken = run("--db", str(db), "list", "recommendations")
    _one_line_error(broken)
    assert "damaged" in broken.stderr and f"crc-reporter --db {db} restore" in broken.stderr
    checked = run("--db", str(db), "check")
    assert checked.returncode == 1 and "damaged" in checked.stdout and "restore" in checked.stdout
    report = json.loads(run("--db", str(db), "check", "--json").stdout)
    assert report["state"] == "damaged" and report["latest_good_backup"]

    restored = run("--db", str(db), "restore")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout and "kept" in restored.stdout
    assert run("--db", str(db), "check").returncode == 0
    after = json.loads(run("--db", str(db), "list", "recommendations", "--json").stdout)
    assert after == before


def test_restore_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    assert run("--db", str(db), "init").returncode == 0
    _one_line_error(run("--db", str(db), "restore"))  # no backup yet
    _one_line_error(run("--db", str(db), "restore", "no-such-backup.sqlite"))
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 300)
    _one_line_error(run("--db", str(db), "restore", str(junk)))
    _one_line_error(run("--db", "postgresql+psycopg://u@127.0.0.1:9/x", "restore"))


def test_newer_store_is_refused_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    assert run("--db", str(db), "init").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = run("--db", str(db), "list", "documents")
    _one_line_error(result)
    assert "newer version" in result.stderr
    checked = run("--db", str(db), "check")
    assert checked.returncode == 1 and "newer" in checked.stdout


@pytest.mark.skipif(not __import__("importlib").util.find_spec("sqlcipher3"), reason="sqlcipher3 missing")
def test_encrypted_store_on_the_command_line(tmp_path: Path) -> None:
    db, pw = tmp_path / "secret.sqlite", tmp_path / "passphrase.txt"
    pw.write_text("a long passphrase\n")
    made = run("--db", str(db), "--passphrase-file", str(pw), "init", "--encrypt")
    assert made.returncode == 0 and "encrypted" in made.stdout, made.stderr
    env = {"CRC_REPORTER_PASSPHRASE": "a long passphrase"}
    assert run("--db", str(db), "demo", env=env).returncode == 0
    listed = run("--db", str(db), "list", "documents", env=env)
    assert listed.returncode == 0 and "CRC/C/XMP" in listed.stdout
    no_key = run("--db", str(db), "list", "documents")
    _one_line_error(no_key)
    assert "--passphrase-file" in no_key.stderr
    wrong = run("--db", str(db), "list", "documents", env={"CRC_REPORTER_PASSPHRASE": "guess"})
    _one_line_error(wrong)
    assert "wrong passphrase" in wrong.stderr
    checked = run("--db", str(db), "check", env=env)
    assert checked.returncode == 0 and "Encrypted:    yes" in checked.stdout
    assert b"Xamplia" not in db.read_bytes()
    plain = tmp_path / "plain.sqlite"
    assert run("--db", str(plain), "init").returncode == 0
    _one_line_error(run("--db", str(plain), "--passphrase-file", str(pw), "init", "--encrypt"))
    _one_line_error(run("--db", str(tmp_path / "new.sqlite"), "init", "--encrypt"))  # no passphrase, no terminal
    (tmp_path / "empty.txt").write_text("")
    _one_line_error(run("--db", str(db), "--passphrase-file", str(tmp_path / "empty.txt"), "list", "documents"))


def test_second_instance_reads_only_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from crc_reporter.store.open import open_store; s = open_store(sys.argv[1]);"
            " print('ready', flush=True); sys.stdin.read()",
            str(db),
        ],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        listed = run("--db", str(db), "list", "documents")
        assert listed.returncode == 0 and "CRC/C/XMP" in listed.stdout
        assert "read-only" in listed.stderr and len(listed.stderr.strip().splitlines()) == 1
        write = run("--db", str(db), "demo", "--scale", "2")
        _one_line_error(write)
        assert "open in another CRC Reporter window" in write.stderr
        _one_line_error(run("--db", str(db), "restore"))
        checked = run("--db", str(db), "check")
        assert checked.returncode == 0 and "another CRC Reporter window" in checked.stdout
    finally:
        holder.communicate("")
    assert run("--db", str(db), "demo", "--scale", "2").returncode == 0
