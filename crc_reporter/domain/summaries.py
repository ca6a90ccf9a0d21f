"""Read-only figures for lists and the dashboard: light rows and aggregates.

Frozen dataclasses like :mod:`crc_reporter.domain.records`, but shaped for one
screen each: a table row carries only what its columns and filters need, so a
list of 20,000 stays small and quick to build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    """One line of the recommendations table (the full record is loaded on selection)."""

    id: int
    document: str
    treaty: str
    number: int
    kind: str
    cluster: str | None
    text: str  # the opening of the paragraph, enough for a table cell
    urgent: bool
    responsible: tuple[str, ...] = ()
    responsible_short: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    government_status: str | None = None
    civil_society_status: str | None = None
    action_count: int = 0
    subheading: str | None = None
    document_date: dt.date | None = None
    translation: str | None = None  # the opening of the translation typed beside the text, if any
    translation_lang: str | None = None
    # issue 22 (see RecommendationInfo): the document's mechanism is ``treaty``
    label: str | None = None
    recommending_states: tuple[str, ...] = ()
    position: str | None = None
    cluster_confirmed: bool = True


@dataclass(frozen=True, slots=True)
class ActorUsage:
    """What refers to an actor: shown before editing, deleting or merging it."""

    actor_id: int
    actions: int
    responsible_for: int
    assessments: int
    member_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentUsage:
    document_id: int
    paragraphs: int
    urgent: int
    linked_actions: int
    assessments: int


@dataclass(frozen=True, slots=True)
class ClusterStatus:
    """How many paragraphs of a cluster each side considers in each status."""

    cluster: str | None
    total: int
    government: dict[str, int] = field(default_factory=dict)
    civil_society: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UrgentItem:
    id: int
    document: str
    number: int
    title: str  # the subheading, or the opening words
    government_status: str | None
    civil_society_status: str | None


@dataclass(frozen=True, slots=True)
class ActorActions:
    actor: str
    short_name: str | None
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True, slots=True)
class NextReport:
    document: str  # the concluding observations that set the date
    due: dt.date
    days_left: int
    word_limit: int | None


@dataclass(frozen=True, slots=True)
class OverdueAction:
    id: int
    title: str
    actor: str | None
    end_date: dt.date
    days_overdue: int
    status: str


@dataclass(frozen=True, slots=True)
class IndicatorTrend:
    id: int
    name: str
    unit: str
    points: tuple[tuple[int, float], ...]  # (year, value) of the whole population, oldest first


@dataclass(frozen=True, slots=True)
class MechanismCounts:
    """Recommendations of one cluster by mechanism (issue 22); ``cluster`` None with ``placed`` False: other
    mechanisms' recommendations whose cluster no person has confirmed yet."""

    cluster: str | None
    by_mechanism: dict[str, int]
    placed: bool = True

    @property
    def total(self) -> int:
        return sum(self.by_mechanism.values())


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    scope: str | None  # the document the figures are about; None means the whole store
    today: dt.date
    paragraphs: int
    assessed_government: int
    assessed_civil_society: int
    clusters: tuple[ClusterStatus, ...] = ()
    urgent: tuple[UrgentItem, ...] = ()
    actions_by_actor: tuple[ActorActions, ...] = ()
    next_report: NextReport | None = None
    overdue: tuple[OverdueAction, ...] = ()
    overdue_count: int = 0
    trends: tuple[IndicatorTrend, ...] = ()
    #: every mechanism's recommendations on the scope's State, by cluster (only when some are not the CRC's)
    mechanisms: tuple[MechanismCounts, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkedRecommendation:
    """A paragraph (or one part of it) that an action answers."""

    rec_id: int
    part_id: int | None
    document: str
    paragraph: int
    part: str | None
    text: str
