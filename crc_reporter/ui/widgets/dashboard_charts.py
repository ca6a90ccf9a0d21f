"""Dashboard pictures: the urgent recommendations' status pills, and indicator trends as small multiples."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import integer, number, short_status
from crc_reporter.ui.style import status_color, text_on
from crc_reporter.ui.widgets.charts import Chart, Target, ink
from crc_reporter.ui.widgets.line_chart import LineSeries, draw_lines


@dataclass(frozen=True)
class MatrixRow:
    label: str
    statuses: tuple[str | None, ...]
    target: Target | None = None  # what a click on the row opens


class StatusMatrix(Chart):
    ROW = 26

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.rows: list[MatrixRow] = []
        self.headers: tuple[str, ...] = ()

    def set_data(self, headers: Sequence[str], rows: Sequence[MatrixRow]) -> None:
        self.headers, self.rows = tuple(headers), list(rows)
        self.updateGeometry()
        self.update()

    def has_data(self) -> bool:
        return bool(self.rows)

    def sizeHint(self) -> QSize:
        return QSize(460, 34 + self.ROW * max(len(self.rows), 2))

    def paint_chart(self, painter: QPainter, rect: QRectF) -> None:
        rect = rect.adjusted(8, 4, -8, -4)
        fm = QFontMetricsF(painter.font())
        names = [short_status(s) for row in self.rows for s in row.statuses]
        pill_width = max((fm.horizontalAdvance(n) for n in names), default=80) + 20
        cols = len(self.headers)
        label_width = rect.width() - cols * (pill_width + 8)
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink().axis)
        for c, header in enumerate(self.headers):
            x = rect.left() + label_width + c * (pill_width + 8) + 8
            painter.drawText(QRectF(x, rect.top(), pill_width, 20), Qt.AlignmentFlag.AlignCenter, header)
        painter.setFont(self.font())
        pitch = min(float(self.ROW), (rect.height() - 24) / max(len(self.rows), 1))
        for i, row in enumerate(self.rows):
            y = rect.top() + 24 + i * pitch
            painter.setPen(ink().label)
            text = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(rect.left(), y, label_width - 8, pitch - 4), Qt.AlignmentFlag.AlignVCenter, text)
            self.hit(QRectF(rect.left(), y, label_width - 8, pitch - 4), row.label, row.target)
            for c, status in enumerate(row.statuses):
                x = rect.left() + label_width + c * (pill_width + 8) + 8
                pill = QRectF(x, y + 2, pill_width, pitch - 8)
                color = status_color(status)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                painter.setPen(text_on(color))
                painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, short_status(status))
                full = label(status or "not_assessed")
                self.hit(pill, f"{row.label}\n{self.headers[c] if c < cols else ''}: {full}", row.target)


@dataclass(frozen=True)
class Trend:
    title: str
    unit: str
    points: tuple[tuple[int, float], ...]
    target: Target | None = None  # what a click on the little chart opens


class TrendGrid(Chart):
    """Small multiples: one little line chart per indicator, with its latest value and change."""

    CELL_HEIGHT = 150

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.trends: list[Trend] = []
        self.columns = 2

    def set_trends(self, trends: Sequence[Trend]) -> None:
        self.trends = [t for t in trends if t.points]
        self.updateGeometry()
        self.update()

    def has_data(self) -> bool:
        return bool(self.trends)

    def sizeHint(self) -> QSize:
        rows = max(1, math.ceil(len(self.trends) / self.columns))
        return QSize(480, rows * self.CELL_HEIGHT)

    def paint_chart(self, painter: QPainter, rect: QRectF) -> None:
        cols = max(1, min(self.columns, int(rect.width() // 220)))
        rows = max(1, math.ceil(len(self.trends) / cols))
        width, height = rect.width() / cols, min(rect.height() / rows, float(self.CELL_HEIGHT))
        base = QFont(painter.font())
        bold = QFont(base)
        bold.setBold(True)
        for i, trend in enumerate(self.trends):
            cell = QRectF(rect.left() + (i % cols) * width, rect.top() + (i // cols) * height, width, height)
            cell = cell.adjusted(6, 4, -6, -6)
            fm = QFontMetricsF(bold)
            painter.setFont(bold)
            painter.setPen(ink().label)
            painter.drawText(
                QRectF(cell.left(), cell.top(), cell.width(), fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                fm.elidedText(trend.title, Qt.TextElideMode.ElideRight, cell.width()),
            )
            first, last = trend.points[0], trend.points[-1]
            change = ""
            if first[1] and len(trend.points) > 1:
                percent = (last[1] - first[1]) / abs(first[1]) * 100
                sign = "+" if percent >= 0 else "−"
                change = f"{sign}{number(abs(round(percent)))} % {integer(first[0])}–{integer(last[0])}"
            painter.setFont(base)
            painter.setPen(ink().axis)
            summary = f"{number(last[1], 1)} {trend.unit} ({integer(last[0])})   {change}".strip()
            painter.drawText(
                QRectF(cell.left(), cell.top() + fm.height() + 1, cell.width(), fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                QFontMetricsF(base).elidedText(summary, Qt.TextElideMode.ElideRight, cell.width()),
            )
            color = SERIES[i % len(SERIES)]
            plot = cell.adjusted(0, 2 * fm.height() + 4, 0, 0)
            draw_lines(
                painter,
                plot,
                [LineSeries(trend.title, color, trend.points)],
                compact=True,
                unit=trend.unit,
                hit=self.hit,
            )
            if trend.target is not None:  # after the points, whose tooltips come first
                self.hit(cell, trend.title, trend.target)
            painter.setFont(base)


SERIES = ("#2563c9", "#2f9e68", "#d64541", "#f0a030", "#8a78c0", "#1aa3a3")
