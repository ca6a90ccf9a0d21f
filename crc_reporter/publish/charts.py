"""Pictures drawn at publishing time as inline SVG: status bars and indicator lines.

Labels stay HTML text beside the pictures (translated, shaped by the browser,
readable by a screen reader and legible on a phone); the SVG carries only
shapes, with a text alternative. Colours are the dashboard's order of statuses,
darker than the report's so every segment keeps 3:1 contrast against white
(WCAG 2.1, 1.4.11), with a dark outline around light segments.
"""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.domain.enums import ActionStatus, ImplementationStatus
from crc_reporter.domain.records import IndicatorInfo
from crc_reporter.publish.language import SiteLanguage
from crc_reporter.publish.layout import esc

STATUS_COLOURS: dict[str, str] = {
    ImplementationStatus.IMPLEMENTED.value: "#1a6b38",
    ImplementationStatus.PARTIALLY_IMPLEMENTED.value: "#4f8a1f",
    ImplementationStatus.IN_PROGRESS.value: "#2f6aa6",
    ImplementationStatus.NOT_IMPLEMENTED.value: "#b3372b",
    ImplementationStatus.SUPERSEDED.value: "#75599a",
    ImplementationStatus.NOT_ASSESSED.value: "#767676",
}
ACTION_COLOURS: dict[str, str] = {
    ActionStatus.COMPLETED.value: "#1a6b38",
    ActionStatus.ONGOING.value: "#2f6aa6",
    ActionStatus.PLANNED.value: "#8a5a00",
    ActionStatus.CANCELLED.value: "#767676",
}
_BAR_W, _BAR_H = 300, 18


def bar(counts: dict[str, int], colours: dict[str, str], description: str) -> str:
    """A horizontal bar of coloured segments in the order of ``colours``, with ``description`` as its text."""
    total = sum(counts.get(k, 0) for k in colours) or 1
    x = 0.0
    rects = []
    for key, colour in colours.items():
        n = counts.get(key, 0)
        if not n:
            continue
        w = _BAR_W * n / total
        rects.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{_BAR_H}" fill="{colour}"/>')
        x += w
    return (
        f'<svg class="bar" viewBox="0 0 {_BAR_W} {_BAR_H}" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(description)}" focusable="false">{"".join(rects)}'
        f'<rect x="0.5" y="0.5" width="{_BAR_W - 1}" height="{_BAR_H - 1}" fill="none" stroke="#222" stroke-width="1"/>'
        "</svg>"
    )


def legend(tx: SiteLanguage, colours: dict[str, str]) -> str:
    items = "".join(
        f'<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" fill="{c}"/></svg>{esc(tx.label(k))}</li>'
        for k, c in colours.items()
    )
    return f'<ul class="legend">{items}</ul>'


def describe(tx: SiteLanguage, counts: dict[str, int], colours: dict[str, str]) -> str:
    """ "3 implemented, 2 not assessed" in the page's language."""
    parts = [f"{tx.colon(tx.label(k))} {tx.integer(counts[k])}" for k in colours if counts.get(k)]
    return "; ".join(parts) if parts else tx._("None")


def national_series(indicator: IndicatorInfo) -> list[tuple[int, float]]:
    """The national values (no sex, age group or province), by year."""
    points = {v.year: v.value for v in indicator.values if not (v.sex or v.age_group or v.province)}
    return sorted(points.items())


def line_chart(tx: SiteLanguage, indicator: IndicatorInfo, points: Sequence[tuple[int, float]]) -> str:
    """An indicator's national values over the years, as a line with dots; the table beside it holds the figures."""
    if not points:
        return ""
    w, h, left, right, top, bottom = 360, 170, 46, 14, 12, 26
    years = [y for y, _v in points]
    values = [v for _y, v in points]
    lo = min(0.0, min(values))
    hi = max(values) or 1.0
    y0, y1 = min(years), max(years)
    span = (y1 - y0) or 1

    def px(year: int) -> float:
        return left + (w - left - right) * ((year - y0) / span if y1 != y0 else 0.5)

    def py(value: float) -> float:
        return top + (h - top - bottom) * (1 - (value - lo) / ((hi - lo) or 1))

    coords = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in points)
    dots = "".join(f'<circle cx="{px(y):.1f}" cy="{py(v):.1f}" r="3.5"/>' for y, v in points)
    ticks = [y0] if y0 == y1 else [y0, y1]
    year_labels = "".join(
        f'<text x="{px(y):.1f}" y="{h - 8}" text-anchor="middle">{esc(tx.digits(str(y)))}</text>' for y in ticks
    )
    value_labels = "".join(
        f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{esc(tx.number(v))}</text>' for v in {lo, hi}
    )
    alt = tx._("{indicator}: {first} in {first_year}, {last} in {last_year}").format(
        indicator=indicator.name,
        first=tx.number(values[0]),
        first_year=tx.digits(str(years[0])),
        last=tx.number(values[-1]),
        last_year=tx.digits(str(years[-1])),
    )
    return (
        f'<svg class="line-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{esc(alt)}" focusable="false">'
        f'<line class="axis" x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}"/>'
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}"/>'
        f'<polyline class="series" points="{coords}"/><g class="dots">{dots}</g>'
        f'<g class="labels">{year_labels}{value_labels}</g></svg>'
    )
