"""One consolidated annex of the statistics a report cites (CRC/C/58/Rev.3 asks for data in an annex).

While the body is written, each reply cites its indicators by table number
("Data: annex II, tables 2 and 3."); the annex then holds each indicator once,
in the order first cited: the values by year, one row per disaggregation (sex,
age, province: a column for each the indicator has), the unit, the definition
and the source. The annex is outside the word count, so data cost the report
no words.
"""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.reports import ooxml as x
from crc_reporter.reports.builder import Span
from crc_reporter.reports.context import ReportContext
from crc_reporter.reports.parts import SEX_LABELS
from crc_reporter.reports.tables import Column, add_table

MAX_YEARS = 10  # year columns that fit a landscape page beside the disaggregation columns
_KEY = "statistics"
_DIMENSIONS = ("sex", "age_group", "province")


def _cited(ctx: ReportContext) -> dict[int, IndicatorInfo]:
    found = ctx.extra.setdefault(_KEY, {})
    assert isinstance(found, dict)
    return found


def cite(ctx: ReportContext, indicators: Sequence[IndicatorInfo], annex: str | None = None) -> None:
    """ "Data: annex II, tables 2 and 3." (``annex`` = "II"; "Data: annex, table 2." for a report's only annex):
    the indicators' tables, numbered in the order first cited."""
    cited = _cited(ctx)
    numbers = []
    for indicator in indicators:
        if not indicator.values:
            continue
        if indicator.id not in cited:
            cited[indicator.id] = indicator
        numbers.append(list(cited).index(indicator.id) + 1)
    if not numbers:
        return
    tx = ctx.tx
    listed = tx.join([tx.integer(n) for n in sorted(set(numbers))])
    count = len(set(numbers))
    if annex is None:
        text = tx.ngettext("Data: annex, table {tables}.", "Data: annex, tables {tables}.", count)
    else:
        text = tx.ngettext("Data: annex {annex}, table {tables}.", "Data: annex {annex}, tables {tables}.", count)
    ctx.builder.para(Span(text.format(annex=annex, tables=listed), x.ITALIC))


def _label(ctx: ReportContext, name: str, raw: str) -> str:
    return ctx.tx._(SEX_LABELS[raw]) if name == "sex" and raw in SEX_LABELS else raw


def _table(ctx: ReportContext, number: int, indicator: IndicatorInfo) -> None:
    tx, b = ctx.tx, ctx.builder
    years = sorted({v.year for v in indicator.values})[-MAX_YEARS:]
    dimensions = [d for d in _DIMENSIONS if any(getattr(v, d) for v in indicator.values)]
    rows: dict[tuple[str, ...], dict[int, float]] = {}
    for v in indicator.values:
        if v.year in years:
            key = tuple(str(getattr(v, d) or "") for d in dimensions)
            rows.setdefault(key, {})[v.year] = v.value
    ordered = sorted(rows, key=lambda k: (any(k), k))  # the total (no disaggregation) first
    caption = tx._("Table {number}. {name}").format(number=tx.integer(number), name=indicator.name)
    b.para(f"{caption} ({indicator.unit})" if indicator.unit else caption, "caption", keep_next=True)
    headers = {"sex": tx._("Sex"), "age_group": tx._("Age"), "province": tx._("Province")}
    columns = [Column(headers[d], 1.6) for d in dimensions] or [Column("", 1.6)]
    columns += [Column(tx.digits(str(y)), 1.0) for y in years]
    table_rows = []
    for key in ordered:
        labels = [_label(ctx, d, raw) for d, raw in zip(dimensions, key, strict=True)] or [tx._("Total")]
        if dimensions and not any(key):
            labels = [tx._("Total"), *([""] * (len(dimensions) - 1))]
        table_rows.append([*labels, *(tx.number(rows[key][y]) if y in rows[key] else "–" for y in years)])
    add_table(b, columns, table_rows)
    if indicator.description:
        b.para([Span(tx._("Definition:") + " ", x.ITALIC), indicator.description.strip()], "table_text")
    if indicator.source:
        b.para([Span(tx._("Source:") + " ", x.ITALIC), indicator.source.strip()], "table_text", space_after=240)


def annex(ctx: ReportContext, heading: str) -> None:
    """The annex, when the report cites data: each indicator's table, in the order first cited."""
    cited = _cited(ctx)
    if not cited:
        return
    tx, b = ctx.tx, ctx.builder
    b.heading(1, heading, page_break=True)
    b.para(
        tx._(
            "The statistical data cited in the report, as the Committee's reporting guidelines (CRC/C/58/Rev.3) "
            "ask: by year, disaggregated by sex, age and province where the data allow, with units and sources."
        ),
        counted=False,
    )
    write_tables(ctx, list(cited.values()))


def write_tables(ctx: ReportContext, indicators: Sequence[IndicatorInfo]) -> None:
    """Each indicator's table, numbered from 1 in this order (an annex, or Part III of replies)."""
    for number, indicator in enumerate((i for i in indicators if i.values), start=1):
        _table(ctx, number, indicator)
