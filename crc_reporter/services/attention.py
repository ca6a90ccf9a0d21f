"""What needs attention today (issue 23, item 4): computed for a given day, so tests fix the date.

Each entry says what is late or coming and names the list that shows it. The
entries are grouped (one for every overdue action, one per document for its
urgent recommendations nobody acted on), so the list stays short enough to read
when a store opens.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from crc_reporter.domain.attention import (
    KIND_ORDER,
    AttentionEntry,
    AttentionKind,
    active_dismissals,
    pre_session_deadlines,
)
from crc_reporter.domain.enums import ActionStatus, ActorType, DocumentType
from crc_reporter.domain.follow_up import Answer
from crc_reporter.i18n import _, current_locale, digits, ngettext
from crc_reporter.store.models import Action, ActionLink, Actor, Document, Recommendation, UpdateRequest

#: how far ahead a periodic report's due date is worth a line
REPORT_HORIZON_DAYS = 365
_OPEN = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)
_SETS_DUE_DATE = (DocumentType.CONCLUDING_OBSERVATIONS.value, DocumentType.LOIPR.value)
_SUBMITTED = (DocumentType.STATE_REPORT.value, DocumentType.REPLIES.value)


def attention_entries(
    session: Session, today: dt.date, dismissed: dict[str, dt.date] | None = None
) -> list[AttentionEntry]:
    """Everything that needs attention on ``today``, less what was dismissed until a later day."""
    entries = [
        *_overdue_requests(session, today),
        *_overdue_actions(session, today),
        *_urgent_without_action(session),
        *_reports_due(session, today),
        *_alternative_deadlines(session, today),
    ]
    hidden = active_dismissals(dismissed or {}, today)
    kept = [e for e in entries if e.key not in hidden]
    return sorted(kept, key=lambda e: (KIND_ORDER.index(e.kind), e.due or dt.date.max, e.document or "", e.key))


def _latest_per_treaty(session: Session, types: tuple[str, ...]) -> list[Document]:
    """The newest dated document of these types for each treaty."""
    latest: dict[str, Document] = {}
    for doc in session.scalars(
        select(Document).where(Document.doc_type.in_(types)).order_by(Document.date.desc().nulls_last(), Document.id)
    ):
        latest.setdefault(doc.treaty_code, doc)
    return list(latest.values())


def _overdue_requests(session: Session, today: dt.date) -> list[AttentionEntry]:
    """Update requests past their due date and not fully answered; one a reminder followed counts no more."""
    reminded = select(UpdateRequest.reminder_of_id).where(UpdateRequest.reminder_of_id.is_not(None))
    count = (
        session.scalar(
            select(func.count())
            .select_from(UpdateRequest)
            .where(
                UpdateRequest.due_on < today,
                or_(UpdateRequest.answer.is_(None), UpdateRequest.answer != Answer.FULL.value),
                UpdateRequest.id.not_in(reminded),
            )
        )
        or 0
    )
    if not count:
        return []
    return [
        AttentionEntry(
            key=AttentionKind.REQUESTS_OVERDUE.value,
            kind=AttentionKind.REQUESTS_OVERDUE,
            count=count,
            page="follow_up",
            target={"filters": {"late": True}},
        )
    ]


def _overdue_actions(session: Session, today: dt.date) -> list[AttentionEntry]:
    count = (
        session.scalar(
            select(func.count()).select_from(Action).where(Action.end_date < today, Action.status.in_(_OPEN))
        )
        or 0
    )
    if not count:
        return []
    return [
        AttentionEntry(
            key=AttentionKind.ACTIONS_OVERDUE.value,
            kind=AttentionKind.ACTIONS_OVERDUE,
            count=count,
            page="actions",
            target={"filters": {"overdue": True}},
        )
    ]


def _urgent_without_action(session: Session) -> list[AttentionEntry]:
    """Per latest concluding observations of each treaty: its urgent paragraphs with no linked action."""
    entries = []
    for doc in _latest_per_treaty(session, (DocumentType.CONCLUDING_OBSERVATIONS.value,)):
        ids = list(
            session.scalars(
                select(Recommendation.id)
                .where(
                    Recommendation.document_id == doc.id,
                    Recommendation.urgent.is_(True),
                    ~exists().where(ActionLink.recommendation_id == Recommendation.id),
                )
                .order_by(Recommendation.number)
            )
        )
        if ids:
            target: dict[str, object] = (
                {"rec_id": ids[0]}
                if len(ids) == 1
                else {"filters": {"document": doc.symbol, "urgent": True, "without_action": True}}
            )
            entries.append(
                AttentionEntry(
                    key=f"{AttentionKind.URGENT_WITHOUT_ACTION.value}:{doc.symbol}",
                    kind=AttentionKind.URGENT_WITHOUT_ACTION,
                    count=len(ids),
                    document=doc.symbol,
                    page="recommendations",
                    target=target,
                )
            )
    return entries


def _submitted_after(session: Session, treaty: str, day: dt.date | None) -> bool:
    """Whether a State party report (or replies, under the simplified procedure) came in after ``day``."""
    if day is None:
        return False
    found = session.scalar(
        select(Document.id)
        .where(Document.treaty_code == treaty, Document.doc_type.in_(_SUBMITTED), Document.date > day)
        .limit(1)
    )
    return found is not None


def _reports_due(session: Session, today: dt.date) -> list[AttentionEntry]:
    """The next periodic report of each treaty, from the newest document that set its date, when it is due
    within 12 months (or already late) and was not submitted since."""
    entries = []
    latest: dict[str, Document] = {}
    for doc in session.scalars(
        select(Document)
        .where(Document.doc_type.in_(_SETS_DUE_DATE), Document.next_report_due.is_not(None))
        .order_by(Document.date.desc().nulls_last(), Document.id)
    ):
        latest.setdefault(doc.treaty_code, doc)
    for doc in latest.values():
        due = doc.next_report_due
        if (
            due is None
            or (due - today).days > REPORT_HORIZON_DAYS
            or _submitted_after(session, doc.treaty_code, doc.date)
        ):
            continue
        entries.append(
            AttentionEntry(
                key=f"{AttentionKind.REPORT_DUE.value}:{doc.symbol}",
                kind=AttentionKind.REPORT_DUE,
                document=doc.symbol,
                due=due,
                days_left=(due - today).days,
                page="reports",
                target={"kind": "state"},
            )
        )
    return entries


def _alternative_deadlines(session: Session, today: dt.date) -> list[AttentionEntry]:
    """For a store that keeps a coalition: once the State party's report answering the latest concluding
    observations is in, the next deadline for the alternative report before a pre-sessional working group."""
    has_coalition = session.scalar(select(Actor.id).where(Actor.actor_type == ActorType.COALITION.value).limit(1))
    if has_coalition is None:
        return []
    entries = []
    for doc in _latest_per_treaty(session, (DocumentType.CONCLUDING_OBSERVATIONS.value,)):
        stmt = select(func.max(Document.date)).where(
            Document.treaty_code == doc.treaty_code, Document.doc_type == DocumentType.STATE_REPORT.value
        )
        if doc.date is not None:
            stmt = stmt.where(Document.date > doc.date)
        report_date: dt.date | None = session.execute(stmt).scalar()
        if report_date is None:
            continue
        deadline, session_month = pre_session_deadlines(max(today, report_date), 1)[0]
        entries.append(
            AttentionEntry(
                key=f"{AttentionKind.ALTERNATIVE_DEADLINE.value}:{doc.treaty_code}:{deadline.isoformat()}",
                kind=AttentionKind.ALTERNATIVE_DEADLINE,
                document=doc.symbol,
                due=deadline,
                days_left=(deadline - today).days,
                session=session_month,
                page="reports",
                target={"kind": "alternative"},
            )
        )
    return entries


def _date(day: dt.date | None, pattern: str = "long") -> str:
    if day is None:
        return ""
    try:
        return digits(format_date(day, format=pattern, locale=current_locale()))
    except (ValueError, LookupError):
        return digits(day.isoformat())


def number(value: int) -> str:
    return digits(format_decimal(value, locale=current_locale()))


def describe(entry: AttentionEntry) -> str:
    """The entry in one line of the user's language."""
    n = entry.count
    if entry.kind == AttentionKind.REQUESTS_OVERDUE:
        return ngettext("{n} update request past its due date", "{n} update requests past their due date", n).format(
            n=number(n)
        )
    if entry.kind == AttentionKind.ACTIONS_OVERDUE:
        return ngettext("{n} action past its target date", "{n} actions past their target date", n).format(n=number(n))
    if entry.kind == AttentionKind.URGENT_WITHOUT_ACTION:
        return ngettext(
            "{n} urgent recommendation of {document} has no action",
            "{n} urgent recommendations of {document} have no action",
            n,
        ).format(n=number(n), document=entry.document)
    days = entry.days_left or 0
    when = (
        ngettext("{n} day left", "{n} days left", days).format(n=number(days))
        if days >= 0
        else ngettext("{n} day late", "{n} days late", -days).format(n=number(-days))
    )
    due = _date(entry.due)
    if entry.kind == AttentionKind.REPORT_DUE:
        return _("Next periodic report (after {document}) due on {date}: {when}").format(
            document=entry.document, date=due, when=when
        )
    month = _date(entry.session, "LLLL y")
    return _("Alternative report for the pre-sessional working group of {month}: due on {date}, {when}").format(
        month=month, date=due, when=when
    )
