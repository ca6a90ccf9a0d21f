"""Cards: a titled frame around a chart (with "Save as PNG"), and a figure tile."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 12)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.title_label = section_label(title)
        header.addWidget(self.title_label)
        header.addStretch(1)
        self.export_button = QToolButton(self)
        self.export_button.setIcon(icon("export"))
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
    """A big number with a caption: days left, counts."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.caption = muted_label(caption)
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 21pt; font-weight: 600; color: #1f2933;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = muted_label("")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "", color: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"font-size: 21pt; font-weight: 600; color: {color or '#1f2933'};")
        self.detail.setText(detail)
