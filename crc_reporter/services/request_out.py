"""Writing an update request for its recipient: a signed ``.crcrequest`` package, or a narrowed tracker workbook.

Both carry the request's id and are in the recipient's language: the package
holds the body's paragraphs (with their translation in that language where
one was typed), its actions and their status, its indicators, and one entry per
thing asked; the workbook is issue 16's tracker with only those rows, its
hidden sheet naming the request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.follow_up import Asks, RequestForm, UpdateKind
from crc_reporter.i18n import _, current_language, set_language
from crc_reporter.safe_io import atomic_write
from crc_reporter.services import follow_up_files as files
from crc_reporter.services.errors import ServiceError, ValidationError
from crc_reporter.services.exchange import signing
from crc_reporter.services.follow_up import body_actions, responsible_paragraphs
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_rows import Row, all_rows
from crc_reporter.store.models import Action, Actor, Document, Indicator, Recommendation, UpdateRequest


@dataclass(frozen=True)
class RequestFile:
    path: Path
    form: RequestForm
    request_uuid: str
    items: int
    signer: str | None = None


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Write a file in the recipient's language, then return to the interface's."""
    before = current_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _targets(request: UpdateRequest, kinds: tuple[UpdateKind, ...]) -> set[str]:
    return {i.target_uuid for i in request.items if i.kind in kinds}


def _scope(session: Session, request: UpdateRequest) -> tuple[list[Recommendation], list[Action], list[Indicator]]:
    """The paragraphs, actions and indicators the request is about (asked or shown for context)."""
    actor = session.get(Actor, request.recipient_id) if request.recipient_id else None
    doc = session.get(Document, request.document_id) if request.document_id else None
    paragraph_uuids = _targets(request, (UpdateKind.NEW_ACTION, UpdateKind.ASSESSMENT))
    action_uuids = _targets(request, (UpdateKind.ACTION_STATUS, UpdateKind.EVIDENCE))
    paragraphs = responsible_paragraphs(session, actor, doc) if actor else []
    known = {r.uuid for r in paragraphs}
    paragraphs += list(
        session.scalars(
            select(Recommendation)
            .options(selectinload(Recommendation.parts), selectinload(Recommendation.document))
            .where(Recommendation.uuid.in_(paragraph_uuids - known))
        )
    )
    actions = body_actions(session, actor, doc) if actor else []
    known = {a.uuid for a in actions}
    actions += list(
        session.scalars(
            select(Action).options(selectinload(Action.sources)).where(Action.uuid.in_(action_uuids - known))
        )
    )
    indicators = list(
        session.scalars(
            select(Indicator)
            .options(selectinload(Indicator.values))
            .where(Indicator.uuid.in_(_targets(request, (UpdateKind.INDICATOR_VALUE,))))
            .order_by(Indicator.name)
        )
    )
    return paragraphs, [a for a in actions if not a.confidential], indicators


def request_content(session: Session, request: UpdateRequest) -> dict[str, Any]:
    paragraphs, actions, indicators = _scope(session, request)
    lang = request.language
    doc = session.get(Document, request.document_id) if request.document_id else None
    actor = session.get(Actor, request.recipient_id) if request.recipient_id else None

    def text(rec: Recommendation) -> str:
        return rec.translation if rec.translation and rec.translation_lang == lang else rec.text

    return {
        "request": {
            "uuid": request.uuid,
            "recipient": {"name": request.recipient_name, "uuid": actor.uuid if actor else None},
            "document": doc.symbol if doc else None,
            "sent_on": request.sent_on.isoformat(),
            "due_on": request.due_on.isoformat() if request.due_on else None,
            "language": lang,
            "asks": Asks.from_json(json.loads(request.asks or "{}")).to_json(),
            "from": request.created_by or "",
        },
        "paragraphs": [
            {
                "uuid": r.uuid,
                "document": r.document.symbol,
                "number": r.number,
                "text": text(r),
                "parts": [
                    {
                        "label": p.label,
                        "text": p.translation if p.translation and r.translation_lang == lang else p.text,
                    }
                    for p in r.parts
                ],
            }
            for r in paragraphs
        ],
        "actions": [
            {
                "uuid": a.uuid,
                "title": a.title,
                "status": a.status,
                "type": a.action_type,
                "start_date": a.start_date.isoformat() if a.start_date else None,
                "end_date": a.end_date.isoformat() if a.end_date else None,
                "outcome": a.outcome,
                "sources": [s.title for s in a.sources],
            }
            for a in actions
        ],
        "indicators": [
            {
                "uuid": i.uuid,
                "name": i.name,
                "unit": i.unit,
                "values": {str(v.year): v.value for v in i.values if not (v.sex or v.age_group or v.province)},
            }
            for i in indicators
        ],
        "items": [
            {"uuid": i.uuid, "kind": i.kind, "target": i.target_uuid, "year": i.year, "label": i.label}
            for i in request.items
        ],
    }


def _narrowed_rows(session: Session, request: UpdateRequest) -> dict[str, list[Row]]:
    paragraphs, actions, indicators = _scope(session, request)
    data = all_rows(session, False, None, request.language)
    rec_uuids = {r.uuid for r in paragraphs}
    labels = {(r.document.symbol, r.number) for r in paragraphs}
    action_uuids = {a.uuid for a in actions}
    names = {i.name for i in indicators}
    doc_symbols = {r.document.symbol for r in paragraphs}
    asked_years = {(i.label, i.year) for i in request.items if i.kind == UpdateKind.INDICATOR_VALUE}
    indicator_rows = [r for r in data["indicators"] if r.get("indicator") in names and r.get("uuid")] + [
        {"uuid": None, "indicator": ind.name, "unit": ind.unit, "year": year}
        for ind in indicators
        for (name, year) in sorted(asked_years, key=lambda p: (p[0], p[1] or 0))
        if name == ind.name
    ]
    return {
        "recommendations": [r for r in data["recommendations"] if r["uuid"] in rec_uuids],
        "actions": [r for r in data["actions"] if r["uuid"] in action_uuids],
        "assessments": [r for r in data["assessments"] if (r["document"], r["number"]) in labels],
        "indicators": indicator_rows,
        "actors": [r for r in data["actors"] if r["name"] == request.recipient_name],
        "documents": [r for r in data["documents"] if r["symbol"] in doc_symbols],
    }


def write_request(
    session: Session,
    request: UpdateRequest,
    out: Path,
    *,
    key_file: Path | None = None,
    signer_name: str | None = None,
) -> RequestFile:
    """Write the request in its form; a package must be signed (``key_file``)."""
    form = RequestForm(request.form)
    with in_language(request.language):
        if form is RequestForm.WORKBOOK:
            export_tracker(session, out, narrowed=_narrowed_rows(session, request), request=request.uuid)
            return RequestFile(out, form, request.uuid, len(request.items))
        if key_file is None:
            raise ValidationError(_("a request package is signed: give your signing key (--sign KEYFILE)"))
        key = signing.load_private_key(key_file)
        if signer_name is None:
            pub = key_file.with_name(key_file.name + ".pub")
            signer_name = signing.read_public_key(pub).name if pub.exists() else ""
        data = files.build(files.REQUEST, request_content(session, request), key, signer_name or "")
    try:
        with atomic_write(out) as fh:
            fh.write(data)
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    return RequestFile(out, form, request.uuid, len(request.items), signing.key_fingerprint(key))
