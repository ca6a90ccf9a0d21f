"""Pieces every report kind uses: headings with paragraph references, the Committee's text,
actions with their sources as footnotes, indicator tables, narrative placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.records import ActionInfo, DocumentInfo, RecommendationInfo
from crc_reporter.domain.report_records import ClusterSection, LinkedAction, ReportItem
from crc_reporter.i18n import N_
from crc_reporter.reports import ooxml as x
from crc_reporter.reports.builder import Content, Note, Span
from crc_reporter.reports.context import ReportContext
from crc_reporter.reports.language import ReportLanguage, roman

SEX_LABELS = {"female": N_("Girls"), "male": N_("Boys")}
PROTOCOL_TITLES = {
    "OPSC": N_("Optional Protocol on the sale of children, child prostitution and child pornography"),
    "OPAC": N_("Optional Protocol on the involvement of children in armed conflict"),
    "OPIC": N_("Optional Protocol on a communications procedure"),
}


def cluster_title(tx: ReportLanguage, section: ClusterSection) -> str:
    """ "General measures of implementation (arts. 4, 42 and 44 (6))" in the report's language."""
    if not section.key:
        return tx._("Other recommendations")
    title = tx.label(section.key)
    articles = tx.articles(section.articles_text) if section.articles_text.lower().startswith("art") else ""
    return f"{title} ({articles})" if articles else title


def cluster_heading(tx: ReportLanguage, section: ClusterSection, number: int) -> str:
    return f"{roman(number)}. {cluster_title(tx, section)}"


def short_heading(tx: ReportLanguage, rec: RecommendationInfo, doc: DocumentInfo, main: DocumentInfo) -> str:
    """ "Paragraph 56", or "Paragraph 12 (CRC/C/OPSC/XMP/CO/1)" for another document than the one answered."""
    text = tx._("Paragraph {number}").format(number=tx.integer(rec.number))
    return text if doc.symbol == main.symbol else f"{text} ({doc.symbol})"


def answering(tx: ReportLanguage, rec: RecommendationInfo, doc: DocumentInfo, main: DocumentInfo) -> str:
    """How a later reply refers to this one: "the reply to paragraph 56"."""
    if doc.symbol == main.symbol:
        return tx._("the reply to paragraph {number}").format(number=tx.integer(rec.number))
    return tx._("the reply to paragraph {number} of {symbol}").format(number=tx.integer(rec.number), symbol=doc.symbol)


def reference(tx: ReportLanguage, rec: RecommendationInfo, doc: DocumentInfo) -> str:
    """ "Reply to the recommendations in paragraph 42 of the concluding observations (CRC/C/XMP/CO/3-4)"."""
    number = tx.integer(rec.number)
    if doc.type == DocumentType.LOIPR.value:
        text = tx._("Reply to paragraph {number} of the list of issues prior to reporting ({symbol})")
    elif doc.type == DocumentType.LIST_OF_ISSUES.value:
        text = tx._("Reply to paragraph {number} of the list of issues ({symbol})")
    elif rec.kind == "concern":
        text = tx._("Reply to the concerns in paragraph {number} of the concluding observations ({symbol})")
    else:
        text = tx._("Reply to the recommendations in paragraph {number} of the concluding observations ({symbol})")
    return text.format(number=number, symbol=doc.symbol)


def committee_text(ctx: ReportContext, rec: RecommendationInfo, *, counted: bool = True) -> None:
    """The paragraph as the Committee wrote it: the lead-in, then each lettered part on its own line.

    A report in the language of the translation typed beside the paragraph quotes that translation.
    """
    b = ctx.builder
    if rec.translation and rec.translation_lang == ctx.tx.code:
        for line in rec.translation.splitlines():
            if line.strip():
                b.para(line.strip(), "quote", counted=counted)
        return
    text = rec.text
    cut = text.find(f"({rec.parts[0].label})") if rec.parts else -1
    # the parts may be in the paragraph's text (concluding observations) or only in the parts (a list of issues)
    b.para(text[:cut].rstrip() if cut > 0 else text, "quote", counted=counted)
    if cut <= 0 and rec.parts and rec.parts[0].text.strip()[:40] in text:
        return  # lettered in some other way, but already in the text
    for part in rec.parts:
        b.para(f"{ctx.tx.part(part.label)} {part.text.strip()}", "quote", counted=counted)


