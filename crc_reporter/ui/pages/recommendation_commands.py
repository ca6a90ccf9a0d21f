"""The commands of the recommendations page: shortcuts, the rows' context menu, changing many at once.

Each command acts on what the detail pane names (the current row), or, for "Change the selected", on
every selected row; see :mod:`crc_reporter.ui.widgets.keyboard` for how shortcuts and menus are made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from crc_reporter.domain.enums import AssessmentSide
from crc_reporter.domain.related import CRC_FAMILY
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.i18n import _, ngettext
from crc_reporter.services.actors import list_actors
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.ui.commands.actions import LinkAction
from crc_reporter.ui.dialogs.bulk_edit import BulkRecommendationDialog
from crc_reporter.ui.dialogs.mechanism_dialogs import ClusterPlacementDialog, RelatedDialog
from crc_reporter.ui.formatting import number, paragraph_ref
from crc_reporter.ui.widgets.keyboard import page_command, row_menu

if TYPE_CHECKING:
    from crc_reporter.ui.pages.recommendation_detail import RecommendationDetail
    from crc_reporter.ui.pages.recommendations import RecommendationsPage
    from crc_reporter.ui.widgets.tables import RecordTable


class RecommendationCommands:
    def __init__(self, page: RecommendationsPage) -> None:
        self.page = page
        detail: RecommendationDetail = page.detail
        table: RecordTable = page.table
        gov, cs = AssessmentSide.GOVERNMENT.value, AssessmentSide.CIVIL_SOCIETY.value
        self.open = page_command(page, _("Open"), self.open_detail)
        self.assess_government = page_command(
            page,
            _("Record the government's assessment…"),
            lambda: detail.record_assessment(gov),
            "Ctrl+R",
            button=detail.panels[gov].record,
        )
        self.assess_civil_society = page_command(
            page,
            _("Record civil society's assessment…"),
            lambda: detail.record_assessment(cs),
            "Ctrl+Shift+R",
            button=detail.panels[cs].record,
        )
        self.link = page_command(page, _("Link an action…"), detail.pick_action, "Ctrl+L", button=detail.link_existing)
        self.new_action = page_command(
            page, _("New action…"), detail.create_action, "Ctrl+Shift+N", button=detail.new_action
        )
        self.copy = page_command(
            table, _("Copy reference"), self.copy_reference, QKeySequence.StandardKey.Copy, widget_only=True
        )
        self.change = page_command(page, _("Change the selected…"), self.change_selected, "Ctrl+Shift+E")
        self.place = page_command(page, _("Place in CRC clusters…"), self.place_in_clusters)
        self.related = page_command(page, _("Related recommendations…"), self.related_recommendations)
        self.next = page_command(page, _("Next recommendation"), lambda: page.step(1), "F8")
        self.previous = page_command(page, _("Previous recommendation"), lambda: page.step(-1), "Shift+F8")
        for action in (
            self.assess_government,
            self.assess_civil_society,
            self.link,
            self.new_action,
            self.change,
            self.place,
        ):
            page.ctx.access.guard_action(action)
        row_menu(table, self.menu)

    def menu(self) -> list[QAction | None]:
        count = len(self.page.selected_ids())
        self.change.setText(
            ngettext("Change the {n} selected…", "Change the {n} selected…", count).format(n=number(count))
        )
        return [
            self.open,
            self.link,
            self.assess_government,
            self.assess_civil_society,
            self.copy,
            None,
            self.change,
            self.place,
            self.related,
        ]

    def open_detail(self) -> None:
        self.page.detail.tabs.setFocus()

    def copy_reference(self) -> None:
        data = self.page.detail.data
        if data is not None:
            QGuiApplication.clipboard().setText(paragraph_ref(data.info.document, data.info.number))

    def change_selected(self) -> None:
        """Cluster, a responsible body, themes or an assessment for every selected paragraph: one undo step."""
        page = self.page
        ids = page.selected_ids()
        if not ids:
            return
        with page.ctx.store.session() as session:
            infos = list_recommendations(session, RecommendationFilter(ids=ids))
            actors = list_actors(session)
        dialog = BulkRecommendationDialog(infos, actors, page)
        if dialog.exec():
            text = ngettext("Change {n} recommendation", "Change {n} recommendations", len(infos))
            page.ctx.edit_all(text.format(n=number(len(infos))), dialog.edits())

    def place_in_clusters(self) -> None:
        """The CRC cluster proposed for the selected recommendations of other mechanisms (or for all waiting)."""
        rows = [r for r in self.page.table.selected_records() if isinstance(r, RecommendationRow)]
        others = [r.id for r in rows if r.treaty not in CRC_FAMILY]
        ClusterPlacementDialog(self.page.ctx, others or None, self.page).exec()

    def related_recommendations(self) -> None:
        """Recommendations of other mechanisms alike the current one (or, with none current, every pair)."""
        RelatedDialog(self.page.ctx, self.page.detail.rec_id(), self.page).exec()

    # --- drag and drop: actions dropped onto a row are linked to it, in one undoable step ---------
    def link_dropped_actions(self, action_ids: list[int], rec_id: int, part_id: int | None = None) -> None:
        row = next((r for r in self.page._rows if r.id == rec_id), None)
        target = paragraph_ref(row.document, row.number) if row else _("recommendation")
        if len(action_ids) == 1:
            self.page.ctx.edit(LinkAction(action_ids[0], rec_id, part_id, label=target))
        else:
            with self.page.ctx.history.macro(
                _("Link {count} actions to {target}").format(count=number(len(action_ids)), target=target)
            ):
                for action_id in action_ids:
                    self.page.ctx.edit(LinkAction(action_id, rec_id, part_id, label=target))
        self.page.table.select_id(rec_id, scroll=False)
