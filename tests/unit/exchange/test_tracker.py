"""The Excel tracker as a two-way channel: what a member without the app types in comes back, row by row.

Workbooks are edited here as a member would in Excel (openpyxl, by header, not
by column letter): new assessment rows with their author, a new action, a
comment, an indicator's value, and rows that cannot be read.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from crc_reporter import i18n
from crc_reporter.importers import load_source
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.interchange.tracker_apply import TrackerReport, apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, ActionLink, Actor, Assessment, IndicatorValue, Recommendation
from tests.exchange_support import build_base


@pytest.fixture
def base(store: Store) -> Store:
    with store.session() as session:
        build_base(session)
    return store


def _tracker(path: Path) -> TrackerSheets:
    source = load_source(path)
    assert source.format == "crc-tracker" and isinstance(source.payload, TrackerSheets)
    return source.payload


def _col(ws: Worksheet, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r} in {ws.title}: {[c.value for c in ws[1]]}")


def _set(ws: Worksheet, row: int, header: str, value: Any) -> None:
    ws.cell(row=row, column=_col(ws, header), value=value)


def _get(ws: Worksheet, row: int, header: str) -> Any:
    return ws.cell(row=row, column=_col(ws, header)).value


def _add(ws: Worksheet, **by_header: Any) -> int:
    """A row typed below the last one, as a member adds it (returns its number)."""
    number = ws.max_row + 1
    while number > 2 and all(c.value is None for c in ws[number - 1]):
        number -= 1  # openpyxl counts formatted empty rows; type right under the records
    for header, value in by_header.items():
        _set(ws, number, header, value)
    return number


def _row_of(ws: Worksheet, header: str, value: Any) -> int:
    column = _col(ws, header)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"no {value!r} under {header!r}")


def _apply(store: Store, path: Path) -> TrackerReport:
    with store.session() as session:
        return apply_tracker(session, _tracker(path))


def test_the_sheets_read_and_print_well(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 2))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, urgent=True)
        result = export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    assert result.rows["recommendations"] == 3 and result.rows["actions"] == 2
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames[:6] == ["Recommendations", "Actions", "Assessments", "Indicators", "Actors", "Documents"]
    assert book["crc_reporter"].sheet_state == "veryHidden"
    recs = book["Recommendations"]
    assert recs.column_dimensions["A"].hidden and recs["A1"].value == "UUID (do not change)"  # kept for matching
    assert recs.freeze_panes == "B2" and recs.auto_filter.ref.startswith("A1:")
    assert recs.page_setup.orientation == "landscape" and recs.page_setup.fitToWidth == 1
    assert recs.page_setup.fitToHeight == 0 and recs.sheet_properties.pageSetUpPr.fitToPage
    assert recs.print_title_rows == "$1:$1"
    text = recs.cell(row=3, column=_col(recs, "Text"))
    assert text.alignment.wrap_text and text.value == "Adopt the juvenile justice law."
    assert [_get(recs, r, "Urgent") for r in (2, 3)] == ["No", "Yes"]
    assert _get(recs, 2, "Themes") == "justice"
    for header in ("SDG targets", "Affected groups", "Earlier cycle", "Comment", "Evidence"):
        _col(recs, header)
    assert _get(recs, 2, "Government status") == "In progress"
    rules = [r for cf in recs.conditional_formatting for r in cf.rules]
    assert any(r.formula == ['"Implemented"'] for r in rules)
    assert len(recs.data_validations.dataValidation) >= 5  # statuses, kinds, clusters, urgent yes/no
    values = book["Indicators"]
    assert _get(values, 2, "Indicator") == "Children in detention" and _get(values, 2, "Value") == 826
    assert _get(values, 3, "Year") == dt.date.today().year and _get(values, 3, "Value") is None  # to type in


def test_text_that_starts_like_a_formula_stays_text_through_the_quote_prefix(base: Store, tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 1))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, subheading=hostile[3], text=hostile[0])
        result = export_tracker(session, tmp_path / "t.xlsx")
    assert result.neutralised == 2
    book = load_workbook(tmp_path / "t.xlsx")
    recs = book["Recommendations"]
    text, subheading = recs.cell(row=2, column=_col(recs, "Text")), recs.cell(row=2, column=_col(recs, "Subheading"))
    for cell, value in ((text, hostile[0]), (subheading, hostile[3])):
        assert cell.value == value and cell.data_type == "s" and cell.quotePrefix  # no apostrophe, never a formula
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
    assert not _apply(base, tmp_path / "t.xlsx").changes  # and it comes back as it was
    # an edit typed as text in Excel ('=… shows as =…) comes back as text too
    _set(recs, 3, "Text", hostile[1])
    recs.cell(row=3, column=_col(recs, "Text")).quotePrefix = True
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert [(c.key, c.new) for c in report.changes] == [("text", hostile[1])]


def test_a_tracker_edited_by_a_member_comes_back_row_by_row(base: Store, tmp_path: Path) -> None:
    """The issue's "done when": new assessments with their author, a new action, a comment, an unreadable row."""
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", side="civil_society")
    book = load_workbook(tmp_path / "t.xlsx")
    recs, acts, assess = book["Recommendations"], book["Actions"], book["Assessments"]
    _set(recs, 3, "Comment", "The draft law is still with the Council of Ministers.")
    _set(recs, 3, "Evidence", "https://example.org/cjn-brief-2025")
    first = _add(assess, Document="CRC/C/KHM/CO/4-6", Paragraph=1, Status="Partially implemented",
                 Date="15/03/2025", Who="Sok Dara", Note="Birth registration mobile teams in 3 provinces.",
                 Evidence="CJN field visit report")  # fmt: skip
    second = _add(assess, Paragraph=2, Part="b", Side="Government", Status="in_progress",
                  Who="Ministry of Justice", Date=dt.date(2025, 4, 1))  # fmt: skip
    bad = _add(assess, Document="CRC/C/KHM/CO/4-6", Paragraph=3, Status="Nearly there", Who="Sok Dara")
    nobody = _add(assess, Document="CRC/C/KHM/CO/4-6", Paragraph=3, Status="Implemented")
    action = _add(acts, Title="Child-friendly interview rooms", Actor="Child Justice Network", Status="Ongoing",
                  Start="2025-01-15", End="2026-06-30", **{"Paragraphs answered": "CRC/C/KHM/CO/4-6 ¶2(a); ¶3"})  # fmt: skip
    dangling = _add(acts, Title="Study on pre-trial detention", **{"Paragraphs answered": "¶99"})
    book.save(tmp_path / "edited.xlsx")

    report = _apply(base, tmp_path / "edited.xlsx")
    problems = {(p.sheet, p.row): p for p in report.problems}
    assert set(problems) == {("Assessments", bad), ("Assessments", nobody), ("Actions", dangling)}
    assert problems["Assessments", bad].column == "Status" and "Nearly there" in problems["Assessments", bad].message
    assert problems["Assessments", nobody].column == "Who"
    assert "99" in problems["Actions", dangling].message
    rows = {(c.sheet, c.row) for c in report.changes}
    assert {("Recommendations", 3), ("Assessments", first), ("Assessments", second), ("Actions", action)} <= rows
    with base.session() as session:
        got = {
            (a.recommendation.number, a.part.label if a.part else None): a
            for a in session.scalars(select(Assessment).where(Assessment.assessor_id.is_not(None)))
        }
        sok = got[1, None]
        assert sok.assessor is not None and sok.assessor.name == "Sok Dara"  # by that person
        assert (sok.side, sok.status, str(sok.assessed_on)) == ("civil_society", "partially_implemented", "2025-03-15")
        assert sok.evidence == "CJN field visit report"
        ministry = got[2, "b"]
        assert ministry.side == "government" and ministry.assessor is not None
        assert ministry.assessor.name == "Ministry of Justice"  # an existing actor, not a new one
        assert session.scalar(select(Actor).where(Actor.name == "Sok Dara")) is not None
        comment = session.scalar(
            select(Assessment).where(Assessment.note == "The draft law is still with the Council of Ministers.")
        )
        assert comment is not None and comment.side == "civil_society" and comment.status == "not_assessed"
        assert comment.evidence == "https://example.org/cjn-brief-2025"
        new = session.scalar(select(Action).where(Action.title == "Child-friendly interview rooms"))
        assert new is not None and new.status == "ongoing" and str(new.end_date) == "2026-06-30"
        assert new.actor is not None and new.actor.name == "Child Justice Network"
        links = session.scalars(select(ActionLink).where(ActionLink.action_id == new.id)).all()
        assert sorted((link.recommendation.number, link.part_id is not None) for link in links) == [
            (2, True),
            (3, False),
        ]
        assert session.scalar(select(Action).where(Action.title == "Study on pre-trial detention")) is None
        counts = (len(session.scalars(select(Assessment)).all()), len(session.scalars(select(Action)).all()))
    # merging the same workbook again changes nothing, and says the same about the rows it cannot read
    again = _apply(base, tmp_path / "edited.xlsx")
    assert not again.changes and not again.conflicts
    assert {(p.sheet, p.row) for p in again.problems} == set(problems)
    with base.session() as session:
        assert (len(session.scalars(select(Assessment)).all()), len(session.scalars(select(Action)).all())) == counts


