"""Table models without a window: columns, roles through the proxy, sorting, updates, drag and drop."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.qtbot import QtBot

from crc_reporter.domain.records import ActionInfo, IndicatorInfo, IndicatorValueInfo
from crc_reporter.domain.summaries import RecommendationRow
from crc_reporter.ui.models.actions import ActionTableModel
from crc_reporter.ui.models.base import (
    ID_ROLE,
    RECORD_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
    FilteringProxyModel,
    RecordProxyModel,
)
from crc_reporter.ui.models.indicator_values import IndicatorValuesModel, parse_number
from crc_reporter.ui.models.recommendations import RecommendationTableModel, decode_action_ids, encode_action_ids

M = RecommendationTableModel


def row(rec_id: int, number: int, **kw: object) -> RecommendationRow:
    values: dict[str, object] = {
        "id": rec_id,
        "document": "CRC/C/XMP/CO/5-6",
        "treaty": "CRC",
        "number": number,
        "kind": "recommendation",
        "cluster": "violence",
        "text": f"Paragraph {number} text",
        "urgent": False,
    }
    values.update(kw)
    return RecommendationRow(**values)  # type: ignore[arg-type]


@pytest.fixture
def rows() -> list[RecommendationRow]:
    return [
        row(
            1,
            17,
            urgent=True,
            government_status="implemented",
            responsible=("Ministry of Justice",),
            responsible_short=("MoJ",),
        ),
        row(2, 3, kind="other", cluster=None),
        row(3, 42, civil_society_status="not_implemented", action_count=4),
    ]


def test_columns_and_roles_survive_the_proxy(rows: list[RecommendationRow]) -> None:
    model, proxy = M(), RecordProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    assert proxy.rowCount() == 3 and proxy.columnCount() == 9
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers[M.COL_DOCUMENT] == "Document" and headers[M.COL_ACTIONS] == "Actions"
    assert proxy.headerData(M.COL_URGENT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Urgent"
    first = proxy.index(0, M.COL_DOCUMENT)
    assert first.data() == "XMP/CO/5-6"  # the common prefix is left to the tooltip
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "CRC/C/XMP/CO/5-6"
    assert first.data(RECORD_ROLE) is rows[0] and first.data(ID_ROLE) == 1
    assert proxy.index(0, M.COL_RESPONSIBLE).data() == "MoJ"
    assert proxy.index(0, M.COL_GOVERNMENT).data(STATUS_ROLE) == "implemented"
    assert proxy.index(2, M.COL_GOVERNMENT).data(STATUS_ROLE) == "not_assessed"
    assert proxy.index(2, M.COL_CIVIL_SOCIETY).data() == "Not implemented"
    assert proxy.index(1, M.COL_GOVERNMENT).data(STATUS_ROLE) is None  # introductory paragraph: no badge
    assert proxy.index(2, M.COL_ACTIONS).data() == "4"
    assert proxy.index(0, M.COL_CLUSTER).data(Qt.ItemDataRole.ToolTipRole) == "Violence against children"


def test_sorting_is_done_by_the_model_and_keeps_the_selection(rows: list[RecommendationRow]) -> None:
    model, proxy = M(), RecordProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    persistent = QPersistentModelIndex(model.index(2, 0))  # id 3, as a selection would hold it
    proxy.sort(M.COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ID_ROLE) for r in range(3)] == [2, 1, 3]
    assert proxy.sortColumn() == M.COL_NUMBER
    assert model.record(persistent.row()).id == 3
    proxy.sort(M.COL_ACTIONS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(ID_ROLE) == 3
    # a new set of rows keeps the chosen order
    model.set_rows([row(9, 1, action_count=1), row(8, 2, action_count=7)])
    assert [proxy.index(r, 0).data(ID_ROLE) for r in range(2)] == [8, 9]
    assert proxy.index(0, M.COL_ACTIONS).data(SORT_ROLE) == 7


def test_update_and_remove_rows_in_place(qtbot: QtBot, rows: list[RecommendationRow]) -> None:
    model = M()
    model.set_rows(rows)
    with qtbot.waitSignal(model.dataChanged):
        model.update_records([row(3, 42, government_status="in_progress")])
    assert model.index(model.row_of(3), M.COL_GOVERNMENT).data(STATUS_ROLE) == "in_progress"
    model.update_records([row(99, 1)])  # not shown: ignored
    model.remove_ids([1])
    assert model.rowCount() == 2 and model.row_of(1) is None and model.row_of(3) == 1


def test_actions_dropped_on_a_row_through_the_proxy(qtbot: QtBot, rows: list[RecommendationRow]) -> None:
    model, proxy = M(), RecordProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    data = encode_action_ids([5, 7])
    assert decode_action_ids(data) == [5, 7]
    target = proxy.index(1, M.COL_TEXT)
    assert proxy.canDropMimeData(data, Qt.DropAction.LinkAction, -1, -1, target)
    with qtbot.waitSignal(model.actions_dropped) as signal:
        assert proxy.dropMimeData(data, Qt.DropAction.LinkAction, -1, -1, target)
    assert signal.args == [[5, 7], rows[1].id]


def test_action_rows_drag_their_ids() -> None:
    today = dt.date.today()
    actions = [
        ActionInfo(
            4,
            "u4",
            "Drafting",
            "",
            "Ministry of Justice",
            "government",
            "law",
            "ongoing",
            None,
            today - dt.timedelta(days=3),
            "",
            True,
        ),
        ActionInfo(6, "u6", "Training", "", None, None, "training", "completed", None, None, "", False),
    ]
    model = ActionTableModel()
    model.set_rows(actions)
    model.set_short_names({"Ministry of Justice": "MoJ"})
    assert model.index(0, ActionTableModel.COL_ACTOR).data() == "MoJ"
    assert model.index(0, ActionTableModel.COL_END).data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue
    assert model.index(0, ActionTableModel.COL_CONFIDENTIAL).data(Qt.ItemDataRole.DecorationRole) is not None
    assert decode_action_ids(model.mimeData([model.index(1, 0), model.index(0, 2)])) == [4, 6]
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_filtering_proxy_combines_text_and_a_predicate() -> None:
    model = ActionTableModel()
    model.set_rows(
        [
            ActionInfo(i, f"u{i}", title, "", None, None, "other", status, None, None, "", False)
            for i, (title, status) in enumerate(
                [("Law drafting", "ongoing"), ("Law review", "completed"), ("Data", "ongoing")]
            )
        ]
    )
    proxy = FilteringProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("law")
    assert proxy.rowCount() == 2
    proxy.set_predicate(lambda a: a.status == "ongoing")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Law drafting"]
    proxy.set_predicate(None)
    proxy.setFilterFixedString("")
    assert proxy.rowCount() == 3


def test_indicator_values_grid(qtbot: QtBot) -> None:
    info = IndicatorInfo(
        1,
        "u",
        "Children in detention",
        "children",
        "",
        "",
        values=(
            IndicatorValueInfo(2020, 500),
            IndicatorValueInfo(2021, 480),
            IndicatorValueInfo(2021, 30, sex="female"),
        ),
    )
    model = IndicatorValuesModel()
    model.set_indicator(info)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Year", "Total", "Girls"]
    assert model.index(1, 1).data() == "480" and model.index(0, 2).data() == ""
    assert model.points((None, None, None)) == [(2020, 500), (2021, 480)]
    with qtbot.waitSignal(model.value_edited) as edited:
        assert model.setData(model.index(0, 2), "1 234,5")
    assert edited.args == [2020, ("female", None, None), 1234.5]
    with qtbot.waitSignal(model.invalid_value):
        assert not model.setData(model.index(0, 1), "many")
    with qtbot.waitSignal(model.value_edited) as cleared:
        model.setData(model.index(0, 1), "")
    assert cleared.args[2] is None
    assert model.add_year(2019) == 0 and model.years() == [2019, 2020, 2021]
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(QModelIndex()) is None


@pytest.mark.parametrize(("text", "value"), [("1,234", 1234.0), ("12,5", 12.5), ("1 000.25", 1000.25), (" ", None)])
def test_numbers_as_people_type_them(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def _painted(delegate: object, index: QModelIndex) -> object:
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, index)  # type: ignore[attr-defined]  # what Qt paints the cell with
    return option


def test_cells_are_painted_from_one_call_each_and_keep_nothing_of_the_cell_before(
    qtbot: QtBot, rows: list[RecommendationRow]
) -> None:
    """Qt's delegate asks every role of a cell in one multiData() call, handing the same list over for each
    cell: a role one cell answers (the paragraph number's bold font) must not stay for the next."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from crc_reporter.ui.models.base import PassThroughProxyModel

    model, proxy = M(), PassThroughProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    delegate = QStyledItemDelegate()
    bold = _painted(delegate, proxy.index(0, M.COL_NUMBER))
    after = _painted(delegate, proxy.index(0, M.COL_DOCUMENT))
    assert bold.font.bold() and bold.text == "17"  # type: ignore[attr-defined]
    assert not after.font.bold() and after.text == "XMP/CO/5-6"  # type: ignore[attr-defined]
    again = _painted(delegate, proxy.index(0, M.COL_NUMBER))  # answered from what the cell said before
    assert again.font.bold() and again.text == "17"  # type: ignore[attr-defined]


def test_badges_are_pictures_qt_paints_and_the_text_stays_for_everything_else(
    qtbot: QtBot, rows: list[RecommendationRow]
) -> None:
    from PySide6.QtWidgets import QStyledItemDelegate

    from crc_reporter.ui.models.base import PassThroughProxyModel

    model, proxy = M(), PassThroughProxyModel()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    delegate = QStyledItemDelegate()
    status = _painted(delegate, proxy.index(0, M.COL_GOVERNMENT))
    assert status.text == "" and not status.icon.isNull()  # type: ignore[attr-defined]  # the pill carries the text
    assert proxy.index(0, M.COL_GOVERNMENT).data() == "Implemented"  # copying and screen readers still read it
    assert _painted(delegate, proxy.index(1, M.COL_GOVERNMENT)).icon.isNull()  # type: ignore[attr-defined]
    assert not _painted(delegate, proxy.index(0, M.COL_URGENT)).icon.isNull()  # type: ignore[attr-defined]
    assert _painted(delegate, proxy.index(2, M.COL_URGENT)).icon.isNull()  # type: ignore[attr-defined]
    # a new status after an edit is painted, not the one kept from before
    model.update_records([row(1, 17, urgent=False, government_status="in_progress")])
    assert _painted(delegate, proxy.index(0, M.COL_URGENT)).icon.isNull()  # type: ignore[attr-defined]
    before = status.icon.cacheKey()  # type: ignore[attr-defined]
    assert _painted(delegate, proxy.index(0, M.COL_GOVERNMENT)).icon.cacheKey() != before  # type: ignore[attr-defined]
