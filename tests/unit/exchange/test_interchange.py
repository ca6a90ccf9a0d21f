"""Spreadsheet and IMPACT OSS interchange: export, edit, import back; formula injection; garbled input."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from crc_reporter.importers import load_source
from crc_reporter.services import actions as action_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.importing import apply_import
from crc_reporter.services.interchange.impact import ImpactActions
from crc_reporter.services.interchange.impact_actions import apply_impact_actions
from crc_reporter.services.interchange.impact_export import (
    ACTION_HEADERS,
    RECOMMENDATIONS,
    export_impact,
    recommendation_headers,
)
from crc_reporter.services.interchange.impact_lines import LINES
from crc_reporter.services.interchange.tracker_apply import apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, ActionLink, Assessment, Recommendation
from crc_reporter.untrusted import SourceError
from tests.exchange_support import build_base

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def base(store: Store) -> Store:
    with store.session() as session:
        build_base(session)
    return store


def _cells(path: Path) -> list[object]:
    book = load_workbook(path)
    return [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]


# Cells of the tracker by the letters its sheets had before new columns came (issue 20): the tests stay readable
_LETTERS = {
    "Recommendations": {"A": "UUID (do not change)", "B": "Document", "C": "Paragraph", "E": "Subheading",
                        "F": "Kind", "I": "Text", "J": "Responsible", "L": "Civil society status"},
    "Actions": {"E": "Status", "G": "End"},
}  # fmt: skip


def _set(ws: Any, ref: str, value: object) -> None:
    header = _LETTERS[ws.title][ref[0]]
    column = next(c.column for c in ws[1] if c.value == header)
    ws.cell(row=int(ref[1:]), column=column, value=value)


def _tracker(path: Path) -> TrackerSheets:
    source = load_source(path)
    assert source.format == "crc-tracker"
    assert isinstance(source.payload, TrackerSheets)
    return source.payload


def test_every_cell_that_could_run_as_a_formula_is_neutralised(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        action = session.scalar(select(Action).where(Action.title == "Diversion programme"))
        assert action is not None
        action_svc.update_action(session, action.id, description=HOSTILE[0], outcome=HOSTILE[1], title=HOSTILE[2])
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 1))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, subheading=HOSTILE[3], text=HOSTILE[4] + " text")
        rec_svc.update_recommendation(session, rec.id, articles=HOSTILE[5])
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
        export_impact(session, tmp_path / "i.csv", include_confidential=True)
    book = load_workbook(tmp_path / "t.xlsx")
    for cell in (c for ws in book.worksheets for row in ws.iter_rows() for c in row):
        assert cell.data_type != "f"  # text that starts like a formula is text, through Excel's quote prefix
        if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert cell.data_type == "s" and cell.quotePrefix, cell.value
    for name in ("i.csv", "i-actions.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig", newline="") as fh:
            for row in list(csv.reader(fh))[1:]:
                assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row), row
    # and the guard is taken off again when the sheet comes back: nothing changes
    with base.session() as session:
        report = apply_tracker(session, _tracker(tmp_path / "t.xlsx"))
    assert not report.changes and not report.problems


def test_an_edited_tracker_updates_the_store_and_reports_what_it_did(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    book = load_workbook(tmp_path / "t.xlsx")
    recs, acts = book["Recommendations"], book["Actions"]
    _set(recs, "L2", "Partially implemented")  # civil society status of paragraph 1
    _set(recs, "I3", "Adopt the juvenile justice law without delay.")
    _set(recs, "J3", "Ministry of Justice; Child Rights Coalition")
    _set(recs, "F4", "Exploded")  # not a kind
    _set(recs, "I4", "=1+1")  # a formula
    _set(recs, "A5", "00000000-0000-4000-8000-000000000000")
    _set(recs, "B5", "CRC/C/KHM/CO/4-6")
    _set(recs, "C5", 99)
    _set(recs, "I5", "x")
    _set(recs, "B6", "CRC/C/KHM/CO/4-6")
    _set(recs, "C6", 100)
    _set(recs, "I6", "new row without uuid")
    _set(acts, "E2", "completed")  # keys work as well as labels
    _set(acts, "G2", "31/12/2025")
    _set(acts, "G3", "not a date")
    book.save(tmp_path / "edited.xlsx")
    with base.session() as session:
        report = apply_tracker(session, _tracker(tmp_path / "edited.xlsx"))
    changed = {(c.label, c.key): c.new for c in report.changes}
    assert changed[("CRC/C/KHM/CO/4-6 ¶1", "civil_society_status")] == "partially_implemented"
    assert changed[("CRC/C/KHM/CO/4-6 ¶2", "text")] == "Adopt the juvenile justice law without delay."
    assert changed[("CRC/C/KHM/CO/4-6 ¶2", "responsible")] == ["Child Rights Coalition", "Ministry of Justice"]
    assert sum(1 for c in report.changes if c.sheet == "Actions") == 2
    problems = {(p.sheet, p.row, p.column) for p in report.problems}
    assert ("Recommendations", 4, "Kind") in problems and ("Recommendations", 4, "Text") in problems
    assert ("Recommendations", 6, None) in problems  # no uuid
    assert ("Actions", 3, "End") in problems
    assert report.unknown_rows == (("Recommendations", 5, "00000000-0000-4000-8000-000000000000"),)
    with base.session() as session:
        statuses = session.scalars(select(Assessment.status).where(Assessment.side == "civil_society")).all()
        assert statuses == ["partially_implemented"]
        action = session.scalar(select(Action).where(Action.title == "Diversion programme"))
        assert action is not None and action.status == "completed" and str(action.end_date) == "2025-12-31"
    # importing the same sheet again changes nothing
    with base.session() as session:
        again = apply_tracker(session, _tracker(tmp_path / "edited.xlsx"))
    assert not again.changes


def test_a_field_changed_in_the_app_since_the_export_is_a_conflict_not_overwritten(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 3))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, text="Edited in the app meanwhile.")
    book = load_workbook(tmp_path / "t.xlsx")
    _set(book["Recommendations"], "I4", "Edited in the sheet.")
    _set(book["Recommendations"], "E4", "Child justice")  # another field: applied
    book.save(tmp_path / "edited.xlsx")
    with base.session() as session:
        report = apply_tracker(session, _tracker(tmp_path / "edited.xlsx"))
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 3))
        assert rec is not None and rec.text == "Edited in the app meanwhile." and rec.subheading == "Child justice"
    (conflict,) = report.conflicts
    assert conflict.in_store == "Edited in the app meanwhile." and conflict.in_sheet == "Edited in the sheet."


def test_garbled_workbooks_are_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(SourceError) as info:
        load_source(tmp_path / "junk.xlsx")
    assert "\n" not in str(info.value)


@pytest.mark.libreoffice
def test_a_tracker_saved_by_libreoffice_imports(base: Store, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    out = tmp_path / "lo"
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(tmp_path / "t.xlsx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    if not (out / "t.xlsx").exists():
        pytest.skip(f"LibreOffice Calc cannot convert here: {proc.stderr.decode()[-200:]}")
    with base.session() as session:
        report = apply_tracker(session, _tracker(out / "t.xlsx"))
    assert not report.changes and not report.problems and not report.unknown_rows


def test_impact_files_round_trip(base: Store, store_factory: Callable[[str], Store], tmp_path: Path) -> None:
    with base.session() as session:
        result = export_impact(session, tmp_path / "impact.csv", include_confidential=False)
    rows = list(csv.reader(io.StringIO((tmp_path / "impact.csv").read_text("utf-8-sig"))))
    assert tuple(rows[0]) == recommendation_headers(LINES["main"]) and rows[1][1] == "CRC/C/KHM/CO/4-6 para 1"
    assert result.recommendation_rows == len(rows) - 1 and result.action_rows == 1
    actions = list(csv.reader(io.StringIO((tmp_path / "impact-actions.csv").read_text("utf-8-sig"))))
    assert tuple(actions[0][: len(ACTION_HEADERS)]) == ACTION_HEADERS
    assert actions[1][ACTION_HEADERS.index(RECOMMENDATIONS)] == "CRC/C/KHM/CO/4-6 para 1"

    other = store_factory("other")
    source = load_source(tmp_path / "impact.csv")
    assert source.format == "impact-csv" and source.documents[0].symbol == "CRC/C/KHM/CO/4-6"
    with other.session() as session:
        apply_import(session, source)
        report = apply_impact_actions(session, load_source(tmp_path / "impact-actions.csv").payload)  # type: ignore[arg-type]
    assert (report.created, report.links_added) == (1, 1)
    with other.session() as session:
        again = apply_impact_actions(session, load_source(tmp_path / "impact-actions.csv").payload)  # type: ignore[arg-type]
        assert (again.created, again.unchanged) == (0, 1)
        texts = session.scalars(select(Recommendation.text).order_by(Recommendation.number)).all()
    assert texts[1] == "Adopt the juvenile justice law."


def test_the_impact_hint_row_is_skipped_and_bad_references_are_reported(tmp_path: Path) -> None:
    text = (
        ",".join(f'"{h}"' for h in recommendation_headers(LINES["main"]))
        + ',""\n'
        + '"Required: number","Required: text","Optional: text","Optional: text (markdown supported)",'
        + '"Optional: text","Optional: number","This row provides additional information about the columns. '
        + 'Please replace or remove it before importing"\n'
        + '1,"CRC/C/KHM/CO/4-6, para. 17","Birth registration","Ensure free birth registration.",,\n'
        + '1,"118.1","UPR","Something from the UPR.",,\n'
    )
    (tmp_path / "impact.csv").write_text(text, encoding="utf-8")
    source = load_source(tmp_path / "impact.csv")
    (doc,) = source.documents
    assert [(p.number, p.text) for p in doc.paragraphs] == [(17, "Ensure free birth registration.")]
    assert any("118.1" in w for w in source.warnings)
    assert source.payload is None  # recommendations go through the ordinary import


def test_an_impact_actions_file_is_read_as_rows(tmp_path: Path) -> None:
    header = ",".join(f'"{h}"' for h in ACTION_HEADERS)
    (tmp_path / "a.csv").write_text(
        header + '\n"M-1","Train judges","",,"01/02/2026","","CRC/C/KHM/CO/4-6 para 3"\n', "utf-8"
    )
    payload = load_source(tmp_path / "a.csv").payload
    assert isinstance(payload, ImpactActions)
    assert (
        payload.rows[0].recommendations == ("CRC/C/KHM/CO/4-6 para 3",) and payload.rows[0].target_date == "01/02/2026"
    )


def _state(store: Store) -> tuple[object, ...]:
    with store.session() as session:
        actions = session.execute(select(Action.id, Action.description, Action.version).order_by(Action.id)).all()
        links = session.scalars(select(ActionLink.id).order_by(ActionLink.id)).all()
        assessments = session.scalars(select(Assessment.id)).all()
    return tuple(actions), tuple(links), tuple(assessments)


def test_dry_runs_of_spreadsheet_and_impact_imports_change_nothing(base: Store, tmp_path: Path) -> None:
    """A savepoint per row must not commit on SQLite (the driver begins no transaction before it)."""
    with base.session() as session:
        export_impact(session, tmp_path / "impact.csv", include_confidential=True)
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
        action_svc.update_action(session, session.scalars(select(Action.id)).first(), description="changed here")
    book = load_workbook(tmp_path / "t.xlsx")
    _set(book["Recommendations"], "L2", "Implemented")
    book.save(tmp_path / "edited.xlsx")
    before = _state(base)
    with base.session() as session:
        report = apply_impact_actions(
            session,
            load_source(tmp_path / "impact-actions.csv").payload,  # type: ignore[arg-type]
            dry_run=True,
        )
        assert report.updated == 1 and not report.applied
    with base.session() as session:
        tracker = apply_tracker(session, _tracker(tmp_path / "edited.xlsx"), dry_run=True)
        assert tracker.changes
    assert _state(base) == before


def test_our_own_impact_export_imports_back_as_unchanged(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        action_id = session.scalars(select(Action.id)).first()
        link = session.scalar(select(ActionLink).where(ActionLink.action_id == action_id))
        assert link is not None
        action_svc.update_action(session, action_id, description="Two paragraphs.\n\nThe second one.")
        export_impact(session, tmp_path / "impact.csv", include_confidential=True)
    exported = list(csv.reader(io.StringIO((tmp_path / "impact-actions.csv").read_text("utf-8-sig"))))
    descriptions = {row[2] for row in exported[1:]}
    assert "Two paragraphs.\n\nThe second one." in descriptions  # no "Actor: …; Status: …" folded in
    before = _state(base)
    with base.session() as session:
        report = apply_impact_actions(session, load_source(tmp_path / "impact-actions.csv").payload)  # type: ignore[arg-type]
    assert (report.created, report.updated, report.links_added) == (0, 0, 0)
    assert _state(base) == before


def test_an_impact_round_trip_leaves_no_apostrophe_on_text_starting_like_a_formula(
    base: Store, store_factory: Callable[[str], Store], tmp_path: Path
) -> None:
    texts = {1: "=Ensure birth registration.", 2: "+Adopt the law.", 3: "-Train judges @ courts."}
    with base.session() as session:
        for rec in session.scalars(select(Recommendation)):
            rec_svc.update_recommendation(session, rec.id, text=texts[rec.number])
        action = session.scalar(select(Action).where(Action.title == "Diversion programme"))
        assert action is not None
        action_svc.update_action(session, action.id, title="@Diversion programme")
    with base.session() as session:
        export_impact(session, tmp_path / "impact.csv", include_confidential=False)
    assert "'=Ensure" in (tmp_path / "impact.csv").read_text("utf-8-sig")  # neutralised in the file
    other = store_factory("other")
    with other.session() as session:
        apply_import(session, load_source(tmp_path / "impact.csv"))
        apply_impact_actions(session, load_source(tmp_path / "impact-actions.csv").payload)  # type: ignore[arg-type]
    with other.session() as session:
        got = {n: t for n, t in session.execute(select(Recommendation.number, Recommendation.text))}
        titles = set(session.scalars(select(Action.title)))
    assert got == texts
    assert "@Diversion programme" in titles


def test_a_text_longer_than_a_spreadsheet_cell_is_refused_not_cut(base: Store, tmp_path: Path) -> None:
    from crc_reporter.services.errors import ValidationError

    long_text = "Ensure birth registration. " * 1300  # 35,100 characters
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 2))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, text=long_text)
    with pytest.raises(ValidationError, match="row 3 .*35100 characters.*32767"), base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    assert not (tmp_path / "t.xlsx").exists()
    with base.session() as session:  # just under the limit: the whole text comes back
        rec_svc.update_recommendation(session, rec.id, text=long_text[:30_000])
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    assert long_text[:30_000].strip() in _cells(tmp_path / "t.xlsx")
