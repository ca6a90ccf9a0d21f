"""A dialog with a form, OK/Cancel buttons and an inline error line (instead of a message box).

The form scrolls when the screen is short (a laptop at 125 %); the error line and
the buttons stay below it, always visible.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.widgets.scrolling import ScrollBody, fit_to_screen


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)  # what the dialog asks: scrolls when the screen is short
        self.layout_.setContentsMargins(18, 16, 18, 8)
        self.layout_.setSpacing(10)
        self.body = ScrollBody(body)
        outer.addWidget(self.body, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(18, 4, 18, 14)
        footer.setSpacing(10)
        outer.addLayout(footer)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(8)
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        footer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("Primary")
        ok.setText(ok_text or _("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        footer.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self, grow_to_hint=True)

    def validate(self) -> str | None:
        """A one-line message when the form cannot be accepted as it is."""
        return None

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _accept(self) -> None:
        message = self.validate()
        if message:
            self.show_error(message)
            return
        self.accept()
