"""The progress report of one responsible body (issue 23, item 5): the document a coordinator takes to the
inter-ministerial meeting.

Its recommendations (those it is responsible for or acted on), what it did, both
sides' assessments, and what is late: its planned or ongoing actions past their
target date, and the recommendations given to it that nobody acted on. The same
rows feed the Excel workbook (:mod:`crc_reporter.reports.progress_xlsx`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActionStatus, ImplementationStatus
from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.domain.report_records import LinkedAction, ReportData, ReportItem
from crc_reporter.i18n import _
from crc_reporter.reports import parts
from crc_reporter.reports.builder import Content, Span, Spans
from crc_reporter.reports.context import ReportContext, ReportOptions
from crc_reporter.reports.docx_base import set_landscape
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage
from crc_reporter.reports.matrix import LISTED_KINDS, shorten
from crc_reporter.reports.ooxml import BOLD, ITALIC
from crc_reporter.reports.tables import Column, GroupRow, Row, add_table
from crc_reporter.services.report_data import gather_report_data
from crc_reporter.store.models import Actor

_OPEN = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)


def resolve_actor(session: Session, name: str) -> str:
    """The stored name of the body named (its name or short name, any case); a one-line error otherwise."""
    wanted = name.strip()
    if not wanted:
        raise ReportError(_("choose the responsible body the progress report is about (--actor NAME)"))
    found = session.scalars(
        select(Actor.name).where(
            or_(Actor.name.ilike(wanted), Actor.short_name.ilike(wanted)),
        )
    ).all()
    if not found:
        raise ReportError(_("no actor named {name}").format(name=wanted[:120]))
    return found[0]


def prepare(session: Session, options: ReportOptions) -> ReportOptions:
    """The body's stored name, so that only its own actions are kept (not those of a body whose name holds it)."""
    if len(options.actors) != 1:
        raise ReportError(_("choose the responsible body the progress report is about (--actor NAME)"))
    return dataclasses.replace(options, actors=(resolve_actor(session, options.actors[0]),))


def gather(session: Session, options: ReportOptions) -> ReportData:
    data = gather_report_data(
        session, options.document, include_confidential=options.include_confidential, state_name=options.state_name
    )
    if not any(i.kind in LISTED_KINDS for i in data.items):
        raise ReportError(_("{symbol} has no recommendations to follow up").format(symbol=data.document.symbol))
    return data


def word_limit(data: ReportData) -> None:
    return None


def body_of(ctx_options: ReportOptions) -> str:
    return ctx_options.actors[0] if ctx_options.actors else ""


def title(data: ReportData, tx: ReportLanguage, body: str = "") -> str:
    return tx._("Progress report: {body}").format(body=body) if body else tx._("Progress report")


def steps(data: ReportData) -> int:
    return len(data.items)


# --- the rows, shared with the workbook ---------------------------------------------------------------


def is_late(linked: LinkedAction, today: dt.date) -> bool:
    action = linked.action
    return action.status in _OPEN and action.end_date is not None and action.end_date < today


def only_body(item: ReportItem, body: str) -> tuple[LinkedAction, ...]:
    return tuple(a for a in item.actions if (a.action.actor or "") == body)


@dataclass(frozen=True)
class LateAction:
    paragraph: int
    linked: LinkedAction
    days: int


@dataclass(frozen=True)
class ProgressSummary:
    recommendations: int
    actions: Counter[str]
    late: tuple[LateAction, ...]
    without_action: tuple[int, ...]  # paragraphs given to the body that it has not acted on
    government: Counter[str]
    civil_society: Counter[str]


def listed_items(data: ReportData) -> list[ReportItem]:
    items = [i for s in data.sections for i in s.items if i.kind in LISTED_KINDS]
    items += [i for p in data.protocols for i in p.items if i.kind in LISTED_KINDS]
    return items


def summarise(data: ReportData, body: str, today: dt.date) -> ProgressSummary:
    items = listed_items(data)
    actions: Counter[str] = Counter()
    late: list[LateAction] = []
    seen: set[int] = set()
    without: list[int] = []
    for item in items:
        own = only_body(item, body)
        if not own:
            without.append(item.number)
        for linked in own:
            if linked.action.id in seen:
                continue
            seen.add(linked.action.id)
            actions[linked.action.status] += 1
            if is_late(linked, today) and linked.action.end_date is not None:
                late.append(LateAction(item.number, linked, (today - linked.action.end_date).days))
    return ProgressSummary(
        recommendations=len(items),
        actions=actions,
        late=tuple(sorted(late, key=lambda x: (-x.days, x.paragraph))),
        without_action=tuple(without),
        government=Counter(i.government.status if i.government else "not_assessed" for i in items),
        civil_society=Counter(i.civil_society.status if i.civil_society else "not_assessed" for i in items),
    )


# --- the Word document -----------------------------------------------------------------------------------


def _assessment(tx: ReportLanguage, assessment: AssessmentInfo | None) -> list[Spans]:
    if assessment is None:
        return [tx.label(ImplementationStatus.NOT_ASSESSED.value)]
    cell: list[Spans] = [[Span(tx.label(assessment.status), BOLD)], [Span(tx.date(assessment.assessed_on), ITALIC)]]
    if assessment.note:
        cell.append(shorten(assessment.note, 160))
    return cell


