"""Issue 22, item 3 in the window: filters by mechanism, recommending State and position; placing other
mechanisms' recommendations in CRC clusters; linking related recommendations; the dashboard's count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crc_reporter.domain.related import RelatedProposal
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.recommendation_queries import get_recommendation_info
from crc_reporter.services.related_recommendations import list_relations, recommendation_at
from crc_reporter.store.engine import Store
from crc_reporter.ui.dialogs.mechanism_dialogs import ClusterPlacementDialog, RelatedDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.pages.dashboard import DashboardPage
from crc_reporter.ui.pages.recommendations import RecommendationsPage
from crc_reporter.ui.settings import AppSettings
from tests.mechanisms_fixture import CO, UPR, add_other_mechanisms

from .mouse import choose, click_row


@pytest.fixture
def mixed_window(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> Iterator[MainWindow]:
    with demo_store.session() as session:
        add_other_mechanisms(session)
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.tasks.wait()


def _wait(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=20_000)


def _page(qtbot: QtBot, win: MainWindow) -> RecommendationsPage:
    win.navigate("recommendations")
    _wait(qtbot, win)
    page = win.pages["recommendations"]
    assert isinstance(page, RecommendationsPage)
    return page


def _shown(page: RecommendationsPage) -> list[RecommendationRow]:
    proxy = page.table.proxy
    return [proxy.record(proxy.index(r, 0)) for r in range(proxy.rowCount())]


def test_filters_by_mechanism_state_and_position(qtbot: QtBot, mixed_window: MainWindow) -> None:
    page = _page(qtbot, mixed_window)
    choose(page.treaty, "UPR")
    upr = _shown(page)
    assert len(upr) == 13 and {r.treaty for r in upr} == {"UPR"}
    row = page.model.row_of(upr[0].id)
    assert row is not None and page.model.data(page.model.index(row, 1)) in {f"110.{i}" for i in range(40, 53)}
    # at 1366 px the less used filters are folded behind "More filters"; a click shows them
    assert page.filters.folded and not page.position.isVisible()
    qtbot.mouseClick(page.filters.more, Qt.MouseButton.LeftButton)
    assert page.position.isVisible() and page.state.isVisible()
    choose(page.state, "Uruguay")
    assert sorted(r.label or "" for r in _shown(page)) == ["110.49", "110.50"]
    choose(page.position, "noted")
    assert [r.label for r in _shown(page)] == ["110.50"]
    qtbot.mouseClick(page.filters.more, Qt.MouseButton.LeftButton)  # folded again: the button counts what is set
    assert not page.position.isVisible() and page.filters.more.text() == "More filters (2)"
    assert [r.label for r in _shown(page)] == ["110.50"]
    qtbot.mouseClick(page.clear, Qt.MouseButton.LeftButton)
    assert len(_shown(page)) > 13 and page.filters.more.text() == "More filters"
    # wide enough, nothing folds
    mixed_window.resize(2400, 900)
    qtbot.waitUntil(lambda: not page.filters.folded)
    assert page.position.isVisible() and not page.filters.more.isVisible()


def test_place_in_clusters_with_the_mouse_and_undo(qtbot: QtBot, mixed_window: MainWindow) -> None:
    _page(qtbot, mixed_window)
    ctx = mixed_window.ctx
    assert ctx is not None
    dialog = ClusterPlacementDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, mixed_window)
    rows = dialog.model.rows()
    assert len(rows) == 15 and "15 recommendations" in dialog.note.text()  # 13 UPR, 2 CEDAW
    first = next(i for i, r in enumerate(rows) if r.rec.reference == "110.45")
    second = next(i for i, r in enumerate(rows) if r.rec.reference == "110.46")
    click_row(dialog.table, dialog.table.proxy.mapFromSource(dialog.model.index(first, 0)).row())
    click_row(
        dialog.table,
        dialog.table.proxy.mapFromSource(dialog.model.index(second, 0)).row(),
        Qt.KeyboardModifier.ControlModifier,
    )
    qtbot.mouseClick(dialog.place, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 13
    with ctx.store.session() as s:
        placed = [get_recommendation_info(s, recommendation_at(s, UPR, ref)) for ref in ("110.45", "110.46")]
    assert all(i is not None and (i.cluster, i.cluster_confirmed) == ("special_protection", True) for i in placed)
    ctx.history.stack.undo()  # one step for both
    with ctx.store.session() as s:
        info = get_recommendation_info(s, recommendation_at(s, UPR, "110.46"))
    assert info is not None and (info.cluster, info.cluster_confirmed) == (None, False)
    dialog.close()


def test_link_a_related_recommendation_with_the_mouse_undo_and_redo(qtbot: QtBot, mixed_window: MainWindow) -> None:
    _page(qtbot, mixed_window)
    ctx = mixed_window.ctx
    assert ctx is not None
    with ctx.store.session() as s:
        crc = recommendation_by_ref(s, CO, 57).id
    dialog = RelatedDialog(ctx, crc)
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, mixed_window)
    proposals: list[RelatedProposal] = dialog.proposals.rows()
    assert proposals and all(crc in (p.left.id, p.right.id) for p in proposals)
    row = next(i for i, p in enumerate(proposals) if p.right.reference == "110.47")
    click_row(dialog.proposal_table, dialog.proposal_table.proxy.mapFromSource(dialog.proposals.index(row, 0)).row())
    qtbot.mouseClick(dialog.link, Qt.MouseButton.LeftButton)
    assert dialog.proposals.rowCount() == len(proposals) - 1
    with ctx.store.session() as s:
        assert [r.other(crc).reference for r in list_relations(s, crc)] == ["110.47"]
    qtbot.waitUntil(lambda: dialog.relations.rowCount() == 1)
    ctx.history.stack.undo()
    with ctx.store.session() as s:
        assert list_relations(s, crc) == []
    ctx.history.stack.redo()
    with ctx.store.session() as s:
        assert [r.other(crc).reference for r in list_relations(s, crc)] == ["110.47"]
    # the Linked tab: unlink with the mouse
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.relation_table.isVisible() and dialog.relations.rowCount() == 1)
    click_row(dialog.relation_table, 0)
    qtbot.mouseClick(dialog.unlink, Qt.MouseButton.LeftButton)
    with ctx.store.session() as s:
        assert list_relations(s, crc) == []
    dialog.close()


def test_dashboard_counts_by_cluster_and_mechanism(qtbot: QtBot, mixed_window: MainWindow) -> None:
    mixed_window.navigate("dashboard")
    _wait(qtbot, mixed_window)
    page = mixed_window.pages["dashboard"]
    assert isinstance(page, DashboardPage) and page.figures is not None
    assert page.mechanism_card.isVisible()
    rows = {r.label: r for r in page.mechanisms.rows}
    waiting = rows["Not yet placed"]
    assert {s.key: s.value for s in waiting.bars[0] if s.value} == {"UPR": 13, "CEDAW": 2}
    assert sum(s.value for s in rows["Special protection"].bars[0] if s.key == "CRC") > 0


def test_reports_page_chooses_the_matrix_mechanisms(qtbot: QtBot, mixed_window: MainWindow) -> None:
    mixed_window.navigate("reports")
    _wait(qtbot, mixed_window)
    form = mixed_window.pages["reports"].form  # type: ignore[attr-defined]
    assert not form.mechanism.isVisibleTo(form)  # a State report answers one set of observations
    choose(form.kind, "matrix")
    assert form.mechanism.isVisibleTo(form)
    choose(form.mechanism, "UPR")
    options = form.options()
    assert options is not None and options.kind == "matrix" and options.mechanism == "UPR"
    choose(form.kind, "state")
    options = form.options()
    assert options is not None and options.mechanism is None
