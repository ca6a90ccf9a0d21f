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
from crc_reporter.domain.related import RecRef


@dataclass(frozen=True, slots=True)
class LinkedAction:
    action: ActionInfo
    parts: tuple[str, ...] = ()  # the lettered parts of this paragraph it answers; () = the whole paragraph


@dataclass(frozen=True, slots=True)
class CitedParagraph:
    """A paragraph of earlier concluding observations that a question cites ("previous_reference" rows),
    with what was done about it: replies carry it over instead of asking for it again."""

    document: str
    number: int
    subheading: str | None = None
    found: bool = True  # False: the cited document or paragraph is not in the store
    actions: tuple[LinkedAction, ...] = ()
    indicators: tuple[IndicatorInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One paragraph of the document answered, with everything linked to it."""

    recommendation: RecommendationInfo
    actions: tuple[LinkedAction, ...] = ()
    indicators: tuple[IndicatorInfo, ...] = ()
    government: AssessmentInfo | None = None  # the latest whole-paragraph assessment of each side
    civil_society: AssessmentInfo | None = None
    #: for a question of a list of issues: the concluding observations' paragraphs it cites
    cited: tuple[CitedParagraph, ...] = ()

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
class CoalitionEntry:
    """A question for the list of issues, or a recommendation a coalition proposes (``kind``)."""

    id: int
    uuid: str
    kind: str  # "question" or "recommendation"
    text: str
    document_id: int
    recommendation_id: int | None
    paragraph: int | None  # the paragraph's number; None for an entry about a whole cluster
    cluster: str | None  # the paragraph's cluster, or the cluster the entry is attached to
    position: int
    version: int


@dataclass(frozen=True, slots=True)
class StateReportRefs:
    """The paragraphs of an imported State party report, by cluster and by the observations' paragraph they cite."""

    symbol: str
    by_cluster: dict[str, tuple[int, ...]]
    by_paragraph: dict[int, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class OtherRecommendation:
    """A recommendation of another mechanism (UPR, CEDAW…) about the same State, with the actions answering it."""

    rec: RecRef
    actions: tuple[LinkedAction, ...] = ()


@dataclass(frozen=True, slots=True)
class OtherMechanisms:
    """What the reports cite from other mechanisms (issue 22).

    ``by_recommendation``: the recommendations a person linked to each paragraph answered (by its id);
    ``by_cluster``: those placed in a cluster (confirmed) and linked to none of the paragraphs answered."""

    by_recommendation: dict[int, tuple[OtherRecommendation, ...]]
    by_cluster: dict[str, tuple[OtherRecommendation, ...]]


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
    #: replies to a list of issues: laws, policies and programmes acted on since the concluding observations
    #: the questions cite (Part II, new developments), and the date of those observations
    developments: tuple[LinkedAction, ...] = ()
    developments_since: dt.date | None = None
    #: the alternative report: what the coalition entered (questions, proposed recommendations), report order
    coalition_entries: tuple[CoalitionEntry, ...] = ()
    #: the alternative report: the State party report's paragraphs on the same clusters and paragraphs
    state_report: StateReportRefs | None = None
    #: the State and alternative reports: related recommendations of other mechanisms (issue 22)
    other_mechanisms: OtherMechanisms | None = None

    @property
    def items(self) -> tuple[ReportItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


_PART_II = ("new developments", "faits nouveaux", "part ii", "deuxième partie")
_PART_III = ("data, statistics", "données, statistiques", "statistical data", "part iii", "troisième partie")


def list_part(recommendation: RecommendationInfo) -> int:
    """Which part of a list of issues a paragraph belongs to, from its sub-heading: 2 for "New developments",
    3 for "Data, statistics and other information", else 1 (the questions)."""
    heading = (recommendation.subheading or "").casefold()
    if any(heading.startswith(p) for p in _PART_III):
        return 3
    if any(heading.startswith(p) for p in _PART_II):
        return 2
    return 1
