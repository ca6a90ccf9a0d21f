"""Line charts: an indicator's values over the years (the Indicators page, the dashboard's trends)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QWidget

from crc_reporter.ui.formatting import integer, number
from crc_reporter.ui.widgets.charts import Chart, draw_legend, ink, nice_ticks


@dataclass(frozen=True)
class LineSeries:
    label: str
    color: str
    points: tuple[tuple[int, float], ...]


class LineChart(Chart):
    """Values year by year, one line per series, with round axis ticks."""

    def __init__(self, title: str = "", *, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.series: list[LineSeries] = []
        self.compact = compact
        self.unit = ""

    def set_series(self, series: Sequence[LineSeries], unit: str = "") -> None:
        self.series = [s for s in series if s.points]
        self.unit = unit
        self.update()

    def has_data(self) -> bool:
        return any(s.points for s in self.series)

    def sizeHint(self) -> QSize:
        return QSize(260, 120) if self.compact else QSize(480, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 80) if self.compact else QSize(260, 160)

    def paint_chart(self, painter: QPainter, rect: QRectF) -> None:
        draw_lines(painter, rect, self.series, compact=self.compact, unit=self.unit, hit=self.hit)


def draw_lines(
    painter: QPainter,
    rect: QRectF,
    series: Sequence[LineSeries],
    *,
    compact: bool = False,
    unit: str = "",
    hit: Callable[[QRectF, str], None] | None = None,
) -> None:
    """Axes, grid and one line per series inside ``rect``."""
    small = QFont(painter.font())
    small.setPointSizeF(max(painter.font().pointSizeF() - 1, 7))
    rect = rect.adjusted(6, 6, -22, -4)
    if len(series) > 1 and not compact:
        rect.setTop(rect.top() + draw_legend(painter, rect, [(s.label, QColor(s.color)) for s in series]))
    painter.setFont(small)
    fm = QFontMetricsF(small)
    xs = [x for s in series for x, _y in s.points]
    ys = [y for s in series for _x, y in s.points]
    x_low, x_high = min(xs), max(xs)
    if x_low == x_high:
        x_low, x_high = x_low - 1, x_high + 1
    y_ticks = nice_ticks(min(0.0, min(ys)), max(ys), 3 if compact else 5)
    y_low, y_high = y_ticks[0], y_ticks[-1]
    axis_width = max(fm.horizontalAdvance(number(t, 1)) for t in y_ticks) + 8
    plot = QRectF(rect.left() + axis_width, rect.top() + 4, rect.width() - axis_width, rect.height() - fm.height() - 10)

    def to_point(x: float, y: float) -> QPointF:
        px = plot.left() + (x - x_low) / (x_high - x_low) * plot.width()
        py = plot.bottom() - (y - y_low) / ((y_high - y_low) or 1) * plot.height()
        return QPointF(px, py)

    for tick in y_ticks:
        y = to_point(x_low, tick).y()
        painter.setPen(QPen(ink().grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(ink().axis)
        painter.drawText(
            QRectF(rect.left(), y - fm.height() / 2, axis_width - 6, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            number(tick, 1),
        )
    years = list(range(int(x_low), int(x_high) + 1))
    step = max(1, math.ceil(len(years) * (fm.horizontalAdvance("2024") + 10) / max(plot.width(), 1)))
    for year in years[::step]:
        x = to_point(year, y_low).x()
        painter.drawText(
            QRectF(x - 30, plot.bottom() + 4, 60, fm.height()), Qt.AlignmentFlag.AlignHCenter, integer(year)
        )
    painter.save()
    # the lines stay inside their axes, whatever the values (the dots may overlap the frame by their radius)
    painter.setClipRect(plot.adjusted(-4, -4, 4, 4))
    for s in series:
        color = QColor(s.color)
        points = [to_point(x, y) for x, y in s.points]
        painter.setPen(QPen(color, 2.2 if not compact else 1.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(ink().background)
        for (x, y), point in zip(s.points, points, strict=True):
            painter.drawEllipse(point, 3.2, 3.2)
            if hit is not None:
                tip = f"{s.label}\n{x}: {number(y, 2)} {unit}".strip()
                hit(QRectF(point.x() - 6, point.y() - 6, 12, 12), tip)
    painter.restore()