def period_of(tx: ReportLanguage, action: ActionInfo) -> str:
    start, end = tx.date(action.start_date), tx.date(action.end_date)
    if action.status == "completed":
        if start and end:
            return tx._("from {start} to {end}").format(start=start, end=end)
        return tx._("completed on {date}").format(date=end) if end else ""
    if start and end:
        return tx._("since {start}; target date {end}").format(start=start, end=end)
    if start:
        return tx._("since {start}").format(start=start)
    return tx._("target date {end}").format(end=end) if end else ""


def sources(action: ActionInfo) -> list[Content]:
    return [Note(s.title or (s.file_ref or ""), s.url) for s in action.sources if s.title or s.url or s.file_ref]


def action_block(ctx: ReportContext, linked: LinkedAction, *, show_actor: bool = True) -> None:
    """Title, who, status and dates, the parts answered; description; outcome with sources as footnotes."""
    tx, b, action = ctx.tx, ctx.builder, linked.action
    head: list[Content] = [Span(action.title.rstrip("."), x.BOLD), ". "]
    if show_actor and action.actor:
        head.append(f"{action.actor}. ")
    status = tx.label(action.status)
    period = period_of(tx, action)
    head.append(f"{status} ({period}). " if period else f"{status}. ")
    if linked.parts:
        labels = tx.join([tx.part(p) for p in linked.parts])
        head.append(
            Span(
                tx.ngettext("Answers part {parts}.", "Answers parts {parts}.", len(linked.parts)).format(parts=labels),
                x.ITALIC,
            )
        )
    if action.confidential:
        head.append(Span(" " + tx._("[Confidential]"), x.BOLD))
    notes = sources(action)
    if not action.description and not action.outcome:
        last = head[-1]  # the note mark goes right after the full stop, not after a space
        head[-1] = Span(last.text.rstrip(), last.flags) if isinstance(last, Span) else str(last).rstrip()
        b.para([*head, *notes])  # the sources' notes follow the title when there is nothing else
        return
    b.para(head, keep_next=True)
    if action.description:
        b.para([action.description.strip(), *([] if action.outcome else notes)])
    if action.outcome:
        b.para([Span(tx._("Outcome:") + " ", x.ITALIC), action.outcome.strip(), *notes])


def actions_section(
    ctx: ReportContext, actions: Sequence[LinkedAction], label: str, *, show_actor: bool = True
) -> None:
    """Each action in full the first time; a one-line reference to that reply afterwards."""
    if not actions:
        return
    tx, b = ctx.tx, ctx.builder
    b.para(Span(label, x.BOLD), keep_next=True, numbered=False)
    for linked in actions:
        where = ctx.written_actions.get(linked.action.id)
        if where is not None:
            b.para([Span(linked.action.title.rstrip("."), x.BOLD), ". ", tx._("See {reply}.").format(reply=where)])
            continue
        if ctx.answering:
            ctx.written_actions[linked.action.id] = ctx.answering
        action_block(ctx, linked, show_actor=show_actor)


def narrative(ctx: ReportContext, item: ReportItem, prompt: str) -> None:
    doc = ctx.data.document
    ctx.builder.placeholder(prompt, tag=f"crc:{doc.symbol}:{item.number}", alias=ctx.tx._("Narrative"))


def grouped_by_subheading(items: Sequence[ReportItem]) -> list[tuple[str | None, list[ReportItem]]]:
    """Consecutive paragraphs under the same subheading ("Legislation", "Coordination"…)."""
    groups: list[tuple[str | None, list[ReportItem]]] = []
    for item in items:
        sub = item.recommendation.subheading
        if groups and groups[-1][0] == sub:
            groups[-1][1].append(item)
        else:
            groups.append((sub, [item]))
    return groups
