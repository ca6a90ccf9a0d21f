"""Follow-up with responsible bodies between two reports: update requests and the changes they bring back.

A coordinator asks one responsible body (or coalition member) for updates: an
:class:`UpdateRequest` names what is asked (:class:`Asks`), expanded into one
:class:`RequestItem` per thing asked (a new action for a paragraph, the status
or evidence of one action, an indicator's value for a year, the body's own
assessment of a paragraph). What comes back — by a reply package, an edited
workbook, or typed directly on a shared server by a focal point — is a list of
:class:`ProposedChange`: nothing becomes the record until a coordinator approves
it; one sent back stays visible with the coordinator's note.

Values are the stable keys written to the store, the CLI's JSON and reply
files; never change a value, only add new ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RequestForm(StrEnum):
    """How a request travels: a signed package for someone who runs the app, a workbook for who does not."""

    PACKAGE = "package"
    WORKBOOK = "workbook"
    DIRECT = "direct"  # a focal point typing on the shared server (no file)


class RequestState(StrEnum):
    SENT = "sent"
    ANSWERED = "answered"
    PARTLY_ANSWERED = "partly_answered"
    OVERDUE = "overdue"


class Answer(StrEnum):
    """What a merged reply covered, stored on the request when the reply comes back."""

    FULL = "full"
    PARTIAL = "partial"


class UpdateKind(StrEnum):
    """What is asked for, and what a proposed change is (the same keys for both)."""

    NEW_ACTION = "new_action"  # target: a recommendation (or part) the body has to act on
    ACTION_STATUS = "action_status"  # target: one of the body's actions (status, dates, outcome)
    EVIDENCE = "evidence"  # target: one of the body's actions (a source: title, url)
    INDICATOR_VALUE = "indicator_value"  # target: an indicator, for one year
    ASSESSMENT = "assessment"  # target: a recommendation (or part): the body's own view


class ChangeState(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    SENT_BACK = "sent_back"


@dataclass(frozen=True, slots=True)
class Asks:
    """What a request asks for; ``indicator_years`` empty means no indicator values."""

    new_actions: bool = True
    status_changes: bool = True
    evidence: bool = True
    assessments: bool = False
    indicator_years: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "new_actions": self.new_actions,
            "status_changes": self.status_changes,
            "evidence": self.evidence,
            "assessments": self.assessments,
            "indicator_years": list(self.indicator_years),
        }

    @classmethod
    def from_json(cls, data: object) -> Asks:
        if not isinstance(data, dict):
            return cls()
        years = data.get("indicator_years") or []
        return cls(
            new_actions=bool(data.get("new_actions", True)),
            status_changes=bool(data.get("status_changes", True)),
            evidence=bool(data.get("evidence", True)),
            assessments=bool(data.get("assessments", False)),
            indicator_years=tuple(sorted({int(y) for y in years if isinstance(y, int) and 1900 <= y <= 2200})),
        )

    def kinds(self) -> tuple[UpdateKind, ...]:
        out: list[UpdateKind] = []
        if self.new_actions:
            out.append(UpdateKind.NEW_ACTION)
        if self.status_changes:
            out.append(UpdateKind.ACTION_STATUS)
        if self.evidence:
            out.append(UpdateKind.EVIDENCE)
        if self.indicator_years:
            out.append(UpdateKind.INDICATOR_VALUE)
        if self.assessments:
            out.append(UpdateKind.ASSESSMENT)
        return tuple(out)


def request_state(answer: str | None, due_on: dt.date | None, today: dt.date) -> RequestState:
    """The state shown for a request: what its reply covered, else whether it is past due."""
    if answer == Answer.FULL:
        return RequestState.ANSWERED
    if answer == Answer.PARTIAL:
        return RequestState.PARTLY_ANSWERED
    if due_on is not None and today > due_on:
        return RequestState.OVERDUE
    return RequestState.SENT


def is_late(answer: str | None, due_on: dt.date | None, today: dt.date) -> bool:
    """Past due and not fully answered (a partly answered request can be late too)."""
    return answer != Answer.FULL and due_on is not None and today > due_on


@dataclass(frozen=True, slots=True)
class RequestItemInfo:
    """One thing asked: ``target_uuid`` is the recommendation, action or indicator it is about."""

    uuid: str
    kind: UpdateKind
    target_uuid: str
    label: str  # "CRC/C/KHM/CO/4-6 ¶18(a)", an action's title, an indicator's name
    year: int | None = None
    part_uuid: str | None = None
    open: bool = True  # nothing proposed or approved for it yet (a change sent back reopens it)


@dataclass(frozen=True, slots=True)
class UpdateRequestInfo:
    id: int
    uuid: str
    recipient: str
    recipient_uuid: str | None
    document: str | None  # the scope's symbol; None: every document
    sent_on: dt.date
    due_on: dt.date | None
    form: RequestForm
    language: str
    asks: Asks
    state: RequestState
    late: bool
    answered_on: dt.date | None
    items: int
    open_items: int
    proposed: int = 0
    approved: int = 0
    sent_back: int = 0
    reminder_of: str | None = None  # the uuid of the request this one reminds of
    created_by: str | None = None


@dataclass(frozen=True, slots=True)
class ProposedChangeInfo:
    id: int
    uuid: str
    request_uuid: str | None
    actor: str | None  # the body that proposes it
    kind: UpdateKind
    target_uuid: str | None
    label: str  # what it is about, for people
    payload: dict[str, Any]
    previous: dict[str, Any]  # the record's values when it was proposed (what the body changed)
    state: ChangeState
    proposed_by: str | None
    proposed_at: dt.datetime | None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    note: str = ""  # the coordinator's note when sent back
    result_uuid: str | None = None  # the record an approval made or changed
    item_uuid: str | None = None


@dataclass(frozen=True, slots=True)
class BodyFollowUp:
    """What is still open for one body, over all its requests."""

    actor: str
    actor_uuid: str
    requests: int
    late_requests: int
    open_items: tuple[RequestItemInfo, ...] = field(default_factory=tuple)
    proposed: int = 0  # changes waiting for a coordinator
