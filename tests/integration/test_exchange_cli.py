"""The exchange commands as a person uses them: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.services.actions import update_action
from crc_reporter.store.models import Action
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.integration.test_cli import run


@pytest.fixture(scope="module")
def ministry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("exchange-cli") / "ministry.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    return db


def _ok(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _trusted_key(receiver: Path, folder: Path) -> str:
    """A signing key the receiving store trusts (new stores take only trusted packages)."""
    key = folder / "sender.key"
    _ok("--db", str(receiver), "init")
    _ok("--db", str(receiver), "keygen", str(key), "--name", "Sender")
    _ok("--db", str(receiver), "trust-key", str(key) + ".pub")
    return str(key)


def test_signed_packages_conflicts_and_resolution(ministry: Path, tmp_path: Path) -> None:
    a = copy_store(ministry, tmp_path / "a.sqlite")
    b = tmp_path / "b.sqlite"
    key = tmp_path / "me.key"
    out = _ok("--db", str(a), "keygen", str(key), "--name", "Ministry focal point")
    fingerprint = out.split("Fingerprint: ")[1].strip()
    assert (key.stat().st_mode & 0o077) == 0  # the private key is the owner's alone
    out = _ok("--db", str(a), "export-package", str(tmp_path / "a.crcx"), "--sign", str(key), "--include-confidential")
    assert fingerprint in out and "confidential" in out
    info = json.loads(_ok("--db", str(b), "inspect-package", str(tmp_path / "a.crcx"), "--json"))
    assert info["signer"]["fingerprint"] == fingerprint and info["signer"]["trusted_as"] is None
    assert info["confidential"] == 3 and info["counts"]["action"] == 50

    refused = run("--db", str(b), "merge", str(tmp_path / "a.crcx"), "--require-trusted")
    assert refused.returncode == 1 and "does not trust" in refused.stderr and refused.stderr.count("\n") == 1
    _ok("--db", str(b), "trust-key", str(key) + ".pub")
    assert "Ministry focal point" in _ok("--db", str(b), "trusted-keys")
    merged = json.loads(_ok("--db", str(b), "merge", str(tmp_path / "a.crcx"), "--require-trusted", "--json"))
    assert merged["added"]["action"] == 50 and not merged["conflicts"]

    # both edit the same action offline
    actions = json.loads(_ok("--db", str(a), "list", "actions", "--json"))
    target = actions[0]["uuid"]
    for db, title in ((a, "Ministry's title"), (b, "Coalition's title")):
        store = open_store(db)
        with store.session() as session:
            action = session.scalar(select(Action).where(Action.uuid == target))
            assert action is not None
            update_action(session, action.id, title=title)
        store.close()
    _ok("--db", str(a), "export-package", str(tmp_path / "a2.crcx"), "--include-confidential", "--sign", str(key))
    conflicted = run("--db", str(b), "merge", str(tmp_path / "a2.crcx"))
    assert conflicted.returncode == 3, conflicted.stderr
    assert "1 conflict needs a person" in conflicted.stdout and "action “Coalition's title”" in conflicted.stdout
    listed = json.loads(run("--db", str(b), "merge", str(tmp_path / "a2.crcx"), "--json").stdout)
    (conflict,) = listed["conflicts"]
    assert conflict["mine"]["title"] == "Coalition's title" and conflict["theirs"]["title"] == "Ministry's title"
    settled = run("--db", str(b), "merge", str(tmp_path / "a2.crcx"), "--resolve", "keep-mine")
    assert settled.returncode == 0, settled.stdout + settled.stderr
    assert run("--db", str(b), "merge", str(tmp_path / "a2.crcx")).returncode == 0  # nothing left to decide


def test_damaged_and_foreign_files_are_refused_in_one_line(ministry: Path, tmp_path: Path) -> None:
    a = copy_store(ministry, tmp_path / "a.sqlite")
    _ok("--db", str(a), "export-package", str(tmp_path / "a.crcx"))
    data = bytearray((tmp_path / "a.crcx").read_bytes())
    data[100] ^= 0xFF
    (tmp_path / "bad.crcx").write_bytes(bytes(data))
    (tmp_path / "text.crcx").write_text("hello", encoding="utf-8")
    for name in ("bad.crcx", "text.crcx", "missing.crcx"):
        for command in ("merge", "import"):
            result = run("--db", str(tmp_path / "b.sqlite"), command, str(tmp_path / name))
            assert result.returncode == 1, (name, command, result.stdout)
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert run("--db", str(a), "keygen", str(tmp_path / "a.crcx")).returncode == 1  # never overwrites


def test_import_accepts_packages_trackers_and_impact_files(ministry: Path, tmp_path: Path) -> None:
    a = copy_store(ministry, tmp_path / "a.sqlite")
    b, c = tmp_path / "b.sqlite", tmp_path / "c.sqlite"
    _ok("--db", str(a), "export-package", str(tmp_path / "p.crcx"), "--sign", _trusted_key(b, tmp_path))
    assert "Merged: 672 added" in _ok("--db", str(b), "import", str(tmp_path / "p.crcx"))
    assert "Would merge: 0 added" in _ok("--db", str(b), "import", str(tmp_path / "p.crcx"), "--dry-run")

    _ok("--db", str(a), "export-xlsx", str(tmp_path / "t.xlsx"))
    assert "0 changes" in _ok("--db", str(a), "import", str(tmp_path / "t.xlsx"))

    out = _ok("--db", str(a), "export-impact", str(tmp_path / "impact.csv"), "--include-concerns")
    assert re.search(r"impact\.csv \(\d+ recommendations\)", out) and (tmp_path / "impact-actions.csv").exists()
    assert "impact-indicators.csv" in out and "impact-categories.csv" in out and "--since" in out
    assert "67 added" in _ok("--db", str(c), "import", str(tmp_path / "impact.csv"))
    assert "47 actions added" in _ok("--db", str(c), "import", str(tmp_path / "impact-actions.csv"))
    nz = _ok(
        "--db", str(a), "export-impact", str(tmp_path / "nz.csv"), "--impact-version", "nz", "--since", "2000-01-01"
    )
    assert "[database:framework_id]" not in (tmp_path / "nz.csv").read_text("utf-8-sig") and "nz-actions.csv" in nz
    bad = run("--db", str(a), "export-impact", str(tmp_path / "x.csv"), "--since", "2026-13-01")
    assert bad.returncode == 2 and "is not a date" in bad.stderr and not (tmp_path / "x.csv").exists()


def test_a_package_deleting_many_records_is_merged_only_with_allow_deletions(ministry: Path, tmp_path: Path) -> None:
    a = copy_store(ministry, tmp_path / "a.sqlite")
    b = tmp_path / "b.sqlite"
    key = _trusted_key(b, tmp_path)
    _ok("--db", str(a), "export-package", str(tmp_path / "first.crcx"), "--include-confidential", "--sign", key)
    _ok("--db", str(b), "merge", str(tmp_path / "first.crcx"))
    store = open_store(a)
    with store.session() as session:
        from crc_reporter.services.actions import delete_action

        for action in list(session.scalars(select(Action).order_by(Action.id)))[:10]:
            delete_action(session, action.id)
    store.close()
    _ok("--db", str(a), "export-package", str(tmp_path / "second.crcx"), "--include-confidential", "--sign", key)
    held = run("--db", str(b), "merge", str(tmp_path / "second.crcx"))
    assert held.returncode == 3 and "nothing was merged" in held.stdout and "--allow-deletions" in held.stdout
    count = int(held.stdout.split("deletes ")[1].split(" ")[0])
    assert count >= 10
    assert len(json.loads(_ok("--db", str(b), "list", "actions", "--json"))) == 50
    merged = json.loads(
        _ok("--db", str(b), "merge", str(tmp_path / "second.crcx"), "--allow-deletions", str(count), "--json")
    )
    assert merged["deleted"]["action"] == 10 and not merged["deletions_held"]
    assert len(json.loads(_ok("--db", str(b), "list", "actions", "--json"))) == 40
