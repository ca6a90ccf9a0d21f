"""Correcting how a paragraph is classified: kind, cluster, urgency, articles, responsible bodies, tags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListView, QWidget

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import RecommendationKind, TagKind
from crc_reporter.domain.records import ActorInfo, RecommendationInfo
from crc_reporter.i18n import _
from crc_reporter.i18n.labels import label
from crc_reporter.ui.commands.records import EditRecommendation
from crc_reporter.ui.dialogs.base import FormDialog
from crc_reporter.ui.formatting import integer


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(";" if ";" in text else ",") if item.strip()]


class RecommendationDialog(FormDialog):
    def __init__(self, info: RecommendationInfo, actors: list[ActorInfo], parent: QWidget | None = None) -> None:
        super().__init__(
            _("{document}, paragraph {number}").format(document=info.document, number=integer(info.number)),
            parent,
            ok_text=_("Save"),
        )
        self.info = info
        self.setMinimumWidth(600)
        self.kind = QComboBox()
        for kind in RecommendationKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.kind.setCurrentIndex(max(self.kind.findData(info.kind), 0))
        self.cluster = QComboBox()
        self.cluster.addItem(_("Outside the clusters"), None)
        for cluster in Cluster:
            self.cluster.addItem(label(cluster.value), cluster.value)
        self.cluster.setCurrentIndex(max(self.cluster.findData(info.cluster), 0))
        self.urgent = QCheckBox(_("The Committee asks for urgent measures"))
        self.urgent.setChecked(info.urgent)
        self.subheading = QLineEdit(info.subheading or "")
        self.articles = QLineEdit(", ".join(info.articles))
        self.articles.setPlaceholderText("4, 42, 44(6)")
        self.bodies_model = QStandardItemModel(self)
        for actor in actors:
            item = QStandardItem(actor.name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if actor.name in info.responsible else Qt.CheckState.Unchecked)
            item.setData(actor.id, Qt.ItemDataRole.UserRole)
            self.bodies_model.appendRow(item)
        self.bodies = QListView()
        self.bodies.setModel(self.bodies_model)
        self.bodies.setMaximumHeight(140)
        self.bodies.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.bodies.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.bodies.setAccessibleName(_("Responsible bodies"))
        self.themes = QLineEdit(", ".join(info.themes))
        self.groups = QLineEdit(", ".join(info.affected_groups))
        self.sdgs = QLineEdit(", ".join(info.sdg_targets))
        self.sdgs.setPlaceholderText("16.3, 16.9")
        for edit in (self.subheading, self.articles, self.themes, self.groups, self.sdgs):
            edit.setCursorPosition(0)  # show the start of a long list, not its end
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Cluster"), self.cluster)
        self.form.addRow("", self.urgent)
        self.form.addRow(_("Subheading"), self.subheading)
        self.form.addRow(_("Articles"), self.articles)
        self.form.addRow(_("Responsible bodies"), self.bodies)
        self.form.addRow(_("Themes"), self.themes)
        self.form.addRow(_("Affected groups"), self.groups)
        self.form.addRow(_("SDG targets"), self.sdgs)

    def command(self) -> EditRecommendation | None:
        """The edit the form describes, or None when nothing changed."""
        info = self.info
        fields: dict[str, object] = {}
        if self.kind.currentData() != info.kind:
            fields["kind"] = self.kind.currentData()
        if self.cluster.currentData() != info.cluster:
            fields["cluster"] = self.cluster.currentData()
            fields["cluster_confirmed"] = True  # a person chose it (another mechanism's may have been proposed)
        if self.urgent.isChecked() != info.urgent:
            fields["urgent"] = self.urgent.isChecked()
        if (self.subheading.text().strip() or None) != info.subheading:
            fields["subheading"] = self.subheading.text().strip() or None
        articles = [a.replace(" ", "") for a in split_list(self.articles.text())]
        if tuple(articles) != tuple(a.replace(" ", "") for a in info.articles):
            fields["articles"] = articles
        checked = [
            (self.bodies_model.item(i).text(), int(self.bodies_model.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.bodies_model.rowCount())
            if self.bodies_model.item(i).checkState() == Qt.CheckState.Checked
        ]
        responsible = [actor_id for _name, actor_id in checked]
        bodies_changed = sorted(name for name, _id in checked) != sorted(info.responsible)
        tags: dict[str, list[str]] = {}
        for kind, edit, current in (
            (TagKind.THEME.value, self.themes, info.themes),
            (TagKind.AFFECTED_GROUP.value, self.groups, info.affected_groups),
            (TagKind.SDG.value, self.sdgs, info.sdg_targets),
        ):
            names = split_list(edit.text())
            if sorted(names) != sorted(current):
                tags[kind] = names
        if not fields and not bodies_changed and not tags:
            return None
        return EditRecommendation(
            info.id, fields, responsible if bodies_changed else None, tags, expected_version=info.version
        )
