"""What needs attention today: the list at the top of the dashboard, shown when a store opens.

Each entry opens the list behind it (double-click, Enter or Open); an entry can be
dismissed for a day, a week or a month, remembered per store and user.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.attention import AttentionEntry
from crc_reporter.i18n import _, ngettext
from crc_reporter.services.attention import attention_entries
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.attention import AttentionModel
from crc_reporter.ui.models.base import RECORD_ROLE
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.tables import RecordTable

#: how long a dismissal lasts, in days
DISMISS_CHOICES = (1, 7, 30)
VISIBLE_ROWS = 5


class AttentionPanel(QFrame):
    loaded = Signal(int)  # how many entries are shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("Card")
        self.today: dt.date | None = None  # None: the real today (tests fix the day)
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.title = section_label(_("What needs attention today"))
        header.addWidget(self.title, 1)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the list behind the selected entry"))
        self.dismiss_for = QComboBox()
        self.dismiss_for.setAccessibleName(_("Dismiss for"))
        for days in DISMISS_CHOICES:
            self.dismiss_for.addItem(ngettext("for {n} day", "for {n} days", days).format(n=number(days)), days)
        self.dismiss_for.setCurrentIndex(1)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setToolTip(_("Hide the selected entry for a while; it comes back if it still applies"))
        for widget in (self.open_button, self.dismiss_button, self.dismiss_for):
            header.addWidget(widget)
        layout.addLayout(header)
        self.model = AttentionModel(self)
        self.table = RecordTable(self.model, sortable=False)
        self.table.setAccessibleName(_("What needs attention today"))
        self.table.horizontalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.empty = muted_label(_("Nothing needs attention today."))
        layout.addWidget(self.empty)
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.table.current_changed.connect(lambda _r: self._update_buttons())
        self._show([])

    # --- loading -------------------------------------------------------------------------------
    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def _dismissed(self) -> dict[str, dt.date]:
        store = self.ctx.store
        return self.ctx.settings.attention_dismissals(store.display_name(), store.user or "")

    def reload(self) -> None:
        self._generation += 1
        generation, day, dismissed = self._generation, self.day(), self._dismissed()

        def work(session: Session, _control: TaskControl) -> list[AttentionEntry]:
            return attention_entries(session, day, dismissed)

        def done(entries: list[AttentionEntry]) -> None:
            if generation == self._generation:
                self._show(entries)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _show(self, entries: list[AttentionEntry]) -> None:
        self.model.set_rows(entries)
        rows = len(entries)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        height = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(min(max(rows, 1), VISIBLE_ROWS) * height + 2 * self.table.frameWidth() + 2)
        self.title.setText(
            ngettext("What needs attention today ({n})", "What needs attention today ({n})", rows).format(
                n=number(rows)
            )
            if rows
            else _("What needs attention today")
        )
        self._update_buttons()
        self.loaded.emit(rows)

    def _update_buttons(self) -> None:
        chosen = self.table.current_record() is not None
        self.open_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    # --- acting on an entry ----------------------------------------------------------------------
    def current_entry(self) -> AttentionEntry | None:
        record = self.table.current_record()
        return record if isinstance(record, AttentionEntry) else None

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        if isinstance(record, AttentionEntry):
            self.open_entry(record)

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.open_entry(entry)

    def open_entry(self, entry: AttentionEntry) -> None:
        self.ctx.navigate(entry.page, **entry.target)

    def dismiss_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        days = int(self.dismiss_for.currentData() or 7)
        store = self.ctx.store
        self.ctx.settings.dismiss_attention(
            store.display_name(), store.user or "", entry.key, self.day() + dt.timedelta(days=days)
        )
        self.reload()
