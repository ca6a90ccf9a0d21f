"""The action form (used on the Actions page and in the "New action" dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crc_reporter.domain.enums import ActionStatus, ActionType
from crc_reporter.domain.records import ActionInfo, ActorInfo, RecommendationInfo
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.services.actors import list_actors
from crc_reporter.ui.commands.actions import ActionDraft, CreateAction
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.formatting import integer
from crc_reporter.ui.widgets.inputs import OptionalDateEdit
from crc_reporter.ui.widgets.keyboard import notes_keys


class SourceEditor(QWidget):
    """Evidence and sources of an action: an editable two-column list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([_("Evidence or source"), _("Link (optional)")])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().resizeSection(1, 180)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setMinimumHeight(90)
        self.view.setAccessibleName(_("Sources"))
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        add, remove = QPushButton(_("Add source")), QPushButton(_("Remove"))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        add.clicked.connect(self.add_source)
        remove.clicked.connect(self.remove_selected)
        self.model.dataChanged.connect(lambda *_a: self.changed.emit())

    def set_sources(self, sources: list[tuple[str, str | None]]) -> None:
        self.model.blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        for title, url in sources:
            self.model.appendRow([QStandardItem(title), QStandardItem(url or "")])
        self.model.blockSignals(False)
        self.view.reset()

    def sources(self) -> list[tuple[str, str | None]]:
        out = []
        for row in range(self.model.rowCount()):
            title = (self.model.item(row, 0).text() if self.model.item(row, 0) else "").strip()
            url = (self.model.item(row, 1).text() if self.model.item(row, 1) else "").strip()
            if title or url:
                out.append((title or url, url or None))
        return out

    def add_source(self) -> None:
        self.model.appendRow([QStandardItem(""), QStandardItem("")])
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)
        self.changed.emit()

    def remove_selected(self) -> None:
        for index in sorted(self.view.selectionModel().selectedRows(), key=lambda i: -i.row()):
            self.model.removeRow(index.row())
        self.changed.emit()


