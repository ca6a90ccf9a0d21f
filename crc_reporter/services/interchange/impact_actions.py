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

from crc_reporter.domain.enums import ActionStatus, ActionType, ActorType
from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import N_, _
from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services.common import parse_enum
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.interchange.impact import (
    ImpactActionRow,
    ImpactActions,
    ImpactActionsReport,
    parse_part_reference,
    parse_reference,
    recommendations_by_reference,
    without_facts,
)
from crc_reporter.store.models import Action, ActionLink, Actor, RecommendationPart, Source


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


def _find(session: Session, row: ImpactActionRow, created: set[int]) -> Action | None:
    ref = row.reference.strip()
    if ref.startswith("A-") and len(ref) == 14:
        hexed = ref[2:].lower()
        prefix = f"{hexed[:8]}-{hexed[8:12]}"
        found = session.scalar(select(Action).where(Action.uuid.like(prefix + "%")))
        if found is not None:
            return found
    if row.link_only:  # a reference only: never a guess by title
        return None
    same_title = select(Action).where(func.lower(Action.title) == row.title.strip().lower())
    if created:  # two rows with one title are two actions, not one found twice
        same_title = same_title.where(Action.id.not_in(created))
    return session.scalar(same_title.order_by(Action.id).limit(1))


def _actor_id(session: Session, row: ImpactActionRow, made: dict[str, int]) -> int | None:
    """The actor a row names, found by name or short name, or created (once per import)."""
    name = (row.actor or "").strip()
    if not name:
        return None
    if name in made:
        return made[name]
    found = session.scalar(select(Actor.id).where(Actor.name == name))
    if found is None and row.actor_short:
        found = session.scalar(select(Actor.id).where(Actor.short_name == row.actor_short.strip()))
    if found is None:
        kind = row.actor_type if row.actor_type in {t.value for t in ActorType} else ActorType.GOVERNMENT.value
        short = (row.actor_short or "").strip()[:40] or None
        found = actor_svc.create_actor(session, name, kind, short_name=short if short != name else None).id
    made[name] = found
    return found


def _fields(session: Session, row: ImpactActionRow, made: dict[str, int]) -> dict[str, Any]:
    """What a row says about an action, as ``update_action`` fields (only what the row carries)."""
    fields: dict[str, Any] = {"title": row.title, "outcome": row.outcome}
    end = _date(row.target_date)
    if end is not None:
        fields["end_date"] = end
    start = _date(row.start_date)
    if start is not None:
        fields["start_date"] = start
    if row.status:
        fields["status"] = parse_enum(ActionStatus, row.status, N_("action status")).value
    if row.action_type:
        fields["action_type"] = parse_enum(ActionType, row.action_type, N_("action type")).value
    actor = _actor_id(session, row, made)
    if actor is not None:
        fields["actor_id"] = actor
    return fields


def _set_sources(action: Action, sources: tuple[tuple[str, str | None, str | None], ...]) -> bool:
    if [(s.title, s.url, s.file_ref) for s in action.sources] == list(sources):
        return False
    action.sources = [Source(title=t, url=u, file_ref=f) for t, u, f in sources]
    return True


def _target(session: Session, ref: str, rec_ids: dict[tuple[str, int], int]) -> tuple[int, int | None] | None:
    """(paragraph id, part id or None) of a reference, or None when this store has no such paragraph or part."""
    parsed = parse_part_reference(ref)
    if parsed is None:
        return None
    rec_id = rec_ids.get((normalise_symbol(parsed[0]), parsed[1]))
    if rec_id is None:
        return None
    if parsed[2] is None:
        return rec_id, None
    part = session.scalar(
        select(RecommendationPart.id).where(
            RecommendationPart.recommendation_id == rec_id, RecommendationPart.label == parsed[2]
        )
    )
    return (rec_id, part) if part is not None else None


def _link(
    session: Session, action: Action, row: ImpactActionRow, rec_ids: dict[tuple[str, int], int], problems: list[str]
) -> int:
    """Link ``action`` to every paragraph or part ``row`` names; how many links were added."""
    added = 0
    for ref in row.recommendations:
        target = _target(session, ref, rec_ids)
        if target is None:
            problems.append(
                _("row {row}: no paragraph '{ref}' in this store; the link was not made").format(row=row.row, ref=ref)
            )
            continue
        exists = session.scalar(
            select(ActionLink.id)
            .where(
                ActionLink.action_id == action.id,
                ActionLink.recommendation_id == target[0],
                ActionLink.part_id.is_(None) if target[1] is None else ActionLink.part_id == target[1],
            )
            .limit(1)
        )
        if exists is None:
            action_svc.link_action(session, action.id, target[0], target[1])
            added += 1
    return added


def apply_rows(session: Session, source: ImpactActions) -> ImpactActionsReport:
    created = updated = unchanged = links = 0
    problems: list[str] = list(source.warnings)
    if source.documents is not None:  # a recommendations file that also links actions
        from crc_reporter.services.importing import apply_import

        apply_import(session, source.documents)
    wanted = {p for row in source.rows for r in row.recommendations if (p := parse_reference(r))}
    wanted = {(normalise_symbol(s), n) for s, n in wanted}
    rec_ids = recommendations_by_reference(session, wanted)
    made: dict[str, int] = {}
    new_ids: set[int] = set()
    for row in source.rows:
        try:
            with session.begin_nested():
                if row.link_only:
                    linked = _find(session, row, new_ids)
                    if linked is None:
                        problems.append(
                            _("row {row}: no action '{ref}' in this store; the link was not made").format(
                                row=row.row, ref=row.reference[:60]
                            )
                        )
                        continue
                    links += _link(session, linked, row, rec_ids, problems)
                    continue
                fields = _fields(session, row, made)
                action = _find(session, row, new_ids)
                if action is None:
                    action = action_svc.create_action(session, row.title, description=row.description)
                    new_ids.add(action.id)
                    action_svc.update_action(session, action.id, **{k: v for k, v in fields.items() if k != "title"})
                    if row.sources:
                        _set_sources(action, row.sources)
                    created += 1
                else:
                    fields["description"] = without_facts(row.description, action_svc.action_info(session, action.id))
                    changed = {k: v for k, v in fields.items() if getattr(action, k) != v}
                    if changed:
                        action_svc.update_action(session, action.id, **changed)
                    sources_changed = row.sources is not None and _set_sources(action, row.sources)
                    if changed or sources_changed:
                        session.flush()
                        updated += 1
                    else:
                        unchanged += 1
                links += _link(session, action, row, rec_ids, problems)
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
