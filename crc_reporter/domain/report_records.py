"""What a report needs, gathered from the store in one go (see ``services.report_data``).

Frozen dataclasses, safe to hand to a background thread: the report writers
never touch the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crc_reporter.domain.records import (
    ActionInfo,
    ActorInfo,
    AssessmentInfo,
    DocumentInfo,
    IndicatorInfo,
    RecommendationInfo,
)


@dataclass(frozen=True, slots=True)
class LinkedAction:
    action: ActionInfo
    parts: tuple[str, ...] = ()  # the lettered parts of this paragraph it answers; () = the whole paragraph


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One paragraph of the document answered, with everything linked to it."""

    recommendation: RecommendationInfo
    actions: tuple[LinkedAction, ...] = ()
    indicators: tuple[IndicatorInfo, ...] = ()
    government: AssessmentInfo | None = None  # the latest whole-paragraph assessment of each side
    civil_society: AssessmentInfo | None = None

    @property
    def number(self) -> int:
        return self.recommendation.number

    @property
    def kind(self) -> str:
        return self.recommendation.kind


@dataclass(frozen=True, slots=True)
class ClusterSection:
    """A reporting cluster (``key`` = ``""`` for paragraphs outside the clusters)."""

    key: str
    title: str  # English title from the reference data (reports translate by key)
    articles_text: str  # "arts. 4, 42 and 44 (6)"
    items: tuple[ReportItem, ...]


@dataclass(frozen=True, slots=True)
class ProtocolSection:
    """The latest concluding observations on an Optional Protocol (their follow-up goes in the CRC report)."""

    document: DocumentInfo
    items: tuple[ReportItem, ...]


@dataclass(frozen=True, slots=True)
class ReportData:
    document: DocumentInfo
    state_name: str
    sections: tuple[ClusterSection, ...]  # guideline order (CRC/C/58/Rev.3), then paragraphs outside clusters
    protocols: tuple[ProtocolSection, ...] = ()
    coalition: ActorInfo | None = None
    coalition_members: tuple[ActorInfo, ...] = ()
    include_confidential: bool = False
    confidential_left_out: int = 0
    generated_on: dt.date | None = None

    @property
    def items(self) -> tuple[ReportItem, ...]:
        return tuple(item for section in self.sections for item in section.items)
