"""Charts drawn with QPainter (PySide6-Essentials has no QtCharts).

Every chart paints through :meth:`Chart.paint_chart`, so the same drawing
appears on screen and in a PNG exported at twice the resolution for reports.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QImageWriter,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from crc_reporter.ui.formatting import number
from crc_reporter.ui.style import LIGHT, palette


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * share_of_b),
        round(a.green() + (b.green() - a.green()) * share_of_b),
        round(a.blue() + (b.blue() - a.blue()) * share_of_b),
    )


@dataclass(frozen=True)
class Ink:
    """The colours a chart draws its texts, grid and empty bars with, taken from a palette's roles
    (so a chart reads on the light and the dark scheme alike)."""

    label: QColor
    axis: QColor
    grid: QColor
    empty: QColor
    background: QColor

    @classmethod
    def of(cls, pal: QPalette) -> Ink:
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        return cls(
            label=text,
            axis=_mix(text, base, 0.3),
            grid=_mix(text, base, 0.88),
            empty=_mix(text, base, 0.9),
            background=base,
        )


_ink = Ink.of(palette(LIGHT))


def ink() -> Ink:
    """The colours of the chart being painted now."""
    return _ink


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks: list[float] = []
    value = start
    while not ticks or ticks[-1] < high - step * 1e-9:  # up to the first tick at or above the highest value
        ticks.append(round(value, 10))
        value += step
    return ticks


#: What a click on part of a chart opens: a page key and what to show there (``navigate``'s arguments).
Target = tuple[str, dict[str, object]]


class Chart(QWidget):
    """A widget that paints one chart and can save it as a PNG.

    A part drawn with a target (a bar's segment, a row) opens it when clicked:
    :attr:`activated` carries the target, and the pointer becomes a hand over it."""

    activated = Signal(object)  # a Target

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = ""
        self._hits: list[tuple[QRectF, str, Target | None]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    # subclasses draw here, in widget coordinates
    def paint_chart(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError

    def has_data(self) -> bool:
        return True

    def hit(self, rect: QRectF, tooltip: str, target: Target | None = None) -> None:
        self._hits.append((rect, tooltip, target))

    def target_at(self, pos: QPointF) -> Target | None:
        return next((target for rect, _tip, target in self._hits if target and rect.contains(pos)), None)

    def targets(self) -> list[tuple[QRectF, str, Target]]:
        """Every part that opens something, with its place and description (tests, keyboard)."""
        return [(rect, tip, target) for rect, tip, target in self._hits if target is not None]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.target_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        target = self.target_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if target is not None:
            self.activated.emit(target)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the first part with a target (the whole chart's list for a keyboard user)."""
        found = self.targets()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and found:
            self.activated.emit(found[0][2])
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint(painter, QRectF(self.rect()))
        painter.end()

    def _paint(self, painter: QPainter, rect: QRectF, colours: Ink | None = None) -> None:
        global _ink
        _ink = colours or Ink.of(self.palette())
        self._hits = []
        painter.setFont(self.font())
        if not self.has_data():
            painter.setPen(ink().axis)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        self.paint_chart(painter, rect)

    def render_image(self, scale: float = 2.0, size: QSize | None = None) -> QImage:
        size = size or (self.size() if self.width() > 50 else self.sizeHint())
        image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        # a picture for a report is printed on white, whatever the window's scheme
        self._paint(painter, QRectF(0, 0, size.width(), size.height()), Ink.of(palette(LIGHT)))
        painter.end()
        return image

    def export_png(self, path: str | Path) -> bool:
        # (QImage.save(path, b"PNG") is refused by PySide6 6.11; a writer names the format unambiguously)
        return bool(QImageWriter(str(path), QByteArray(b"PNG")).write(self.render_image()))

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            pos = QPointF(event.pos())
            text = next((tip for rect, tip, _target in self._hits if rect.contains(pos)), "")
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def draw_legend(painter: QPainter, rect: QRectF, items: Sequence[tuple[str, QColor]]) -> float:
    """Draw a wrapping legend at the top of ``rect``; returns the height used."""
    fm = QFontMetricsF(painter.font())
    x, y, line = rect.left(), rect.top(), fm.height() + 6
    for text, color in items:
        width = 14 + fm.horizontalAdvance(text) + 16
        if x + width > rect.right() and x > rect.left():
            x, y = rect.left(), y + line
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x, y + (line - 10) / 2 - 2, 10, 10), 2, 2)
        painter.setPen(ink().axis)
        painter.drawText(QRectF(x + 14, y, width, line - 4), Qt.AlignmentFlag.AlignVCenter, text)
        x += width
    return y + line - rect.top() + 4


@dataclass(frozen=True)
class Segment:
    key: str
    value: float


@dataclass(frozen=True)
class BarRow:
    """One line of a bar chart: a label and one stacked bar per column."""

    label: str
    bars: tuple[tuple[Segment, ...], ...]
    #: what the row stands for (a cluster, an actor, an action's id), for :attr:`StackedBarChart.target`
    key: object = None

    def total(self, column: int = 0) -> float:
        return sum(s.value for s in self.bars[column])


