"""The entries of "What needs attention today": one row each, worded in the interface's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crc_reporter.domain.attention import AttentionEntry
from crc_reporter.i18n import N_, _
from crc_reporter.services.attention import describe
from crc_reporter.ui.icons import icon
from crc_reporter.ui.models.base import Column, RecordTableModel
from crc_reporter.ui.style import DANGER, theme


class AttentionModel(RecordTableModel[AttentionEntry]):
    COL_TEXT = 0
    columns: Sequence[Column[AttentionEntry]] = (
        Column(N_("What needs attention"), describe, tooltip=describe, stretch=True, width=300),
    )

    @staticmethod
    def record_id(record: AttentionEntry) -> Any:
        return record.key

    def extra_data(self, record: AttentionEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("urgent" if record.late else "reports", DANGER if record.late else theme().muted)
        if role == Qt.ItemDataRole.ForegroundRole and record.late:
            return QColor(DANGER)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _("Late") if record.late else ""
        return None
