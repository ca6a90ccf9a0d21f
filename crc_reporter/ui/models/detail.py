"""Small tables of the detail panes: assessment history, linked actions, an action's links, sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.domain.summaries import LinkedRecommendation
from crc_reporter.i18n import N_
from crc_reporter.i18n.labels import label
from crc_reporter.ui.formatting import short_date, short_status
from crc_reporter.ui.models.base import RIGHT, Column, RecordTableModel


class AssessmentHistoryModel(RecordTableModel[AssessmentInfo]):
    columns: Sequence[Column[AssessmentInfo]] = (
        Column(N_("Date"), lambda a: short_date(a.assessed_on), sort_key=lambda a: (a.assessed_on, a.id), width=88),
        Column(
            N_("Status"),
            lambda a: short_status(a.status),
            status=lambda a: a.status,
            tooltip=lambda a: label(a.status),
            width=130,
        ),
        Column(N_("Part"), lambda a: f"({a.part_label})" if a.part_label else "", width=44),
        Column(
            N_("Note"),
            lambda a: a.note,
            tooltip=lambda a: "\n\n".join(x for x in (a.note, a.evidence) if x),
            stretch=True,
        ),
    )


@dataclass(frozen=True)
class LinkedAction:
    """An action as seen from one recommendation: which part it answers, if only one."""

    id: int
    title: str
    actor: str
    status: str
    part: str | None


class LinkedActionModel(RecordTableModel[LinkedAction]):
    columns: Sequence[Column[LinkedAction]] = (
        Column(N_("Part"), lambda a: f"({a.part})" if a.part else "", width=44),
        Column(N_("Action"), lambda a: a.title, tooltip=lambda a: a.title, stretch=True, width=260),
        Column(N_("Actor"), lambda a: a.actor, width=160),
        Column(N_("Status"), lambda a: label(a.status), status=lambda a: a.status, width=104),
    )

    @staticmethod
    def record_id(record: LinkedAction) -> tuple[int, str | None]:
        return (record.id, record.part)


class LinkedRecommendationModel(RecordTableModel[LinkedRecommendation]):
    columns: Sequence[Column[LinkedRecommendation]] = (
        Column(N_("Document"), lambda r: r.document, width=140),
        Column(N_("Para."), lambda r: r.paragraph, align=RIGHT, width=48),
        Column(N_("Part"), lambda r: f"({r.part})" if r.part else "", width=44),
        Column(N_("Text"), lambda r: r.text, tooltip=lambda r: r.text, stretch=True),
    )

    @staticmethod
    def record_id(record: LinkedRecommendation) -> tuple[int, int | None]:
        return (record.rec_id, record.part_id)
