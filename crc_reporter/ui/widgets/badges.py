"""Status badges and the urgent flag as pictures drawn once, which Qt's own item painting shows.

A table cell painted by a Python delegate costs a score of calls from Qt into Python per cell and
repaint; a picture handed over as the cell's decoration is drawn by Qt alone. The recommendations
table, repainted on every keystroke of a search, shows its badges this way; the pictures are drawn
at the screen's pixel density and kept (a few dozen at most: one per status, wording and font). The
table's icon size must leave them room (:data:`BADGE_ROOM`). A badge wider than its column (a column
narrowed by hand) is cut at the cell's edge rather than shortened with "…" as the delegate did.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QIcon, QPainter, QPixmap

from crc_reporter.ui.style import ACTION_STATUS_COLORS, DANGER, status_color, text_on

#: a badge's height and its room inside a 30-pixel row (the rows of every record table)
BADGE_HEIGHT = 22
BADGE_PADDING = 12  # the text's margin inside the pill, both sides together
URGENT_SIZE = 14

#: the room a table gives its cells' pictures (a table's icon size): a badge is never scaled down
BADGE_ROOM = (240, BADGE_HEIGHT)

_pictures: dict[tuple[object, ...], QIcon] = {}


def _pixel_ratio() -> float:
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


def _icon(pixmap: QPixmap) -> QIcon:
    """The picture as Qt paints it in any row: a selected row's pictures are not tinted with the selection."""
    icon = QIcon()
    icon.addPixmap(pixmap, QIcon.Mode.Normal)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _canvas(width: float, height: float) -> tuple[QPixmap, QPainter]:
    ratio = _pixel_ratio()
    pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return pixmap, painter


def status_badge(status: str, text: str, font: QFont) -> QIcon:
    """A rounded pill in the status's colour with ``text`` on it (as :class:`StatusDelegate` paints one)."""
    key = ("status", status, text, font.key(), _pixel_ratio())
    picture = _pictures.get(key)
    if picture is None:
        color = QColor(ACTION_STATUS_COLORS[status]) if status in ACTION_STATUS_COLORS else status_color(status)
        width = QFontMetricsF(font).horizontalAdvance(text) + BADGE_PADDING
        pixmap, painter = _canvas(width, BADGE_HEIGHT)
        pill = QRectF(0, 0, width, BADGE_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
        painter.setPen(text_on(color))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        picture = _pictures[key] = _icon(pixmap)
    return picture


def urgent_badge(font: QFont) -> QIcon:
    """The urgent flag: a small red disc with a white "!"."""
    key = ("urgent", font.key(), _pixel_ratio())
    picture = _pictures.get(key)
    if picture is None:
        pixmap, painter = _canvas(URGENT_SIZE, URGENT_SIZE)
        disc = QRectF(0, 0, URGENT_SIZE, URGENT_SIZE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(DANGER))
        painter.drawEllipse(disc)
        painter.setPen(QColor("white"))
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(max(bold.pointSizeF() - 1.5, 6))
        painter.setFont(bold)
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()
        picture = _pictures[key] = _icon(pixmap)
    return picture
