"""Actors: government bodies, NGOs, UN agencies, coalitions; what each is linked to; merging duplicates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QListView, QTabWidget, QWidget
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActorType
from crc_reporter.domain.records import ActionInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.actors import list_actors
from crc_reporter.services.usage import actor_usage, responsible_for
from crc_reporter.ui.commands.records import CreateActor, DeleteActor, EditActor, MergeActors
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.records import NewActorDialog
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.actions import ActionTableModel
from crc_reporter.ui.models.base import FilteringProxyModel
from crc_reporter.ui.models.directory import ActorRow, ActorTableModel
from crc_reporter.ui.models.recommendations import RecommendationTableModel
from crc_reporter.ui.pages.directory import DirectoryPage
from crc_reporter.ui.widgets.filters import filter_combo
from crc_reporter.ui.widgets.tables import RecordTable


class ActorsPage(DirectoryPage):
    key = "actors"
    TITLE = N_("Actors")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ActorTableModel(), parent)
        self.new_button.setText(_("New actor…"))
        self.search.setPlaceholderText(_("Filter actors…"))
        self.type_filter = filter_combo(_("All types"), [(label(t.value), t.value) for t in ActorType], 140)
        self.filter_row.addWidget(self.type_filter)
        self.type_filter.currentIndexChanged.connect(self._apply_type)
        self.table.setAccessibleName(_("Actors"))
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.name, self.short = QLineEdit(), QLineEdit()
        self.short.setMaxLength(40)
        self.type = QComboBox()
        for kind in ActorType:
            self.type.addItem(label(kind.value), kind.value)
        self.members_model = QStandardItemModel(self)
        self.members = QListView()
        self.members.setModel(self.members_model)
        self.members.setMaximumHeight(120)
        self.members.setAccessibleName(_("Members"))
        self.members.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.members.setTextElideMode(Qt.TextElideMode.ElideRight)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Short name"), self.short)
        form.addRow(_("Type"), self.type)
        form.addRow(_("Members"), self.members)
        self.editor_layout.addLayout(form)
        self.linked = QTabWidget()
        self.actions_model = ActionTableModel(self)
        self.action_table = RecordTable(self.actions_model)
        for column in (
            ActionTableModel.COL_ACTOR,
            ActionTableModel.COL_TYPE,
            ActionTableModel.COL_START,
            ActionTableModel.COL_CONFIDENTIAL,
        ):
            self.action_table.hideColumn(column)
        self.action_table.doubleClicked.connect(self._open_action)
        self.recs_model = RecommendationTableModel(self)
        self.recs = RecordTable(self.recs_model)
        for column in range(RecommendationTableModel.COL_URGENT, RecommendationTableModel.COL_ACTIONS + 1):
            if column != RecommendationTableModel.COL_GOVERNMENT:
                self.recs.hideColumn(column)
        self.recs.hideColumn(RecommendationTableModel.COL_CLUSTER)
        self.recs.doubleClicked.connect(self._open_recommendation)
        self.linked.addTab(self.action_table, _("Actions"))
        self.linked.addTab(self.recs, _("Responsible for"))
        self.action_table.setAccessibleName(_("Actions"))
        self.recs.setAccessibleName(_("Responsible for"))
        self.editor_layout.addWidget(self.linked, 1)
        self.add_buttons()
        for signal in (self.name.textEdited, self.short.textEdited):
            signal.connect(lambda _t: self.set_dirty())
        self.type.activated.connect(lambda _i: self.set_dirty())
        self.members_model.itemChanged.connect(lambda _i: self.set_dirty())
        ctx.access.guard(self.name, self.short, self.type, self.members)
        ctx.events.actors_changed.connect(self.mark_stale)
        ctx.events.actions_changed.connect(self.mark_stale)
        ctx.events.store_reloaded.connect(self.mark_stale)

    def load_rows(self, session: Session) -> list[ActorRow]:
        usage = actor_usage(session)
        return [ActorRow(a, usage[a.id]) for a in list_actors(session)]

    def count_text(self, count: int) -> str:
        return ngettext("{n} actor", "{n} actors", count).format(n=number(count))

    def _apply_type(self) -> None:
        wanted = self.type_filter.currentData()
        proxy = self.table.proxy
        assert isinstance(proxy, FilteringProxyModel)
        proxy.set_predicate((lambda row: row.info.type == wanted) if wanted else None)

    def current(self) -> ActorRow | None:
        return self.shown if isinstance(self.shown, ActorRow) else None

    def show_current(self) -> None:
        row = self.current()
        self.empty.setVisible(row is None)
        for widget in (self.name, self.short, self.type, self.members, self.linked, self.delete_button):
            widget.setEnabled(row is not None)
        self.editor_title.setText(row.info.name if row else "")
        self.name.setText(row.info.name if row else "")
        self.short.setText(row.info.short_name or "" if row else "")
        self.type.setCurrentIndex(max(self.type.findData(row.info.type if row else "other"), 0))
        self.members_model.clear()
        actions: list[ActionInfo] = []
        recs: list[RecommendationRow] = []
        if row is not None:
            for other in self.model.rows():
                if other.id == row.id:
                    continue
                item = QStandardItem(other.info.name)
                item.setCheckable(True)
                item.setCheckState(
                    Qt.CheckState.Checked if other.info.name in row.info.members else Qt.CheckState.Unchecked
                )
                item.setData(other.id, Qt.ItemDataRole.UserRole)
                self.members_model.appendRow(item)
            with self.ctx.store.session() as session:
                actions = list_actions(session, ActionFilter(actor=row.info.name))
                recs = responsible_for(session, row.id)
        self.members.setVisible(row is not None and (row.info.type == "coalition" or bool(row.info.members)))
        self.actions_model.set_rows(actions)
        self.recs_model.set_rows(recs)
        self.linked.setTabText(0, _("Actions ({n})").format(n=number(len(actions))))
        self.linked.setTabText(1, _("Responsible for ({n})").format(n=number(len(recs))))
        self.set_dirty(False)

    def save(self) -> None:
        row = self.current()
        if row is None or not self._dirty:
            return
        fields: dict[str, object] = {}
        if self.name.text().strip() != row.info.name:
            fields["name"] = self.name.text().strip()
        if (self.short.text().strip() or None) != row.info.short_name:
            fields["short_name"] = self.short.text().strip() or None
        if self.type.currentData() != row.info.type:
            fields["actor_type"] = self.type.currentData()
        members = [
            int(self.members_model.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members_model.rowCount())
            if self.members_model.item(i).checkState() == Qt.CheckState.Checked
        ]
        names = {r.id: r.info.name for r in self.model.rows()}
        changed_members = sorted(names[m] for m in members) != sorted(row.info.members)
        self.set_dirty(False)
        if fields or changed_members:
            self.ctx.edit(
                EditActor(row.id, fields, members if changed_members else None, expected_version=row.info.version)
            )

    def create_record(self) -> None:
        dialog = NewActorDialog(self)
        if dialog.exec():
            command = CreateActor(
                dialog.name.text().strip(), dialog.type.currentData(), dialog.short.text().strip() or None
            )
            self.ctx.edit(command)

    def delete(self) -> None:
        row = self.current()
        if row is not None:
            self.ctx.edit(DeleteActor(row.id, row.info.name))

    def merge(self) -> None:
        dialog = self.choose_duplicates(
            _("Merge duplicate actors"),
            _(
                "The actions, responsibilities, assessments and memberships of the duplicate move to the actor "
                "you keep; the duplicate is then deleted. Edit ▸ Undo brings it back."
            ),
            lambda row: row.info.name,
        )
        if dialog is not None:
            (keep, dup), (keep_name, dup_name) = dialog.ids(), dialog.names()
            self.ctx.edit(MergeActors(keep, dup, keep_name, dup_name))

    def _open_action(self) -> None:
        record = self.action_table.current_record()
        if isinstance(record, ActionInfo):
            self.ctx.navigate("actions", action_id=record.id)

    def _open_recommendation(self) -> None:
        record = self.recs.current_record()
        if isinstance(record, RecommendationRow):
            self.ctx.navigate("recommendations", rec_id=record.id)
