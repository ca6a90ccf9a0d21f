"""A strip across the top of the window that says something about the whole store (read-only, say)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from crc_reporter.ui.icons import icon

_STYLE = (
    "QFrame#Banner { background: #fff4d6; border: none; border-bottom: 1px solid #ecd48a; }"
    "QFrame#Banner QLabel { background: transparent; color: #5c4600; }"
)


class Banner(QFrame):
    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setStyleSheet(_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(10)
        self.glyph = QLabel()  # its icon is drawn when there is something to say (not at start-up)
        row.addWidget(self.glyph)
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.button = QPushButton()
        self.button.clicked.connect(self.action_clicked)
        row.addWidget(self.button)
        self.setVisible(False)

    def show_message(self, text: str, action: str = "") -> None:
        if self.glyph.pixmap().isNull():
            self.glyph.setPixmap(icon("lock", "#8a6d00").pixmap(QSize(18, 18)))
        self.text.setText(text)
        self.setAccessibleName(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.setVisible(True)
