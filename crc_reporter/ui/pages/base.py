"""What every page has: a title, the app context, and loading only when seen.

A page loads its data the first time it is shown; when an event says its data
changed, it reloads at once if visible, otherwise on its next showing. This
keeps start-up fast and spares work for pages nobody is looking at.
"""

from __future__ import annotations

import shiboken6
from PySide6 import QtCore
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crc_reporter.i18n import _
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.widgets.page_header import page_header


class Page(QWidget):
    key = ""
    TITLE = ""  # marked with N_ in each page, translated by title()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Page")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self._stale = True
        self._generation = 0  # ignores results of loads that a newer load superseded

    @classmethod
    def title(cls) -> str:
        return _(cls.TITLE)

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Load (or reload) what the page shows."""

    def mark_stale(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def is_current(self, generation: int) -> bool:
        """Whether a load's result still belongs on screen: no newer load, and the page still exists
        (changing the language rebuilds every page while their loads may still be running)."""
        return generation == self._generation and shiboken6.isValid(self)

    # --- navigation and shortcuts -----------------------------------------------------------
    def show_record(self, **target: object) -> None:
        """Select a record another page pointed to (``rec_id=…``, ``action_id=…``)."""

    def focus_search(self) -> None:
        """Put the cursor in the page's search box, if it has one (Ctrl+F)."""

    def place(self) -> dict[str, object]:
        """The record shown, as :meth:`show_record` takes it back (Back and Forward return to it)."""
        return {}

    # --- layout helpers -----------------------------------------------------------------------
    def page_layout(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(10)
        return layout

    def header(self, title: str, subtitle: str = "") -> tuple[QHBoxLayout, QLabel, QLabel]:
        return page_header(title, subtitle)