def test_an_exported_assessment_is_never_rewritten_and_the_edit_is_reported(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    _set(book["Assessments"], 2, "Status", "Implemented")
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert not report.changes
    ((sheet, row, column),) = {(p.sheet, p.row, p.column) for p in report.problems}
    assert (sheet, row, column) == ("Assessments", 2, "Status")
    with base.session() as session:
        assert session.scalars(select(Assessment.status)).all() == ["in_progress"]


def test_an_added_row_without_a_side_in_a_workbook_without_one_is_reported(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    row = _add(book["Assessments"], Paragraph=1, Status="Implemented", Who="Sok Dara")
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("Assessments", row, "Side")]
    assert not report.changes


def test_indicator_values_are_typed_in_and_come_back(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    values = book["Indicators"]
    this_year = _row_of(values, "Year", dt.date.today().year)
    _set(values, this_year, "Value", "612")
    _set(values, 2, "Value", 830)  # the 2020 value corrected
    girls = _add(values, Indicator="Children in detention", Year=2021, Sex="female", Value="41,5")
    unknown = _add(values, Indicator="Children in school", Year=2021, Value=3)
    typo = _add(values, Indicator="Children in detention", Year=2022, Value="many")
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert {(p.row, p.column) for p in report.problems} == {(unknown, None), (typo, "Value")}
    assert {c.row for c in report.changes} == {2, this_year, girls}
    with base.session() as session:
        got = {(v.year, v.sex): v.value for v in session.scalars(select(IndicatorValue))}
    assert got == {(2020, None): 830.0, (dt.date.today().year, None): 612.0, (2021, "female"): 41.5}
    assert not _apply(base, tmp_path / "edited.xlsx").changes


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_a_workbook_in_another_language_shows_the_translation_and_takes_its_edits(
    base: Store, tmp_path: Path, lang: str
) -> None:
    translated = {"km": "ពង្រឹងការចុះបញ្ជីកំណើត។", "fr": "Renforcer l'enregistrement des naissances."}[lang]
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 1))
        assert rec is not None
        rec_svc.set_translation(session, rec.id, translated, lang)
        i18n.set_language(lang)
        try:
            export_tracker(session, tmp_path / "t.xlsx")
            text_header = i18n._("Text")
        finally:
            i18n.set_language("en")
    book = load_workbook(tmp_path / "t.xlsx")
    recs = book.worksheets[0]
    assert _get(recs, 2, text_header) == translated
    assert _get(recs, 3, text_header) == "Adopt the juvenile justice law."  # no translation: the original
    _set(recs, 2, text_header, translated + " (révisé)")
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert [c.key for c in report.changes] == ["text"] and not report.problems
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 1))
        assert rec is not None and rec.text == "Strengthen birth registration."
        assert rec.translation == translated + " (révisé)" and rec.translation_lang == lang