def _actions(tx: ReportLanguage, own: tuple[LinkedAction, ...], today: dt.date) -> list[Spans]:
    cell: list[Spans] = []
    for linked in own:
        action = linked.action
        line: list[Content] = [action.title, Span(f" ({tx.label(action.status)})", ITALIC)]
        if linked.parts:
            line.append(" " + tx.join([tx.part(p) for p in linked.parts]))
        if action.end_date:
            line.append(" " + tx._("target date: {date}").format(date=tx.date(action.end_date)))
        if is_late(linked, today):
            line.append(Span(" " + tx._("[Late]"), BOLD))
        if action.confidential:
            line.append(Span(" " + tx._("[Confidential]"), BOLD))
        cell.append(line)
        if action.outcome:
            cell.append([Span(tx._("Outcome: {text}").format(text=shorten(action.outcome, 200)), ITALIC)])
    return cell or [[Span(tx._("No action yet"), ITALIC)]]


def _row(ctx: ReportContext, item: ReportItem, body: str) -> Row:
    tx, rec = ctx.tx, item.recommendation
    number: list[Spans] = [tx.integer(rec.number)]
    if rec.urgent:
        number.append([Span(tx._("Urgent"), BOLD)])
    text: list[Spans] = []
    if rec.subheading:
        text.append([Span(tx.subheading(rec.subheading), BOLD)])
    source = rec.translation if rec.translation and rec.translation_lang == tx.code else rec.text
    text.append(shorten(source, 260))
    return [
        number,
        text,
        _actions(tx, only_body(item, body), ctx.today),
        _assessment(tx, item.government),
        _assessment(tx, item.civil_society),
    ]


def _summary(ctx: ReportContext, summary: ProgressSummary) -> None:
    tx, b = ctx.tx, ctx.builder
    done = sum(summary.actions.values())
    b.para(
        tx.ngettext(
            "{n} recommendation is given to this body or was acted on by it.",
            "{n} recommendations are given to this body or were acted on by it.",
            summary.recommendations,
        ).format(n=tx.integer(summary.recommendations))
        + " "
        + tx.ngettext("It has {n} action:", "It has {n} actions:", done).format(n=tx.integer(done))
        + " "
        + tx.join(
            [
                f"{tx.label(s.value).lower()} {tx.integer(summary.actions[s.value])}"
                for s in ActionStatus
                if summary.actions.get(s.value)
            ]
        )
        + ".",
        counted=False,
    )
    rows: list[Row] = [
        [
            tx.label(s.value),
            tx.integer(summary.government.get(s.value, 0)),
            tx.integer(summary.civil_society.get(s.value, 0)),
        ]
        for s in ImplementationStatus
        if summary.government.get(s.value) or summary.civil_society.get(s.value)
    ]
    rows.append([[Span(tx._("Total"), BOLD)], tx.integer(summary.recommendations), tx.integer(summary.recommendations)])
    b.para(tx._("Implementation status of these recommendations"), "caption", keep_next=True)
    add_table(
        b,
        [Column(tx._("Status"), 3), Column(tx._("Government"), 1.4), Column(tx._("Civil society"), 1.4)],
        rows,
        width=b.width // 2,
    )


def _late(ctx: ReportContext, summary: ProgressSummary) -> None:
    tx, b = ctx.tx, ctx.builder
    b.heading(1, tx._("What is late"))
    if not summary.late and not summary.without_action:
        b.para(tx._("Nothing is late."), counted=False)
        return
    if summary.late:
        b.para(
            tx.ngettext(
                "{n} planned or ongoing action is past its target date.",
                "{n} planned or ongoing actions are past their target date.",
                len(summary.late),
            ).format(n=tx.integer(len(summary.late))),
            counted=False,
        )
        add_table(
            b,
            [
                Column(tx._("Para."), 0.9),
                Column(tx._("Action"), 6),
                Column(tx._("Status"), 1.6),
                Column(tx._("Target date"), 2),
                Column(tx._("Days late"), 1.4),
            ],
            [
                [
                    tx.integer(late.paragraph),
                    late.linked.action.title,
                    tx.label(late.linked.action.status),
                    tx.date(late.linked.action.end_date),
                    tx.integer(late.days),
                ]
                for late in summary.late
            ],
        )
    if summary.without_action:
        b.para(
            tx.ngettext(
                "No action yet on paragraph {list}.",
                "No action yet on paragraphs {list}.",
                len(summary.without_action),
            ).format(list=tx.join([tx.integer(n) for n in summary.without_action])),
            counted=False,
        )


def build(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    body = body_of(ctx.options)
    set_landscape(b.sect_pr)
    doc = data.document
    b.para(title(data, tx, body), "title")
    b.para(
        tx._("Follow-up to {symbol} (adopted on {date}); situation on {today}").format(
            symbol=doc.symbol, date=tx.date(doc.date) or "…", today=tx.date(ctx.today)
        ),
        "subtitle",
    )
    summary = summarise(data, body, ctx.today)
    _summary(ctx, summary)
    _late(ctx, summary)
    b.heading(1, tx._("Recommendations and what was done"))
    columns = [
        Column(tx._("Para."), 0.9),
        Column(tx._("Recommendation"), 4.4),
        Column(tx._("What the body did"), 4.6),
        Column(tx._("Government assessment"), 2.2),
        Column(tx._("Civil society assessment"), 2.2),
    ]
    rows: list[Row] = []
    for section in data.sections:
        listed = [i for i in section.items if i.kind in LISTED_KINDS]
        if listed:
            rows.append(GroupRow(parts.cluster_title(tx, section)))
            rows.extend(_row(ctx, item, body) for item in listed)
    for protocol in data.protocols:
        listed = [i for i in protocol.items if i.kind in LISTED_KINDS]
        if listed:
            name = tx._(parts.PROTOCOL_TITLES.get(protocol.document.treaty, protocol.document.treaty))
            rows.append(GroupRow(f"{name} ({protocol.document.symbol})"))
            rows.extend(_row(ctx, item, body) for item in listed)
    add_table(b, columns, rows)
    ctx.tick(steps(data))
