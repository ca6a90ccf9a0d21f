"""Indicators: values year by year with a line chart, their definition, what they are linked to."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.records import ActionInfo, IndicatorInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.services.actions import action_info
from crc_reporter.services.indicators import list_indicators
from crc_reporter.services.recommendation_rows import recommendation_rows
from crc_reporter.ui.commands.indicators import (
    CreateIndicator,
    DeleteIndicator,
    EditIndicator,
    LinkIndicator,
    MergeIndicators,
    SetIndicatorValue,
    SetIndicatorValues,
)
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.pickers import RecommendationPicker
from crc_reporter.ui.dialogs.records import NewIndicatorDialog, YearDialog
from crc_reporter.ui.errors import show_error
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.actions import ActionTableModel
from crc_reporter.ui.models.directory import IndicatorTableModel
from crc_reporter.ui.models.indicator_values import IndicatorValuesModel, series_label
from crc_reporter.ui.models.recommendations import RecommendationTableModel
from crc_reporter.ui.pages.directory import DirectoryPage
from crc_reporter.ui.style import SERIES_COLORS, theme
from crc_reporter.ui.widgets.cards import ChartCard, muted_label
from crc_reporter.ui.widgets.grid import NumberGrid
from crc_reporter.ui.widgets.keyboard import notes_keys
from crc_reporter.ui.widgets.line_chart import LineChart, LineSeries
from crc_reporter.ui.widgets.tables import RecordTable


class IndicatorsPage(DirectoryPage):
    key = "indicators"
    TITLE = N_("Indicators")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, IndicatorTableModel(), parent)
        self._grid_of: int | None = None  # the indicator whose values the grid shows
        self.new_button.setText(_("New indicator…"))
        self.search.setPlaceholderText(_("Filter indicators…"))
        self.table.setAccessibleName(_("Indicators"))
        if ctx.settings.splitter_state(self.key) is None:
            self.splitter.setSizes([430, 670])  # the values and their chart need the room
        self.tabs = QTabWidget()
        self.editor_layout.addWidget(self.tabs, 1)

        values = QWidget()
        values_layout = QHBoxLayout(values)
        values_layout.setContentsMargins(8, 8, 8, 8)
        grid_column = QVBoxLayout()
        self.values_model = IndicatorValuesModel(self)
        self.values = NumberGrid()
        self.values.setModel(self.values_model)
        self.values.verticalHeader().setVisible(False)
        self.values.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.values.setAccessibleName(_("Values by year"))
        self.values.setMinimumWidth(240)
        grid_column.addWidget(self.values, 1)
        self.add_year = QPushButton(_("Add a year…"))
        grid_column.addWidget(self.add_year)
        self.values_hint = _(
            "Type a value in a cell, or paste a column or block from a spreadsheet; empty a cell to remove its value."
        )
        self.values_note = muted_label(self.values_hint)
        self.values_note.setWordWrap(True)
        grid_column.addWidget(self.values_note)
        values_layout.addLayout(grid_column, 2)
        self.chart = LineChart()
        self.chart.empty_text = _("No values yet.")
        self.chart_card = ChartCard(_("Values over time"), self.chart)
        values_layout.addWidget(self.chart_card, 3)
        self.tabs.addTab(values, _("Values"))

        details = QWidget()
        details_layout = QVBoxLayout(details)
        form = QFormLayout()
        self.name, self.unit, self.source = QLineEdit(), QLineEdit(), QLineEdit()
        self.description = QPlainTextEdit()
        notes_keys(self.description)  # Tab moves on, Ctrl+Tab types a tab
        form.addRow(_("Name"), self.name)
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Source"), self.source)
        form.addRow(_("Definition"), self.description)
        details_layout.addLayout(form)
        details_layout.addStretch(1)
        self.add_buttons(details_layout)
        self.tabs.addTab(details, _("Definition"))

        linked = QWidget()
        linked_layout = QVBoxLayout(linked)
        self.recs_model = RecommendationTableModel(self)
        self.recs = RecordTable(self.recs_model)
        for column in range(RecommendationTableModel.COL_CLUSTER, RecommendationTableModel.COL_ACTIONS + 1):
            if column != RecommendationTableModel.COL_TEXT:
                self.recs.hideColumn(column)
        self.actions_model = ActionTableModel(self)
        self.action_table = RecordTable(self.actions_model)
        for column in range(ActionTableModel.COL_TYPE, ActionTableModel.COL_CONFIDENTIAL + 1):
            if column != ActionTableModel.COL_STATUS:
                self.action_table.hideColumn(column)
        linked_layout.addWidget(self.recs, 1)
        rec_buttons = QHBoxLayout()
        self.link_rec = QPushButton(_("Link to a recommendation…"))
        self.unlink_rec = QPushButton(_("Unlink"))
        rec_buttons.addWidget(self.link_rec)
        rec_buttons.addWidget(self.unlink_rec)
        rec_buttons.addStretch(1)
        linked_layout.addLayout(rec_buttons)
        linked_layout.addWidget(self.action_table, 1)
        self.unlink_action = QPushButton(_("Unlink the selected action"))
        linked_layout.addWidget(self.unlink_action)
        self.tabs.addTab(linked, _("Linked"))

        for signal in (self.name.textEdited, self.unit.textEdited, self.source.textEdited):
            signal.connect(lambda _t: self.set_dirty())
        self.description.textChanged.connect(lambda: self.set_dirty() if self.description.hasFocus() else None)
        self.values_model.value_edited.connect(self._value_edited)
        self.values_model.invalid_value.connect(self._refused)
        self.values.number_delegate.refused.connect(self._refused)
        self.values.pasted.connect(self._paste)
        self.add_year.clicked.connect(self._add_year)
        self.link_rec.clicked.connect(self._link_recommendation)
        self.unlink_rec.clicked.connect(self._unlink_recommendation)
        self.unlink_action.clicked.connect(self._unlink_action)
        self.recs.doubleClicked.connect(self._open_recommendation)
        self.action_table.doubleClicked.connect(self._open_action)
        ctx.access.guard(
            self.name, self.unit, self.source, self.description, self.add_year, self.link_rec, self.unlink_rec
        )
        ctx.access.guard(self.unlink_action)
        if not ctx.access.allowed:
            self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.values.setToolTip(ctx.access.reason)
        ctx.events.indicators_changed.connect(self.mark_stale)
        ctx.events.store_reloaded.connect(self.mark_stale)

    def load_rows(self, session: Session) -> list[IndicatorInfo]:
        return list_indicators(session)

    def count_text(self, count: int) -> str:
        return ngettext("{n} indicator", "{n} indicators", count).format(n=number(count))

    def current(self) -> IndicatorInfo | None:
        return self.shown if isinstance(self.shown, IndicatorInfo) else None

    def show_current(self) -> None:
        info = self.current()
        self.empty.setVisible(info is None)
        self.tabs.setEnabled(info is not None)
        self.delete_button.setEnabled(info is not None)
        self.editor_title.setText(info.name if info else "")
        self.name.setText(info.name if info else "")
        self.unit.setText(info.unit if info else "")
        self.source.setText(info.source if info else "")
        self.description.blockSignals(True)
        self.description.setPlainText(info.description if info else "")
        self.description.blockSignals(False)
        cell = self.values.currentIndex()
        keep = (self.values_model.years()[cell.row()], cell.column()) if cell.isValid() else None
        same = info is not None and info.id == self._grid_of
        self._grid_of = info.id if info else None
        self.values_model.set_indicator(info)
        if same and keep is not None and keep[0] in self.values_model.years():
            # the cursor stays where it was after a value was saved (the reload resets the grid)
            self.values.setCurrentIndex(self.values_model.index(self.values_model.years().index(keep[0]), keep[1]))
        self._refused("")
        self._update_chart(info)
        recs: list[RecommendationRow] = []
        actions: list[ActionInfo] = []
        if info is not None:
            with self.ctx.store.session() as session:
                recs = recommendation_rows(session, info.recommendations)
                actions = [action_info(session, i) for i in info.actions]
        self.recs_model.set_rows(recs)
        self.actions_model.set_rows(actions)
        self.tabs.setTabText(2, _("Linked ({n})").format(n=number(len(recs) + len(actions))))
        self.set_dirty(False)

    def _update_chart(self, info: IndicatorInfo | None) -> None:
        series = [
            LineSeries(series_label(s), SERIES_COLORS[i % len(SERIES_COLORS)], tuple(self.values_model.points(s)))
            for i, s in enumerate(self.values_model.series())
        ]
        self.chart.set_series(series, info.unit if info else "")
        self.chart_card.title_label.setText(info.name if info else _("Values over time"))
        self.chart.title = info.name if info else ""

    # --- edits ---------------------------------------------------------------------------------------
    def save(self) -> None:
        info = self.current()
        if info is None or not self._dirty:
            return
        values = {
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "source": self.source.text().strip(),
            "description": self.description.toPlainText().strip(),
        }
        if not values["name"]:
            show_error(self, _("Give the indicator a name."))
            return
        changed = {k: v for k, v in values.items() if getattr(info, k) != v}
        self.set_dirty(False)
        if changed:
            self.ctx.edit(EditIndicator(info.id, changed, expected_version=info.version))

    def _refused(self, message: str) -> None:
        """Say in place why a value was not taken (or, with no message, what the grid expects)."""
        self.values_note.setText(message or self.values_hint)
        self.values_note.setStyleSheet(f"color: {theme().danger};" if message else "")

    def _paste(self, row: int, column: int, block: list[list[str]]) -> None:
        info = self.current()
        if info is None or not self.ctx.access.allowed:
            return
        try:
            cells = self.values_model.cells_for_paste(row, column, block)
        except ValueError as exc:
            self._refused(str(exc))
            return
        if cells:
            self.ctx.edit(SetIndicatorValues(info.id, cells))

    def _value_edited(self, year: int, series: tuple, value: float | None) -> None:
        info = self.current()
        if info is not None:
            sex, age, province = series
            self.ctx.edit(SetIndicatorValue(info.id, year, value, sex=sex, age_group=age, province=province))

    def _add_year(self) -> None:
        years = self.values_model.years()
        dialog = YearDialog(max(years) + 1 if years else dt.date.today().year - 1, self)
        if dialog.exec():
            row = self.values_model.add_year(dialog.year.value())
            index = self.values_model.index(row, 1)
            self.values.setCurrentIndex(index)
            self.values.edit(index)

    def create_record(self) -> None:
        dialog = NewIndicatorDialog(self)
        if dialog.exec():
            self.ctx.edit(
                CreateIndicator(
                    dialog.name.text().strip(),
                    dialog.unit.text().strip(),
                    dialog.source.text().strip(),
                    dialog.description.toPlainText().strip(),
                )
            )

    def delete(self) -> None:
        info = self.current()
        if info is not None:
            self.ctx.edit(DeleteIndicator(info.id, info.name))

    def merge(self) -> None:
        dialog = self.choose_duplicates(
            _("Merge duplicate indicators"),
            _(
                "Years missing from the indicator you keep are copied from the duplicate (its own values win where "
                "both have one), links are joined, and the duplicate is deleted. Edit ▸ Undo brings it back."
            ),
            lambda row: row.name,
        )
        if dialog is not None:
            (keep, dup), (keep_name, dup_name) = dialog.ids(), dialog.names()
            self.ctx.edit(MergeIndicators(keep, dup, keep_name, dup_name))

    def _link_recommendation(self) -> None:
        info = self.current()
        picker = RecommendationPicker(self.ctx, self)
        if info is not None and picker.exec() and (choice := picker.choice()):
            self.ctx.edit(LinkIndicator(info.id, rec_id=choice[0]))

    def _unlink_recommendation(self) -> None:
        info, record = self.current(), self.recs.current_record()
        if info is not None and isinstance(record, RecommendationRow):
            self.ctx.edit(LinkIndicator(info.id, rec_id=record.id, link=False))

    def _unlink_action(self) -> None:
        info, record = self.current(), self.action_table.current_record()
        if info is not None and isinstance(record, ActionInfo):
            self.ctx.edit(LinkIndicator(info.id, action_id=record.id, link=False))

    def _open_recommendation(self) -> None:
        record = self.recs.current_record()
        if isinstance(record, RecommendationRow):
            self.ctx.navigate("recommendations", rec_id=record.id)

    def _open_action(self) -> None:
        record = self.action_table.current_record()
        if isinstance(record, ActionInfo):
            self.ctx.navigate("actions", action_id=record.id)
