"""Applying an IMPACT OSS actions CSV: create or update actions, link them to the paragraphs they name.

An action is matched by the reference CRC Reporter wrote (``A-`` and the start
of its UUID), else by its exact title; otherwise it is new. Links are only
added, never removed (IMPACT's file says what an action answers, not what it
no longer answers). Rows that cannot be used are reported with their number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import _
from crc_reporter.services import actions as action_svc
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.impact import (
    ImpactActionRow,
    ImpactActions,
    ImpactActionsReport,
    parse_reference,
    recommendations_by_reference,
    without_facts,
)
from crc_reporter.store.models import Action, ActionLink


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ServiceError(_("'{value}' is not a date (IMPACT OSS writes dd/mm/yyyy)").format(value=text[:40]))


def _find(session: Session, row: ImpactActionRow) -> Action | None:
    ref = row.reference.strip()
    if ref.startswith("A-") and len(ref) == 14:
        hexed = ref[2:].lower()
        prefix = f"{hexed[:8]}-{hexed[8:12]}"
        found = session.scalar(select(Action).where(Action.uuid.like(prefix + "%")))
        if found is not None:
            return found
    return session.scalar(select(Action).where(func.lower(Action.title) == row.title.strip().lower()))


def apply_rows(session: Session, source: ImpactActions) -> ImpactActionsReport:
    created = updated = unchanged = links = 0
    problems: list[str] = list(source.warnings)
    wanted = {p for row in source.rows for r in row.recommendations if (p := parse_reference(r))}
    wanted = {(normalise_symbol(s), n) for s, n in wanted}
    rec_ids = recommendations_by_reference(session, wanted)
    for row in source.rows:
        try:
            with session.begin_nested():
                end = _date(row.target_date)
                action = _find(session, row)
                if action is None:
                    action = action_svc.create_action(
                        session, row.title, description=row.description, outcome=row.outcome, end_date=end
                    )
                    created += 1
                else:
                    description = without_facts(row.description, action_svc.action_info(session, action.id))
                    fields: dict[str, Any] = {"title": row.title, "description": description}
                    fields["outcome"] = row.outcome
                    if end is not None:
                        fields["end_date"] = end
                    changed = {k: v for k, v in fields.items() if getattr(action, k) != v}
                    if changed:
                        action_svc.update_action(session, action.id, **changed)
                        updated += 1
                    else:
                        unchanged += 1
                for ref in row.recommendations:
                    parsed = parse_reference(ref)
                    key = (normalise_symbol(parsed[0]), parsed[1]) if parsed else None
                    if key is None or key not in rec_ids:
                        problems.append(
                            _("row {row}: no paragraph '{ref}' in this store; the link was not made").format(
                                row=row.row, ref=ref
                            )
                        )
                        continue
                    exists = session.scalar(  # a link to the paragraph or to one of its parts
                        select(ActionLink.id)
                        .where(ActionLink.action_id == action.id, ActionLink.recommendation_id == rec_ids[key])
                        .limit(1)
                    )
                    if exists is None:
                        action_svc.link_action(session, action.id, rec_ids[key])
                        links += 1
        except ServiceError as exc:
            problems.append(_("row {row}: {problem}").format(row=row.row, problem=exc))
    return ImpactActionsReport(source.name, True, created, updated, unchanged, links, tuple(problems))


def apply_impact_actions(session: Session, source: ImpactActions, *, dry_run: bool = False) -> ImpactActionsReport:
    """Apply (or with ``dry_run`` only report) an IMPACT OSS actions file read by the importer."""
    report = apply_rows(session, source)
    if dry_run:
        session.rollback()
        return ImpactActionsReport(**{**report.__dict__, "applied": False})
    return report
