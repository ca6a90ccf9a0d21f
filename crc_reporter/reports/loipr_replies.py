"""Replies to a list of issues prior to reporting (simplified procedure), or to a list of issues.

Under the simplified procedure the replies *are* the State party's report:
one section per question, in the Committee's order, each with the question,
the actions linked to it (or to its lettered parts), the indicators and a
place for the reply to each part. Questions are grouped under the cluster
headings the list of issues uses.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.report_records import ReportData, list_part
from crc_reporter.domain.word_limits import PERIODIC_REPORT, REPLIES_TO_LIST_OF_ISSUES, replies_word_limit
from crc_reporter.i18n import _
from crc_reporter.reports import list_of_issues, parts
from crc_reporter.reports.builder import Span
from crc_reporter.reports.context import ReportContext, ReportOptions
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.language import ReportLanguage, roman
from crc_reporter.reports.ooxml import MARK
from crc_reporter.services.report_data import gather_report_data

_LISTS = (DocumentType.LOIPR.value, DocumentType.LIST_OF_ISSUES.value)


def gather(session: Session, options: ReportOptions) -> ReportData:
    data = gather_report_data(
        session,
        options.document,
        include_confidential=options.include_confidential,
        with_cited=True,
        state_name=options.state_name,
    )
    if data.document.type not in _LISTS:
        raise ReportError(
            _("{symbol} is not a list of issues; replies answer a list of issues (…/QPR/… or …/Q/…)").format(
                symbol=data.document.symbol
            )
        )
    if not data.items:
        raise ReportError(_("{symbol} has no questions in this store").format(symbol=data.document.symbol))
    return data


def word_limit(data: ReportData) -> int:
    """21,200 for replies to a list of issues prior to reporting (they are the periodic report), 10,700 for
    written replies to a standard list of issues; a limit of the document's own wins, but the two standard
    figures are taken as defaults (earlier versions stored them swapped)."""
    stored = data.document.word_limit
    if stored and stored not in (PERIODIC_REPORT, REPLIES_TO_LIST_OF_ISSUES):
        return stored
    return replies_word_limit(data.document.type)


_REPORTS_ASKED = re.compile(r"/(?:QPR|Q|LOIPR|LOI)/(\d+)(?:-(\d+))?$")


def _reports(tx: ReportLanguage, first: int, last: int) -> str:
    """ "seventh periodic report", "combined fifth and sixth periodic reports", "combined fourth to sixth …"."""
    if first == last:
        return tx._("{ordinal} periodic report").format(ordinal=tx.ordinal(first))
    if last == first + 1:
        return tx._("combined {first} and {last} periodic reports").format(
            first=tx.ordinal(first), last=tx.ordinal(last)
        )
    return tx._("combined {first} to {last} periodic reports").format(first=tx.ordinal(first), last=tx.ordinal(last))


def title(data: ReportData, tx: ReportLanguage) -> str:
    """The UN's pattern. Simplified procedure: "Seventh periodic report submitted by … under article 44 of the
    Convention pursuant to the simplified reporting procedure, due in 2028" (the replies are the report);
    standard procedure: "Replies of … to the list of issues in relation to its combined fifth and sixth
    periodic reports"."""
    doc = data.document
    state = tx.state(data.state_name)
    m = _REPORTS_ASKED.search(doc.symbol)
    if m is None:  # a symbol of another shape: name the list of issues answered
        if doc.type == DocumentType.LOIPR.value:
            text = tx._("Replies of {state} to the list of issues prior to reporting ({symbol})")
        else:
            text = tx._("Replies of {state} to the list of issues ({symbol})")
        return text.format(state=state, symbol=doc.symbol)
    first = int(m.group(1))
    reports = _reports(tx, first, int(m.group(2) or first))
    if doc.type == DocumentType.LOIPR.value:
        year = tx.digits(str(doc.next_report_due.year)) if doc.next_report_due else "…"
        text = tx._(
            "{reports} submitted by {state} under article 44 of the Convention pursuant to the simplified "
            "reporting procedure, due in {year}"
        ).format(reports=reports, state=state, year=year)
    else:
        text = tx._("Replies of {state} to the list of issues in relation to its {reports}").format(
            state=state, reports=reports
        )
    return text[:1].upper() + text[1:]


