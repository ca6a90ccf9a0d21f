"""Changing many records at once (issue 17, item 6): the selected recommendations or actions, one undo step.

Each dialog leaves every field "as it is" until a value is chosen; :meth:`edits` then gives one command
per record, which the page runs inside one undo macro (Edit ▸ Undo takes the whole change back).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import ActionStatus, AssessmentSide, ImplementationStatus, TagKind
from crc_reporter.domain.records import ActionInfo, ActorInfo, RecommendationInfo
from crc_reporter.i18n import _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.ui.commands.actions import EditAction
from crc_reporter.ui.commands.assessments import RecordAssessment
from crc_reporter.ui.commands.records import EditRecommendation
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.dialogs.recommendation_dialog import split_list
from crc_reporter.ui.formatting import number
from crc_reporter.ui.undo import StoreCommand
from crc_reporter.ui.widgets.keyboard import notes_keys

_KEEP = "\x00keep"  # the combo entry that changes nothing
_NONE = "\x00none"  # "outside the clusters"


def _combo(items: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("(leave as it is)"), _KEEP)
    for text, data in items:
        combo.addItem(text, data)
    return combo


class BulkRecommendationDialog(FormDialog):
    """Cluster, a responsible body, themes and an assessment for several paragraphs."""

    def __init__(self, infos: list[RecommendationInfo], actors: list[ActorInfo], parent: QWidget | None = None) -> None:
        count = number(len(infos))
        super().__init__(
            ngettext("Change {n} recommendation", "Change {n} recommendations", len(infos)).format(n=count),
            parent,
            ok_text=_("Change all"),
        )
        self.infos, self.actors = infos, actors
        intro = QLabel(_("Only what you choose here changes; everything else stays as it is on each paragraph."))
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.cluster = _combo([(label(c.value), c.value) for c in Cluster] + [(_("Outside the clusters"), _NONE)])
        self.responsible_body = _combo([(a.name, a.id) for a in actors])
        self.themes = QLineEdit()
        self.themes.setPlaceholderText(_("Themes to add, separated by commas"))
        self.side = _combo([(label(s.value), s.value) for s in AssessmentSide])
        self.status = QComboBox()
        for status in ImplementationStatus:
            self.status.addItem(label(status.value), status.value)
        self.note = QPlainTextEdit()
        notes_keys(self.note)  # Tab moves on, Ctrl+Tab types a tab
        self.note.setFixedHeight(70)
        self.form.addRow(_("Cluster"), self.cluster)
        self.form.addRow(_("Add a responsible body"), self.responsible_body)
        self.form.addRow(_("Add themes"), self.themes)
        self.form.addRow(_("Record an assessment by"), self.side)
        self.form.addRow(_("Status"), self.status)
        self.form.addRow(_("Note"), self.note)
        self.side.currentIndexChanged.connect(self._side_chosen)
        self._side_chosen()

    def _side_chosen(self) -> None:
        """The status and note belong to an assessment: usable once a side is chosen."""
        chosen = self.side.currentData() != _KEEP
        self.status.setEnabled(chosen)
        self.note.setEnabled(chosen)

    def validate(self) -> str | None:
        return None if self.edits() else _("Choose at least one change.")

    def edits(self) -> list[StoreCommand]:
        cluster, body, side = self.cluster.currentData(), self.responsible_body.currentData(), self.side.currentData()
        themes = split_list(self.themes.text())
        ids = {a.name: a.id for a in self.actors}
        commands: list[StoreCommand] = []
        for info in self.infos:
            fields: dict[str, object] = {}
            if cluster != _KEEP and (None if cluster == _NONE else cluster) != info.cluster:
                fields["cluster"] = None if cluster == _NONE else cluster
                fields["cluster_confirmed"] = True
            responsible = None
            current = [ids[name] for name in info.responsible if name in ids]
            if body != _KEEP and body not in current:
                responsible = [*current, body]
            tags = {}
            if themes and any(t not in info.themes for t in themes):
                tags[TagKind.THEME.value] = [*info.themes, *(t for t in themes if t not in info.themes)]
            if fields or responsible is not None or tags:
                commands.append(EditRecommendation(info.id, fields, responsible, tags, expected_version=info.version))
            if side != _KEEP:
                note = self.note.toPlainText().strip()
                commands.append(RecordAssessment(info.id, side, self.status.currentData(), note=note))
        return commands


class BulkActionDialog(FormDialog):
    """Status and actor for several actions."""

    def __init__(self, actions: list[ActionInfo], actors: list[ActorInfo], parent: QWidget | None = None) -> None:
        super().__init__(
            ngettext("Change {n} action", "Change {n} actions", len(actions)).format(n=number(len(actions))),
            parent,
            ok_text=_("Change all"),
        )
        self.actions_, self.actors = actions, actors
        self.status = _combo([(label(s.value), s.value) for s in ActionStatus])
        self.actor = _combo([(a.name, a.id) for a in actors])
        self.form.addRow(_("Status"), self.status)
        self.form.addRow(_("Actor"), self.actor)

    def validate(self) -> str | None:
        return None if self.edits() else _("Choose at least one change.")

    def edits(self) -> list[StoreCommand]:
        status, actor = self.status.currentData(), self.actor.currentData()
        names = {a.id: a.name for a in self.actors}
        commands: list[StoreCommand] = []
        for action in self.actions_:
            fields: dict[str, object] = {}
            if status != _KEEP and status != action.status:
                fields["status"] = status
            if actor != _KEEP and names.get(actor) != action.actor:
                fields["actor_id"] = actor
            if fields:
                text = _("Edit “{title}”").format(title=action.title)
                commands.append(EditAction(action.id, fields, None, text, expected_version=action.version))
        return commands
