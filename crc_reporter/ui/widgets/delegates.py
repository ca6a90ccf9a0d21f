"""Cell painters: status badges (no per-row widgets). The recommendations table hands its badges over as
pictures instead (``widgets.badges``), which Qt paints without calling into Python."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crc_reporter.ui.models.base import STATUS_ROLE
from crc_reporter.ui.style import ACTION_STATUS_COLORS, status_color, text_on


class StatusDelegate(QStyledItemDelegate):
    """Paints the cell's status (``STATUS_ROLE``) as a rounded badge with its label."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        status = index.data(STATUS_ROLE)
        if not status:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        color = QColor(ACTION_STATUS_COLORS[status]) if status in ACTION_STATUS_COLORS else status_color(status)
        fm = QFontMetricsF(option.font)
        rect = QRectF(option.rect).adjusted(5, 4, -4, -4)
        width = min(rect.width(), fm.horizontalAdvance(text) + 16)
        pill = QRectF(rect.left(), rect.top(), width, rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(text_on(color))
        painter.drawText(
            pill, Qt.AlignmentFlag.AlignCenter, fm.elidedText(text, Qt.TextElideMode.ElideRight, pill.width() - 8)
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, max(size.height(), 26))
