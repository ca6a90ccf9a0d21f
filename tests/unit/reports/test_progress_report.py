"""The progress report of one responsible body (issue 23, item 5): Word (valid against the schemas, in
en/fr/km) and Excel, with its recommendations, what it did, both sides' assessments and what is late."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from sqlalchemy import select

from crc_reporter.reports import ReportOptions, generate_report
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.progress_xlsx import write_progress_workbook
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, ActionLink, Actor, Document, Recommendation, responsible_body
from tests.unit.reports.conftest import CO
from tests.unit.reports.ooxml_validation import package_problems, schemas_folder

BODY = "Ministry of Justice"


def _expected(store: Store) -> tuple[set[int], set[str], set[str]]:
    """From the store itself: the body's paragraphs of CO (responsible or acted on), its actions' titles,
    and the titles of those past their target date today (not confidential: the report leaves those out)."""
    today = dt.date.today()
    with store.session() as s:
        actor = s.scalar(select(Actor).where(Actor.name == BODY))
        doc = s.scalar(select(Document).where(Document.symbol == CO))
        assert actor is not None and doc is not None
        responsible = set(
            s.scalars(
                select(Recommendation.number)
                .join(responsible_body, responsible_body.c.recommendation_id == Recommendation.id)
                .where(responsible_body.c.actor_id == actor.id, Recommendation.document_id == doc.id)
            )
        )
        acted = s.execute(
            select(Recommendation.number, Action.title, Action.status, Action.end_date)
            .join(ActionLink, ActionLink.recommendation_id == Recommendation.id)
            .join(Action, Action.id == ActionLink.action_id)
            .where(
                Action.actor_id == actor.id,
                Recommendation.document_id == doc.id,
                Action.confidential.is_(False),
                Recommendation.kind.in_(("recommendation", "concern")),
            )
        ).all()
        kinds = dict(
            s.execute(
                select(Recommendation.number, Recommendation.kind).where(Recommendation.document_id == doc.id)
            ).all()
        )
    numbers = {n for n in responsible | {a[0] for a in acted} if kinds.get(n) in ("recommendation", "concern")}
    late = {t for _n, t, status, end in acted if status in ("planned", "ongoing") and end and end < today}
    return numbers, {a[1] for a in acted}, late


def test_word_report_holds_the_body_s_work_and_what_is_late(demo_store: Store, tmp_path: Path) -> None:
    numbers, titles, late = _expected(demo_store)
    assert late, "the demo should have late actions for this body"
    out = tmp_path / "progress.docx"
    with demo_store.session() as s:
        result = generate_report(
            s, ReportOptions(kind="progress", document=CO, out=out, actors=("MoJ",), author="tester")
        )
    assert result.path == out
    document = docx.Document(str(out))
    assert document.core_properties.title == f"Progress report: {BODY}"
    tables = document.tables
    late_table = next(t for t in tables if t.rows[0].cells[-1].text == "Days late")
    assert {r.cells[1].text for r in late_table.rows[1:]} == late
    main = tables[-1]
    shown = {int(r.cells[0].text.split("\n")[0]) for r in main.rows[1:] if r.cells[0].text[:1].isdigit()}
    assert shown == numbers
    body_text = "\n".join(c.text for r in main.rows for c in r.cells)
    assert all(t in body_text for t in titles)
    assert "[Late]" in body_text


@pytest.mark.skipif(not (schemas_folder() / "all.xsd").is_file(), reason="the ISO/IEC 29500 schemas are missing")
@pytest.mark.parametrize("lang", ["en", "fr", "km"])
def test_every_part_validates_in_each_language(demo_store: Store, tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"progress-{lang}.docx"
    with demo_store.session() as s:
        generate_report(
            s,
            ReportOptions(
                kind="progress", document=CO, out=out, lang=lang, actors=(BODY,), include_confidential=True,
                khmer_digits=lang == "km",
            ),
        )  # fmt: skip
    assert package_problems(out) == []
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    heading = {"en": "What is late", "fr": "Retards", "km": "អ្វីដែលយឺត"}[lang]
    assert heading in text, (lang, text[:400])


def test_workbook_has_the_same_rows(demo_store: Store, tmp_path: Path) -> None:
    numbers, titles, late = _expected(demo_store)
    out = tmp_path / "progress.xlsx"
    with demo_store.session() as s:
        write_progress_workbook(s, ReportOptions(kind="progress", document=CO, out=out, actors=(BODY,)))
    wb = openpyxl.load_workbook(out)
    summary, rows, late_sheet = wb.worksheets
    assert summary["A1"].value == f"Progress report: {BODY}"
    detail = list(rows.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in detail} == numbers
    assert {r[4] for r in detail} - {"No action yet"} == titles
    assert {r[4] for r in detail if r[7] == "Late"} == late
    assert {r[1] for r in late_sheet.iter_rows(min_row=2, values_only=True)} == late


def test_a_formula_typed_in_an_action_stays_text(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as s:
        action = s.scalar(select(Action).join(Actor).where(Actor.name == BODY, Action.confidential.is_(False)).limit(1))
        assert action is not None
        action.title = '=HYPERLINK("http://example.invalid","x")'
    out = tmp_path / "progress.xlsx"
    with demo_store.session() as s:
        write_progress_workbook(s, ReportOptions(kind="progress", document=CO, out=out, actors=(BODY,)))
    ws = openpyxl.load_workbook(out).worksheets[1]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPER")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_refusals_are_one_line(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with demo_store.session() as s:
        for options in (
            ReportOptions(kind="progress", document=CO, out=out / "a.docx"),
            ReportOptions(kind="progress", document=CO, out=out / "a.docx", actors=("Nobody at all",)),
        ):
            with pytest.raises(ReportError) as err:
                generate_report(s, options)
            assert "\n" not in str(err.value)
        with pytest.raises(ReportError, match=r"\.xlsx"):
            write_progress_workbook(s, ReportOptions(kind="progress", document=CO, out=out / "a.docx", actors=(BODY,)))
    assert not list(out.iterdir())
