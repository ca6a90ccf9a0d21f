"""The State party's periodic report (standard procedure), as a draft to complete.

Cover, contents, introduction and methodology, then one chapter per reporting
cluster in the order of the treaty-specific guidelines (CRC/C/58/Rev.3):
each of the Committee's recommendations with the government's actions, the
indicators and a placeholder for the narrative. The chapter on the Optional
Protocols also answers the latest concluding observations on OPSC and OPAC.
A landscape annex lists every recommendation with its status.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActorType, DocumentType
from crc_reporter.domain.records import DocumentInfo
from crc_reporter.domain.report_records import ClusterSection, LinkedAction, ReportData, ReportItem
from crc_reporter.domain.word_limits import PERIODIC_REPORT
from crc_reporter.i18n import _
from crc_reporter.reports import matrix, other_mechanisms, parts, statistics
from crc_reporter.reports.builder import Span
from crc_reporter.reports.charts import charts_section
from crc_reporter.reports.context import ReportContext, ReportOptions
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage, roman
from crc_reporter.reports.ooxml import MARK
from crc_reporter.services.other_mechanisms import with_other_mechanisms
from crc_reporter.services.report_data import gather_report_data


def gather(session: Session, options: ReportOptions) -> ReportData:
    data = gather_report_data(
        session,
        options.document,
        include_confidential=options.include_confidential,
        with_protocols=True,
        state_name=options.state_name,
    )
    if data.document.type != DocumentType.CONCLUDING_OBSERVATIONS.value:
        raise ReportError(
            _(
                "{symbol} is not a set of concluding observations; a periodic report answers concluding observations"
            ).format(symbol=data.document.symbol)
        )
    return with_other_mechanisms(session, data)


def word_limit(data: ReportData) -> int:
    return data.document.word_limit or PERIODIC_REPORT


_REPORTS_ANSWERED = re.compile(r"/CO/(\d+)(?:-(\d+))?$")


def title(data: ReportData, tx: ReportLanguage) -> str:
    """The UN's pattern: "Seventh periodic report submitted by … under article 44 of the Convention, due in 2028"."""
    doc = data.document
    m = _REPORTS_ANSWERED.search(doc.symbol)
    state = tx.state(data.state_name)
    if m is None:
        return tx._("Periodic report of {state} under article 44 of the Convention on the Rights of the Child").format(
            state=state
        )
    number = int(m.group(2) or m.group(1)) + 1
    year = tx.digits(str(doc.next_report_due.year)) if doc.next_report_due else "…"
    text = tx._("{ordinal} periodic report submitted by {state} under article 44 of the Convention, due in {year}")
    text = text.format(ordinal=tx.ordinal(number), state=state, year=year)
    return text[:1].upper() + text[1:]


def answered(item: ReportItem) -> bool:
    """Recommendations always; a paragraph of concern only when something was done about it."""
    if item.kind == "recommendation":
        return True
    return item.kind == "concern" and bool(item.actions or item.indicators)


def steps(data: ReportData) -> int:
    return len(data.items) + sum(len(p.items) for p in data.protocols)


