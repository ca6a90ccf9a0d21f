"""The tables of the merge dialog: what a package holds and would change, its conflicts, both versions of one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from crc_reporter.i18n import N_, _
from crc_reporter.services.exchange import Conflict, ConflictKind, MergeResult, PackageInfo, Resolution
from crc_reporter.services.exchange.schema import ORDER
from crc_reporter.ui.exchange_texts import (
    CHOICES,
    CONFLICT_KINDS,
    CONFLICT_KINDS_SHORT,
    field_name,
    field_value,
    kind_plural,
    kind_singular,
)
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel
from crc_reporter.ui.style import theme


def _count(n: int) -> int | str:
    return n or ""


# --- what the package holds, and what merging it would change -------------------------------------


@dataclass(frozen=True)
class KindCount:
    table: str
    in_package: int
    added: int
    updated: int
    deleted: int

    @property
    def id(self) -> str:
        return self.table


def kind_counts(info: PackageInfo, preview: MergeResult | None) -> list[KindCount]:
    """One row per kind the package carries or the merge touches, in the order of the schema."""
    rows = []
    for table in ORDER:
        added = preview.added.get(table, 0) if preview else 0
        updated = preview.updated.get(table, 0) if preview else 0
        deleted = preview.deleted.get(table, 0) if preview else 0
        held = info.counts.get(table, 0)
        if held or added or updated or deleted:
            rows.append(KindCount(table, held, added, updated, deleted))
    return rows


class KindCountsModel(RecordTableModel[KindCount]):
    COL_ADDED, COL_UPDATED, COL_DELETED = 2, 3, 4
    columns: Sequence[Column[KindCount]] = (
        Column(N_("Kind of record"), lambda r: kind_plural(r.table), stretch=True, width=200),
        Column(N_("In the package"), lambda r: _count(r.in_package), align=RIGHT, sample="00,000"),
        Column(N_("New here"), lambda r: _count(r.added), align=RIGHT, sample="00,000"),
        Column(N_("Updated"), lambda r: _count(r.updated), align=RIGHT, sample="00,000"),
        Column(N_("Deleted"), lambda r: _count(r.deleted), align=RIGHT, sample="00,000"),
    )

    def extra_data(self, record: KindCount, column: int, role: int) -> Any:
        t = theme()  # the scheme shown now: legible light and dark
        colours = {self.COL_ADDED: t.success, self.COL_UPDATED: t.info, self.COL_DELETED: t.danger}
        if role == Qt.ItemDataRole.ForegroundRole and column in colours:
            return QColor(colours[column])
        return None


# --- the conflicts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictItem:
    conflict: Conflict
    choice: Resolution | None = None

    @property
    def id(self) -> str:
        return self.conflict.uuid


def differs_text(conflict: Conflict) -> str:
    """Short, for the column: the fields both sides changed, or what happened to the record."""
    if conflict.kind is ConflictKind.BOTH_CHANGED and conflict.fields:
        return ", ".join(field_name(f) for f in conflict.fields)
    return _(CONFLICT_KINDS_SHORT[conflict.kind])


def differs_tooltip(conflict: Conflict) -> str:
    text = _(CONFLICT_KINDS[conflict.kind])
    if conflict.fields:
        text += " (" + ", ".join(field_name(f).lower() for f in conflict.fields) + ")"
    return text


def choice_text(item: ConflictItem) -> str:
    return _(CHOICES[item.choice]) if item.choice is not None else _("Not decided")


class ConflictTableModel(RecordTableModel[ConflictItem]):
    COL_CHOICE = 3
    columns: Sequence[Column[ConflictItem]] = (
        Column(
            N_("Which record"), lambda r: r.conflict.label, tooltip=lambda r: r.conflict.label, stretch=True, width=220
        ),
        Column(N_("Kind"), lambda r: kind_singular(r.conflict.table), sample="Paragraph"),
        Column(
            N_("What differs"),
            lambda r: differs_text(r.conflict),
            tooltip=lambda r: differs_tooltip(r.conflict),
            width=130,
        ),
        Column(N_("Your choice"), choice_text, sample="Take theirs"),
    )

    def set_choice(self, uuid: str, choice: Resolution | None) -> None:
        row = self.row_of(uuid)
        if row is None:
            return
        item = self.record(row)
        if choice is None or choice in item.conflict.choices:
            self.update_records([ConflictItem(item.conflict, choice)])

    def resolutions(self) -> dict[str, Resolution]:
        return {r.conflict.uuid: r.choice for r in self.rows() if r.choice is not None}

    def extra_data(self, record: ConflictItem, column: int, role: int) -> Any:
        if column == self.COL_CHOICE and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(theme().muted) if record.choice is None else QColor(theme().info)
        if column == self.COL_CHOICE and role == Qt.ItemDataRole.FontRole and record.choice is not None:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None


# --- both versions of one conflict, side by side ------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    key: str
    mine: str
    theirs: str
    differs: bool

    @property
    def id(self) -> str:
        return self.key


def version_rows(conflict: Conflict) -> list[VersionRow]:
    """Every field of the record, mine and theirs; a deleted side reads "deleted" on its first line."""
    keys = list(conflict.mine or conflict.theirs or {})
    gone = "— " + _("deleted") + " —"
    rows = []
    for index, key in enumerate(keys):
        mine = field_value(conflict.mine[key]) if conflict.mine is not None else (gone if index == 0 else "")
        theirs = field_value(conflict.theirs[key]) if conflict.theirs is not None else (gone if index == 0 else "")
        differs = key in conflict.fields or conflict.mine is None or conflict.theirs is None
        rows.append(VersionRow(key, mine, theirs, differs))
    # what differs first: a paragraph's text may be long, the change is what the person must see
    return sorted(rows, key=lambda r: r.key not in conflict.fields)


class VersionsModel(RecordTableModel[VersionRow]):
    columns: Sequence[Column[VersionRow]] = (
        Column(N_("Field"), lambda r: field_name(r.key), sample="Responsible bodies"),
        Column(N_("Mine (this store)"), lambda r: r.mine, tooltip=lambda r: r.mine, stretch=True),
        Column(N_("Theirs (the package)"), lambda r: r.theirs, tooltip=lambda r: r.theirs, stretch=True),
    )

    def extra_data(self, record: VersionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and record.differs:
            return QColor(theme().changed)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # long texts wrap: read from the top
        return super().data(index, role)
