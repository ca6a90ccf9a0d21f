"""Status of implementation by cluster, as pictures with alt text.

Charts rendered by the dashboard come in as PNG images (``ReportOptions.chart_images``).
Without them, the report draws its own: one stacked bar per cluster, in a
table whose first column names the cluster, so every label is real text in
the report's language (Khmer shaped by Word, not by a picture renderer) and
every bar carries alt text for screen readers. The PNG encoder is a few lines
of zlib: no imaging library is needed for solid rectangles.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter

from lxml import etree

from crc_reporter.domain.enums import ImplementationStatus
from crc_reporter.domain.report_records import ReportItem
from crc_reporter.reports import ooxml as x
from crc_reporter.reports import parts
from crc_reporter.reports.context import ReportContext
from crc_reporter.reports.tables import Column, add_table

#: Colours readable in greyscale print as well: dark for done, light for not assessed.
STATUS_COLOURS: dict[str, tuple[int, int, int]] = {
    ImplementationStatus.IMPLEMENTED.value: (26, 120, 60),
    ImplementationStatus.PARTIALLY_IMPLEMENTED.value: (120, 180, 80),
    ImplementationStatus.IN_PROGRESS.value: (70, 130, 190),
    ImplementationStatus.NOT_IMPLEMENTED.value: (200, 60, 50),
    ImplementationStatus.SUPERSEDED.value: (140, 110, 170),
    ImplementationStatus.NOT_ASSESSED.value: (205, 205, 205),
}
BAR_WIDTH, BAR_HEIGHT = 600, 28


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bar(
    segments: list[tuple[tuple[int, int, int], int]], width: int = BAR_WIDTH, height: int = BAR_HEIGHT
) -> bytes:
    """A horizontal bar of coloured segments (colour, weight), as an RGB PNG."""
    total = sum(w for _c, w in segments) or 1
    row = bytearray()
    used = 0
    for i, (colour, weight) in enumerate(segments):
        span = width - used if i == len(segments) - 1 else round(width * weight / total)
        row += bytes(colour) * span
        used += span
    row += bytes((255, 255, 255)) * (width - used)
    raw = (b"\x00" + bytes(row)) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")
    )


def _counts(items: list[ReportItem], side: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in items:
        assessment = item.government if side == "government" else item.civil_society
        counts[assessment.status if assessment else ImplementationStatus.NOT_ASSESSED.value] += 1
    return counts


def _legend(ctx: ReportContext) -> None:
    tx, b = ctx.tx, ctx.builder
    p = b.para("", "caption")
    for status, colour in STATUS_COLOURS.items():
        square = etree.SubElement(p, x.R)
        rpr = etree.SubElement(square, x.RPR)
        etree.SubElement(rpr, x.COLOR).set(x.VAL, "{:02X}{:02X}{:02X}".format(*colour))
        x.add_text(square, "\u25a0 ")
        x.add_text(etree.SubElement(p, x.R), tx.label(status) + "   ")


def charts_section(ctx: ReportContext, side: str = "government") -> None:
    tx, b = ctx.tx, ctx.builder
    for image in ctx.options.chart_images:
        b.para(image.title, "caption", keep_next=True)
        b.picture(image.png, width=b.width, alt_text=image.alt_text, title=image.title)
    if not ctx.options.charts:
        return
    heading = (
        tx._("Status of implementation by cluster, as assessed by the Government")
        if side == "government"
        else tx._("Status of implementation by cluster, as assessed by civil society")
    )
    b.para(heading, "caption", keep_next=True)
    rows = []
    for section in ctx.data.sections:
        items = [i for i in section.items if i.kind == "recommendation"]
        if not items:
            continue
        counts = _counts(items, side)
        title = parts.cluster_title(tx, section)
        segments = [(colour, counts[s]) for s, colour in STATUS_COLOURS.items() if counts[s]]
        described = tx.join([f"{tx.integer(counts[s])} {tx.label(s).lower()}" for s in STATUS_COLOURS if counts[s]])
        alt = tx._("{cluster}: {counts}.").format(cluster=title, counts=described)
        rows.append((title, png_bar(segments), alt, tx.integer(len(items))))
    table = add_table(
        b,
        [Column(tx._("Cluster"), 3), Column(tx._("Status of the recommendations"), 4), Column(tx._("Total"), 0.8)],
        [[title, "", total] for title, _png, _alt, total in rows],
    )
    # the chart, its closing paragraph and its legend on one page
    for p in table.iter(x.P):
        x.keep_with_next(p)
    closing = table.getnext()
    if closing is not None and closing.tag == x.P:
        x.keep_with_next(closing)
    bar_width = int(b.width * 4 / 7.8) - 300
    for tr, (title, png, alt, _total) in zip(table.findall(x.TR)[1:], rows, strict=True):
        cell_p = tr.findall(x.TC)[1].find(x.P)
        picture = b.picture(png, width=bar_width, alt_text=alt, title=title)
        for run in picture.findall(x.R):
            cell_p.append(run)
        b.body.remove(picture)
    _legend(ctx)