def steps(data: ReportData) -> int:
    return len(data.items)


def _cover(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    doc = data.document
    b.para(tx._("Convention on the Rights of the Child"), align="right", counted=False)
    b.para([f"CRC/C/{doc.country or '…'}/", Span(tx._("[symbol to be assigned]"), MARK)], align="right", counted=False)
    b.para(tx._("Committee on the Rights of the Child"), space_before=1200, counted=False)
    b.para(title(data, tx), "title", space_before=600)
    if doc.type == DocumentType.LOIPR.value:
        subtitle = tx._("Replies to the list of issues prior to reporting ({symbol}) of {date}")
    else:
        subtitle = tx._("Replies to the list of issues ({symbol}) of {date}")
    b.para(subtitle.format(symbol=doc.symbol, date=tx.date(doc.date) or "…"), "subtitle")
    b.para(tx._("Draft of {date}").format(date=tx.date(ctx.today)), align="center", counted=False)
    b.page_break()
    b.para(tx._("Contents"), "toc_heading", counted=False)
    b.toc_here()
    ctx.abbreviations = b.para("", counted=False)  # the list of abbreviations, written once the text is
    b.page_break()


def _introduction(ctx: ReportContext) -> None:
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    doc = data.document
    b.heading(1, roman(1) + ". " + tx._("Introduction"))
    if doc.type == DocumentType.LOIPR.value:
        b.para(
            tx._(
                "Under the simplified reporting procedure, these replies constitute the periodic report of {state} "
                "under article 44 of the Convention on the Rights of the Child."
            ).format(state=tx.state(data.state_name))
        )
    b.para(
        tx._("They reply, in order, to the {count} paragraphs of the list of issues ({symbol}) of {date}.").format(
            count=tx.integer(len(data.items)), symbol=doc.symbol, date=tx.date(doc.date) or "…"
        )
    )
    b.placeholder(
        tx._("[Describe how the replies were prepared and who was consulted.]"),
        tag="crc:methodology",
        alias=tx._("Methodology"),
    )


def build(ctx: ReportContext) -> None:
    _cover(ctx)
    _introduction(ctx)
    tx, b = ctx.tx, ctx.builder
    by_number = sorted(ctx.data.items, key=lambda i: i.number)
    questions = [i for i in by_number if list_part(i.recommendation) == 1]
    numbers = list_of_issues.table_numbers(questions)
    sections = {s.key: s for s in ctx.data.sections}
    current: str | None = None
    chapter = 1
    for item in questions:
        key = item.recommendation.cluster or ""
        if key != current:
            current = key
            chapter += 1
            section = sections.get(key)
            heading = (
                parts.cluster_heading(tx, section, chapter)
                if section is not None and key
                else (roman(chapter) + ". " + tx._("Other questions"))
            )
            ctx.chapters.append((heading.split(". ", 1)[-1], b.words, 0))
            b.heading(1, heading)
        list_of_issues.question(ctx, item, numbers)
        title, start, count = ctx.chapters[-1]
        ctx.chapters[-1] = (title, start, count + 1)
        ctx.tick()
    chapter += 1
    developments = [i for i in by_number if list_part(i.recommendation) == 2]
    heading = tx._("New developments")
    ctx.chapters.append((heading, b.words, len(developments)))
    list_of_issues.new_developments(ctx, f"{roman(chapter)}. {heading}", developments)
    chapter += 1
    data = [i for i in by_number if list_part(i.recommendation) == 3]
    heading = tx._("Data, statistics and other information")
    ctx.chapters.append((heading, b.words, len(data)))
    list_of_issues.data_and_statistics(ctx, f"{roman(chapter)}. {heading}", data, questions)
    # (title, words at the start, questions) -> (title, words used, questions)
    ends = [start for _t, start, _n in ctx.chapters[1:]] + [b.words]
    ctx.chapters[:] = [(t, end - start, n) for (t, start, n), end in zip(ctx.chapters, ends, strict=True)]
