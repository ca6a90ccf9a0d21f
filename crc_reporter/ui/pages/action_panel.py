"""A compact, searchable list of actions to drag onto recommendations (or their parts)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout, QWidget

from crc_reporter.domain.records import ActionInfo
from crc_reporter.i18n import _
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.models.actions import ActionTableModel
from crc_reporter.ui.widgets.cards import section_label
from crc_reporter.ui.widgets.inputs import SearchBox
from crc_reporter.ui.widgets.tables import RecordTable


class ActionPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(section_label(_("Actions")))
        hint = QLabel(_("Drag an action onto a recommendation, or onto a part in the Actions tab below."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.search = SearchBox(_("Search actions…"))
        layout.addWidget(self.search)
        self.model = ActionTableModel(self)
        self.table = RecordTable(self.model)
        for column in range(len(self.model.columns)):
            if column not in (ActionTableModel.COL_TITLE, ActionTableModel.COL_ACTOR):
                self.table.hideColumn(column)
        self.table.horizontalHeader().resizeSection(ActionTableModel.COL_ACTOR, 120)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAccessibleName(_("Actions to link"))
        layout.addWidget(self.table, 1)
        self.search.search_changed.connect(lambda _t: self.reload())
        ctx.events.actions_changed.connect(self._changed)
        ctx.events.store_reloaded.connect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def _changed(self, *_args: object) -> None:
        if self._loaded:
            self.reload()

    def reload(self) -> None:
        self._loaded = True
        self._generation += 1
        generation, query = self._generation, self.search.text().strip()

        def done(actions: list[ActionInfo]) -> None:
            if generation == self._generation:
                self.model.set_rows(actions)

        self.ctx.tasks.run(
            lambda session, _control: list_actions(session, ActionFilter(query=query)),
            store=self.ctx.store,
            on_success=done,
            show_progress=False,
        )
