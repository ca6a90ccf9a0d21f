"""Cards: a titled frame around a chart (with "Save as PNG"), and a figure tile."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.i18n import _
from crc_reporter.ui.icons import icon
from crc_reporter.ui.style import theme
from crc_reporter.ui.widgets.charts import Chart


def card_frame(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName("Card")
    return frame


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    lab.setObjectName("SectionTitle")
    return lab


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    lab.setObjectName("Muted")
    lab.setWordWrap(True)
    return lab


class ChartCard(QFrame):
    """A chart with its title, an optional caption and a button to save it as a PNG."""

    def __init__(self, title: str, chart: Chart, caption: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.chart = chart
        chart.title = title
        chart.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 12)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.title_label = section_label(title)
        self.title_label.setWordWrap(True)  # a long indicator name wraps instead of being cut
        header.addWidget(self.title_label, 1)
        self.export_button = QToolButton(self)
        self.export_button.setIcon(icon("export", theme().muted))  # (legible on either scheme)
        self.export_button.setIconSize(QSize(18, 18))
        self.export_button.setToolTip(_("Save this chart as a PNG picture"))
        self.export_button.setAccessibleName(_("Save as PNG"))
        self.export_button.clicked.connect(self.save_png)
        header.addWidget(self.export_button)
        layout.addLayout(header)
        self.caption = muted_label(caption)
        self.caption.setVisible(bool(caption))
        layout.addWidget(self.caption)
        layout.addWidget(chart, 1)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def default_file_name(self) -> str:
        slug = re.sub(r"[^\w]+", "-", self.chart.title.lower(), flags=re.UNICODE).strip("-")
        return f"{slug or 'chart'}.png"

    def save_png(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save chart as PNG"), self.default_file_name(), _("PNG pictures (*.png)")
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.chart.export_png(path)


class FigureTile(QFrame):
    """A big number with a caption: days left, counts. With a target it opens that list when clicked
    (or on Enter or Space when it has the focus), like a button."""

    activated = Signal(object)  # the target given to set_target

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        # as tall as its wrapped caption and detail need at its width (longer in French, Khmer)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.target: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.caption = muted_label(caption)
        self.value = QLabel("—")
        self.value.setObjectName("FigureValue")
        self.detail = muted_label("")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        self.setAccessibleName(caption)

    def set(self, value: str, detail: str = "", color: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {color};" if color else "")
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{value}. {detail}".strip(". "))
        self.updateGeometry()  # its height follows the new texts' wrapping

    def set_target(self, target: object, hint: str) -> None:
        """What a click opens, and the tooltip that says so."""
        self.target = target
        self.setToolTip(hint)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self.target is not None
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.activated.emit(self.target)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.target is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.target)
            return
        super().keyPressEvent(event)
