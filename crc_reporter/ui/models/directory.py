"""Tables of actors, documents and indicators (small: Qt's own quick filter is enough)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crc_reporter.domain.records import ActorInfo, DocumentInfo, IndicatorInfo
from crc_reporter.domain.summaries import ActorUsage, DocumentUsage
from crc_reporter.i18n import N_
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import integer, number, short_date
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel


@dataclass(frozen=True)
class ActorRow:
    info: ActorInfo
    usage: ActorUsage

    @property
    def id(self) -> int:
        return self.info.id


def _actor_name(row: ActorRow) -> str:
    short = row.info.short_name
    return f"{row.info.name} ({short})" if short and short != row.info.name else row.info.name


class ActorTableModel(RecordTableModel[ActorRow]):
    columns: Sequence[Column[ActorRow]] = (
        Column(N_("Name"), _actor_name, sort_key=lambda r: r.info.name, tooltip=_actor_name, stretch=True, width=240),
        Column(N_("Type"), lambda r: label(r.info.type), width=110),
        Column(N_("Actions"), lambda r: r.usage.actions or "", sort_key=lambda r: r.usage.actions, align=RIGHT),
        Column(
            N_("Responsible for"),
            lambda r: r.usage.responsible_for or "",
            sort_key=lambda r: r.usage.responsible_for,
            align=RIGHT,
        ),
    )


@dataclass(frozen=True)
class DocumentRow:
    info: DocumentInfo
    usage: DocumentUsage

    @property
    def id(self) -> int:
        return self.info.id


class DocumentTableModel(RecordTableModel[DocumentRow]):
    columns: Sequence[Column[DocumentRow]] = (
        Column(N_("Symbol"), lambda r: r.info.symbol, width=150, sample="CRC/C/OPAC/XMP/CO/1"),
        Column(N_("Type"), lambda r: label(r.info.type), tooltip=lambda r: r.info.title, stretch=True, width=200),
        Column(N_("Date"), lambda r: short_date(r.info.date), sort_key=lambda r: r.info.date, sample="2028-12-31"),
        Column(N_("Paragraphs"), lambda r: r.info.paragraphs or "", sort_key=lambda r: r.info.paragraphs, align=RIGHT),
    )


def latest_total(info: IndicatorInfo) -> tuple[int, float] | None:
    totals = [(v.year, v.value) for v in info.values if not (v.sex or v.age_group or v.province)]
    return max(totals) if totals else None


def _latest_text(info: IndicatorInfo) -> str:
    latest = latest_total(info)
    return f"{number(latest[1], 2)} ({integer(latest[0])})" if latest else ""  # e.g. "36.5 (2024)"


class IndicatorTableModel(RecordTableModel[IndicatorInfo]):
    columns: Sequence[Column[IndicatorInfo]] = (
        Column(N_("Indicator"), lambda i: i.name, tooltip=lambda i: i.description or i.name, stretch=True, width=240),
        Column(N_("Unit"), lambda i: i.unit, width=84),
        Column(
            N_("Latest value"), _latest_text, sort_key=lambda i: latest_total(i), align=RIGHT, sample="1,234.5 (2024)"
        ),
    )