class ActionForm(QWidget):
    """Title, actor, type, status, dates, description, outcome, confidentiality and sources."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        # labels above their fields: the form stays narrow enough for the side panel of the Actions page
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("What was done, or is planned"))
        self.actor = QComboBox()
        self.actor.setMinimumContentsLength(12)
        self.actor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type = QComboBox()
        for kind in ActionType:
            self.type.addItem(label(kind.value), kind.value)
        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(label(status.value), status.value)
        self.start = OptionalDateEdit()
        self.end = OptionalDateEdit()
        self.description = QPlainTextEdit()
        notes_keys(self.description)  # Tab moves on, Ctrl+Tab types a tab
        self.description.setFixedHeight(70)
        self.outcome = QPlainTextEdit()
        notes_keys(self.outcome)  # Tab moves on, Ctrl+Tab types a tab
        self.outcome.setFixedHeight(56)
        self.outcome.setPlaceholderText(_("Results so far, figures, what changed for children"))
        self.confidential = QCheckBox(_("Confidential"))
        self.confidential.setToolTip(_("Kept out of shared reports and exchange packages"))
        self.sources = SourceEditor()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.type, 1)
        kind_row.addWidget(self.status, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.start, 1)
        dates.addWidget(self.end, 1)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Actor"), self.actor)
        form.addRow(_("Type and status"), kind_row)
        form.addRow(_("Start and target date"), dates)
        form.addRow(_("Description"), self.description)
        form.addRow(_("Outcome"), self.outcome)
        form.addRow("", self.confidential)
        form.addRow(_("Evidence"), self.sources)
        for signal in (
            self.title.textEdited,
            self.actor.currentIndexChanged,
            self.type.currentIndexChanged,
            self.status.currentIndexChanged,
            self.start.changed,
            self.end.changed,
            self.description.textChanged,
            self.outcome.textChanged,
            self.confidential.toggled,
            self.sources.changed,
        ):
            signal.connect(self._changed)
        self._loading = False

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_actors(self, actors: list[ActorInfo]) -> None:
        current = self.actor.currentData()
        self._loading = True
        self.actor.clear()
        self.actor.addItem(_("(no actor)"), None)
        for actor in actors:
            text = f"{actor.name} ({actor.short_name})" if actor.short_name else actor.name
            self.actor.addItem(text, actor.id)
        self.actor.setCurrentIndex(max(self.actor.findData(current), 0))
        self._loading = False

    def load(self, action: ActionInfo | None, actor_id: int | None = None) -> None:
        self._loading = True
        self.title.setText(action.title if action else "")
        self.actor.setCurrentIndex(max(self.actor.findData(actor_id), 0))
        self.type.setCurrentIndex(max(self.type.findData(action.type if action else "other"), 0))
        self.status.setCurrentIndex(max(self.status.findData(action.status if action else "planned"), 0))
        self.start.set_date(action.start_date if action else None)
        self.end.set_date(action.end_date if action else None)
        self.description.setPlainText(action.description if action else "")
        self.outcome.setPlainText(action.outcome if action else "")
        self.confidential.setChecked(bool(action and action.confidential))
        self.sources.set_sources([(s.title, s.url) for s in action.sources] if action else [])
        self._loading = False

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "actor_id": self.actor.currentData(),
            "action_type": self.type.currentData(),
            "status": self.status.currentData(),
            "start_date": self.start.date(),
            "end_date": self.end.date(),
            "description": self.description.toPlainText().strip(),
            "outcome": self.outcome.toPlainText().strip(),
            "confidential": self.confidential.isChecked(),
        }

    def validate(self) -> str | None:
        values = self.values()
        if not values["title"]:
            return _("Give the action a title.")
        start, end = values["start_date"], values["end_date"]
        if start and end and end < start:  # type: ignore[operator]
            return _("The target date is before the start date.")
        return None


class NewActionDialog(FormDialog):
    def __init__(self, ctx: AppContext, target: str | None, parent: QWidget | None = None) -> None:
        super().__init__(_("New action"), parent, ok_text=_("Create and link") if target else _("Create"))
        self.setMinimumWidth(640)
        if target:
            self.form.addRow(_("Linked to"), QLineEdit(target, readOnly=True))
        self.action_form = ActionForm()
        with ctx.store.session() as session:
            self.action_form.set_actors(list_actors(session))
        self.action_form.load(None)
        self.layout_.insertWidget(1, self.action_form)
        self.action_form.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def validate(self) -> str | None:
        return self.action_form.validate()

    def draft(self, links: list[tuple[int, int | None]]) -> ActionDraft:
        values = self.action_form.values()
        return ActionDraft(
            title=str(values["title"]),
            actor_id=values["actor_id"],  # type: ignore[arg-type]
            action_type=str(values["action_type"]),
            status=str(values["status"]),
            description=str(values["description"]),
            start_date=values["start_date"],  # type: ignore[arg-type]
            end_date=values["end_date"],  # type: ignore[arg-type]
            outcome=str(values["outcome"]),
            confidential=bool(values["confidential"]),
            sources=self.action_form.sources.sources(),
            links=links,
        )


def new_action_for(
    ctx: AppContext, info: RecommendationInfo, part_id: int | None, parent: QWidget | None = None
) -> int | None:
    """Ask for a new action already linked to a paragraph (or one part); returns its id."""
    part = next((p.label for p in info.parts if p.id == part_id), None)
    target = _("{document}, paragraph {number}").format(document=info.document, number=integer(info.number))
    if part:
        target += f" ({part})"
    dialog = NewActionDialog(ctx, target, parent)
    if not dialog.exec():
        return None
    command = CreateAction(dialog.draft([(info.id, part_id)]))
    return command.action_id if ctx.edit(command) else None
