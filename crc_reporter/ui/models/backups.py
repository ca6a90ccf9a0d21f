"""The table of a store's backups (newest first)."""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.i18n import N_, _
from crc_reporter.services.backups import BackupInfo
from crc_reporter.ui.formatting import date_time, file_size
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel

#: What each kind of backup is called (``BackupInfo.reason``; upgrades carry their revision).
REASONS: dict[str, str] = {
    "auto": N_("Automatic"),
    "manual": N_("Made on request"),
    "before-import": N_("Before an import"),
    "before-merge": N_("Before a merge"),
    "before-restore": N_("Before a restore"),
    "before-upgrade": N_("Before an upgrade"),
    "damaged": N_("The damaged store, kept"),
}


def reason_text(reason: str) -> str:
    kind = "before-upgrade" if reason.startswith("before-upgrade") else reason  # upgrades carry their revision
    if kind in REASONS:
        return _(REASONS[kind])
    if reason.startswith("before-"):
        return _("Before: {what}").format(what=reason.removeprefix("before-").replace("-", " "))
    return reason.replace("-", " ")


class BackupTableModel(RecordTableModel[BackupInfo]):
    columns: Sequence[Column[BackupInfo]] = (
        Column(
            N_("Taken"),
            lambda b: date_time(b.created),
            sort_key=lambda b: b.created,
            tooltip=lambda b: b.name,
            sample="30 September 2026, 23:59",
        ),
        Column(N_("Kind"), lambda b: reason_text(b.reason), stretch=True, width=200),
        Column(N_("Size"), lambda b: file_size(b.size), sort_key=lambda b: b.size, align=RIGHT, sample="12.4 MB"),
    )

    @staticmethod
    def record_id(record: BackupInfo) -> object:
        return record.path
