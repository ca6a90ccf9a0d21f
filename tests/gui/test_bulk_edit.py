"""Work on many at once (issue 17, item 6): rows selected with the mouse, changed together, undone in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crc_reporter.domain.records import ActionInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services.actions import action_info
from crc_reporter.services.assessments import assessment_history
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.ui.dialogs.bulk_edit import BulkActionDialog, BulkRecommendationDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.actions import ActionsPage
from crc_reporter.ui.pages.recommendations import RecommendationsPage

from .conftest import Idle
from .mouse import click_row

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def test_five_recommendations_changed_together_and_undone_in_one_step(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigate("recommendations")
    idle()
    page = window.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    click_row(page.table, 2)
    click_row(page.table, 5, SHIFT)  # rows 2 to 5
    click_row(page.table, 8, CTRL)  # and row 8
    chosen = [r for r in page.table.selected_records() if isinstance(r, RecommendationRow)]
    assert len(chosen) == 5
    ids = [r.id for r in chosen]
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        before = {i.id: i for i in list_recommendations(s, RecommendationFilter(ids=ids))}
        history = {i: len(assessment_history(s, i)) for i in ids}

    def fill(dialog: BulkRecommendationDialog) -> int:
        dialog.cluster.setCurrentIndex(dialog.cluster.findData("violence"))
        dialog.themes.setText("Bulk theme")
        dialog.side.setCurrentIndex(dialog.side.findData("civil_society"))
        dialog.status.setCurrentIndex(dialog.status.findData("partially_implemented"))
        dialog.note.setPlainText("Reviewed together")
        return 1

    monkeypatch.setattr(BulkRecommendationDialog, "exec", fill)
    page.table.customContextMenuRequested.emit(page.table.visualRect(page.table.currentIndex()).center())
    menu = page.table.context_menu  # type: ignore[attr-defined]
    change = next(a for a in menu.actions() if a.text().startswith("Change the 5 selected"))
    menu.close()
    change.trigger()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        after = {i.id: i for i in list_recommendations(s, RecommendationFilter(ids=ids))}
        assert all(after[i].cluster == "violence" and "Bulk theme" in after[i].themes for i in ids)
        assert all(after[i].civil_society_status == "partially_implemented" for i in ids)
        assert all(len(assessment_history(s, i)) == history[i] + 1 for i in ids)
    assert window.ctx.history.stack.undoText() == "Change 5 recommendations"  # type: ignore[union-attr]
    window.undo_action.trigger()  # once
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        undone = {i.id: i for i in list_recommendations(s, RecommendationFilter(ids=ids))}
        assert all(len(assessment_history(s, i)) == history[i] for i in ids)
    for i in ids:
        assert (undone[i].cluster, undone[i].themes, undone[i].civil_society_status) == (
            before[i].cluster,
            before[i].themes,
            before[i].civil_society_status,
        )


def test_actions_status_and_actor_changed_together(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigate("actions")
    idle()
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    click_row(page.table, 1)
    click_row(page.table, 5, SHIFT)
    chosen = [r for r in page.table.selected_records() if isinstance(r, ActionInfo)]
    assert len(chosen) == 5

    def fill(dialog: BulkActionDialog) -> int:
        dialog.status.setCurrentIndex(dialog.status.findData("completed"))
        dialog.actor.setCurrentIndex(dialog.actor.findText("Ministry of Justice"))
        return 1

    monkeypatch.setattr(BulkActionDialog, "exec", fill)
    page.commands.change.trigger()
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert all(
            (action_info(s, a.id).status, action_info(s, a.id).actor) == ("completed", "Ministry of Justice")
            for a in chosen
        )
    window.undo_action.trigger()
    idle()
    with window.ctx.store.session() as s:  # type: ignore[union-attr]
        assert all((action_info(s, a.id).status, action_info(s, a.id).actor) == (a.status, a.actor) for a in chosen)