def cover(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    doc = data.document
    b.para(tx._("Convention on the Rights of the Child"), align="right", counted=False)
    country = doc.country or "…"
    b.para([f"CRC/C/{country}/", Span(tx._("[symbol to be assigned]"), MARK)], align="right", counted=False)
    b.para(tx._("Committee on the Rights of the Child"), space_before=1200, counted=False)
    b.para(title(data, tx), "title", space_before=600)
    b.para(
        tx._("Reply to the concluding observations {symbol} adopted on {date}").format(
            symbol=doc.symbol, date=tx.date(doc.date) or "…"
        ),
        "subtitle",
    )
    start, end = ctx.options.period_from or doc.date, ctx.options.period_to or ctx.today
    lines = [tx._("Period covered: {start} to {end}").format(start=tx.month(start) or "…", end=tx.month(end))]
    if doc.next_report_due:
        lines.append(tx._("Due date: {date}").format(date=tx.date(doc.next_report_due)))
    lines.append(tx._("Draft of {date}").format(date=tx.date(ctx.today)))
    for line in lines:
        b.para(line, align="center", counted=False)
    b.page_break()
    b.para(tx._("Contents"), "toc_heading", counted=False)
    b.toc_here()
    ctx.abbreviations = b.para("", counted=False)  # the list of abbreviations, written once the text is
    b.page_break()


def introduction(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    doc = data.document
    b.heading(1, roman(1) + ". " + tx._("Introduction"))
    b.para(
        tx._(
            "This report of {state} is submitted to the Committee on the Rights of the Child under "
            "article 44 (1) (b) of the Convention."
        ).format(state=tx.state(data.state_name))
    )
    b.para(
        tx._(
            "It replies to the concluding observations on the previous report ({symbol}), adopted on {date}, and "
            "follows the Committee's treaty-specific reporting guidelines (CRC/C/58/Rev.3): one chapter per "
            "cluster of rights replies to the recommendations paragraph by paragraph, with the measures taken, "
            "their results and the data available. Annex I lists every recommendation with its status; annex II "
            "gives the statistical data the report cites."
        ).format(symbol=doc.symbol, date=tx.date(doc.date) or "…")
    )
    b.para(
        [
            tx._("It should be read together with the common core document of {state}").format(
                state=tx.state(data.state_name)
            )
            + " (",
            Span(f"HRI/CORE/{doc.country or '…'}/" + tx._("[year]"), MARK),
            ").",
        ]
    )
    urgent = [item.number for item in data.items if item.recommendation.urgent]
    if urgent:
        b.para(
            tx._("The Committee asked for urgent measures in the areas covered by paragraphs {numbers}.").format(
                numbers=tx.join([tx.integer(n) for n in urgent])
            )
        )
    b.heading(2, tx._("Methodology"))
    bodies = sorted({body for item in data.items for body in item.recommendation.responsible})
    if bodies:
        b.para(
            tx._(
                "The report was prepared on the basis of information from the bodies responsible for the "
                "recommendations: {bodies}."
            ).format(bodies=tx.join(bodies))
        )
    b.placeholder(
        tx._(
            "[Describe how the report was prepared: the coordinating body, the consultations held with ministries, "
            "provinces, civil society and children, and how the report was validated.]"
        ),
        tag="crc:methodology",
        alias=tx._("Methodology"),
    )
    if ctx.options.charts or ctx.options.chart_images:
        b.heading(2, tx._("Overview of implementation"))
        charts_section(ctx, "government")


def _by_government(linked: LinkedAction) -> bool:
    return linked.action.actor_type in (None, ActorType.GOVERNMENT.value)


def _government(item: ReportItem) -> ReportItem:
    """A State report tells what the State did: actions of government bodies (or of no recorded actor)."""
    keep = tuple(a for a in item.actions if a.action.actor_type in (None, ActorType.GOVERNMENT.value))
    return (
        item
        if len(keep) == len(item.actions)
        else ReportItem(item.recommendation, keep, item.indicators, item.government, item.civil_society)
    )


def reply(ctx: ReportContext, item: ReportItem, doc: DocumentInfo | None = None) -> None:
    tx, b, main = ctx.tx, ctx.builder, ctx.data.document
    item = _government(item)
    b.heading(3, parts.short_heading(tx, item.recommendation, doc or main, main))
    ctx.answering = parts.answering(tx, item.recommendation, doc or main, main)
    if ctx.options.quote_recommendations:
        parts.committee_text(ctx, item.recommendation)
    parts.actions_section(ctx, item.actions, tx._("Measures taken"))
    other_mechanisms.see_also(
        ctx, other_mechanisms.related_to(ctx, item.recommendation.id), item.actions, _by_government
    )
    statistics.cite(ctx, item.indicators, "II")
    parts.narrative(
        ctx,
        item,
        tx._(
            "[Describe the measures taken in reply to paragraph {number}, their results and the remaining challenges.]"
        ).format(number=tx.integer(item.number)),
    )


def chapter(ctx: ReportContext, section: ClusterSection, number: int) -> None:
    tx, b = ctx.tx, ctx.builder
    words = b.words
    b.heading(1, parts.cluster_heading(tx, section, number))
    items = [i for i in section.items if answered(i)]
    ctx.tick(len(section.items) - len(items))
    protocols = ctx.data.protocols if section.key == "optional_protocols" else ()
    if not items and not any(p.items for p in protocols):
        b.para(tx._("The concluding observations contain no recommendation under this cluster."))
        b.placeholder(
            tx._("[Describe the developments under this cluster since the last review.]"),
            tag=f"crc:cluster:{section.key}",
            alias=tx._("Narrative"),
        )
    for subheading, group in parts.grouped_by_subheading(items):
        if subheading:
            b.heading(2, tx.subheading(subheading))
        for item in group:
            reply(ctx, item)
            ctx.tick()
    for protocol in protocols:
        op_items = [i for i in protocol.items if answered(i)]
        ctx.tick(len(protocol.items) - len(op_items))
        if not op_items:
            continue
        name = tx._(parts.PROTOCOL_TITLES.get(protocol.document.treaty, protocol.document.treaty))
        b.heading(2, f"{name} ({protocol.document.symbol})")
        for item in op_items:
            reply(ctx, item, protocol.document)
            ctx.tick()
        items.extend(op_items)
    other_mechanisms.cluster_others(ctx, section.key, _by_government)
    ctx.chapters.append((parts.cluster_title(tx, section), b.words - words, len(items)))


def build(ctx: ReportContext) -> None:
    cover(ctx)
    introduction(ctx)
    number = 2
    for section in ctx.data.sections:
        if section.key or any(answered(i) for i in section.items):
            chapter(ctx, section, number)
            number += 1
        else:
            ctx.tick(len(section.items))
    ctx.builder.counting = False  # annexes do not count against the word limit
    ctx.builder.new_section(landscape=True)
    ctx.builder.heading(1, ctx.tx._("Annex I: status of implementation of the recommendations"))
    matrix.status_table(ctx, with_civil_society=False)
    statistics.annex(ctx, ctx.tx._("Annex II: statistical data"))
