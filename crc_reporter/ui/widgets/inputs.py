"""Inputs: a search box that waits for a pause in typing, and a date that may be empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QToolButton, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.icons import icon

SEARCH_DEBOUNCE_MS = 30


class SearchBox(QLineEdit):
    """Emits ``search_changed`` a few milliseconds after the last keystroke (and at once on Enter).

    ``delay_ms=0``: at every keystroke, for a list that searches in the background and coalesces the
    keystrokes typed while a search runs (the recommendations): a pause would only add to every answer.
    """

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None, delay_ms: int = SEARCH_DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBox")
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(QAction(icon("search", "#7b8794"), _("Search"), self), QLineEdit.ActionPosition.LeadingPosition)
        # the icons inside the box are buttons too: a screen reader names them
        for button in self.findChildren(QToolButton):
            action = button.defaultAction()
            button.setAccessibleName(action.text() if action is not None and action.text() else _("Clear the search"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._emit)
        self.delay_ms = delay_ms
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._emit)
        self._last: str | None = None

    def setPlaceholderText(self, text: str) -> None:
        """The hint is also the box's name for a screen reader (unless the page names it)."""
        if not self.accessibleName() or self.accessibleName() == self.placeholderText():
            self.setAccessibleName(text)
        super().setPlaceholderText(text)

    def _edited(self, _text: str) -> None:
        if self.delay_ms <= 0 and self._timer.interval() <= 0:
            self._emit()  # searched at once: no timer between the key and the search
        else:
            self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        text = self.text()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def set_text_now(self, text: str) -> None:
        self.setText(text)
        self._emit()

    def sizeHint(self) -> QSize:
        return QSize(320, super().sizeHint().height())


class OptionalDateEdit(QWidget):
    """A date, or no date: a check box in front of a calendar field that reads "no date" when unticked."""

    changed = Signal()
    _NONE = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.enabled = QCheckBox(self)
        self.enabled.setToolTip(_("Untick for no date"))
        self.enabled.setAccessibleName(_("Has a date"))
        self.edit = QDateEdit(self)
        self.edit.setAccessibleName(_("Date"))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(self._NONE)
        self.edit.setSpecialValueText(_("no date"))
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.enabled.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_date(None)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on and self.edit.date() == self._NONE:
            self.edit.setDate(QDate.currentDate())
        elif not on:
            self.edit.setDate(self._NONE)
        self.changed.emit()

    def set_date(self, day: dt.date | None) -> None:
        self.blockSignals(True)
        self.enabled.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.edit.setDate(QDate(day.year, day.month, day.day) if day is not None else self._NONE)
        self.blockSignals(False)

    def date(self) -> dt.date | None:
        q = self.edit.date()
        if not self.enabled.isChecked() or q == self._NONE:
            return None
        return dt.date(q.year(), q.month(), q.day())
