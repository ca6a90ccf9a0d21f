"""The alternative report of an NGO coalition on the follow-up to concluding observations.

Cover with the coalition and its members (and, on request, a marking asking
the Committee not to publish it), methodology, then per cluster and per
recommendation: the Committee's text, what the Government reported or did,
the coalition's own assessment and evidence; at the end of each cluster the
questions for the list of issues and the recommendations the coalition
proposes, as entered in the app (``services.coalition_inputs``), numbered. Confidential actions are left
out unless the coalition includes them explicitly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActionStatus, ActorType, DocumentType
from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.domain.report_records import (
    ClusterSection,
    CoalitionEntry,
    LinkedAction,
    ReportData,
    ReportItem,
)
from crc_reporter.i18n import _
from crc_reporter.reports import other_mechanisms, parts, statistics
from crc_reporter.reports.builder import Content, Note, Span
from crc_reporter.reports.charts import charts_section
from crc_reporter.reports.context import ReportContext, ReportOptions
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage, roman
from crc_reporter.reports.ooxml import BOLD
from crc_reporter.services.coalition_inputs import entries_for_document
from crc_reporter.services.other_mechanisms import with_other_mechanisms
from crc_reporter.services.report_data import gather_report_data
from crc_reporter.services.state_report_refs import state_report_refs


def gather(session: Session, options: ReportOptions) -> ReportData:
    data = gather_report_data(
        session,
        options.document,
        include_confidential=options.include_confidential,
        coalition=options.coalition,
        with_coalition=True,
        state_name=options.state_name,
    )
    entries = tuple(entries_for_document(session, data.document.id))
    refs = state_report_refs(session, data.document.id)
    data = with_other_mechanisms(session, dataclasses.replace(data, coalition_entries=entries, state_report=refs))
    if data.document.type != DocumentType.CONCLUDING_OBSERVATIONS.value:
        raise ReportError(
            _(
                "{symbol} is not a set of concluding observations; an alternative report follows concluding observations"
            ).format(symbol=data.document.symbol)
        )
    return data


def word_limit(data: ReportData) -> None:
    return None  # no resolution limits NGO reports; Child Rights Connect advises brevity


def author_name(data: ReportData, tx: ReportLanguage) -> str:
    return data.coalition.name if data.coalition else tx._("[Name of the coalition]")


def title(data: ReportData, tx: ReportLanguage) -> str:
    return tx._("Alternative report of {coalition} on {state}").format(
        coalition=author_name(data, tx), state=tx.state(data.state_name)
    )


def answered(item: ReportItem) -> bool:
    if item.kind == "recommendation":
        return True
    return item.kind == "concern" and bool(item.actions or item.civil_society)


def steps(data: ReportData) -> int:
    return len(data.items)


def _cover(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    if ctx.options.confidential_marking:
        b.para(
            Span(tx._("Confidential: the authors ask the Committee not to publish this report."), BOLD),
            align="center",
            counted=False,
        )
    b.para(tx._("Committee on the Rights of the Child"), align="right", counted=False)
    b.para(tx._("Alternative report"), "title", space_before=1800)
    b.para(
        tx._("On the implementation by {state} of the concluding observations {symbol}").format(
            state=tx.state(data.state_name), symbol=data.document.symbol
        ),
        "subtitle",
    )
    b.para(tx._("Submitted by {coalition}").format(coalition=author_name(data, tx)), align="center", space_before=600)
    if data.coalition_members:
        b.para(tx._("Members:"), align="center", space_after=0)
        for member in data.coalition_members:
            short = f" ({member.short_name})" if member.short_name else ""
            b.para(member.name + short, align="center", space_after=0)
    b.para(tx._("Draft of {date}").format(date=tx.date(ctx.today)), align="center", space_before=600, counted=False)
    b.page_break()
    b.para(tx._("Contents"), "toc_heading", counted=False)
    b.toc_here()
    ctx.abbreviations = b.para("", counted=False)  # the list of abbreviations, written once the text is
    b.page_break()


def _introduction(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    doc = data.document
    b.heading(1, roman(1) + ". " + tx._("Introduction and methodology"))
    members = [m.name for m in data.coalition_members]
    if members:
        b.para(
            tx.ngettext(
                "This report is submitted by {coalition}, a coalition of {count} organisation: {members}.",
                "This report is submitted by {coalition}, a coalition of {count} organisations: {members}.",
                len(members),
            ).format(coalition=author_name(data, tx), count=tx.integer(len(members)), members=tx.join(members))
        )
    b.para(
        tx._(
            "It reviews the implementation of the concluding observations ({symbol}) adopted by the Committee on "
            "{date}: for each recommendation, what the Government reported or did, the coalition's own assessment "
            "and evidence, and the questions and recommendations the coalition suggests to the Committee."
        ).format(symbol=doc.symbol, date=tx.date(doc.date) or "…")
    )
    if ctx.options.confidential_marking:
        b.para(tx._("The coalition asks the Committee to keep this report confidential and not to publish it."))
    b.placeholder(
        tx._("[Describe the methodology: sources, consultations with children and communities, period covered.]"),
        tag="crc:methodology",
        alias=tx._("Methodology"),
    )
    if ctx.options.charts or ctx.options.chart_images:
        b.heading(2, tx._("Overview of implementation"))
        charts_section(ctx, "civil_society")


def _assessment(ctx: ReportContext, label: str, assessment: AssessmentInfo | None) -> None:
    tx = ctx.tx
    if assessment is None:
        ctx.builder.para([Span(label + " ", BOLD), tx.label("not_assessed") + "."])
        return
    line: list[Content] = [Span(label + " ", BOLD), Span(tx.label(assessment.status), BOLD)]
    meta = tx.date(assessment.assessed_on)
    if assessment.assessor:
        meta = f"{assessment.assessor}, {meta}"
    line.append(f" ({meta}).")
    if assessment.note:
        line.append(" " + assessment.note.strip())
    if assessment.evidence:
        line.append(Note(assessment.evidence.strip()))
    ctx.builder.para(line)


def overdue(item: ReportItem, today: dt.date) -> list[LinkedAction]:
    """The actions answering this paragraph whose target date has passed before they were completed."""
    return [
        a
        for a in item.actions
        if a.action.end_date is not None
        and a.action.end_date < today
        and a.action.status not in (ActionStatus.COMPLETED.value, ActionStatus.CANCELLED.value)
    ]


def _overdue(ctx: ReportContext, item: ReportItem) -> None:
    """A flag the coalition can act on: targets the Government set itself and missed."""
    late = overdue(item, ctx.today)
    if not late:
        return
    tx = ctx.tx
    listed = tx.join([f"{a.action.title.rstrip('.')} ({tx.date(a.action.end_date)})" for a in late])
    text = tx.ngettext("Target date passed: {actions}.", "Target dates passed: {actions}.", len(late)).format(
        actions=listed
    )
    ctx.builder.para(Span(text, BOLD), numbered=False)


def _contact_and_consent(ctx: ReportContext, number: int) -> None:
    """Child Rights Connect asks for a contact person and whether the report may be published."""
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    b.heading(1, f"{roman(number)}. " + tx._("Contact and consent"))
    b.para(tx._("Submitted by {coalition}.").format(coalition=author_name(data, tx)), numbered=False)
    b.placeholder(
        tx._("[Contact person: name, organisation, e-mail address and telephone number.]"),
        tag="crc:contact",
        alias=tx._("Contact"),
    )
    if ctx.options.confidential_marking:
        consent = tx._(
            "The coalition asks the Committee to keep this report confidential: it may not be published on the "
            "Committee's web page or shared with the State party."
        )
    else:
        consent = tx._("The coalition agrees that the Committee may publish this report on its web page.")
    b.para(consent)
    b.placeholder(
        tx._("[Whether the coalition wishes to take part in the pre-sessional working group, and who would attend.]"),
        tag="crc:pre-session",
        alias=tx._("Pre-session"),
    )


def _executive_summary(ctx: ReportContext) -> None:
    tx, b = ctx.tx, ctx.builder
    b.heading(1, tx._("Executive summary"))
    b.placeholder(
        tx._("[The coalition's main findings and its priority recommendations, in one or two pages.]"),
        tag="crc:summary",
        alias=tx._("Executive summary"),
    )


def _split(item: ReportItem, coalition_names: set[str]) -> tuple[list[LinkedAction], ...]:
    government, coalition, others = [], [], []
    for linked in item.actions:
        action = linked.action
        if action.actor in coalition_names:
            coalition.append(linked)
        elif action.actor_type in (None, ActorType.GOVERNMENT.value):
            government.append(linked)
        else:
            others.append(linked)
    return government, coalition, others


def _item(ctx: ReportContext, item: ReportItem) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    rec = item.recommendation
    heading = tx._("Paragraph {number}").format(number=tx.integer(rec.number))
    b.heading(2, f"{heading}: {tx.subheading(rec.subheading)}" if rec.subheading else heading)
    ctx.answering = parts.answering(tx, rec, data.document, data.document)
    if rec.kind == "concern":  # "The Committee is concerned that…": not a recommendation
        label = tx._("Concern of the Committee (paragraph {number} of {symbol})")
    else:
        label = tx._("Recommendation of the Committee (paragraph {number} of {symbol})")
    b.para(
        Span(label.format(number=tx.integer(rec.number), symbol=data.document.symbol), BOLD),
        keep_next=True,
        numbered=False,
    )
    _overdue(ctx, item)
    if ctx.options.quote_recommendations:
        parts.committee_text(ctx, rec)
    names = {data.coalition.name} | {m.name for m in data.coalition_members} if data.coalition else set()
    government, coalition, others = _split(item, names)
    b.heading(3, tx._("What the Government reported or did"))
    if data.state_report is not None:
        _state_report_line(ctx, data.state_report.by_paragraph.get(rec.number, ()), cluster=False)
    _assessment(ctx, tx._("Government's assessment:"), item.government)
    parts.actions_section(ctx, government, tx._("Government actions"))
    other_mechanisms.see_also(ctx, other_mechanisms.related_to(ctx, rec.id), item.actions)
    b.heading(3, tx._("Assessment of the coalition"))
    _assessment(ctx, tx._("Coalition's assessment:"), item.civil_society)
    parts.actions_section(ctx, coalition, tx._("Work and evidence of the coalition's members"))
    parts.actions_section(ctx, others, tx._("Other actors"))
    statistics.cite(ctx, item.indicators)
    parts.narrative(ctx, item, tx._("[The coalition's analysis: gaps, data, children's views.]"))


def _entries_list(
    ctx: ReportContext, heading: str, entries: list[CoalitionEntry], placeholder: str, tag: str, alias: str
) -> None:
    """One numbered list of the cluster: what the coalition entered, or a place to type it."""
    tx, b = ctx.tx, ctx.builder
    b.heading(2, heading)
    if not entries:
        b.placeholder(placeholder, tag=tag, alias=alias)
        return
    for number, entry in enumerate(entries, 1):
        line: list[Content] = [f"{tx.integer(number)}. ", entry.text]
        if entry.paragraph is not None:
            line.append(" " + tx._("(paragraph {number})").format(number=tx.integer(entry.paragraph)))
        b.para(line, numbered=False)


def section_entries(data: ReportData, section: ClusterSection) -> list[CoalitionEntry]:
    """The cluster's own entries and those of its paragraphs the report holds (a selection leaves others out)."""
    held = {item.recommendation.id for item in section.items}
    return [
        e
        for e in data.coalition_entries
        if (e.recommendation_id in held if e.recommendation_id is not None else (e.cluster or "") == section.key)
    ]