class StackedBarChart(Chart):
    """Horizontal bars split by category, as shares of 100 % (``percent``) or as counts.

    With several ``columns`` each row gets one bar per column, side by side
    (the government's view next to civil society's, say).
    """

    def __init__(self, title: str = "", *, percent: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.percent = percent
        self.rows: list[BarRow] = []
        self.columns: tuple[str, ...] = ("",)
        self.colors: dict[str, QColor] = {}
        self.labels: dict[str, str] = {}
        self.value_format = number
        self.show_legend = True
        self.bar_height = 16
        self.label_share = 0.34  # at most this share of the width goes to the row labels
        #: what clicking a segment opens: (row, column, segment's key) -> a Target, or None
        self.target: Callable[[BarRow, int, str], Target | None] = lambda _row, _column, _key: None

    def set_data(
        self,
        rows: Sequence[BarRow],
        colors: dict[str, str],
        labels: dict[str, str],
        columns: Sequence[str] = ("",),
    ) -> None:
        self.rows, self.columns = list(rows), tuple(columns)
        self.colors = {k: QColor(v) for k, v in colors.items()}
        self.labels = labels
        self.updateGeometry()
        self.update()

    def has_data(self) -> bool:
        return any(r.total(c) for r in self.rows for c in range(len(r.bars)))

    def sizeHint(self) -> QSize:
        header = 22 if any(self.columns) else 0
        return QSize(420, 16 + header + len(self.rows) * (self.bar_height + 11) + (34 if self.show_legend else 0))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, min(self.sizeHint().height(), 120))

    def paint_chart(self, painter: QPainter, rect: QRectF) -> None:
        rect = rect.adjusted(8, 6, -10, -6)
        if self.show_legend:
            used = [k for k in self.colors if any(s.key == k and s.value for r in self.rows for b in r.bars for s in b)]
            rect.setTop(
                rect.top() + draw_legend(painter, rect, [(self.labels.get(k, k), self.colors[k]) for k in used])
            )
        fm = QFontMetricsF(painter.font())
        n_cols = len(self.columns)
        widest = max((r.total(c) for r in self.rows for c in range(n_cols)), default=1) or 1
        label_width = min(
            max((fm.horizontalAdvance(r.label) for r in self.rows), default=0) + 12, rect.width() * self.label_share
        )
        value_width = fm.horizontalAdvance("100 %" if self.percent else self.value_format(widest)) + 12
        column_width = (rect.width() - label_width) / n_cols
        bar_width = max(column_width - value_width - 8, 30)
        if any(self.columns):
            painter.setPen(ink().axis)
            bold = QFont(painter.font())
            bold.setBold(True)
            painter.save()
            painter.setFont(bold)
            for c, title in enumerate(self.columns):
                x = rect.left() + label_width + c * column_width
                painter.drawText(QRectF(x, rect.top(), bar_width, 22), Qt.AlignmentFlag.AlignLeft, title)
            painter.restore()
            rect.setTop(rect.top() + 24)
        pitch = min(self.bar_height + 11, rect.height() / max(len(self.rows), 1))
        height = min(self.bar_height, pitch - 4)
        for i, row in enumerate(self.rows):
            y = rect.top() + i * pitch + (pitch - height) / 2
            painter.setPen(ink().label)
            text = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width - 10)
            painter.drawText(
                QRectF(rect.left(), y - 4, label_width - 10, height + 8), Qt.AlignmentFlag.AlignVCenter, text
            )
            for c, segments in enumerate(row.bars):
                left = rect.left() + label_width + c * column_width
                self._bar(painter, row, c, segments, QRectF(left, y, bar_width, height), widest, value_width)

    def _bar(
        self,
        painter: QPainter,
        row: BarRow,
        column: int,
        segments: tuple[Segment, ...],
        area: QRectF,
        widest: float,
        value_width: float,
    ) -> None:
        total = sum(s.value for s in segments)
        full = area.width() if self.percent else area.width() * total / widest
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink().empty)
        painter.drawRoundedRect(area, 3, 3)
        path = QPainterPath()
        path.addRoundedRect(QRectF(area.left(), area.top(), max(full, 1), area.height()), 3, 3)
        painter.save()
        painter.setClipPath(path)
        x = area.left()
        prefix = f"{row.label} — {self.columns[column]}" if self.columns[column] else row.label
        for seg in segments:
            if not seg.value or not total:
                continue
            width = full * seg.value / total
            painter.setBrush(self.colors.get(seg.key, QColor("#999999")))
            seg_rect = QRectF(x, area.top(), width, area.height())
            painter.drawRect(seg_rect)
            share = seg.value / total * 100
            name = self.labels.get(seg.key, seg.key)
            self.hit(
                seg_rect,
                f"{prefix}\n{name}: {self.value_format(seg.value)} ({number(round(share))} %)",
                self.target(row, column, seg.key),
            )
            x += width
        painter.restore()
        if not self.percent or total == 0:
            painter.setPen(ink().axis)
            painter.drawText(
                QRectF(area.left() + full + 6, area.top() - 4, value_width + 30, area.height() + 8),
                Qt.AlignmentFlag.AlignVCenter,
                self.value_format(total) if total else "—",
            )
