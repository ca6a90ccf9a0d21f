"""The progress report of one responsible body as an Excel workbook: the same rows as the Word document.

Three sheets: a summary, one row per action of the body (or per recommendation it has not acted on yet),
and what is late. Text that starts like a formula is kept as text (OWASP ASVS 5.0, 1.2.10).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActionStatus, ImplementationStatus
from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.i18n import LANGUAGES, _
from crc_reporter.reports import parts, progress
from crc_reporter.reports.context import ReportKind, ReportOptions, ReportResult
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage
from crc_reporter.reports.matrix import LISTED_KINDS, shorten
from crc_reporter.reports.selection import select
from crc_reporter.reports.writer import check_target
from crc_reporter.safe_io import FORMULA_TRIGGERS, atomic_write

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_LATE = Font(bold=True, color="C8372D")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.value = value
        cell.data_type = "s"  # openpyxl would write a text starting with "=" as a formula
        cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _table(ws: Any, first_row: int, headers: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    for column, header in enumerate(headers, 1):
        cell = _put(ws, first_row, column, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            cell = _put(ws, first_row + offset, column, value)
            cell.alignment = _WRAP
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    for column, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    if rows:
        ws.auto_filter.ref = f"A{first_row}:{get_column_letter(len(headers))}{first_row + len(rows)}"


def _status(tx: ReportLanguage, assessment: AssessmentInfo | None) -> list[Any]:
    if assessment is None:
        return [tx.label(ImplementationStatus.NOT_ASSESSED.value), None, ""]
    return [tx.label(assessment.status), assessment.assessed_on, assessment.note]


def write_progress_workbook(session: Session, options: ReportOptions) -> ReportResult:
    """Write the body's progress workbook to ``options.out`` (.xlsx), atomically; a one-line error otherwise."""
    if options.out is None:
        raise ReportError(_("the progress workbook needs an output file"))
    if options.lang not in LANGUAGES:
        raise ReportError(
            _("unknown report language {lang} (choose from {choices})").format(
                lang=options.lang, choices=", ".join(LANGUAGES)
            )
        )
    out = check_target(options.out, ".xlsx")
    options = progress.prepare(session, options)
    body = progress.body_of(options)
    tx = ReportLanguage(options.lang, khmer_digits=False)  # a workbook's numbers stay numbers
    data = progress.gather(session, options)
    data = select(data, actors=options.actors, start=options.period_from, end=options.period_to)
    today = data.generated_on
    summary = progress.summarise(data, body, today) if today else None
    assert summary is not None and today is not None

    wb = Workbook()
    ws = wb.active
    ws.title = tx._("Summary")[:31]
    _put(ws, 1, 1, progress.title(data, tx, body)).font = _TITLE
    _put(
        ws, 2, 1,
        tx._("Follow-up to {symbol} (adopted on {date}); situation on {today}").format(
            symbol=data.document.symbol, date=tx.date(data.document.date) or "…", today=tx.date(today)
        ),
    )  # fmt: skip
    facts: list[list[Any]] = [[tx._("Recommendations"), summary.recommendations]]
    facts += [[tx.label(s.value), summary.actions.get(s.value, 0)] for s in ActionStatus]
    facts.append([tx._("Actions past their target date"), len(summary.late)])
    facts.append([tx._("Recommendations without action"), len(summary.without_action)])
    _table(ws, 4, [tx._("What"), tx._("Number")], facts, [44, 12])
    status_row = 6 + len(facts)
    statuses = [
        [tx.label(s.value), summary.government.get(s.value, 0), summary.civil_society.get(s.value, 0)]
        for s in ImplementationStatus
    ]
    for column, header in enumerate([tx._("Status"), tx._("Government"), tx._("Civil society")], 1):
        cell = _put(ws, status_row, column, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for offset, values in enumerate(statuses, 1):
        for column, value in enumerate(values, 1):
            _put(ws, status_row + offset, column, value)
    ws.column_dimensions["C"].width = 14

    rows: list[list[Any]] = []
    late_rows = 0
    for section_title, item in [
        (parts.cluster_title(tx, s), i) for s in data.sections for i in s.items if i.kind in LISTED_KINDS
    ] + [
        (f"{p.document.treaty} ({p.document.symbol})", i)
        for p in data.protocols
        for i in p.items
        if i.kind in LISTED_KINDS
    ]:
        rec = item.recommendation
        text = rec.translation if rec.translation and rec.translation_lang == tx.code else rec.text
        lead = [rec.number, section_title, tx._("Urgent") if rec.urgent else "", shorten(text, 800)]
        assessed = _status(tx, item.government) + _status(tx, item.civil_society)
        own = progress.only_body(item, body)
        if not own:
            rows.append(lead + [tx._("No action yet"), "", None, "", ""] + assessed)
        for linked in own:
            action = linked.action
            late = progress.is_late(linked, today)
            late_rows += late
            rows.append(
                lead
                + [action.title, tx.label(action.status), action.end_date, tx._("Late") if late else "", action.outcome]
                + assessed
            )
    detail = wb.create_sheet(tx._("Recommendations")[:31])
    _table(
        detail,
        1,
        [
            tx._("Para."), tx._("Cluster"), tx._("Urgent"), tx._("Recommendation"), tx._("Action"), tx._("Status"),
            tx._("Target date"), tx._("Late"), tx._("Outcome"), tx._("Government assessment"), tx._("Date"),
            tx._("Note"), tx._("Civil society assessment"), tx._("Date"), tx._("Note"),
        ],
        rows,
        [7, 26, 9, 60, 40, 13, 12, 8, 36, 20, 12, 30, 20, 12, 30],
    )  # fmt: skip
    for row in detail.iter_rows(min_row=2, min_col=8, max_col=8):
        for cell in row:
            if cell.value:
                cell.font = _LATE

    late_sheet = wb.create_sheet(tx._("What is late")[:31])
    _table(
        late_sheet,
        1,
        [tx._("Para."), tx._("Action"), tx._("Status"), tx._("Target date"), tx._("Days late")],
        [
            [late.paragraph, late.linked.action.title, tx.label(late.linked.action.status),
             late.linked.action.end_date, late.days]
            for late in summary.late
        ],
        [7, 60, 13, 12, 10],
    )  # fmt: skip
    wb.properties.title = progress.title(data, tx, body)
    wb.properties.creator = options.author or None
    wb.properties.language = options.lang
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        with atomic_write(out) as fh:
            fh.write(buffer.getbuffer())
    except OSError as exc:
        raise ReportError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    return ReportResult(path=Path(out), words=0, word_limit=None)


def is_workbook(options: ReportOptions) -> bool:
    return options.kind == ReportKind.PROGRESS and options.out is not None and options.out.suffix.lower() == ".xlsx"
