"""The detail pane of one recommendation: text and parts, both sides' assessments, linked actions.

Loaded only when a row is selected (one paragraph, a handful of queries).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.domain.records import AssessmentInfo, IndicatorInfo, RecommendationInfo
from crc_reporter.domain.report_records import CoalitionEntry
from crc_reporter.i18n import _
from crc_reporter.services.actions import ActionFilter, list_actions
from crc_reporter.services.actors import list_actors
from crc_reporter.services.assessments import assessment_history
from crc_reporter.services.coalition_inputs import entries_for_recommendation
from crc_reporter.services.indicators import list_indicators
from crc_reporter.services.recommendation_queries import get_recommendation_info
from crc_reporter.services.recommendation_rows import recommendation_id_at
from crc_reporter.services.search import query_terms, spellings
from crc_reporter.ui.commands.actions import LinkAction
from crc_reporter.ui.commands.assessments import RecordAssessment
from crc_reporter.ui.context import AppContext
from crc_reporter.ui.dialogs.action_dialog import new_action_for
from crc_reporter.ui.dialogs.assessment import AssessmentDialog
from crc_reporter.ui.dialogs.pickers import ActionPicker
from crc_reporter.ui.dialogs.recommendation_dialog import RecommendationDialog
from crc_reporter.ui.formatting import integer, number, paragraph_ref
from crc_reporter.ui.models.detail import LinkedAction, LinkedActionModel
from crc_reporter.ui.models.recommendations import ACTION_MIME, decode_action_ids
from crc_reporter.ui.pages.assessment_panel import SidePanel
from crc_reporter.ui.pages.coalition_panel import CoalitionPanel
from crc_reporter.ui.pages.recommendation_text import recommendation_html
from crc_reporter.ui.pages.recommendation_translation import TranslationPanel
from crc_reporter.ui.style import theme
from crc_reporter.ui.widgets.cards import muted_label, section_label
from crc_reporter.ui.widgets.scrolling import ScrollBody
from crc_reporter.ui.widgets.tables import RecordTable

PART_ROLE = 0x0100 + 10


@dataclass
class DetailData:
    info: RecommendationInfo
    history: list[AssessmentInfo]
    actions: list[LinkedAction]
    indicators: list[IndicatorInfo]
    previous_ids: list[int | None]
    coalition: list[CoalitionEntry]


def load_detail(session: Session, rec_id: int) -> DetailData | None:
    info = get_recommendation_info(session, rec_id)
    if info is None:
        return None
    linked = []
    for action in list_actions(session, ActionFilter(recommendation_id=rec_id)):
        for link in action.links:
            if link.document == info.document and link.paragraph == info.number:
                linked.append(LinkedAction(action.id, action.title, action.actor or "", action.status, link.part))
    return DetailData(
        info=info,
        history=assessment_history(session, rec_id),
        actions=linked,
        indicators=list_indicators(session, rec_id=rec_id),
        previous_ids=[recommendation_id_at(session, p.document, p.paragraph) for p in info.previous],
        coalition=entries_for_recommendation(session, rec_id),
    )


class PartDropList(QListView):
    """ "Whole paragraph", "(a)", "(b)"…: drop actions here to link them to that part."""

    dropped = Signal(list, object)  # action ids, part id (None: the whole paragraph)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(_("Link to a part"))

    def set_parts(self, info: RecommendationInfo) -> None:
        self.items.clear()
        whole = QStandardItem(_("Whole paragraph"))
        whole.setData(None, PART_ROLE)
        self.items.appendRow(whole)
        for part in info.parts:
            item = QStandardItem(f"({part.label}) {part.text}")
            item.setToolTip(part.text)
            item.setData(part.id, PART_ROLE)
            self.items.appendRow(item)
        self.setCurrentIndex(self.items.index(0, 0))

    def selected_part(self) -> int | None:
        index = self.currentIndex()
        return index.data(PART_ROLE) if index.isValid() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(ACTION_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if event.mimeData().hasFormat(ACTION_MIME) and index.isValid():
            self.setCurrentIndex(index)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        ids = decode_action_ids(event.mimeData())
        if ids and index.isValid():
            self.dropped.emit(ids, index.data(PART_ROLE))
            event.acceptProposedAction()


class RecommendationDetail(QFrame):
    follow = Signal(int)  # a recommendation id to show (an earlier recommendation was clicked)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DetailData | None = None
        self._terms: list[str] = []  # the words of the search, marked in the text
        self.setObjectName("Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.placeholder = muted_label(_("Select a recommendation to see its text, assessments and actions."))
        self.placeholder.setMargin(16)
        self.stack.addWidget(self.placeholder)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt;")
        top.addWidget(self.heading, 1)
        self.edit_button = QPushButton(_("Edit classification…"))
        self.edit_button.setToolTip(_("Kind, cluster, urgency, articles, responsible bodies, themes, SDG targets"))
        self.edit_button.clicked.connect(self.edit_classification)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.stack.addWidget(body)

        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Text of the recommendation"))
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._anchor)
        self.tabs.addTab(self.text, _("Text"))

        sides = QWidget()
        side_layout = QHBoxLayout(sides)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.panels = {side.value: SidePanel(side.value) for side in AssessmentSide}
        for i, panel in enumerate(self.panels.values()):
            if i:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.VLine)
                line.setObjectName("Divider")
                side_layout.addWidget(line)
            side_layout.addWidget(panel, 1)
            panel.record_requested.connect(self.record_assessment)
        # on a short window the notes and the history keep their height and the tab scrolls
        self.tabs.addTab(ScrollBody(sides), _("Assessments"))

        actions = QWidget()
        action_layout = QHBoxLayout(actions)
        action_layout.setContentsMargins(8, 8, 8, 8)
        left = QVBoxLayout()
        left.addWidget(section_label(_("Link to")))
        self.parts = PartDropList()
        self.parts.setMaximumWidth(260)
        self.parts.dropped.connect(self.link_actions)
        left.addWidget(self.parts, 1)
        left.addWidget(muted_label(_("Drop actions here, or use the buttons.")))
        action_layout.addLayout(left)
        right = QVBoxLayout()
        self.linked_model = LinkedActionModel(self)
        self.linked = RecordTable(self.linked_model)
        self.linked.setAccessibleName(_("Linked actions"))
        self.linked.doubleClicked.connect(lambda _i: self.open_action())
        right.addWidget(self.linked, 1)
        buttons = QHBoxLayout()
        self.new_action = QPushButton(_("New action…"))
        self.new_action.setObjectName("Primary")
        self.link_existing = QPushButton(_("Link an action…"))
        self.unlink = QPushButton(_("Unlink"))
        self.open = QPushButton(_("Open in Actions"))
        for button in (self.new_action, self.link_existing, self.unlink, self.open):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        action_layout.addLayout(right, 1)
        self.actions_tab = ScrollBody(actions)
        self.tabs.addTab(self.actions_tab, _("Actions"))
        self.translation = TranslationPanel(ctx)  # last, so the other tabs keep their places
        self.translation_tab = ScrollBody(self.translation)
        self.tabs.addTab(self.translation_tab, _("Translation"))
        self.coalition = CoalitionPanel(ctx, compact=True)
        self.coalition_tab = ScrollBody(self.coalition)
        self.tabs.addTab(self.coalition_tab, _("Alternative report"))
        self.new_action.clicked.connect(self.create_action)
        self.link_existing.clicked.connect(self.pick_action)
        self.unlink.clicked.connect(self.unlink_action)
        self.open.clicked.connect(self.open_action)
        ctx.access.guard(self.edit_button, self.new_action, self.link_existing, self.unlink)
        ctx.access.guard(*(panel.record for panel in self.panels.values()))
        self.parts.setAcceptDrops(ctx.access.allowed)

    # --- showing ----------------------------------------------------------------------------------
    def rec_id(self) -> int | None:
        return self.data.info.id if self.data else None

    def show_recommendation(self, rec_id: int | None) -> None:
        data = None
        if rec_id is not None:
            with self.ctx.store.session() as session:
                data = load_detail(session, rec_id)
        self.show_data(data)

    def show_loading(self) -> None:
        """While a paragraph's detail loads in the background: none shown, so no command acts on the last."""
        self.data = None
        self.stack.setCurrentIndex(0)

    def show_data(self, data: DetailData | None) -> None:
        """Show a detail loaded beforehand (:func:`load_detail`), or the placeholder for None."""
        self.data = data
        if data is None:
            self.stack.setCurrentIndex(0)
            return
        info = data.info
        urgent = ' <span style="color:{};">●&nbsp;{}</span>'.format(theme().danger, _("Urgent")) if info.urgent else ""
        self.heading.setText(
            _("{document}, paragraph {number}").format(
                document=info.document, number=info.label or integer(info.number)
            )
            + urgent
        )
        self.text.setHtml(recommendation_html(info, data.indicators, data.previous_ids))
        self._mark_search_hits()
        for panel in self.panels.values():
            panel.show_history(data.history)
        self.parts.set_parts(info)
        self.linked_model.set_rows(data.actions)
        self.translation.show_recommendation(info)
        self.coalition.show_recommendation(info.id, data.coalition)
        self.tabs.setTabText(
            self.tabs.indexOf(self.actions_tab),
            _("Actions ({count})").format(count=number(len({a.id for a in data.actions}))),
        )
        self.stack.setCurrentIndex(1)

    def highlight(self, query: str) -> None:
        """Mark the words of a search in the text shown (and in every paragraph shown next)."""
        terms = query_terms(query)
        if terms != self._terms:
            self._terms = terms
            self._mark_search_hits()

    def _mark_search_hits(self) -> None:
        hit = QTextCharFormat()
        hit.setBackground(QColor(theme().hit))
        hit.setForeground(QColor(theme().hit_text))
        document = self.text.document()
        marks: list[QTextEdit.ExtraSelection] = []
        for term in self._terms:
            for spelling in spellings(term):
                cursor = document.find(spelling)
                while not cursor.isNull() and len(marks) < 500:
                    mark = QTextEdit.ExtraSelection()
                    mark.cursor = cursor
                    mark.format = hit
                    marks.append(mark)
                    cursor = document.find(spelling, cursor)
        self.text.setExtraSelections(marks)

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "rec" and url.path().isdigit():
            self.follow.emit(int(url.path()))

    # --- edits -----------------------------------------------------------------------------------------
    def record_assessment(self, side: str) -> None:
        if self.data is None:
            return
        dialog = AssessmentDialog(self.ctx, self.data.info, side, self)
        if dialog.exec():
            values = dialog.values()
            self.ctx.edit(RecordAssessment(self.data.info.id, side, **values))

    def edit_classification(self) -> None:
        if self.data is None:
            return
        with self.ctx.store.session() as session:
            actors = list_actors(session)
        dialog = RecommendationDialog(self.data.info, actors, self)
        if dialog.exec() and (command := dialog.command()) is not None:
            self.ctx.edit(command)

    def link_actions(self, action_ids: list[int], part_id: int | None) -> None:
        if self.data is None:
            return
        info = self.data.info
        part = next((p.label for p in info.parts if p.id == part_id), None)
        target = paragraph_ref(info.document, info.number, part)
        with self.ctx.history.macro(_("Link actions to {target}").format(target=target)):
            for action_id in action_ids:
                self.ctx.edit(LinkAction(action_id, info.id, part_id, label=target))

    def pick_action(self) -> None:
        if self.data is None:
            return
        picker = ActionPicker(self.ctx, self.data.info, self.parts.selected_part(), self)
        if picker.exec() and picker.chosen():
            self.link_actions(picker.chosen(), picker.part_id())

    def create_action(self) -> None:
        if self.data is None:
            return
        new_action_for(self.ctx, self.data.info, self.parts.selected_part(), self)

    def unlink_action(self) -> None:
        record = self.linked.current_record()
        if self.data is None or not isinstance(record, LinkedAction):
            return
        info = self.data.info
        part_id = next((p.id for p in info.parts if p.label == record.part), None) if record.part else None
        target = paragraph_ref(info.document, info.number, record.part)
        self.ctx.edit(LinkAction(record.id, info.id, part_id, link=False, label=target))

    def open_action(self) -> None:
        record = self.linked.current_record()
        if isinstance(record, LinkedAction):
            self.ctx.navigate("actions", action_id=record.id)
