"""One picture across mechanisms (issue 22): place other mechanisms' recommendations in CRC clusters, and
link recommendations of different mechanisms about the same issue.

Both dialogs list what the proposers found (a table each, loaded on a worker),
and every decision is an undoable edit made at once; the rows decided leave
the list. Opened from the Recommendations page (its commands and context menu).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import CLUSTER_ORDER
from crc_reporter.domain.related import LINKED, REJECTED, ClusterPlacement, RecRef, RelatedProposal, Relation
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services.cluster_placement import propose_clusters
from crc_reporter.services.related_recommendations import list_relations, propose_related
from crc_reporter.ui.commands.records import EditRecommendation
from crc_reporter.ui.commands.related import JudgeRelated, UnlinkRelated
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.formatting import number
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel
from crc_reporter.ui.tasks import TaskControl
from crc_reporter.ui.widgets.cards import muted_label
from crc_reporter.ui.widgets.scrolling import fit_to_screen
from crc_reporter.ui.widgets.tables import RecordTable


def ref_name(ref: RecRef) -> str:
    return f"{ref.document} {ref.reference}"


class PlacementModel(RecordTableModel[ClusterPlacement]):
    columns: Sequence[Column[ClusterPlacement]] = (
        Column(N_("Recommendation"), lambda p: ref_name(p.rec), sort_key=lambda p: (p.rec.document, p.rec.number)),
        Column(N_("Text"), lambda p: p.rec.text, tooltip=lambda p: p.rec.text, stretch=True, width=300),
        Column(N_("Proposed cluster"), lambda p: label(p.proposed) if p.proposed else "—", width=170),
        Column(N_("Why"), lambda p: "; ".join(p.reasons), tooltip=lambda p: "; ".join(p.reasons), width=200),
    )

    @staticmethod
    def record_id(record: ClusterPlacement) -> int:
        return record.rec.id


class ProposalModel(RecordTableModel[RelatedProposal]):
    columns: Sequence[Column[RelatedProposal]] = (
        Column(N_("Score"), lambda p: f"{p.score:.2f}", sort_key=lambda p: -p.score, align=RIGHT, width=56),
        Column(N_("Recommendation"), lambda p: ref_name(p.left), tooltip=lambda p: p.left.text, width=170),
        Column(N_("Related"), lambda p: ref_name(p.right), tooltip=lambda p: p.right.text, width=170),
        Column(N_("Text"), lambda p: p.right.text, tooltip=lambda p: p.right.text, stretch=True, width=260),
        Column(N_("Words in common"), lambda p: ", ".join(p.shared), width=180),
    )

    @staticmethod
    def record_id(record: RelatedProposal) -> tuple[int, int]:
        return (record.left.id, record.right.id)


class RelationModel(RecordTableModel[Relation]):
    columns: Sequence[Column[Relation]] = (
        Column(N_("Recommendation"), lambda r: ref_name(r.left), tooltip=lambda r: r.left.text, width=190),
        Column(N_("Related"), lambda r: ref_name(r.right), tooltip=lambda r: r.right.text, width=190),
        Column(N_("Text"), lambda r: r.right.text, tooltip=lambda r: r.right.text, stretch=True, width=260),
    )


def _table(model: RecordTableModel, name: str) -> RecordTable:
    table = RecordTable(model)
    table.setAccessibleName(name)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setMinimumHeight(220)
    return table


class ClusterPlacementDialog(QDialog):
    """The CRC cluster proposed for each recommendation of another mechanism; place the selected ones."""

    def __init__(self, ctx: AppContext, ids: Sequence[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ids = ctx, list(ids) if ids else None
        self.setWindowTitle(_("Place in CRC clusters"))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        self.note = muted_label(_("Looking for proposals…"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = PlacementModel(self)
        self.table = _table(self.model, _("Proposed clusters"))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Place the selected in")))
        self.target = QComboBox()
        self.target.setAccessibleName(_("Cluster"))
        self.target.addItem(_("The proposed cluster"), None)
        for key in CLUSTER_ORDER:
            self.target.addItem(label(key.value), key.value)
        row.addWidget(self.target, 1)
        self.place = QPushButton(_("Place"))
        self.place.setObjectName("Primary")
        self.place.clicked.connect(self.place_selected)
        row.addWidget(self.place)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ctx.access.guard(self.place)
        fit_to_screen(self, grow_to_hint=True)
        self.load()

    def load(self) -> None:
        ids = self.ids

        def work(session: Session, _control: TaskControl) -> list[ClusterPlacement]:
            return propose_clusters(session, ids=ids, include_confirmed=ids is not None)

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=self.show_rows, show_progress=False)

    def show_rows(self, rows: list[ClusterPlacement]) -> None:
        self.model.set_rows(rows)
        self.note.setText(
            ngettext(
                "{n} recommendation of another mechanism to place. Select rows, then Place.",
                "{n} recommendations of other mechanisms to place. Select rows, then Place.",
                len(rows),
            ).format(n=number(len(rows)))
            if rows
            else _("Every recommendation of another mechanism is placed in a cluster.")
        )

    def place_selected(self) -> None:
        chosen = [r for r in self.table.selected_records() if isinstance(r, ClusterPlacement)]
        target = self.target.currentData()
        edits = []
        for placement in chosen:
            cluster = target or placement.proposed
            if cluster:
                edits.append(EditRecommendation(placement.rec.id, {"cluster": cluster, "cluster_confirmed": True}))
        if not edits:
            return
        text = ngettext("Place {n} recommendation in a cluster", "Place {n} recommendations in clusters", len(edits))
        done = self.ctx.edit_all(text.format(n=number(len(edits))), edits)  # type: ignore[arg-type]
        self.model.remove_ids(e.rec_id for e in edits[:done])
        self.show_rows(self.model.rows())


class RelatedDialog(QDialog):
    """Recommendations of different mechanisms whose texts are alike, to link or reject; and the links made."""

    def __init__(self, ctx: AppContext, rec_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.rec_id = ctx, rec_id
        self.setWindowTitle(_("Related recommendations across mechanisms"))
        self.setMinimumWidth(800)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        proposed = QWidget()
        box = QVBoxLayout(proposed)
        self.note = muted_label(_("Comparing the texts…"))
        self.note.setWordWrap(True)
        box.addWidget(self.note)
        self.proposals = ProposalModel(self)
        self.proposal_table = _table(self.proposals, _("Proposed pairs"))
        box.addWidget(self.proposal_table, 1)
        row = QHBoxLayout()
        self.link = QPushButton(_("Link"))
        self.link.setObjectName("Primary")
        self.reject_button = QPushButton(_("Reject"))
        self.reject_button.setToolTip(_("Not the same issue: this pair is not proposed again"))
        row.addWidget(self.link)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(proposed, _("Proposed"))

        linked = QWidget()
        box = QVBoxLayout(linked)
        self.relations = RelationModel(self)
        self.relation_table = _table(self.relations, _("Linked recommendations"))
        box.addWidget(self.relation_table, 1)
        row = QHBoxLayout()
        self.unlink = QPushButton(_("Unlink"))
        row.addWidget(self.unlink)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(linked, _("Linked"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.link.clicked.connect(lambda: self.judge(LINKED))
        self.reject_button.clicked.connect(lambda: self.judge(REJECTED))
        self.unlink.clicked.connect(self.unlink_selected)
        ctx.access.guard(self.link, self.reject_button, self.unlink)
        ctx.events.recommendations_changed.connect(lambda _ids: self.load_links())
        fit_to_screen(self, grow_to_hint=True)
        self.load()

    def load(self) -> None:
        only = [self.rec_id] if self.rec_id is not None else None

        def work(session: Session, _control: TaskControl) -> tuple[list[RelatedProposal], list[Relation]]:
            return propose_related(session, only=only), list_relations(session, self.rec_id)

        def done(result: tuple[list[RelatedProposal], list[Relation]]) -> None:
            proposals, relations = result
            self.proposals.set_rows(proposals)
            self.relations.set_rows(relations)
            self._count()

        self.ctx.tasks.run(work, store=self.ctx.store, on_success=done, show_progress=False)

    def load_links(self) -> None:
        with self.ctx.store.session() as session:
            self.relations.set_rows(list_relations(session, self.rec_id))

    def _count(self) -> None:
        n = self.proposals.rowCount()
        self.note.setText(
            ngettext(
                "{n} pair of recommendations of different mechanisms with alike texts, best first.",
                "{n} pairs of recommendations of different mechanisms with alike texts, best first.",
                n,
            ).format(n=number(n))
            if n
            else _("No pair of recommendations of different mechanisms waits for a decision.")
        )

    def judge(self, status: str) -> None:
        chosen = [p for p in self.proposal_table.selected_records() if isinstance(p, RelatedProposal)]
        if not chosen:
            return
        commands = [
            JudgeRelated(p.left.id, p.right.id, status, p.score, f"{ref_name(p.left)} – {ref_name(p.right)}")
            for p in chosen
        ]
        if len(commands) == 1:
            done = int(self.ctx.edit(commands[0]))
        else:
            text = ngettext("Link {n} pair", "Link {n} pairs", len(commands))
            if status == REJECTED:
                text = ngettext("Reject {n} pair", "Reject {n} pairs", len(commands))
            done = self.ctx.edit_all(text.format(n=number(len(commands))), commands)  # type: ignore[arg-type]
        self.proposals.remove_ids((p.left.id, p.right.id) for p in chosen[:done])
        self._count()

    def unlink_selected(self) -> None:
        for relation in [r for r in self.relation_table.selected_records() if isinstance(r, Relation)]:
            names = f"{ref_name(relation.left)} – {ref_name(relation.right)}"
            self.ctx.edit(UnlinkRelated(relation.id, relation.left.id, relation.right.id, names))