def test_a_copied_row_is_a_new_assessment_and_a_sheet_of_ones_own_is_named(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", side="government")
    book = load_workbook(tmp_path / "t.xlsx")
    assess = book["Assessments"]
    assess.insert_rows(2)  # the copy goes above the row it was copied from
    for cell in assess[3]:
        assess.cell(row=2, column=cell.column, value=cell.value)
    copied = 2
    _set(assess, copied, "Status", "Implemented")
    _set(assess, copied, "Date", "2025-05-01")
    _set(assess, copied, "Who", "Ministry of Justice")
    book.create_sheet("My notes")["A1"] = "call the ministry"
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert [(c.sheet, c.row, c.key) for c in report.changes] == [("Assessments", copied, "new")]
    assert not report.problems and any("My notes" in w for w in report.warnings)
    with base.session() as session:
        rows = session.scalars(select(Assessment).order_by(Assessment.assessed_on)).all()
        assert [(a.status, a.side) for a in rows] == [("in_progress", "government"), ("implemented", "government")]


def test_values_no_store_can_hold_are_reported_not_crashed_on(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", side="civil_society")
    book = load_workbook(tmp_path / "t.xlsx")
    assess, values = book["Assessments"], book["Indicators"]
    rows = {
        _add(assess, Paragraph=10**20, Status="Implemented", Who="Sok Dara"): "Paragraph",
        _add(assess, Paragraph=1, Status="Implemented", Who="x" * 5000): None,
        _add(assess, Paragraph=1, Status="Implemented", Who="Sok Dara", Date="2999-01-01"): None,
    }
    bad_values = {_add(values, Indicator="Children in detention", Year=2001 + n, Value=v) for n, v in
                  enumerate(["nan", "inf", "-1e999"])}  # fmt: skip
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert {(p.row, p.column) for p in report.problems if p.sheet == "Assessments"} == set(rows.items())
    assert {p.row for p in report.problems if p.sheet == "Indicators"} == bad_values
    assert not report.changes


@pytest.mark.libreoffice
def test_text_like_a_formula_and_yes_no_survive_a_save_in_libreoffice(base: Store, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.number == 2))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, subheading='=HYPERLINK("http://x","y")', urgent=True)
        export_tracker(session, tmp_path / "t.xlsx", side="civil_society")
    book = load_workbook(tmp_path / "t.xlsx")
    row = _add(book["Assessments"], Paragraph=1, Status="Implemented", Who="Sok Dara", Note="-3 children")
    book.save(tmp_path / "edited.xlsx")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "lo"), str(tmp_path / "edited.xlsx")],
        capture_output=True, timeout=180, check=True, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    saved = load_workbook(tmp_path / "lo" / "edited.xlsx")["Recommendations"]
    cell = saved.cell(row=3, column=_col(saved, "Subheading"))
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"  # text, not a formula
    report = _apply(base, tmp_path / "lo" / "edited.xlsx")
    assert [(c.sheet, c.row, c.key) for c in report.changes] == [
        ("Assessments", row, "new"),
        ("Assessments", row, "new"),
    ]
    assert not report.problems and not report.conflicts
    with base.session() as session:
        assert session.scalar(select(Assessment).where(Assessment.note == "-3 children")) is not None


