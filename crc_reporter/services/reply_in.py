"""The coordinator's side: take a reply (a signed ``.crcreply`` or the edited request workbook) as proposals.

Nothing in the record changes: each answer becomes a *proposed* change for a
coordinator to approve or send back (:mod:`crc_reporter.services.proposals`),
and the request is marked answered in full or in part. A reply is refused
whole, with one line and nothing changed, when it is unsigned or signed by a
key this store does not trust, when it answers a request this store never
sent, or when any of its answers (a workbook row) cannot be read. Merged twice,
a reply adds nothing the second time (each answer keeps its id).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_mod
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.errors import ServiceError
from crc_reporter.domain.follow_up import RequestForm, RequestState, UpdateKind, request_state
from crc_reporter.domain.roles import Role
from crc_reporter.domain.text import clean_text
from crc_reporter.i18n import N_, _
from crc_reporter.services import follow_up_files as files
from crc_reporter.services.exchange.validate import UUID_RE, PackageError
from crc_reporter.services.interchange.columns import BY_KEY
from crc_reporter.services.interchange.tracker_apply import apply_tracker
from crc_reporter.services.interchange.tracker_read import is_tracker, read_tracker
from crc_reporter.services.permissions import require_role
from crc_reporter.services.proposals import mark_answer, propose
from crc_reporter.store.models import (
    Action,
    Actor,
    Assessment,
    IndicatorValue,
    RequestItem,
    TrustedKey,
    UpdateRequest,
)

_WORKBOOK_NS = uuid_mod.UUID("0c3e9a52-6f7b-4d1e-b1a4-23b0aa0c0023")
#: what a workbook's edited rows may propose; other edits are listed as not taken
_ACTION_FIELDS = ("status", "end_date", "outcome")


@dataclass(frozen=True)
class ReplyResult:
    name: str
    request_uuid: str
    recipient: str
    form: RequestForm
    added: int  # new proposed changes
    already: int  # answers this store already had (the reply merged before)
    not_taken: tuple[str, ...]  # workbook edits a reply does not carry, one line each
    state: RequestState
    signer: str | None = None


def _refuse(name: str, reason: str) -> PackageError:
    return PackageError(_("{name} was refused: {reason}; nothing was changed").format(name=name, reason=reason))


def _request(session: Session, uuid: Any, name: str) -> UpdateRequest:
    request = None
    if isinstance(uuid, str) and UUID_RE.match(uuid):
        request = session.scalar(select(UpdateRequest).where(UpdateRequest.uuid == uuid))
    if request is None:
        raise _refuse(name, _("it answers an update request this store never sent"))
    return request


def merge_reply(session: Session, data: bytes, name: str, *, today: dt.date | None = None) -> ReplyResult:
    """Take a reply package or request workbook; raises a one-line :class:`PackageError` when refused."""
    require_role(session, Role.COORDINATOR, N_("merge replies to update requests"))
    if files.looks_like(data):
        return _merge_package(session, data, name, today)
    if is_tracker(data):
        return _merge_workbook(session, data, name, today)
    raise _refuse(name, _("it is neither a reply package nor a request workbook made by CRC Reporter"))


def _result(
    session: Session,
    request: UpdateRequest,
    name: str,
    form: RequestForm,
    counts: tuple[int, int],
    today: dt.date | None,
    not_taken: tuple[str, ...] = (),
    signer: str | None = None,
) -> ReplyResult:
    mark_answer(session, request, today)
    day = today or dt.date.today()
    return ReplyResult(
        name,
        request.uuid,
        request.recipient_name,
        form,
        counts[0],
        counts[1],
        not_taken,
        request_state(request.answer, request.due_on, day),
        signer,
    )


def _merge_package(session: Session, data: bytes, name: str, today: dt.date | None) -> ReplyResult:
    signed = files.read(data, name, files.REPLY)
    if signed.signer_fingerprint is None:
        raise _refuse(name, _("it is not signed; ask for a reply signed with the sender's key"))
    trusted = session.get(TrustedKey, signed.signer_fingerprint)
    if trusted is None:
        raise _refuse(
            name,
            _("it is signed by a key this store does not trust ({fp}); trust the sender's key first").format(
                fp=signed.signer_fingerprint
            ),
        )
    head = signed.content.get("reply")
    changes = signed.content.get("changes")
    if not isinstance(head, dict) or not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise _refuse(name, _("its content is malformed"))
    request = _request(session, head.get("request"), name)
    recipient = session.get(Actor, request.recipient_id) if request.recipient_id else None
    claimed = head.get("recipient", {}).get("uuid") if isinstance(head.get("recipient"), dict) else None
    if recipient is not None and claimed != recipient.uuid:
        raise _refuse(name, _("it answers a request sent to someone else"))
    by = " ".join(clean_text(str(head.get("by") or "")).split())[:120] or trusted.name
    items = {i.uuid: i for i in request.items}
    counts = [0, 0]
    nested = session.begin_nested()
    try:
        number = 0
        for number, entry in enumerate(changes, start=1):  # noqa: B007 - named in the refusal
            item = items.get(entry.get("item")) if entry.get("item") is not None else None
            if entry.get("item") is not None and item is None:
                raise ServiceError(_("the answer does not match anything the request asks"))
            if not isinstance(entry.get("uuid"), str) or not UUID_RE.match(entry["uuid"]):
                raise ServiceError(_("its content is malformed"))
            payload = entry.get("payload")
            _row, new = propose(
                session,
                kind=str(entry.get("kind")),
                target_uuid=str(entry.get("target") or ""),
                payload=payload if isinstance(payload, dict) else {},
                actor=recipient,
                request=request,
                item=item,
                uuid=entry["uuid"],
                origin=RequestForm.PACKAGE,
                proposed_by=by,
            )
            counts[0 if new else 1] += 1
    except ServiceError as exc:
        nested.rollback()
        raise _refuse(name, _("answer {n}: {problem}").format(n=number, problem=exc)) from None
    nested.commit()
    return _result(session, request, name, RequestForm.PACKAGE, (counts[0], counts[1]), today, (), trusted.name)


# --- the request workbook -------------------------------------------------------------------


def _max_id(session: Session, model: type[Action] | type[Assessment] | type[IndicatorValue]) -> int:
    return int(session.scalar(select(func.max(model.id))) or 0)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _at(sheet: str, row: int, problem: str) -> str:
    return _("{sheet}, row {row}: {problem}").format(sheet=sheet, row=row, problem=problem)


def _workbook_changes(
    session: Session, sheets: Any, name: str
) -> tuple[list[tuple[str, str, dict[str, Any]]], list[str]]:
    """Apply the workbook in a savepoint, read what it did, undo it: (kind, target uuid, payload), not taken."""
    titles = {_(sheet.title): key for key, sheet in BY_KEY.items()}
    before = {m: _max_id(session, m) for m in (Action, Assessment, IndicatorValue)}
    values_before = {v.uuid: (v.indicator.uuid, v.year) for v in session.scalars(select(IndicatorValue))}
    out: list[tuple[str, str, dict[str, Any]]] = []
    not_taken: list[str] = []
    nested = session.begin_nested()
    try:
        report = apply_tracker(session, sheets)
        problems = [_at(p.sheet, p.row, p.message) for p in report.problems]
        problems += [_at(sheet, row, _("a record this store does not have")) for sheet, row, _u in report.unknown_rows]
        if problems:
            raise ServiceError(problems[0])
        edits: dict[str, dict[str, Any]] = {}
        for change in report.changes:
            key = titles.get(change.sheet, "")
            if change.key == "new":
                continue
            if (
                key == "actions"
                and change.key in _ACTION_FIELDS
                or key == "indicators"
                and change.key in ("value", "note")
                and change.uuid in values_before
            ):
                edits.setdefault(change.uuid, {})[change.key] = change.new
            elif key == "recommendations" and change.key in (
                "government_status",
                "civil_society_status",
                "comment",
                "evidence",
            ):
                continue  # the assessment this made is read below
            else:
                not_taken.append(_at(change.sheet, change.row, f"{change.label} — {change.field}"))
        for conflict in report.conflicts:
            not_taken.append(_at(conflict.sheet, conflict.row, f"{conflict.label} — {conflict.field}"))
        for uuid, fields in edits.items():
            if uuid in values_before:
                value = session.scalar(select(IndicatorValue).where(IndicatorValue.uuid == uuid))
                assert value is not None
                indicator, year = values_before[uuid]
                out.append(
                    (UpdateKind.INDICATOR_VALUE, indicator, {"year": year, "value": value.value, "note": value.note})
                )
                continue
            action = session.scalar(select(Action).where(Action.uuid == uuid))
            assert action is not None
            payload: dict[str, Any] = {"status": action.status}
            if "end_date" in fields:
                payload["end_date"] = _iso(action.end_date)
            if "outcome" in fields:
                payload["outcome"] = action.outcome
            out.append((UpdateKind.ACTION_STATUS, uuid, payload))
        for action in session.scalars(select(Action).where(Action.id > before[Action])):
            link = action.links[0] if action.links else None
            if link is None:
                continue
            out.append(
                (
                    UpdateKind.NEW_ACTION,
                    link.recommendation.uuid,
                    {
                        "title": action.title,
                        "description": action.description,
                        "type": action.action_type,
                        "status": action.status,
                        "start_date": _iso(action.start_date),
                        "end_date": _iso(action.end_date),
                        "part": link.part.label if link.part else None,
                    },
                )
            )
        for a in session.scalars(select(Assessment).where(Assessment.id > before[Assessment])):
            out.append(
                (
                    UpdateKind.ASSESSMENT,
                    a.recommendation.uuid,
                    {
                        "side": a.side,
                        "status": a.status,
                        "assessed_on": a.assessed_on.isoformat(),
                        "note": a.note,
                        "evidence": a.evidence,
                        "part": a.part.label if a.part else None,
                        "assessor": a.assessor.name if a.assessor else None,
                    },
                )
            )
        for v in session.scalars(select(IndicatorValue).where(IndicatorValue.id > before[IndicatorValue])):
            if v.sex or v.age_group or v.province:
                what = _("values for a group are entered in the app")
                not_taken.append(f"{v.indicator.name} {v.year}: {what}")
                continue
            out.append(
                (UpdateKind.INDICATOR_VALUE, v.indicator.uuid, {"year": v.year, "value": v.value, "note": v.note})
            )
    except ServiceError as exc:
        nested.rollback()
        raise _refuse(name, str(exc)) from None
    nested.rollback()  # the workbook only proposes: what apply_tracker wrote is undone
    return out, not_taken


def _merge_workbook(session: Session, data: bytes, name: str, today: dt.date | None) -> ReplyResult:
    try:
        sheets = read_tracker(data, name)
    except ServiceError as exc:
        raise _refuse(name, str(exc)) from None
    if not sheets.request:
        raise _refuse(name, _("it is a tracker workbook, not the answer to an update request; import it instead"))
    request = _request(session, sheets.request, name)
    changes, not_taken = _workbook_changes(session, sheets, name)
    recipient = session.get(Actor, request.recipient_id) if request.recipient_id else None
    items: dict[tuple[str, str, int | None], RequestItem] = {(i.kind, i.target_uuid, i.year): i for i in request.items}
    counts = [0, 0]
    for kind, target, payload in changes:
        year = payload.get("year") if kind == UpdateKind.INDICATOR_VALUE else None
        item = items.get((kind, target, year))
        if item is None and kind == UpdateKind.ASSESSMENT:
            item = None
        ident = json.dumps([request.uuid, kind, target, payload], sort_keys=True, default=str)
        _row, new = propose(
            session,
            kind=kind,
            target_uuid=target,
            payload=payload,
            actor=recipient,
            request=request,
            item=item,
            uuid=str(uuid_mod.uuid5(_WORKBOOK_NS, ident)),
            origin=RequestForm.WORKBOOK,
            proposed_by=request.recipient_name,
        )
        counts[0 if new else 1] += 1
    return _result(session, request, name, RequestForm.WORKBOOK, (counts[0], counts[1]), today, tuple(not_taken))
