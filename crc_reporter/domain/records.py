"""What the services hand to the UI, the CLI and the report writers.

Plain frozen dataclasses: no session, no lazy loading, safe to pass to another
thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    text: str
    id: int | None = None
    uuid: str | None = None
    translation: str | None = None  # in the paragraph's translation_lang (an imported translation)


@dataclass(frozen=True, slots=True)
class PreviousRef:
    document: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    uuid: str
    symbol: str
    treaty: str
    type: str
    title: str
    country: str | None
    date: dt.date | None
    next_report_due: dt.date | None
    word_limit: int | None
    paragraphs: int
    version: int = 1

    @property
    def mechanism(self) -> str:
        """The document's mechanism (:class:`~crc_reporter.domain.enums.Mechanism`): its treaty code."""
        return self.treaty


@dataclass(frozen=True, slots=True)
class RecommendationInfo:
    id: int
    uuid: str
    document: str
    treaty: str
    number: int
    text: str
    kind: str
    cluster: str | None
    articles: tuple[str, ...]
    urgent: bool
    parts: tuple[Part, ...] = ()
    previous: tuple[PreviousRef, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    affected_groups: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    government_status: str | None = None
    civil_society_status: str | None = None
    action_count: int = 0
    subheading: str | None = None
    translation: str | None = None  # the paragraph in another language, typed by a person
    translation_lang: str | None = None  # that language's code ("km")
    version: int = 1
    # issue 22: recommendations of other mechanisms (UPR, other treaty bodies, special procedures)
    label: str | None = None  # the number as the document prints it when not a plain paragraph number ("110.45")
    recommending_states: tuple[str, ...] = ()  # UPR: the State(s) that made it
    position: str | None = None  # UPR: UprPosition value ("supported", "supported_in_part", "noted")
    upr_session: str | None = None  # UPR: working group session ("46")
    upr_cycle: int | None = None  # UPR: review cycle (4)
    cluster_confirmed: bool = True  # False: the cluster was proposed (non-CRC recommendation), not yet confirmed

    @property
    def mechanism(self) -> str:
        """The mechanism of the recommendation's document (its treaty code)."""
        return self.treaty

    @property
    def reference(self) -> str:
        """The number as printed: "110.45" for a UPR recommendation, else the paragraph number."""
        return self.label or str(self.number)


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: int
    uuid: str
    name: str
    short_name: str | None
    type: str
    members: tuple[str, ...] = ()
    version: int = 1


@dataclass(frozen=True, slots=True)
class SourceInfo:
    title: str
    url: str | None = None
    file_ref: str | None = None


@dataclass(frozen=True, slots=True)
class ActionLinkInfo:
    document: str
    paragraph: int
    part: str | None = None


@dataclass(frozen=True, slots=True)
class ActionInfo:
    id: int
    uuid: str
    title: str
    description: str
    actor: str | None
    actor_type: str | None
    type: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    outcome: str
    confidential: bool
    sources: tuple[SourceInfo, ...] = ()
    links: tuple[ActionLinkInfo, ...] = ()
    version: int = 1


@dataclass(frozen=True, slots=True)
class AssessmentInfo:
    id: int
    uuid: str
    recommendation_id: int
    part_label: str | None
    side: str
    status: str
    assessed_on: dt.date
    assessor: str | None
    note: str
    evidence: str
    recorded_by: str | None


@dataclass(frozen=True, slots=True)
class IndicatorValueInfo:
    year: int
    value: float
    sex: str | None = None
    age_group: str | None = None
    province: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    id: int
    uuid: str
    name: str
    unit: str
    source: str
    description: str
    values: tuple[IndicatorValueInfo, ...] = field(default_factory=tuple)
    recommendations: tuple[int, ...] = ()
    actions: tuple[int, ...] = ()
    version: int = 1