def _paragraphs(tx: ReportLanguage, numbers: tuple[int, ...]) -> str:
    listed = tx.join([tx.integer(n) for n in numbers])
    return tx.ngettext("para. {numbers}", "paras. {numbers}", len(numbers)).format(numbers=listed)


def _state_report_line(ctx: ReportContext, numbers: tuple[int, ...], *, cluster: bool) -> None:
    """Where the Government's own report deals with the same thing, for the Committee to compare."""
    refs, tx = ctx.data.state_report, ctx.tx
    if refs is None or not numbers:
        return
    if cluster:
        text = tx._("The State party report ({symbol}) deals with this cluster in {paragraphs}.")
    else:
        text = tx._("The State party report ({symbol}) refers to this paragraph in {paragraphs}.")
    ctx.builder.para(text.format(symbol=refs.symbol, paragraphs=_paragraphs(tx, numbers)), numbered=False)


def _coalition_entries(ctx: ReportContext, section: ClusterSection) -> None:
    """Per cluster, as Child Rights Connect asks: questions for the list of issues, then proposed recommendations."""
    tx, key = ctx.tx, section.key
    mine = section_entries(ctx.data, section)
    _entries_list(
        ctx,
        tx._("Suggested questions for the list of issues"),
        [e for e in mine if e.kind == "question"],
        tx._("[Questions the Committee could ask the Government during the dialogue.]"),
        f"crc:questions:{key or 'other'}",
        tx._("Questions"),
    )
    _entries_list(
        ctx,
        tx._("Proposed recommendations"),
        [e for e in mine if e.kind == "recommendation"],
        tx._("[Recommendations the coalition suggests for the next concluding observations.]"),
        f"crc:recommendations:{key or 'other'}",
        tx._("Recommendations"),
    )


def build(ctx: ReportContext) -> None:
    _cover(ctx)
    _executive_summary(ctx)
    _introduction(ctx)
    number = 2
    for section in ctx.data.sections:
        items = [i for i in section.items if answered(i)]
        entries = section_entries(ctx.data, section)
        placed = ctx.data.other_mechanisms.by_cluster.get(section.key) if ctx.data.other_mechanisms else None
        if items or entries or placed:
            words = ctx.builder.words
            ctx.builder.heading(1, parts.cluster_heading(ctx.tx, section, number))
            if ctx.data.state_report is not None:
                _state_report_line(ctx, ctx.data.state_report.by_cluster.get(section.key, ()), cluster=True)
            number += 1
            for item in items:
                _item(ctx, item)
                ctx.tick()
            other_mechanisms.cluster_others(ctx, section.key)
            _coalition_entries(ctx, section)
            ctx.chapters.append((parts.cluster_title(ctx.tx, section), ctx.builder.words - words, len(items)))
        ctx.tick(len(section.items) - len(items))
    _contact_and_consent(ctx, number)
    ctx.builder.counting = False  # the annex does not count against the word limit
    statistics.annex(ctx, ctx.tx._("Annex: statistical data"))
