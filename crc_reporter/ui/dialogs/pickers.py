"""Choosing what to link: actions for a recommendation, or a recommendation (or part) for an action."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QLabel, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.records import ActionInfo, RecommendationInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import _
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.documents import list_documents
from crc_reporter.services.recommendation_queries import RecommendationFilter, get_recommendation_info
from crc_reporter.services.usage import find_recommendation_rows
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.formatting import paragraph_ref
from crc_reporter.ui.models.actions import ActionTableModel
from crc_reporter.ui.models.recommendations import RecommendationTableModel
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.inputs import SearchBox
from crc_reporter.ui.widgets.tables import RecordTable


def part_combo(info: RecommendationInfo | None, selected: int | None = None) -> QComboBox:
    combo = QComboBox()
    fill_parts(combo, info, selected)
    return combo


def fill_parts(combo: QComboBox, info: RecommendationInfo | None, selected: int | None = None) -> None:
    combo.clear()
    combo.addItem(_("Whole paragraph"), None)
    for part in info.parts if info else ():
        combo.addItem(f"({part.label}) {part.text[:80]}", part.id)
    combo.setCurrentIndex(max(combo.findData(selected), 0))


class ActionPicker(FormDialog):
    """Pick one or more existing actions to link to a paragraph or one of its parts."""

    def __init__(
        self, ctx: AppContext, info: RecommendationInfo, part_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Link actions"), parent, ok_text=_("Link"))
        self.ctx = ctx
        self.resize(820, 560)
        self.search = SearchBox(_("Search actions…"))
        self.model = ActionTableModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(self.windowTitle())
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column in (ActionTableModel.COL_START, ActionTableModel.COL_CONFIDENTIAL):
            self.table.hideColumn(column)
        self.parts = part_combo(info, part_id)
        self.form.addRow(_("Link to"), self.parts)
        self.layout_.insertWidget(1, self.search)
        self.layout_.insertWidget(2, self.table, 1)
        self.table.doubleClicked.connect(lambda _i: self._accept())
        self.search.search_changed.connect(lambda _t: self.reload())
        self._generation = 0
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.search.text().strip()

        def done(actions: list[ActionInfo]) -> None:
            if generation == self._generation:
                self.model.set_rows(actions)

        self.ctx.tasks.run(
            lambda session, _c: list_actions(session, ActionFilter(query=query)),
            store=self.ctx.store,
            on_success=done,
            show_progress=False,
        )

    def validate(self) -> str | None:
        return None if self.chosen() else _("Choose at least one action.")

    def chosen(self) -> list[int]:
        return [r.id for r in self.table.selected_records() if isinstance(r, ActionInfo)]

    def part_id(self) -> int | None:
        return self.parts.currentData()


class RecommendationPicker(FormDialog):
    """Pick a paragraph (and optionally one of its parts) by document and words typed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Link to a recommendation"), parent, ok_text=_("Link"))
        self.ctx = ctx
        self.resize(900, 600)
        self.document = QComboBox()
        self.document.addItem(_("All documents"), None)
        with ctx.store.session() as session:
            for doc in list_documents(session):
                if doc.paragraphs:
                    self.document.addItem(doc.symbol, doc.symbol)
        self.search = SearchBox(_("Search the text of the recommendations…"))
        self.model = RecommendationTableModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(self.windowTitle())
        for column in (
            RecommendationTableModel.COL_RESPONSIBLE,
            RecommendationTableModel.COL_CIVIL_SOCIETY,
            RecommendationTableModel.COL_URGENT,
        ):
            self.table.hideColumn(column)
        self.parts = part_combo(None)
        self.target = QLabel()  # names the paragraph that Link will link to, so it never links another
        self.target.setObjectName("PickerTarget")
        self.target.setWordWrap(True)
        self.form.addRow(_("Document"), self.document)
        self.form.addRow(_("Link to"), self.parts)
        self.form.addRow(_("Chosen"), self.target)
        self.layout_.insertWidget(1, self.search)
        self.layout_.insertWidget(2, self.table, 1)
        self._info: RecommendationInfo | None = None
        self.document.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.search_changed.connect(lambda _t: self.reload())
        self.table.current_changed.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self._accept())
        self._generation = 0
        self._row_changed(None)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        flt = RecommendationFilter(document=self.document.currentData(), query=self.search.text().strip())

        def work(session: Session, _control: TaskControl) -> list[RecommendationRow]:
            return find_recommendation_rows(session, flt)

        def done(rows: list[RecommendationRow]) -> None:
            if generation == self._generation:
                chosen = self._info.id if self._info else None
                self.model.set_rows(rows)  # a reset: no row is current any more
                if chosen is None or not self.table.select_id(chosen, scroll=False):
                    self._row_changed(None)  # a paragraph no longer listed cannot stay chosen

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _row_changed(self, record: object) -> None:
        self._info = None
        if isinstance(record, RecommendationRow):
            with self.ctx.store.session() as session:
                self._info = get_recommendation_info(session, record.id)
        fill_parts(self.parts, self._info)
        info = self._info
        self.target.setText(paragraph_ref(info.document, info.number) if info else _("No paragraph chosen yet."))
        self.show_error("")

    def validate(self) -> str | None:
        return None if self._info is not None else _("Choose a recommendation.")

    def choice(self) -> tuple[int, int | None, str] | None:
        if self._info is None or self.result() != QDialog.DialogCode.Accepted:
            return None
        part = self.parts.currentData()
        label = next((p.label for p in self._info.parts if p.id == part), None)
        text = paragraph_ref(self._info.document, self._info.number, label)
        return self._info.id, part, text
