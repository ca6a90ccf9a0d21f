"""The rows of the import preview: each paragraph found, its kind, cluster, urgency and what importing does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crc_reporter.domain.parsed import ParsedDocument
from crc_reporter.i18n import N_, _
from crc_reporter.i18n.labels import label
from crc_reporter.services.importing import DocumentReport
from crc_reporter.ui.commands.versioned import field_label
from crc_reporter.ui.formatting import short_cluster
from crc_reporter.ui.models.base import CENTER, RIGHT, Column, RecordTableModel
from crc_reporter.ui.style import DANGER

#: What importing does to a paragraph (``ParagraphChange.status``).
CHANGE_LABELS: dict[str, str] = {
    "added": N_("New"),
    "updated": N_("Updated"),
    "unchanged": N_("Unchanged"),
    "kept_edited": N_("Kept as you edited it"),
    "removed_from_source": N_("Not in this file (kept)"),
    "deleted": N_("Deleted"),
}
_CHANGE_COLORS = {"added": "#2f7d4f", "updated": "#1f55ad", "kept_edited": "#8a6d00", "removed_from_source": DANGER}


@dataclass(frozen=True)
class PreviewRow:
    number: int
    kind: str
    cluster: str | None
    urgent: bool
    parts: int
    status: str  # a CHANGE_LABELS key; "" before the store was compared
    changed: tuple[str, ...]
    text: str
    label: str | None = None  # "110.45": the number as printed (a UPR recommendation)

    @property
    def id(self) -> int:
        return self.number


def rows_from_report(doc: DocumentReport) -> list[PreviewRow]:
    return [
        PreviewRow(c.number, c.kind, c.cluster, c.urgent, c.parts, c.status, c.changed, c.text, c.label)
        for c in doc.changes
    ]


def rows_from_parsed(doc: ParsedDocument) -> list[PreviewRow]:
    """Before the symbol is known the store cannot be compared: show what was read."""
    return [
        PreviewRow(p.number, p.kind, p.cluster, p.urgent, len(p.parts), "", (), " ".join(p.text.split()), p.label)
        for p in doc.paragraphs
    ]


def change_text(row: PreviewRow) -> str:
    if not row.status:
        return ""
    text = _(CHANGE_LABELS.get(row.status, row.status))
    if row.status == "updated" and row.changed:
        text += " (" + ", ".join(field_label(f).lower() for f in row.changed) + ")"
    return text


class ImportPreviewModel(RecordTableModel[PreviewRow]):
    COL_URGENT = 3
    COL_CHANGE = 5
    columns: Sequence[Column[PreviewRow]] = (
        Column(N_("No."), lambda r: r.label or r.number, align=RIGHT, sample="000.000"),
        Column(N_("Kind"), lambda r: label(r.kind), sample="Recommendation", width=92),  # fits Khmer "Concern"
        Column(
            N_("Cluster"),
            lambda r: short_cluster(r.cluster) if r.cluster else "—",
            tooltip=lambda r: label(r.cluster) if r.cluster else "",
            sample="Disability, health, welfare",
        ),
        Column(N_("Urgent"), lambda r: _("Urgent") if r.urgent else "", align=CENTER, sample="Urgent"),
        Column(N_("Parts"), lambda r: r.parts or "", align=RIGHT, sample="Parts"),
        Column(N_("On import"), change_text, tooltip=change_text, sample="Kept as you edited it"),
        Column(N_("Text"), lambda r: r.text, tooltip=lambda r: r.text, stretch=True, width=300),
    )

    def extra_data(self, record: PreviewRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_URGENT and record.urgent:
                return QColor(DANGER)
            if column == self.COL_CHANGE and record.status in _CHANGE_COLORS:
                return QColor(_CHANGE_COLORS[record.status])
        return None
