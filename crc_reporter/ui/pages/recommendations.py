"""The recommendations page: filters and search over every paragraph, and the detail of the selected one.

All rows are loaded once in the background; each keystroke then asks the
store only for the full-text matches (a few milliseconds even on 20,000
paragraphs) and narrows the loaded rows in memory before one model reset.

Typing never waits (issue 17): the query and the narrowing run on a worker,
from the loaded rows sorted once per sort order (no sort per keystroke); one
search runs at a time, and text typed meanwhile is searched for when it
answers (answers to text no longer in the box are dropped). The interface
thread only resets the model (the table formats the rows on screen only) and,
when the search moved the current row, shows a detail loaded on a worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QPushButton,
    QSplitter,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import Mechanism
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.services.recommendation_queries import RecommendationFilter
from crc_reporter.services.recommendation_rows import FilterChoices, filter_choices, filter_rows, recommendation_rows
from crc_reporter.services.search import search_recommendation_ids
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.base import PassThroughProxyModel, PreparedRows
from crc_reporter.ui.models.recommendations import RecommendationTableModel
from crc_reporter.ui.pages.action_panel import ActionPanel
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.pages.recommendation_commands import RecommendationCommands
from crc_reporter.ui.pages.recommendation_detail import DetailData, RecommendationDetail, load_detail
from crc_reporter.ui.pages.recommendation_filters import FilterControls
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.filters import refill
from crc_reporter.ui.widgets.inputs import SearchBox
from crc_reporter.ui.widgets.splitters import remember
from crc_reporter.ui.widgets.tables import RecordTable

#: after the search moved the current row, its detail loads once typing has paused this long
DETAIL_PAUSE_MS = 200


#: A paragraph with more linked actions than this has its detail read on a worker when clicked (issue 25).
DETAIL_ON_WORKER = 10


class RecommendationsPage(FilterControls, Page):
    key = "recommendations"
    TITLE = N_("Recommendations")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rows: list[RecommendationRow] = []
        self._loaded = False
        self._pending: int | None = None  # a paragraph to select once the rows are loaded
        self._matching: tuple[str, frozenset[int]] | None = None  # the last text query and the ids it found
        self._search_generation = 0  # answers to earlier queries are dropped
        self._searching = False  # one search at a time: keystrokes meanwhile only note what to search next
        self._search_next: str | None = None
        self._detail_generation = 0  # a detail loaded in the background for a row no longer current is dropped
        self._filtering = False
        self._shown_filter: RecommendationFilter | None = None  # the filter whose rows the table shows
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_PAUSE_MS)
        self._detail_timer.timeout.connect(lambda: self._load_detail(self.table.current_id()))  # type: ignore[arg-type]
        self._pending_filters: dict[str, object] | None = None  # filters to set once the rows are loaded
        layout = self.page_layout()
        header, _title, self.subtitle = self.header(self.title(), _("Loading…"))
        # searched at every keystroke: the search runs on a worker, one at a time, and the keys typed while it
        # runs are searched for together when it answers, so no pause is needed to spare the interface
        self.search = SearchBox(_("Search the text of every recommendation…"), delay_ms=0)
        self.search.setAccessibleName(_("Search recommendations"))
        self.search.setMinimumWidth(220)
        self.urgent = QCheckBox(_("Urgent only"))
        self.clear = QPushButton(_("Clear filters"))
        self.show_actions = QPushButton(_("Show actions to link"))
        self.show_actions.setCheckable(True)
        self.show_actions.setToolTip(_("Show the action list: drag an action onto a recommendation to link them"))
        header.insertWidget(1, self.search, 1)
        header.takeAt(2)  # the search box takes the room the stretch had
        header.addWidget(self.show_actions)
        layout.addLayout(header)

        self.filters = self.make_filters()
        layout.addWidget(self.filters)

        self.model = RecommendationTableModel(self)
        # filtered and sorted in the model: a pass-through proxy, which asks Python far less per cell painted
        self.table: RecordTable = RecordTable(self.model, proxy=PassThroughProxyModel(self))
        self.table.setAccessibleName(_("Recommendations"))
        self.table.setMinimumHeight(32 + 4 * 30 + 14)  # a heading and four paragraphs, whatever the splitter
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.table.setDragDropOverwriteMode(True)
        self.table.setDropIndicatorShown(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Shift/Ctrl-click, Ctrl+A
        self.action_panel = ActionPanel(ctx)
        self.action_panel.setVisible(False)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(self.action_panel)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([800, 300])
        self.detail: RecommendationDetail = RecommendationDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 300])
        self.splitter.setChildrenCollapsible(False)
        remember(top, ctx.settings, "recommendations-list")
        remember(self.splitter, ctx.settings, "recommendations")
        layout.addWidget(self.splitter, 1)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.urgent.toggled.connect(self.apply_filters)
        self.clear.clicked.connect(self.clear_filters)
        self.show_actions.toggled.connect(self.action_panel.setVisible)
        self.table.current_changed.connect(self._current_changed)
        self.detail.follow.connect(lambda rec_id: self.ctx.navigate(self.key, rec_id=rec_id))  # Back returns
        ctx.access.guard(self.show_actions)
        self.table.setAcceptDrops(ctx.access.allowed)
        self.commands = RecommendationCommands(self)
        self.model.actions_dropped.connect(self.commands.link_dropped_actions)

        events = ctx.events
        events.recommendations_changed.connect(self._records_changed)
        events.assessments_changed.connect(self._records_changed)
        events.actors_changed.connect(self.mark_stale)
        events.documents_changed.connect(self.mark_stale)
        events.store_reloaded.connect(self.mark_stale)

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        generation = self.next_generation()

        def work(session: Session, _control: TaskControl) -> tuple[list[RecommendationRow], FilterChoices]:
            return recommendation_rows(session), filter_choices(session)

        def done(result: tuple[list[RecommendationRow], FilterChoices]) -> None:
            if self.is_current(generation):
                self._set_all(*result)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _set_all(self, rows: list[RecommendationRow], choices: FilterChoices) -> None:
        self._rows = rows
        self._matching = None  # the texts may have changed: search again
        self._shown_filter = None
        self._loaded = True
        refill(self.document, _("All documents"), [(s, s) for s in choices.documents])
        refill(self.tag, _("All tags"), [(t, t) for t in choices.tags])
        refill(self.responsible, _("All responsible bodies"), [(r, r) for r in choices.responsible])
        refill(self.state, _("All recommending States"), [(s, s) for s in choices.recommending_states])
        present = set(choices.treaties)
        refill(self.treaty, _("All mechanisms"), [(m.value, m.value) for m in Mechanism if m.value in present])
        if self._pending_filters is not None:
            self.set_filters(self._pending_filters)
        self.apply_filters()
        if self._pending is not None:
            self.show_record(rec_id=self._pending)
        elif self.table.current_id() is None and self.model.rowCount():
            self.table.select_row(0)

    def _records_changed(self, ids: list[int]) -> None:
        if not ids or not self._loaded:
            self.mark_stale()
            return
        with self.ctx.store.session() as session:
            fresh = {r.id: r for r in recommendation_rows(session, ids)}
        changed = set(ids)
        self._matching = None  # an edited text may now match, or no longer match, the query
        self._shown_filter = None
        self._rows = [fresh.get(r.id, r) for r in self._rows if r.id in fresh or r.id not in changed]
        self.model.update_records(fresh.values())
        self.model.remove_ids(i for i in ids if i not in fresh)
        if self.table.current_id() in ids:
            self.detail.show_recommendation(self.table.current_id())  # type: ignore[arg-type]

    # --- filtering ------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        """Show the rows that pass the filters; a new text query is first run in the background.

        The full-text query runs on a worker with its own session, so typing never waits for it; the
        answer to a query no longer in the box (typing went on meanwhile) is dropped.
        """
        if not self._loaded:
            return
        flt = self.current_filter()
        self.filters.refold()  # "More filters (2)" counts the folded ones that are set
        if flt == self._shown_filter:
            return  # a space typed after a word, say: the same question, its rows are on screen
        self._search_generation += 1  # whatever a search running now answers is no longer the question
        if flt.query and (self._matching is None or self._matching[0] != flt.query):
            self._search(flt.query)
            return
        self._show_filtered(flt, self._matching[1] if flt.query and self._matching else None)

    def _search(self, query: str) -> None:
        """Search for ``query`` on a worker; while another search runs, only note it as the next one."""
        if self._searching:
            self._search_next = query
            return
        self._searching, self._search_next = True, None
        generation = self._search_generation
        rows, asked, model = self._rows, self.current_filter(), self.model  # the list is replaced, never changed
        sort = model.sort_state

        def work(session: Session, _control: TaskControl) -> tuple[frozenset[int], PreparedRows[RecommendationRow]]:
            found = frozenset(search_recommendation_ids(session, query))
            # narrowing the loaded rows and indexing them is done here too: the interface thread only shows them
            in_order = model.rows_in_order(rows, sort)
            return found, model.prepare_ordered(filter_rows(in_order, asked, found), sort)

        def done(result: tuple[frozenset[int], PreparedRows[RecommendationRow]]) -> None:
            if generation != self._search_generation or not self.is_current(self._generation):
                return  # a newer keystroke asked another question
            found, prepared = result
            self._matching = (query, found)
            flt = self.current_filter()
            if flt == asked and rows is self._rows:
                self._show_filtered(flt, found, prepared)

        def finished() -> None:
            self._searching = False
            wanted = self._search_next
            self._search_next = None
            flt = self.current_filter()
            if wanted is not None and self._loaded and flt.query and flt != self._shown_filter:
                self.apply_filters()  # the text typed while this search ran

        task = self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)
        task.done.connect(finished)

    def _show_filtered(
        self,
        flt: RecommendationFilter,
        matching: frozenset[int] | None,
        prepared: PreparedRows[RecommendationRow] | None = None,
    ) -> None:
        keep = self.table.current_id()
        if prepared is None:
            sort = self.model.sort_state
            in_order = self.model.rows_in_order(self._rows, sort)
            prepared = self.model.prepare_ordered(filter_rows(in_order, flt, matching), sort)
        visible = prepared.rows
        self._shown_filter = flt
        # the same rows as on screen (letters typed at the end of a word that narrow nothing): no reset, so no
        # repaint of the table, and the selection stays
        if not self.model.shows(prepared):
            self._filtering = True  # the detail is settled below, once the rows are shown
            try:
                self.model.set_prepared(prepared)
                if keep is not None and not self.table.select_id(keep, scroll=False) and self.model.rowCount():
                    self.table.select_row(0)
            finally:
                self._filtering = False
        current = self.table.current_id()
        if current != self.detail.rec_id():  # the rows shown moved the current row: its detail follows
            self._detail_generation += 1
            if current is None:
                self.detail.show_recommendation(None)
            else:  # loaded on a worker once typing pauses; meanwhile no paragraph is shown, so none is acted on
                self.detail.show_loading()
                self._detail_timer.start()
        self.detail.highlight(flt.query)
        shown, total = len(visible), len(self._rows)
        self.subtitle.setText(
            ngettext("{shown} of {total} paragraph", "{shown} of {total} paragraphs", total).format(
                shown=number(shown), total=number(total)
            )
        )

    # --- selection and navigation ---------------------------------------------------------------
    def _current_changed(self, record: object) -> None:
        self._detail_generation += 1  # a detail still loading is for a row no longer current
        if self._filtering:
            return  # _show_filtered settles the detail once the rows are shown
        self._detail_timer.stop()  # a click or a key chose the row: its detail now, not after a pause
        rec_id = record.id if isinstance(record, RecommendationRow) else None
        if rec_id is not None and rec_id == self.detail.rec_id():
            return  # the same paragraph selected again after the rows were filtered: its detail is shown already
        if isinstance(record, RecommendationRow) and record.action_count > DETAIL_ON_WORKER:
            self._load_detail(rec_id)  # its actions and history take long to read: the window must not freeze
        else:
            self.detail.show_recommendation(rec_id)  # a few milliseconds: at once, without a blank pane between

    def _load_detail(self, rec_id: int | None) -> None:
        """The detail of the row a search made current, loaded on a worker once typing paused.

        Until it arrives the pane shows no paragraph, so no command acts on the one shown before. (While a
        person types, a worker loading details would compete with the interface thread for Python's lock.)"""
        if rec_id is None:
            self.detail.show_recommendation(None)
            return
        self.detail.show_loading()
        generation = self._detail_generation

        def work(session: Session, _control: TaskControl) -> DetailData | None:
            return load_detail(session, rec_id)

        def done(data: DetailData | None) -> None:
            if generation == self._detail_generation and self.table.current_id() == rec_id:
                self.detail.show_data(data)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def show_record(self, **target: object) -> None:
        filters = target.get("filters")
        if isinstance(filters, dict):
            self.set_filters(filters)
            return
        rec_id = target.get("rec_id")
        document = target.get("document")
        if isinstance(document, str):
            self.set_document_filter(document)
            return
        if not isinstance(rec_id, int):
            return
        if not self._loaded:
            self._pending = rec_id
            self.detail.show_recommendation(rec_id)
            return
        self._pending = None
        if self.table.select_id(rec_id):
            return
        if any(r.id == rec_id for r in self._rows):
            self.clear_filters()
            self.table.select_id(rec_id)
        else:
            self.detail.show_recommendation(rec_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def step(self, delta: int) -> None:
        """Show the next (``delta`` 1) or previous (-1) paragraph of the list."""
        current = self.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        if 0 <= row < self.table.proxy.rowCount():
            self.table.select_row(row)

    def selected_ids(self) -> list[int]:
        return [r.id for r in self.table.selected_records() if isinstance(r, RecommendationRow)]

    def place(self) -> dict[str, object]:
        return {"rec_id": self.detail.rec_id()}
