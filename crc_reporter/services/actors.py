"""Government bodies, NGOs, UN agencies, coalitions and their members."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import ActorType
from crc_reporter.domain.records import ActorInfo
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import check_version, parse_enum
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import Action, Actor, Assessment, coalition_member, responsible_body


def _info(actor: Actor) -> ActorInfo:
    return ActorInfo(
        id=actor.id,
        uuid=actor.uuid,
        name=actor.name,
        short_name=actor.short_name,
        type=actor.actor_type,
        members=tuple(sorted(m.name for m in actor.members)),
        version=actor.version,
    )


def list_actors(session: Session, actor_type: str | None = None) -> list[ActorInfo]:
    stmt = select(Actor).order_by(Actor.name)
    if actor_type:
        stmt = stmt.where(Actor.actor_type == parse_enum(ActorType, actor_type, N_("actor type")).value)
    return [_info(a) for a in session.scalars(stmt)]


def get_actor(session: Session, actor_id: int) -> Actor:
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFoundError(_("no actor with id {id}").format(id=actor_id))
    return actor


def actor_by_name(session: Session, name: str) -> Actor:
    actor = session.scalar(select(Actor).where(Actor.name == name.strip()))
    if actor is None:
        raise NotFoundError(_("no actor named {name}").format(name=name))
    return actor


def create_actor(
    session: Session,
    name: str,
    actor_type: str,
    *,
    short_name: str | None = None,
    country: str | None = None,
    members: Iterable[str] = (),
) -> Actor:
    name = name.strip()
    if not name:
        raise ValidationError(_("an actor needs a name"))
    if session.scalar(select(Actor.id).where(Actor.name == name)) is not None:
        raise ValidationError(_("an actor named {name} already exists").format(name=name))
    actor = Actor(
        name=name,
        short_name=short_name,
        actor_type=parse_enum(ActorType, actor_type, N_("actor type")).value,
        country=country,
    )
    actor.members = [actor_by_name(session, m) for m in members]
    session.add(actor)
    session.flush()
    return actor


_EDITABLE = {"name", "short_name", "actor_type", "country", "contact"}


def update_actor(
    session: Session, actor_id: int, *, expected_version: int | None = None, **fields: object
) -> dict[str, object]:
    actor = get_actor(session, actor_id)
    check_version(actor, expected_version, fields, N_("this actor"))
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError(_("cannot change {fields} of an actor").format(fields=", ".join(sorted(unknown))))
    previous: dict[str, object] = {}
    for key, value in fields.items():
        if key == "actor_type":
            value = parse_enum(ActorType, str(value), N_("actor type")).value
        if key == "name":
            value = str(value).strip()
            clash = session.scalar(select(Actor.id).where(Actor.name == value, Actor.id != actor_id))
            if not value or clash is not None:
                raise ValidationError(
                    _("an actor named {name} already exists").format(name=value)
                    if value
                    else _("an actor needs a name")
                )
        previous[key] = getattr(actor, key)
        setattr(actor, key, value)
    session.flush()
    return previous


def set_members(session: Session, coalition_id: int, member_ids: Iterable[int]) -> list[int]:
    coalition = get_actor(session, coalition_id)
    previous = [m.id for m in coalition.members]
    coalition.members = [get_actor(session, i) for i in member_ids if i != coalition_id]
    session.flush()
    return previous


def merge_actors(session: Session, keep_id: int, duplicate_id: int) -> None:
    """Fold a duplicate into the actor to keep: its actions, responsibilities, assessments, memberships."""
    if keep_id == duplicate_id:
        raise ValidationError(_("choose two different actors to merge"))
    keep, dup = get_actor(session, keep_id), get_actor(session, duplicate_id)
    session.execute(update(Action).where(Action.actor_id == dup.id).values(actor_id=keep.id))
    session.execute(update(Assessment).where(Assessment.assessor_id == dup.id).values(assessor_id=keep.id))
    for table, column in (
        (responsible_body, "actor_id"),
        (coalition_member, "member_id"),
        (coalition_member, "coalition_id"),
    ):
        col = table.c[column]
        other = [c for c in table.c if c.name != column][0]
        already = set(session.scalars(select(other).where(col == keep.id)))
        for value in list(session.scalars(select(other).where(col == dup.id))):
            if value not in already and value != keep.id:
                session.execute(table.insert().values({column: keep.id, other.name: value}))
        session.execute(table.delete().where(col == dup.id))
    session.expire_all()
    session.delete(session.get(Actor, duplicate_id))
    session.flush()


def delete_actor(session: Session, actor_id: int) -> None:
    session.delete(get_actor(session, actor_id))
    session.flush()
