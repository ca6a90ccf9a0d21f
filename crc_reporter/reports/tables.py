"""Tables whose header row repeats on every page (``w:tblHeader``), built as XML in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.reports import ooxml as x
from crc_reporter.reports.builder import Builder, Span, Spans

HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table's width


@dataclass(frozen=True)
class GroupRow:
    """A full-width row that opens a group (a cluster in the status matrix)."""

    text: str


Cell = Spans | list[Spans]  # one paragraph, or several
Row = Sequence[Cell] | GroupRow


def _cell(
    builder: Builder,
    tr: etree._Element,
    width: int,
    content: Cell,
    *,
    fill: str | None = None,
    span: int = 1,
    bold: bool = False,
) -> None:
    tc = etree.SubElement(tr, x.TC)
    tcpr = etree.SubElement(tc, x.TCPR)
    tcw = etree.SubElement(tcpr, x.TCW)
    tcw.set(x.W_ATTR, str(width))
    tcw.set(x.TYPE, "dxa")
    if span > 1:
        etree.SubElement(tcpr, x.GRIDSPAN).set(x.VAL, str(span))
    if fill:
        shd = etree.SubElement(tcpr, x.SHD)
        shd.set(x.VAL, "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(x.FILL, fill)
    paragraphs: list[Spans] = content if isinstance(content, list) else [content]
    for spans in paragraphs or [""]:
        p = builder.para("", "table_text", parent=tc)
        if bold and isinstance(spans, str):
            spans = [Span(spans, x.BOLD)]
        builder.write(p, spans)


def add_table(
    builder: Builder, columns: Sequence[Column], rows: Iterable[Row], *, width: int | None = None
) -> etree._Element:
    """A table the width of the text (or ``width`` twips) with a repeating, shaded header row."""
    total = width or builder.width
    weights = sum(c.weight for c in columns)
    widths = [int(total * c.weight / weights) for c in columns]
    tbl = etree.SubElement(builder.body, x.TBL)
    tblpr = etree.SubElement(tbl, x.TBLPR)
    etree.SubElement(tblpr, x.TBLSTYLE).set(x.VAL, builder.styles["table"])
    tblw = etree.SubElement(tblpr, x.TBLW)
    tblw.set(x.W_ATTR, str(sum(widths)))
    tblw.set(x.TYPE, "dxa")
    etree.SubElement(tblpr, x.TBLLAYOUT).set(x.TYPE, "fixed")
    look = etree.SubElement(tblpr, x.TBLLOOK)
    for attr, value in (
        ("val", "04A0"),
        ("firstRow", "1"),
        ("lastRow", "0"),
        ("firstColumn", "0"),
        ("lastColumn", "0"),
        ("noHBand", "1"),
        ("noVBand", "1"),
    ):
        look.set(qn(f"w:{attr}"), value)
    grid = etree.SubElement(tbl, x.TBLGRID)
    for w in widths:
        etree.SubElement(grid, x.GRIDCOL).set(x.W_ATTR, str(w))

    header = etree.SubElement(tbl, x.TR)
    trpr = etree.SubElement(header, x.TRPR)
    etree.SubElement(trpr, x.CANTSPLIT)
    etree.SubElement(trpr, x.TBLHEADER)
    for column, w in zip(columns, widths, strict=True):
        _cell(builder, header, w, column.header, fill=HEADER_FILL, bold=True)
    for row in rows:
        tr = etree.SubElement(tbl, x.TR)
        if isinstance(row, GroupRow):
            etree.SubElement(etree.SubElement(tr, x.TRPR), x.CANTSPLIT)
            _cell(builder, tr, sum(widths), row.text, fill=GROUP_FILL, span=len(widths), bold=True)
            continue
        for content, w in zip(row, widths, strict=True):
            _cell(builder, tr, w, content)
    # a table directly before a heading or another table would merge with it in Word: end with a paragraph
    builder.para("", space_after=0)
    return tbl
