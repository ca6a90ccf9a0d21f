"""The three parts of replies to a list of issues.

Part I answers each question with what was done about the concluding
observations' paragraphs it cites (its ``previous_reference`` rows, resolved in
the store: carried over, not re-entered) and the actions linked to the question
itself. Part II (new developments) lists the laws, policies and programmes acted
on since those observations, briefly, as the Committee asks. Part III (data,
statistics and other information) holds the indicator tables the replies cite,
each once, numbered in the order Part I first cites them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crc_reporter.domain.enums import ActionType
from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.domain.report_records import CitedParagraph, LinkedAction, ReportItem
from crc_reporter.reports import ooxml as x
from crc_reporter.reports import parts, statistics
from crc_reporter.reports.builder import Content, Span
from crc_reporter.reports.context import ReportContext


def table_numbers(items: Iterable[ReportItem]) -> dict[int, int]:
    """Indicator id -> its table number in Part III, in the order the questions first cite them."""
    numbers: dict[int, int] = {}
    for item in items:
        for indicator in indicators_of(item):
            if indicator.values:  # as statistics.write_tables numbers them
                numbers.setdefault(indicator.id, len(numbers) + 1)
    return numbers


def indicators_of(item: ReportItem) -> list[IndicatorInfo]:
    found = {i.id: i for i in item.indicators}
    for cited in item.cited:
        found.update({i.id: i for i in cited.indicators})
    return list(found.values())


def _cited_label(ctx: ReportContext, cited: CitedParagraph) -> str:
    tx = ctx.tx
    text = tx._("Follow-up to paragraph {number} of {symbol}").format(
        number=tx.integer(cited.number), symbol=cited.document
    )
    return f"{text} ({tx.subheading(cited.subheading)})" if cited.subheading else text


def _cited(ctx: ReportContext, cited: CitedParagraph) -> None:
    tx, b = ctx.tx, ctx.builder
    if not cited.found:
        b.para(
            Span(
                tx._(
                    "[Paragraph {number} of {symbol} is not in this store: import the document to carry its "
                    "actions over.]"
                ).format(number=tx.integer(cited.number), symbol=cited.document),
                x.MARK,
            ),
            counted=False,
            numbered=False,
        )
        return
    if not cited.actions:
        b.para(
            Span(
                tx._("[No action is recorded for paragraph {number} of {symbol}.]").format(
                    number=tx.integer(cited.number), symbol=cited.document
                ),
                x.MARK,
            ),
            counted=False,
            numbered=False,
        )
        return
    parts.actions_section(ctx, cited.actions, _cited_label(ctx, cited))


def _data_line(ctx: ReportContext, item: ReportItem, numbers: dict[int, int]) -> None:
    tx = ctx.tx
    cited = sorted({numbers[i.id] for i in indicators_of(item) if i.id in numbers})
    if not cited:
        return
    listed = tx.join([tx.integer(n) for n in cited])
    text = tx.ngettext("Data: table {tables} in part III.", "Data: tables {tables} in part III.", len(cited))
    ctx.builder.para(Span(text.format(tables=listed), x.ITALIC))


def question(ctx: ReportContext, item: ReportItem, numbers: dict[int, int]) -> None:
    """A question of Part I: the question, what was done about the paragraphs it cites, the actions linked
    to it, where its data are, and a place for the reply to each part."""
    tx, b = ctx.tx, ctx.builder
    rec = item.recommendation
    doc = ctx.data.document
    b.heading(2, parts.short_heading(tx, rec, doc, doc))
    ctx.answering = parts.answering(tx, rec, doc, doc)
    parts.committee_text(ctx, rec)  # a question is short, and a reply is read against it
    for cited in item.cited:
        _cited(ctx, cited)
    parts.actions_section(ctx, item.actions, tx._("Measures taken"))
    _data_line(ctx, item, numbers)
    reply_placeholders(ctx, item)


def reply_placeholders(ctx: ReportContext, item: ReportItem) -> None:
    tx, b = ctx.tx, ctx.builder
    rec = item.recommendation
    if not rec.parts:
        parts.narrative(ctx, item, tx._("[Reply to paragraph {number}.]").format(number=tx.integer(rec.number)))
        return
    for part in rec.parts:
        b.para(Span(tx.part(part.label), x.BOLD), keep_next=True, numbered=False)
        b.placeholder(
            tx._("[Reply to paragraph {number} {part}.]").format(
                number=tx.integer(rec.number), part=tx.part(part.label)
            ),
            tag=f"crc:{ctx.data.document.symbol}:{rec.number}:{part.label}",
            alias=tx._("Narrative"),
        )


def _development(ctx: ReportContext, linked: LinkedAction) -> None:
    """One line: title, who, status and dates, sources; or a reference to the reply that tells it in full."""
    tx, b, action = ctx.tx, ctx.builder, linked.action
    where = ctx.written_actions.get(action.id)
    line: list[Content] = [Span(action.title.rstrip("."), x.BOLD), ". "]
    if where is not None:
        b.para([*line, tx._("See {reply}.").format(reply=where)])
        return
    if action.actor:
        line.append(f"{action.actor}. ")
    period = parts.period_of(tx, action)
    status = tx.label(action.status)
    line.append(f"{status} ({period})." if period else f"{status}.")
    if action.confidential:
        line.append(Span(" " + tx._("[Confidential]"), x.BOLD))
    b.para([*line, *parts.sources(action)])


def new_developments(ctx: ReportContext, heading: str, paragraphs: Sequence[ReportItem]) -> None:
    """Part II: the Committee's request, then laws and policies acted on since the observations it cites."""
    tx, b, data = ctx.tx, ctx.builder, ctx.data
    b.heading(1, heading)
    for item in paragraphs:
        parts.committee_text(ctx, item.recommendation)
    since = tx.date(data.developments_since)
    if since:
        b.para(tx._("Developments since the concluding observations of {date}:").format(date=since))
    laws = [a for a in data.developments if a.action.type == ActionType.LAW.value]
    policies = [a for a in data.developments if a.action.type != ActionType.LAW.value]
    for label, actions in (
        (tx._("New bills or laws, and their regulations"), laws),
        (tx._("New policies, programmes and plans"), policies),
    ):
        if actions:
            b.para(Span(label, x.BOLD), keep_next=True, numbered=False)
            for linked in actions:
                _development(ctx, linked)
    b.placeholder(
        tx._(
            "[New institutions (and their mandates) or institutional reforms; recent ratifications of human "
            "rights instruments.]"
        ),
        tag=f"crc:{data.document.symbol}:new-developments",
        alias=tx._("New developments"),
    )
    ctx.tick(len(paragraphs))


def data_and_statistics(
    ctx: ReportContext, heading: str, paragraphs: Sequence[ReportItem], items: Sequence[ReportItem]
) -> None:
    """Part III: the Committee's request, then each indicator the replies cite as a table, once."""
    tx, b = ctx.tx, ctx.builder
    b.heading(1, heading)
    for item in paragraphs:
        parts.committee_text(ctx, item.recommendation)
    indicators: dict[int, IndicatorInfo] = {}
    for item in [*items, *paragraphs]:
        for indicator in indicators_of(item):
            indicators.setdefault(indicator.id, indicator)
    statistics.write_tables(ctx, list(indicators.values()))
    if not indicators:
        b.para(
            Span(tx._("[No indicator is linked to the questions or to the paragraphs they cite.]"), x.MARK),
            counted=False,
            numbered=False,
        )
    b.placeholder(
        tx._("[Other data and statistics the Committee asks for.]"),
        tag=f"crc:{ctx.data.document.symbol}:data",
        alias=tx._("Data, statistics and other information"),
    )
    ctx.tick(len(paragraphs))
