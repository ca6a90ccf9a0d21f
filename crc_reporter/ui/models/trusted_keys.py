"""The table of the keys a store trusts (Settings ▸ Trusted keys)."""

from __future__ import annotations

from collections.abc import Sequence

from crc_reporter.i18n import N_
from crc_reporter.services.exchange import TrustedKeyInfo
from crc_reporter.ui.formatting import date_time
from crc_reporter.ui.models.base import Column, RecordTableModel


class TrustedKeyModel(RecordTableModel[TrustedKeyInfo]):
    columns: Sequence[Column[TrustedKeyInfo]] = (
        Column(N_("Name"), lambda k: k.name, tooltip=lambda k: k.name, stretch=True, width=160),
        Column(N_("Fingerprint"), lambda k: k.fingerprint, tooltip=lambda k: k.fingerprint, width=260),
        Column(
            N_("Trusted since"),
            lambda k: date_time(k.added_at),
            sort_key=lambda k: k.added_at,
            sample="30 September 2026, 23:59",
        ),
        Column(N_("By"), lambda k: k.added_by, sample="Sokha Chan"),
    )

    @staticmethod
    def record_id(record: TrustedKeyInfo) -> object:
        return record.fingerprint