def test_what_an_added_row_made_is_told_in_the_persons_language(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", side="civil_society")
    book = load_workbook(tmp_path / "t.xlsx")
    _add(book["Assessments"], Paragraph=1, Status="Implemented", Who="Child Rights Coalition")
    book.save(tmp_path / "edited.xlsx")
    i18n.set_language("fr")
    try:
        report = _apply(base, tmp_path / "edited.xlsx")
    finally:
        i18n.set_language("en")
    ((change),) = report.changes
    assert change.field == "nouvelle évaluation" and change.new.startswith("Mis en œuvre (Société civile)")


def test_a_row_with_a_cell_that_cannot_be_read_is_not_half_applied(base: Store, tmp_path: Path) -> None:
    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", include_confidential=True)
    book = load_workbook(tmp_path / "t.xlsx")
    acts = book["Actions"]
    row = _row_of(acts, "Title", "Diversion programme")
    _set(acts, row, "Status", "Completed")
    _set(acts, row, "End", "next spring")
    _set(acts, row, "Outcome", "=A1")  # a formula
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert not report.changes
    assert {(p.row, p.column) for p in report.problems} == {(row, "End"), (row, "Outcome"), (row, None)}
    with base.session() as session:
        action = session.scalar(select(Action).where(Action.title == "Diversion programme"))
        assert action is not None and action.status == "planned" and action.outcome == ""


def test_a_changed_status_is_told_by_its_label_not_its_key(base: Store, tmp_path: Path) -> None:
    """The terminal's lines name statuses as the person reads them ("Partially implemented"), never the key."""
    from crc_reporter.services.payloads import apply_payload

    with base.session() as session:
        export_tracker(session, tmp_path / "t.xlsx", side="civil_society")
    book = load_workbook(tmp_path / "t.xlsx")
    _set(book["Recommendations"], 3, "Civil society status", "Partially implemented")
    book.save(tmp_path / "edited.xlsx")
    with base.session() as session:
        report = apply_payload(session, _tracker(tmp_path / "edited.xlsx"), dry_run=True)
    _warnings, lines = report.terminal()
    changed = [line for line in lines if "Civil society status" in line]
    assert changed and all("Partially implemented" in line for line in changed), lines
    assert not any("partially_implemented" in line for line in lines), lines


def test_mechanism_states_and_position_columns_go_out_and_come_back(base: Store, tmp_path: Path) -> None:
    """Issue 22: the mechanism and the number as printed are shown; States and position are edited in Excel."""
    from crc_reporter.services import documents as doc_svc

    with base.session() as session:
        doc_svc.create_document(session, "A/HRC/56/17", country="KHM")
        rec_svc.create_recommendation(
            session,
            "A/HRC/56/17",
            45,
            "Raise the minimum age of criminal responsibility.",
            label="110.45",
            recommending_states=["Chile", "Mexico"],
            position="supported",
        )
        export_tracker(session, tmp_path / "t.xlsx", side="government")
    book = load_workbook(tmp_path / "t.xlsx")
    recs = book["Recommendations"]
    row = _row_of(recs, "Number as printed", "110.45")
    assert (_get(recs, row, "Mechanism"), _get(recs, row, "Position")) == ("UPR", "Supported")
    assert _get(recs, row, "Recommending States") == "Chile; Mexico"
    crc_row = _row_of(recs, "Document", "CRC/C/KHM/CO/4-6")
    assert _get(recs, crc_row, "Mechanism") == "CRC" and _get(recs, crc_row, "Position") in (None, "")
    _set(recs, row, "Position", "Supported in part")
    _set(recs, row, "Recommending States", "Chile; Mexico; Peru")
    _set(recs, crc_row, "Position", "Endorsed")  # not a position: reported, nothing else of the row changes
    book.save(tmp_path / "edited.xlsx")
    report = _apply(base, tmp_path / "edited.xlsx")
    assert [(p.sheet, p.row) for p in report.problems] == [("Recommendations", crc_row)]
    assert "Endorsed" in report.problems[0].message
    with base.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.label == "110.45"))
        assert rec is not None and (rec.position, rec.recommending_states) == (
            "supported_in_part",
            "Chile\nMexico\nPeru",
        )
    assert not _apply(base, tmp_path / "edited.xlsx").changes  # the same workbook again: nothing new
