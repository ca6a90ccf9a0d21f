"""The actions page: the list (searchable, draggable onto recommendations) and the editor of the selected one."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActionStatus
from crc_reporter.domain.records import ActionInfo, ActorInfo
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.actions import action_info, list_actions
from crc_reporter.services.actors import list_actors
from crc_reporter.services.errors import NotFoundError
from crc_reporter.services.search import search_action_ids
from crc_reporter.services.usage import linked_recommendations
from crc_reporter.ui.commands.actions import CreateAction, DeleteAction, EditAction, LinkAction
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.action_dialog import ActionForm, NewActionDialog
from crc_reporter.ui.dialogs.bulk_edit import BulkActionDialog
from crc_reporter.ui.dialogs.pickers import RecommendationPicker
from crc_reporter.ui.formatting import number, paragraph_ref
from crc_reporter.ui.models.actions import ActionTableModel, is_overdue
from crc_reporter.ui.models.detail import LinkedRecommendationModel
from crc_reporter.ui.pages.base import Page
from crc_reporter.ui.pages.page_commands import ActionCommands
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import card_frame, muted_label, section_label
from crc_reporter.ui.widgets.filters import filter_combo, refill
from crc_reporter.ui.widgets.flow import FlowLayout
from crc_reporter.ui.widgets.inputs import SearchBox
from crc_reporter.ui.widgets.splitters import remember
from crc_reporter.ui.widgets.tables import RecordTable


class ActionsPage(Page):
    key = "actions"
    TITLE = N_("Actions")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._all: list[ActionInfo] = []
        self._actors: list[ActorInfo] = []
        self._loaded = False
        self._shown: ActionInfo | None = None
        self._pending: int | None = None  # an action to select once the list is loaded
        self._pending_filters: dict[str, object] | None = None  # filters to set once the list is loaded
        layout = self.page_layout()
        header, _t, self.subtitle = self.header(self.title(), _("Loading…"))
        self.new_button = QPushButton(_("New action…"))
        self.new_button.setObjectName("Primary")
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.search = SearchBox(_("Search titles, descriptions and outcomes…"))
        self.actor = filter_combo(_("All actors"), [], 170)
        self.status = filter_combo(_("Any status"), [(label(s.value), s.value) for s in ActionStatus], 120)
        self.overdue = QCheckBox(_("Past their target date"))
        filters.addWidget(self.search, 2)
        filters.addWidget(self.actor, 1)
        filters.addWidget(self.status)
        filters.addWidget(self.overdue)
        layout.addLayout(filters)

        self.model = ActionTableModel(self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName(_("Actions"))
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Shift/Ctrl-click, Ctrl+A
        for column in (ActionTableModel.COL_TYPE, ActionTableModel.COL_START):
            self.table.hideColumn(column)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._editor())
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([690, 440])
        splitter.setChildrenCollapsible(False)
        remember(splitter, ctx.settings, "actions")
        layout.addWidget(splitter, 1)

        self.search.search_changed.connect(lambda _t: self.apply_filters())
        self.actor.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.table.current_changed.connect(self._selected)
        self.new_button.clicked.connect(self.create_action)
        ctx.access.guard(
            self.new_button, self.form, self.add_link, self.remove_link, self.delete_button, self.save_button
        )
        ctx.access.guard(self.revert_button)
        self.commands = ActionCommands(self)
        ctx.events.actions_changed.connect(self._actions_changed)
        ctx.events.actors_changed.connect(self.mark_stale)
        ctx.events.store_reloaded.connect(self.mark_stale)

    def _editor(self) -> QWidget:
        frame = card_frame()
        outer = QVBoxLayout(frame)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.editor_title = section_label(_("Action"))
        self.editor_title.setWordWrap(True)  # a long title must not widen the panel
        layout.addWidget(self.editor_title)
        self.empty = muted_label(_("Select an action to edit it, or create a new one."))
        layout.addWidget(self.empty)
        self.form = ActionForm()
        layout.addWidget(self.form)
        layout.addWidget(section_label(_("Answers these recommendations")))
        self.links_model = LinkedRecommendationModel(self)
        self.links = RecordTable(self.links_model)
        self.links.setMinimumHeight(120)
        self.links.setAccessibleName(_("Linked recommendations"))
        self.links.doubleClicked.connect(lambda _i: self.open_recommendation())
        layout.addWidget(self.links)
        link_buttons = FlowLayout()  # wraps when a translation makes the row too long for the panel
        self.add_link = QPushButton(_("Link to a recommendation…"))
        self.remove_link = QPushButton(_("Remove link"))
        self.open_link = QPushButton(_("Open"))
        for button in (self.add_link, self.remove_link, self.open_link):
            link_buttons.addWidget(button)
        layout.addLayout(link_buttons)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 8, 16, 12)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("Danger")
        self.revert_button = QPushButton(_("Revert"))
        self.save_button = QPushButton(_("Save changes"))
        self.save_button.setObjectName("Primary")
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.form.changed.connect(self._dirty)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self._show(self._shown))
        self.delete_button.clicked.connect(self.delete)
        self.add_link.clicked.connect(self.link_recommendation)
        self.remove_link.clicked.connect(self.unlink_recommendation)
        self.open_link.clicked.connect(self.open_recommendation)
        self._show(None)
        return frame

    # --- loading and filtering ------------------------------------------------------------------
    def reload(self) -> None:
        generation = self.next_generation()

        def work(session: Session, _control: TaskControl) -> tuple[list[ActionInfo], list[ActorInfo]]:
            return list_actions(session), list_actors(session)

        def done(result: tuple[list[ActionInfo], list[ActorInfo]]) -> None:
            if self.is_current(generation):
                self._all, self._actors = result
                self._loaded = True
                self.form.set_actors(self._actors)
                self.model.set_short_names({a.name: a.short_name for a in self._actors if a.short_name})
                refill(self.actor, _("All actors"), [(a.name, a.name) for a in self._actors])
                if self._pending_filters is not None:
                    self.set_filters(self._pending_filters)
                self.apply_filters()
                if self._pending is not None:
                    self.show_record(action_id=self._pending)
                elif self.table.current_id() is None and self.model.rowCount():
                    self.table.select_row(0)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def _actions_changed(self, ids: list[int]) -> None:
        if not self._loaded or not ids or len(ids) > 200:
            self.mark_stale()
            return
        fresh: dict[int, ActionInfo] = {}
        with self.ctx.store.session() as session:
            for action_id in ids:
                with suppress(NotFoundError):  # a deleted action is simply left out
                    fresh[action_id] = action_info(session, action_id)
        changed, known = set(ids), {a.id for a in self._all}
        self._all = [fresh.get(a.id, a) for a in self._all if a.id in fresh or a.id not in changed]
        self._all += [a for i, a in fresh.items() if i not in known]
        keep = self.table.current_id()
        if changed <= known and changed <= fresh.keys():
            # edits of listed actions: rows updated in place. No reset: this may run while a click that
            # moved to another row is still being handled (the editor saves what was typed on leaving)
            self.model.update_records(fresh.values())
            if isinstance(keep, int) and keep in fresh and self._shown is not None and self._shown.id == keep:
                self._show(fresh[keep])
            return
        self.apply_filters()
        if isinstance(keep, int) and keep in fresh:
            self.table.select_id(keep, scroll=False)
            self._show(fresh[keep])

    def apply_filters(self) -> None:
        if not self._loaded:
            return
        query = self.search.text().strip()
        matching: set[int] | None = None
        if query:
            with self.ctx.store.session() as session:
                matching = set(search_action_ids(session, query))
        actor, status, overdue = self.actor.currentData(), self.status.currentData(), self.overdue.isChecked()
        today = dt.date.today()
        visible = [
            a
            for a in self._all
            if (matching is None or a.id in matching)
            and (not actor or a.actor == actor)
            and (not status or a.status == status)
            and (not overdue or is_overdue(a, today))
        ]
        keep = self.table.current_id()
        self.model.set_rows(visible)
        if (keep is None or not self.table.select_id(keep, scroll=False)) and self.model.rowCount():
            self.table.select_row(0)
        elif not self.model.rowCount():
            self._show(None)
        self.subtitle.setText(
            ngettext("{shown} of {total} action", "{shown} of {total} actions", len(self._all)).format(
                shown=number(len(visible)), total=number(len(self._all))
            )
        )

    # --- the editor --------------------------------------------------------------------------------
    def _selected(self, record: object) -> None:
        moved = not isinstance(record, ActionInfo) or self._shown is None or record.id != self._shown.id
        if self.save_button.isEnabled() and self._shown is not None and moved:
            self.save()  # keep what was typed rather than lose it on a click elsewhere
        self._show(record if isinstance(record, ActionInfo) else None)

    def _show(self, action: ActionInfo | None) -> None:
        self._shown = action
        has = action is not None
        for widget in (self.form, self.links, self.add_link, self.remove_link, self.open_link):
            widget.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.empty.setVisible(not has)
        actor_id = next((a.id for a in self._actors if action and a.name == action.actor), None)
        self.form.load(action, actor_id)
        self.form.title.setCursorPosition(0)
        self.editor_title.setText(action.title if action else _("Action"))
        links = []
        if action is not None:
            with self.ctx.store.session() as session:
                links = linked_recommendations(session, action.id)
        self.links_model.set_rows(links)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def _dirty(self) -> None:
        self.save_button.setEnabled(self._shown is not None)
        self.revert_button.setEnabled(self._shown is not None)

    def save(self) -> bool:
        action = self._shown
        if action is None:
            return False
        message = self.form.validate()
        if message:
            QMessageBox.warning(self, self.title(), message)
            return False
        values = self.form.values()
        current_actor = next((a.id for a in self._actors if a.name == action.actor), None)
        before = {
            "title": action.title,
            "actor_id": current_actor,
            "action_type": action.type,
            "status": action.status,
            "start_date": action.start_date,
            "end_date": action.end_date,
            "description": action.description,
            "outcome": action.outcome,
            "confidential": action.confidential,
        }
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        sources = self.form.sources.sources()
        old_sources = [(s.title, s.url) for s in action.sources]
        new_sources = sources if sources != old_sources else None
        self.save_button.setEnabled(False)  # before the edit: its refresh must not save again
        self.revert_button.setEnabled(False)
        if changed or new_sources is not None:
            text = _("Edit “{title}”").format(title=action.title)
            self.ctx.edit(EditAction(action.id, changed, new_sources, text, expected_version=action.version))
        return True

    def create_action(self) -> None:
        dialog = NewActionDialog(self.ctx, None, self)
        if dialog.exec():
            command = CreateAction(dialog.draft([]))
            if self.ctx.edit(command) and command.action_id is not None:
                self.search.set_text_now("")
                self.table.select_id(command.action_id)

    def delete(self) -> None:
        action = self._shown
        if action is None:
            return
        self.ctx.edit(DeleteAction(action.id, action.title))

    def link_recommendation(self) -> None:
        action = self._shown
        if action is None:
            return
        picker = RecommendationPicker(self.ctx, self)
        if picker.exec() and (choice := picker.choice()):
            rec_id, part_id, text = choice
            self.ctx.edit(LinkAction(action.id, rec_id, part_id, label=text))

    def unlink_recommendation(self) -> None:
        record = self.links.current_record()
        action = self._shown
        if action is None or record is None:
            return
        target = paragraph_ref(record.document, record.paragraph, record.part)  # type: ignore[attr-defined]
        self.ctx.edit(LinkAction(action.id, record.rec_id, record.part_id, link=False, label=target))  # type: ignore[attr-defined]

    def open_recommendation(self) -> None:
        record = self.links.current_record()
        if record is not None:
            self.ctx.navigate("recommendations", rec_id=record.rec_id)  # type: ignore[attr-defined]

    def set_filters(self, filters: dict[str, object]) -> None:
        """Show the list another page asked for (a dashboard bar: one actor's actions in one status)."""
        self._pending_filters = dict(filters)
        if not self._loaded:
            return
        self._pending_filters = None
        for combo, value in ((self.actor, filters.get("actor")), (self.status, filters.get("status"))):
            combo.blockSignals(True)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(bool(filters.get("overdue")))
        self.overdue.blockSignals(False)
        self.search.set_text_now("")
        self.apply_filters()

    def show_record(self, **target: object) -> None:
        filters = target.get("filters")
        if isinstance(filters, dict):
            self.set_filters(filters)
            return
        action_id = target.get("action_id")
        if not isinstance(action_id, int):
            return
        if not self._loaded:
            self._pending = action_id
            return
        self._pending = None
        if not self.table.select_id(action_id):
            self.search.set_text_now("")
            self.actor.setCurrentIndex(0)
            self.status.setCurrentIndex(0)
            self.overdue.setChecked(False)
            self.table.select_id(action_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def step(self, delta: int) -> None:
        current = self.table.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        if 0 <= row < self.table.proxy.rowCount():
            self.table.select_row(row)

    def change_selected(self) -> None:
        """Status or actor for every selected action: one undo step."""
        chosen = [a for a in self.table.selected_records() if isinstance(a, ActionInfo)]
        if not chosen:
            return
        if self.save_button.isEnabled():
            self.save()  # what was typed in the editor first
        dialog = BulkActionDialog(chosen, self._actors, self)
        if dialog.exec():
            text = ngettext("Change {n} action", "Change {n} actions", len(chosen)).format(n=number(len(chosen)))
            self.ctx.edit_all(text, dialog.edits())

    def place(self) -> dict[str, object]:
        return {"action_id": self._shown.id if self._shown else None}
