"""Assessments: each side's view of implementation, kept side by side.

A new assessment is always a new row: the government's view never replaces
civil society's, and neither replaces its own history.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.enums import AssessmentSide, ImplementationStatus
from crc_reporter.domain.records import AssessmentInfo
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import parse_date, parse_enum, part_by_label, recommendation_by_id
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.permissions import require_role
from crc_reporter.store.models import Actor, Assessment


def _info(a: Assessment) -> AssessmentInfo:
    return AssessmentInfo(
        id=a.id,
        uuid=a.uuid,
        recommendation_id=a.recommendation_id,
        part_label=a.part.label if a.part else None,
        side=a.side,
        status=a.status,
        assessed_on=a.assessed_on,
        assessor=a.assessor.name if a.assessor else None,
        note=a.note,
        evidence=a.evidence,
        recorded_by=a.recorded_by,
    )


def record_assessment(
    session: Session,
    rec_id: int,
    side: str,
    status: str,
    *,
    assessed_on: str | dt.date | None = None,
    part: str | None = None,
    assessor_id: int | None = None,
    note: str = "",
    evidence: str = "",
    uuid: str | None = None,
) -> AssessmentInfo:
    """``uuid``: the record's identity when the caller derives it (a tracker row merged twice is one record)."""
    rec = recommendation_by_id(session, rec_id)
    part_row = part_by_label(rec, part)
    day = parse_date(assessed_on, N_("assessment date")) or dt.date.today()
    if day > dt.date.today() + dt.timedelta(days=1):
        raise ValidationError(_("an assessment cannot be dated in the future"))
    if assessor_id is not None and session.get(Actor, assessor_id) is None:
        raise NotFoundError(_("no actor with id {id}").format(id=assessor_id))
    row = Assessment(
        recommendation_id=rec.id,
        part_id=part_row.id if part_row else None,
        side=parse_enum(AssessmentSide, side, N_("side")).value,
        status=parse_enum(ImplementationStatus, status, N_("implementation status")).value,
        assessed_on=day,
        assessor_id=assessor_id,
        note=note,
        evidence=evidence,
        recorded_by=str(session.info.get("user") or "") or None,
    )
    if uuid:
        row.uuid = uuid
    session.add(row)
    session.flush()
    session.refresh(row)
    return _info(row)


def assessment_history(session: Session, rec_id: int) -> list[AssessmentInfo]:
    """All assessments of a paragraph and its parts, oldest first."""
    rows = session.scalars(
        select(Assessment)
        .options(selectinload(Assessment.part), selectinload(Assessment.assessor))
        .where(Assessment.recommendation_id == rec_id)
        .order_by(Assessment.assessed_on, Assessment.id)
    )
    return [_info(a) for a in rows]


def approve_assessment(session: Session, assessment_id: int, approved: bool = True) -> bool:
    """A coordinator confirms (or withdraws) an assessment; returns the previous state."""
    require_role(session, Role.COORDINATOR, N_("approve assessments"))
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFoundError(_("no assessment with id {id}").format(id=assessment_id))
    previous = row.approved
    row.approved = approved
    session.flush()
    return previous
