"""What a coalition enters for its alternative report: questions for the list of issues, proposed recommendations.

One panel, two lists, for one paragraph (the "Alternative report" tab of a
recommendation) or for a whole cluster (the dialog opened from the Reports
page). Select an entry to change or delete it; type in the box below a list
and press "Add" for a new one. Every change is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.report_records import CoalitionEntry
from crc_reporter.i18n import _
from crc_reporter.services import coalition_inputs as svc
from crc_reporter.services.errors import NotFoundError
from crc_reporter.ui.commands.coalition import AddCoalitionEntry, DeleteCoalitionEntry, EditCoalitionEntry
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import integer
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.keyboard import notes_keys

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 20


class EntryList(QWidget):
    """One kind of entry: the numbered list, a box to type in, Add / Save changes / Delete."""

    def __init__(self, panel: CoalitionPanel, kind: str, title: str, hint: str) -> None:
        super().__init__()
        self.panel, self.kind = panel, kind
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(section_label(title))
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setMinimumHeight(56)
        layout.addWidget(self.view, 1)
        self.editor = QPlainTextEdit()
        notes_keys(self.editor)
        self.editor.setAccessibleName(hint)
        self.editor.setPlaceholderText(hint)
        self.editor.setFixedHeight(52)
        layout.addWidget(self.editor)
        buttons = QHBoxLayout()
        self.add = QPushButton(_("Add"))
        self.save = QPushButton(_("Save changes"))
        self.delete = QPushButton(_("Delete"))
        for button in (self.add, self.save, self.delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        panel.ctx.access.guard(self.add, self.save, self.delete)
        self.view.selectionModel().currentChanged.connect(self._selected)
        self.editor.textChanged.connect(self._update_buttons)
        self.add.clicked.connect(self._add)
        self.save.clicked.connect(self._save)
        self.delete.clicked.connect(self._delete)
        self._update_buttons()

    def set_entries(self, entries: list[CoalitionEntry]) -> None:
        keep = self.current()
        self.model.clear()
        for number, entry in enumerate(entries, 1):
            where = ""
            if self.panel.rec_id is None and entry.paragraph is not None:
                where = " " + _("(paragraph {number})").format(number=integer(entry.paragraph))
            item = QStandardItem(f"{integer(number)}. {entry.text}{where}")
            item.setToolTip(entry.text)
            item.setData(entry, ENTRY_ROLE)
            self.model.appendRow(item)
        row = next((r for r, e in enumerate(entries) if keep and e.uuid == keep.uuid), -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.editor.clear()
        self._update_buttons()

    def current(self) -> CoalitionEntry | None:
        index = self.view.currentIndex()
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        return entry if isinstance(entry, CoalitionEntry) else None

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(ENTRY_ROLE) if current.isValid() else None
        self.editor.setPlainText(entry.text if isinstance(entry, CoalitionEntry) else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        text = self.editor.toPlainText().strip()
        entry = self.current()
        writable = self.panel.ctx.access.allowed and self.panel.has_target()
        self.add.setEnabled(writable and bool(text) and (entry is None or text != entry.text))
        self.save.setEnabled(writable and entry is not None and bool(text) and text != entry.text)
        self.delete.setEnabled(writable and entry is not None)

    def _add(self) -> None:
        text = self.editor.toPlainText().strip()
        if text and self.panel.ctx.edit(self.panel.add_command(self.kind, text)):
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            self.editor.clear()

    def _save(self) -> None:
        entry, text = self.current(), self.editor.toPlainText().strip()
        if entry is not None and text:
            self.panel.ctx.edit(EditCoalitionEntry(entry.id, entry.kind, text))

    def _delete(self) -> None:
        entry = self.current()
        if entry is not None:
            self.panel.ctx.edit(DeleteCoalitionEntry(entry.id, entry.kind))


class CoalitionPanel(QWidget):
    """The two lists of one paragraph (``show_recommendation``) or of one cluster (``show_cluster``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, compact: bool = False) -> None:
        """``compact``: short lists, so the box to type in and the buttons show in the detail pane of a laptop."""
        super().__init__(parent)
        self.ctx = ctx
        self.rec_id: int | None = None
        self.document_id: int | None = None
        self.cluster: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        self.questions = EntryList(
            self,
            "question",
            _("Questions for the list of issues"),
            _("Type a question the Committee could ask the Government, then press Add."),
        )
        self.recommendations = EntryList(
            self,
            "recommendation",
            _("Proposed recommendations"),
            _("Type a recommendation the coalition proposes, then press Add."),
        )
        if compact:
            for entries in (self.questions, self.recommendations):
                entries.view.setMaximumHeight(64)
        lists = QHBoxLayout()  # side by side: the detail pane is wide and short on a laptop
        lists.setSpacing(14)
        lists.addWidget(self.questions, 1)
        lists.addWidget(self.recommendations, 1)
        layout.addLayout(lists, 1)
        layout.addWidget(muted_label(_("The alternative report prints them per cluster, numbered.")))
        ctx.events.coalition_changed.connect(self.reload)
        ctx.events.store_reloaded.connect(self.reload)

    def has_target(self) -> bool:
        return self.rec_id is not None or (self.document_id is not None and bool(self.cluster))

    def show_recommendation(self, rec_id: int | None, entries: list[CoalitionEntry] | None = None) -> None:
        """``entries``: loaded beforehand with the rest of the paragraph's detail (no query here then)."""
        self.rec_id, self.document_id, self.cluster = rec_id, None, None
        if entries is None:
            self.reload()
        else:
            self._show(entries)

    def show_cluster(self, document_id: int | None, cluster: str | None) -> None:
        self.rec_id, self.document_id, self.cluster = None, document_id, cluster
        self.reload()

    def add_command(self, kind: str, text: str) -> AddCoalitionEntry:
        if self.rec_id is not None:
            return AddCoalitionEntry(kind, text, rec_id=self.rec_id)
        return AddCoalitionEntry(kind, text, document_id=self.document_id, cluster=self.cluster)

    def entries(self) -> list[CoalitionEntry]:
        if not self.has_target():
            return []
        try:
            with self.ctx.store.session() as session:
                if self.rec_id is not None:
                    return svc.entries_for_recommendation(session, self.rec_id)
                assert self.document_id is not None and self.cluster is not None
                return svc.entries_for_cluster(session, self.document_id, self.cluster)
        except NotFoundError:  # the paragraph was deleted (an import replaced it): nothing to show
            return []

    def reload(self) -> None:
        self._show(self.entries())

    def _show(self, entries: list[CoalitionEntry]) -> None:
        self.questions.set_entries([e for e in entries if e.kind == "question"])
        self.recommendations.set_entries([e for e in entries if e.kind == "recommendation"])
