"""The follow-up status matrix: one landscape table for meetings.

Recommendation, parts, responsible bodies, the government's and civil
society's status side by side, the actions. The same table is the annex of
the State party report.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ImplementationStatus
from crc_reporter.domain.records import AssessmentInfo, RecommendationInfo
from crc_reporter.domain.report_records import ReportData, ReportItem
from crc_reporter.i18n import _
from crc_reporter.reports import other_mechanisms, parts
from crc_reporter.reports.builder import Content, Span, Spans
from crc_reporter.reports.context import ReportContext, ReportOptions
from crc_reporter.reports.docx_base import set_landscape
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage
from crc_reporter.reports.ooxml import BOLD, ITALIC
from crc_reporter.reports.tables import Column, GroupRow, Row, add_table
from crc_reporter.services.other_mechanisms import ALL_MECHANISMS, with_mechanism
from crc_reporter.services.report_data import gather_report_data

LISTED_KINDS = ("recommendation", "concern")


def gather(session: Session, options: ReportOptions) -> ReportData:
    data = gather_report_data(
        session,
        options.document,
        include_confidential=options.include_confidential,
        coalition=options.coalition,
        state_name=options.state_name,
    )
    data = with_mechanism(session, data, options.mechanism)
    if not any(i.kind in LISTED_KINDS for i in _all_items(data)):
        if options.mechanism and options.mechanism != data.document.treaty:
            what = _("all mechanisms") if options.mechanism == ALL_MECHANISMS else options.mechanism
            raise ReportError(
                _("{symbol}: no recommendations of {mechanism} on the same State to follow up").format(
                    symbol=data.document.symbol, mechanism=what
                )
            )
        raise ReportError(_("{symbol} has no recommendations to follow up").format(symbol=data.document.symbol))
    return data


def _all_items(data: ReportData) -> list[ReportItem]:
    """The document's paragraphs and those of the other documents the matrix covers."""
    return [*data.items, *(i for p in data.protocols for i in p.items)]


def word_limit(data: ReportData) -> None:
    return None


def title(data: ReportData, tx: ReportLanguage) -> str:
    symbols = [data.document.symbol] if data.items else []
    symbols += [p.document.symbol for p in data.protocols if p.items]
    return tx._("Follow-up status matrix: {symbol}").format(symbol=tx.join(symbols or [data.document.symbol]))


def steps(data: ReportData) -> int:
    return len(_all_items(data))


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + "…"


def _status(tx: ReportLanguage, assessment: AssessmentInfo | None) -> list[Spans]:
    if assessment is None:
        return [tx.label(ImplementationStatus.NOT_ASSESSED.value)]
    return [[Span(tx.label(assessment.status), BOLD)], [Span(tx.date(assessment.assessed_on), ITALIC)]]


def _lead_and_parts(ctx: ReportContext, rec: RecommendationInfo) -> tuple[str, list[Spans]]:
    """The paragraph's opening and its lettered parts, from a translation into the report's language when
    one was typed (its lines after the first are its parts when there are as many as the paragraph has)."""
    if rec.translation and rec.translation_lang == ctx.tx.code:
        lines = [line.strip() for line in rec.translation.splitlines() if line.strip()]
        if rec.parts and len(lines) == len(rec.parts) + 1:
            return lines[0], [shorten(line, 90) for line in lines[1:]]
        return " ".join(lines), ["–"]
    lead = rec.text
    if rec.parts:
        cut = lead.find(f"({rec.parts[0].label})")
        lead = lead[:cut] if cut > 0 else lead
    return lead, [f"{ctx.tx.part(p.label)} {shorten(p.text, 90)}" for p in rec.parts] or ["–"]


