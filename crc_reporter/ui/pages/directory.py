"""The shape shared by the Actors, Documents and Indicators pages: a list, an editor, and what is linked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.records import MergeDialog
from crc_reporter.ui.models.base import FilteringProxyModel, RecordTableModel
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.pages.page_commands import DirectoryCommands
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import card_frame, muted_label, section_label
from crc_reporter.ui.widgets.inputs import SearchBox
from crc_reporter.ui.widgets.scrolling import ScrollBody
from crc_reporter.ui.widgets.splitters import remember
from crc_reporter.ui.widgets.tables import RecordTable


class DirectoryPage(Page):
    """A filterable table on the left, the selected record's editor on the right."""

    def __init__(self, ctx: AppContext, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = False
        self.shown: Any = None  # the record the editor shows; what Save, Delete and edits act on
        self._wanted: object = None  # a record another page asked for, selected once the rows are loaded
        layout = self.page_layout()
        header, _t, self.subtitle = self.header(self.title(), "")
        self.merge_button = QPushButton(_("Merge duplicates…"))
        self.new_button = QPushButton(_("New…"))
        self.new_button.setObjectName("Primary")
        header.addWidget(self.merge_button)
        header.addWidget(self.new_button)
        layout.addLayout(header)
        self.filter_row = QHBoxLayout()
        self.search = SearchBox(_("Filter…"), delay_ms=0)
        self.filter_row.addWidget(self.search, 1)
        layout.addLayout(self.filter_row)
        self.model = model
        self.filtering = FilteringProxyModel(self)  # the search box filters the rows through it
        self.table = RecordTable(model, proxy=self.filtering)
        self.table.setAccessibleName(self.title())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        editor = card_frame()
        editor_body = QWidget()  # scrolls on a short screen: the fields keep their height
        self.editor_layout = QVBoxLayout(editor_body)
        self.editor_layout.setContentsMargins(16, 12, 16, 12)
        self.editor_layout.setSpacing(8)
        self.editor_title = section_label("")
        self.editor_title.setWordWrap(True)
        self.editor_layout.addWidget(self.editor_title)
        self.empty = muted_label(_("Select a row to see and edit it."))
        self.editor_layout.addWidget(self.empty)
        frame_layout = QVBoxLayout(editor)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(ScrollBody(editor_body))
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 540])
        self.splitter = splitter
        splitter.setChildrenCollapsible(False)
        remember(splitter, ctx.settings, self.key)
        layout.addWidget(splitter, 1)
        self.save_button = QPushButton(_("Save changes"))
        self.save_button.setObjectName("Primary")
        self.revert_button = QPushButton(_("Revert"))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("Danger")
        self.search.search_changed.connect(self.filtering.setFilterFixedString)
        self.table.current_changed.connect(self._current_changed)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self.show_current())
        self.delete_button.clicked.connect(self.delete)
        self.new_button.clicked.connect(self.create_record)
        self.merge_button.clicked.connect(self.merge)
        ctx.access.guard(self.new_button, self.merge_button, self.save_button, self.revert_button, self.delete_button)
        self.commands = DirectoryCommands(self)

    def add_buttons(self, layout: QVBoxLayout | None = None) -> None:
        """Put Delete / Revert / Save below the subclass's fields (at the bottom of the editor by default)."""
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        (layout or self.editor_layout).addLayout(row)
        self.set_dirty(False)

    def set_dirty(self, dirty: bool = True) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _current_changed(self, record: object) -> None:
        if self._dirty:
            self.save()  # what was typed belongs to the record shown until now
        self.shown = record
        self.show_current()

    def select_after_reload(self, record_id: object) -> None:
        if record_id is None or not self.table.select_id(record_id, scroll=False):
            if self.model.rowCount():
                self.table.select_row(0)
            else:
                self.shown = None
                self.show_current()

    def show_record(self, **target: object) -> None:
        """Select the record named ``<page>_id`` (``indicator_id=3`` on the indicators page), now or once loaded."""
        record_id = target.get(f"{self.key.rstrip('s')}_id")
        if record_id is None:
            return
        self._wanted = record_id
        if self.table.select_id(record_id):
            self._wanted = None
        else:
            self.search.set_text_now("")  # the filter may hide it; otherwise it is selected once loaded

    def reload(self) -> None:
        """Read the rows in the background (:meth:`load_rows`), keeping the selected record selected."""
        generation, keep = self.next_generation(), self.table.current_id()

        def work(session: Session, _control: TaskControl) -> list[Any]:
            return self.load_rows(session)

        def done(rows: list[Any]) -> None:
            if self.is_current(generation):
                self.model.set_rows(rows)
                self.subtitle.setText(self.count_text(len(rows)))
                self.subtitle.setVisible(True)
                wanted, self._wanted = self._wanted, None
                self.select_after_reload(wanted if wanted is not None else keep)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def choose_duplicates(self, title: str, explanation: str, name: Callable[[Any], str]) -> MergeDialog | None:
        """Ask which record to keep and which duplicate to merge into it; None when there is nothing to merge."""
        rows = self.model.rows()
        if len(rows) < 2:
            return None
        ids = [self.model.record_id(row) for row in rows]
        choices = [(i, name(r)) for i, r in zip(ids, rows, strict=True)]
        dialog = MergeDialog(title, explanation, choices, self.table.current_id(), self)  # type: ignore[arg-type]
        return dialog if dialog.exec() else None

    # --- for subclasses -----------------------------------------------------------------------------
    def load_rows(self, session: Session) -> list[Any]:
        """The page's rows (called on a background thread)."""
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        """The subtitle: how many rows there are."""
        raise NotImplementedError

    def show_current(self) -> None:
        """Fill the editor from :attr:`shown`, the current row's record."""

    def save(self) -> None:
        """Write the editor's changes as one undoable edit."""

    def delete(self) -> None:
        pass

    def create_record(self) -> None:
        pass

    def merge(self) -> None:
        pass

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
