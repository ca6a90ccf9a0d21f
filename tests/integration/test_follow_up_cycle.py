"""Issue 23, "Done when": the follow-up cycle end to end on SQLite, and the three refusals.

The coordinator asks two bodies of the demo (the Ministry of Health by a signed
package, the Ministry of Justice by a workbook); the first answers everything
from its own app (a signed reply), the second only part in Excel. The
coordinator approves some changes and sends one back. ``list requests --json``
shows the states; a reply merged twice changes nothing; nothing is lost.
Then: a workbook with an unreadable row, a reply to a request never sent and a
reply signed by an unknown key are each refused in one line, nothing changed.
Runs in-process through ``crc_reporter.cli.main`` (fast), the store a copy of the demo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crc_reporter.cli import main
from crc_reporter.i18n import translator
from crc_reporter.i18n.labels import label
from tests.conftest import copy_store

DUE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
TABLES = ("update_request", "request_item", "proposed_change", "action", "source", "assessment", "indicator_value")


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = _cli(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def _fingerprint(db: Path) -> dict[str, str]:
    """A digest of every row of the tables the cycle touches: equal means nothing changed."""
    with sqlite3.connect(db) as con:
        return {
            t: hashlib.sha256(repr(con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()).encode()).hexdigest()
            for t in TABLES
        }


def _refused(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    before = _fingerprint(db)
    code, out, err = _cli(capsys, "--db", str(db), *args)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "Traceback" not in err, err
    assert "nothing was changed" in lines[0]
    assert _fingerprint(db) == before
    return lines[0]


@pytest.fixture
def cycle(demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    db = copy_store(demo_template, tmp_path / "coordinator.sqlite")
    paths = {"db": db}
    for who in ("coordinator", "health", "stranger"):
        key = tmp_path / f"{who}.key"
        assert _cli(capsys, "keygen", str(key), "--name", who.title())[0] == 0
        paths[who] = key
    assert _cli(capsys, "--db", str(db), "trust-key", str(tmp_path / "health.key.pub"))[0] == 0
    return paths


def test_the_cycle_end_to_end(cycle: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(cycle["db"])
    # 1. two requests: a signed package to the Ministry of Health, a workbook to the Ministry of Justice (in French)
    package = tmp_path / "health.crcrequest"
    made = _json(capsys, "--db", db, "request-updates", "--to", "Ministry of Health", "--due", DUE,
                 "--years", "2025", "--sign", str(cycle["coordinator"]), "--out", str(package))  # fmt: skip
    assert isinstance(made, dict) and made["form"] == "package" and made["items"] > 3
    workbook = tmp_path / "justice.xlsx"
    made_wb = _json(capsys, "--db", db, "request-updates", "--to", "Ministry of Justice", "--form", "workbook",
                    "--lang", "fr", "--out", str(workbook))  # fmt: skip
    assert isinstance(made_wb, dict)
    listed = _json(capsys, "--db", db, "list", "requests")
    assert isinstance(listed, list) and {r["state"] for r in listed} == {"sent"}

    # 2a. the Ministry of Health opens the request in its own app (no store needed) and answers everything
    shown = _json(capsys, "answer-request", str(package))
    assert isinstance(shown, dict) and shown["id"] == made["id"] and shown["signer"] == "Coordinator"
    answers = []
    for item in shown["items"]:
        payload = {
            "new_action": {"title": f"Action on {item['about']}", "status": "ongoing", "start_date": "2026-09-01"},
            "action_status": {"status": "completed", "end_date": "2026-11-30", "outcome": "Done in 3 provinces"},
            "evidence": {"title": "Annual report 2026", "url": "https://moh.example/report-2026.pdf"},
            "indicator_value": {"year": item["year"], "value": 81.5, "note": "survey"},
        }[item["kind"]]
        answers.append({"item": item["item"], "payload": payload})
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    reply = tmp_path / "health.crcreply"
    code, _out, err = _cli(capsys, "--user", "sokha", "answer-request", str(package), "--answers", str(answers_file),
                           "--sign", str(cycle["health"]), "--out", str(reply))  # fmt: skip
    assert code == 0, err

    # 2b. the Ministry of Justice edits part of its workbook: one action's status, one new assessment
    book = load_workbook(workbook)
    actions = book.worksheets[1]
    header = [c.value for c in actions[1]]
    assert book.sheetnames[1] == "Mesures" and "État" in header  # the recipient's language
    actions.cell(row=2, column=header.index("État") + 1, value="Achevée")
    justice_action = actions.cell(row=2, column=header.index("Titre") + 1).value
    paragraph = book.worksheets[0].cell(row=2, column=[c.value for c in book.worksheets[0][1]].index("Paragraphe") + 1)
    fr = translator("fr").gettext
    assessments = book.worksheets[2]
    columns = {c.value: n for n, c in enumerate(assessments[1], start=1)}
    added = assessments.max_row + 1
    for key, value in (
        ("Document", "CRC/C/XMP/CO/5-6"), ("Paragraph", paragraph.value), ("Side", label("government", "fr")),
        ("Status", label("in_progress", "fr")), ("Date", "2026-12-01"), ("Who", "National Committee for Children's Rights"),
        ("Note", "Le décret est signé."),
    ):  # fmt: skip
        assessments.cell(row=added, column=columns[fr(key)], value=value)
    book.save(workbook)

    # 3. the coordinator merges both: proposals only, nothing in the record changes yet
    before = _fingerprint(cycle["db"])
    code, _out, err = _cli(capsys, "--db", db, "import", str(workbook))  # not as a tracker: it would skip approval
    assert code == 1 and len(err.strip().splitlines()) == 1 and "replies merge" in err
    assert _fingerprint(cycle["db"]) == before
    merged = _json(capsys, "--db", db, "replies", "merge", str(reply))
    assert isinstance(merged, dict) and merged["state"] == "answered" and merged["added"] == len(answers)
    merged_wb = _json(capsys, "--db", db, "replies", "merge", str(workbook))
    assert isinstance(merged_wb, dict) and merged_wb["state"] == "partly_answered" and merged_wb["added"] == 2
    after = _fingerprint(cycle["db"])
    for table in ("action", "source", "assessment", "indicator_value"):
        assert after[table] == before[table], table

    # merged twice: nothing changes
    again = _json(capsys, "--db", db, "replies", "merge", str(reply))
    again_wb = _json(capsys, "--db", db, "replies", "merge", str(workbook))
    assert isinstance(again, dict) and isinstance(again_wb, dict)
    assert (again["added"], again["already"], again_wb["added"]) == (0, len(answers), 0)
    assert _fingerprint(cycle["db"])["proposed_change"] == after["proposed_change"]

    # 4. approve some, send one back
    changes = _json(capsys, "--db", db, "replies", "list", "--state", "proposed")
    assert isinstance(changes, list) and len(changes) == len(answers) + 2
    by_kind: dict[str, list[dict[str, object]]] = {}
    for c in changes:
        by_kind.setdefault(str(c["kind"]), []).append(c)
    status_change = next(c for c in by_kind["action_status"] if c["actor"] == "Ministry of Health")
    justice_change = next(c for c in by_kind["action_status"] if c["actor"] == "Ministry of Justice")
    new_action = by_kind["new_action"][0]
    (justice_assessment,) = by_kind["assessment"]
    sent_back = by_kind["evidence"][0] if "evidence" in by_kind else by_kind["new_action"][1]
    code, _out, err = _cli(capsys, "--db", db, "--user", "coordinator", "replies", "approve",
                           str(status_change["id"]), str(new_action["id"]), str(justice_change["id"]),
                           str(justice_assessment["id"]))  # fmt: skip
    assert code == 0, err
    code, _out, err = _cli(capsys, "--db", db, "replies", "send-back", str(sent_back["id"]), "--note", "Which page?")
    assert code == 0, err
    decided = {c["id"]: c for c in _json(capsys, "--db", db, "replies", "list")}  # type: ignore[union-attr]
    assert decided[status_change["id"]]["state"] == "approved"
    assert decided[sent_back["id"]]["state"] == "sent_back" and decided[sent_back["id"]]["note"] == "Which page?"
    with sqlite3.connect(cycle["db"]) as con:
        status, end = con.execute(
            "SELECT status, end_date FROM action WHERE uuid = ?", (status_change["target"],)
        ).fetchone()
        assert (status, end) == ("completed", "2026-11-30")
        result = decided[new_action["id"]]["result"]
        created = con.execute(
            "SELECT a.title, p.name FROM action a JOIN actor p ON p.id = a.actor_id WHERE a.uuid = ?", (result,)
        ).fetchone()
        assert created == (new_action["proposed"]["title"], "Ministry of Health")  # type: ignore[index]
        assert con.execute("SELECT status FROM action WHERE title = ?", (justice_action,)).fetchone() == ("completed",)
        # the one sent back is still there, proposed, not applied
        if sent_back["kind"] == "evidence":
            assert con.execute("SELECT count(*) FROM source WHERE title = 'Annual report 2026'").fetchone() == (0,)
        # nothing lost: every answer of both replies is in the store
        assert con.execute("SELECT count(*) FROM proposed_change").fetchone() == (len(answers) + 2,)
        # the assessment keeps its author: the body that assessed, and who proposed it
        assert con.execute(
            "SELECT a.status, a.note, p.name, a.recorded_by, a.approved FROM assessment a"
            " JOIN actor p ON p.id = a.assessor_id WHERE a.uuid = ?",
            (decided[justice_assessment["id"]]["result"],),
        ).fetchone() == ("in_progress", "Le décret est signé.", "National Committee for Children's Rights",
                         "Ministry of Justice", 1)  # fmt: skip

    # 5. the states: the package request answered in full, the workbook one in part
    states = {r["recipient"]: r for r in _json(capsys, "--db", db, "list", "requests")}  # type: ignore[union-attr]
    health, justice = states["Ministry of Health"], states["Ministry of Justice"]
    assert (health["state"], health["approved"], health["sent_back"]) == ("answered", 2, 1)
    assert health["open_items"] == 1  # the one sent back is open again
    assert (justice["state"], justice["approved"], justice["form"], justice["language"]) == (
        "partly_answered", 2, "workbook", "fr")  # fmt: skip
    assert justice["open_items"] == justice["items"] - 1


def test_three_refusals_each_one_line_nothing_changed(
    cycle: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(cycle["db"])
    package = tmp_path / "health.crcrequest"
    made = _json(capsys, "--db", db, "request-updates", "--to", "Ministry of Health", "--sign",
                 str(cycle["coordinator"]), "--out", str(package))  # fmt: skip
    shown = _json(capsys, "answer-request", str(package))
    item = shown["items"][0]  # type: ignore[index]
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps([{"item": item["item"], "payload": {"title": "A new plan"}}]), encoding="utf-8")

    # a reply signed by a key this store does not trust
    stranger = tmp_path / "stranger.crcreply"
    assert _cli(capsys, "answer-request", str(package), "--answers", str(answers), "--sign", str(cycle["stranger"]),
                "--out", str(stranger))[0] == 0  # fmt: skip
    line = _refused(capsys, cycle["db"], "replies", "merge", str(stranger))
    assert "does not trust" in line

    # a reply to a request this store never sent (made by another coordinator's store)
    other_db = copy_store(cycle["db"], tmp_path / "other.sqlite")
    other_request = tmp_path / "other.crcrequest"
    assert _cli(capsys, "--db", str(other_db), "request-updates", "--to", "Ministry of Health", "--sign",
                str(cycle["coordinator"]), "--out", str(other_request))[0] == 0  # fmt: skip
    other_item = _json(capsys, "answer-request", str(other_request))["items"][0]  # type: ignore[index]
    answers.write_text(json.dumps([{"item": other_item["item"], "payload": {"title": "x"}}]), encoding="utf-8")
    never = tmp_path / "never.crcreply"
    assert _cli(capsys, "answer-request", str(other_request), "--answers", str(answers), "--sign",
                str(cycle["health"]), "--out", str(never))[0] == 0  # fmt: skip
    line = _refused(capsys, cycle["db"], "replies", "merge", str(never))
    assert "never sent" in line

    # a workbook with an unreadable row (a status that does not exist), the other rows fine
    workbook = tmp_path / "health.xlsx"
    assert _cli(capsys, "--db", db, "request-updates", "--to", "Ministry of Health", "--form", "workbook",
                "--out", str(workbook))[0] == 0  # fmt: skip
    book = load_workbook(workbook)
    ws = book.worksheets[1]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Status") + 1, value="Almost there")
    ws.cell(row=3, column=header.index("Status") + 1, value="Completed")
    book.save(workbook)
    line = _refused(capsys, cycle["db"], "replies", "merge", str(workbook))
    assert "row 2" in line
    assert made["id"]  # type: ignore[index]