def _row(ctx: ReportContext, item: ReportItem, with_civil_society: bool, government_only: bool) -> Row:
    tx, rec = ctx.tx, item.recommendation
    number: list[Spans] = [tx.digits(rec.label) if rec.label else tx.integer(rec.number)]
    if rec.urgent:
        number.append([Span(tx._("Urgent"), BOLD)])
    text: list[Spans] = []
    if rec.subheading:
        text.append([Span(ctx.tx.subheading(rec.subheading), BOLD)])
    lead, part_cells = _lead_and_parts(ctx, rec)
    text.append(shorten(lead, 240))
    if rec.position in other_mechanisms.POSITIONS:  # a UPR recommendation: the State's position
        text.append([Span(tx.label(rec.position), ITALIC)])
    actions = [a for a in item.actions if not government_only or a.action.actor_type in (None, "government")]
    action_cells: list[Spans] = []
    for linked in actions:
        line: list[Content] = [linked.action.title, Span(f" ({tx.label(linked.action.status)})", ITALIC)]
        if linked.parts:
            line.append(" " + tx.join([tx.part(p) for p in linked.parts]))
        if linked.action.confidential:
            line.append(Span(" " + tx._("[Confidential]"), BOLD))
        action_cells.append(line)
    row: list[list[Spans]] = [
        number,
        text,
        part_cells,
        list(rec.responsible) or ["–"],
        _status(tx, item.government),
    ]
    if with_civil_society:
        row.append(_status(tx, item.civil_society))
    row.append(action_cells or ["–"])
    return row


def status_table(ctx: ReportContext, *, with_civil_society: bool, government_only: bool = True) -> None:
    """Every recommendation and concern, grouped by cluster (and by Optional Protocol document)."""
    tx = ctx.tx
    columns = [
        Column(tx._("Para."), 0.9),
        Column(tx._("Recommendation"), 4.0),
        Column(tx._("Parts"), 3.1),
        Column(tx._("Responsible bodies"), 2.0),
        Column(tx._("Government status"), 2.0),
    ]
    if with_civil_society:
        columns.append(Column(tx._("Civil society status"), 2.0))
    columns.append(Column(tx._("Actions"), 3.0))
    rows: list[Row] = []
    for section in ctx.data.sections:
        listed = [i for i in section.items if i.kind in LISTED_KINDS]
        if listed:
            rows.append(GroupRow(parts.cluster_title(tx, section)))
            rows.extend(_row(ctx, item, with_civil_society, government_only) for item in listed)
    for protocol in ctx.data.protocols:
        listed = [i for i in protocol.items if i.kind in LISTED_KINDS]
        if listed:
            rows.append(
                GroupRow(
                    f"{other_mechanisms.document_title(tx, protocol.document.treaty)} ({protocol.document.symbol})"
                )
            )
            rows.extend(_row(ctx, item, with_civil_society, government_only) for item in listed)
    add_table(ctx.builder, columns, rows)


def _summary(ctx: ReportContext) -> None:
    tx = ctx.tx
    items = [i for i in _all_items(ctx.data) if i.kind in LISTED_KINDS]
    gov = Counter(i.government.status if i.government else "not_assessed" for i in items)
    cs = Counter(i.civil_society.status if i.civil_society else "not_assessed" for i in items)
    rows: list[Row] = [
        [tx.label(s.value), tx.integer(gov.get(s.value, 0)), tx.integer(cs.get(s.value, 0))]
        for s in ImplementationStatus
        if gov.get(s.value) or cs.get(s.value)
    ]
    rows.append([[Span(tx._("Total"), BOLD)], tx.integer(len(items)), tx.integer(len(items))])
    ctx.builder.para(tx._("Summary"), "caption", keep_next=True)
    add_table(
        ctx.builder,
        [Column(tx._("Status"), 3), Column(tx._("Government"), 1.4), Column(tx._("Civil society"), 1.4)],
        rows,
        width=ctx.builder.width // 2,
    )


def build(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    set_landscape(b.sect_pr)
    doc = data.document
    b.para(title(data, tx), "title")
    b.para(
        tx._("{state}: concluding observations adopted on {date}; situation on {today}").format(
            state=tx.state(data.state_name, start=True), date=tx.date(doc.date) or "…", today=tx.date(ctx.today)
        ),
        "subtitle",
    )
    if data.confidential_left_out:
        b.para(
            tx.ngettext(
                "{count} confidential action is not shown.",
                "{count} confidential actions are not shown.",
                data.confidential_left_out,
            ).format(count=tx.integer(data.confidential_left_out)),
            counted=False,
        )
    _summary(ctx)
    status_table(ctx, with_civil_society=True, government_only=False)
    ctx.tick(steps(data))
