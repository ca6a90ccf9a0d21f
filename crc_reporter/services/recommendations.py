"""Creating and editing recommendations (numbered paragraphs) and their parts, tags and bodies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import RecommendationKind, TagKind, UprPosition
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import (
    check_version,
    document_by_symbol,
    join_articles,
    parse_enum,
    recommendation_by_id,
)
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import (
    Actor,
    PreviousReference,
    Recommendation,
    RecommendationPart,
    Tag,
)


def get_or_create_tag(session: Session, kind: TagKind | str, name: str) -> Tag:
    kind = parse_enum(TagKind, kind, N_("tag kind"))
    name = name.strip()
    tag = session.scalar(select(Tag).where(Tag.kind == kind.value, Tag.name == name))
    if tag is None:
        tag = Tag(kind=kind.value, name=name)
        session.add(tag)
        session.flush()
    return tag


def _check_cluster(cluster: str | None) -> str | None:
    return parse_enum(Cluster, cluster, N_("cluster")).value if cluster else None


def create_recommendation(
    session: Session,
    document: str,
    number: int,
    text: str,
    *,
    kind: str = RecommendationKind.RECOMMENDATION.value,
    cluster: str | None = None,
    subheading: str | None = None,
    articles: Sequence[str] = (),
    urgent: bool = False,
    parts: Iterable[tuple[str, str]] = (),
    previous: Iterable[tuple[str, int]] = (),
    sdg_targets: Iterable[str] = (),
    themes: Iterable[str] = (),
    affected_groups: Iterable[str] = (),
    responsible: Iterable[str] = (),
    label: str | None = None,
    recommending_states: Iterable[str] = (),
    position: str | None = None,
    upr_session: str | None = None,
    upr_cycle: int | None = None,
    cluster_confirmed: bool = True,
) -> Recommendation:
    """A new paragraph; ``label`` … ``cluster_confirmed`` are other mechanisms' fields (issue 22)."""
    doc = document_by_symbol(session, document)
    if number <= 0:
        raise ValidationError(_("a paragraph number must be a positive whole number"))
    if not text.strip():
        raise ValidationError(_("a paragraph needs its text"))
    exists = session.scalar(
        select(Recommendation.id).where(Recommendation.document_id == doc.id, Recommendation.number == number)
    )
    if exists is not None:
        raise ValidationError(_("{symbol} already has a paragraph {number}").format(symbol=doc.symbol, number=number))
    tags = [get_or_create_tag(session, TagKind.SDG, t) for t in sdg_targets]
    tags += [get_or_create_tag(session, TagKind.THEME, t) for t in themes]
    tags += [get_or_create_tag(session, TagKind.AFFECTED_GROUP, t) for t in affected_groups]
    bodies = [_actor_by_name(session, name) for name in responsible]
    rec = Recommendation(
        document_id=doc.id,
        number=number,
        text=text.strip(),
        kind=parse_enum(RecommendationKind, kind, N_("kind")).value,
        cluster=_check_cluster(cluster),
        subheading=subheading,
        urgent=urgent,
        articles=join_articles(list(articles)),
        label=clean_label(label),
        recommending_states=join_states(recommending_states),
        position=check_position(position),
        upr_session=(upr_session or "").strip()[:32] or None,
        upr_cycle=_check_cycle(upr_cycle),
        cluster_confirmed=cluster_confirmed,
    )
    rec.parts = [RecommendationPart(label=label, text=ptext, position=i) for i, (label, ptext) in enumerate(parts)]
    rec.previous = [PreviousReference(symbol=symbol, paragraph=para) for symbol, para in previous]
    rec.tags = list({t.id: t for t in tags}.values())
    rec.responsible = bodies
    session.add(rec)
    session.flush()
    return rec


def _actor_by_name(session: Session, name: str) -> Actor:
    actor = session.scalar(select(Actor).where(Actor.name == name))
    if actor is None:
        raise NotFoundError(_("no actor named {name}").format(name=name))
    return actor


_EDITABLE = {
    "text",
    "kind",
    "cluster",
    "subheading",
    "urgent",
    "articles",
    "label",
    "recommending_states",
    "position",
    "upr_session",
    "upr_cycle",
    "cluster_confirmed",
}


def split_states(value: str | None) -> tuple[str, ...]:
    """The stored recommending States (one a line) as a tuple."""
    return tuple(s for s in (value or "").split("\n") if s)


def join_states(states: Iterable[str] | str | None) -> str:
    """Recommending States for the store: one a line, trimmed, each once, in the order given."""
    if states is None:
        return ""
    if isinstance(states, str):
        states = states.split("\n")
    return "\n".join(dict.fromkeys(" ".join(s.split()) for s in states if s and s.strip()))


def check_position(value: object) -> str | None:
    """A UPR position (``supported``, ``supported_in_part``, ``noted``) or None."""
    if value is None or value == "":
        return None
    return parse_enum(UprPosition, str(value), N_("position")).value


def clean_label(value: object) -> str | None:
    text = " ".join(str(value or "").split())
    if len(text) > 16:
        raise ValidationError(_("'{label}' is too long for a recommendation number").format(label=text[:40]))
    return text or None


def update_recommendation(
    session: Session, rec_id: int, *, expected_version: int | None = None, **fields: object
) -> dict[str, object]:
    """Change fields of a paragraph; returns the previous values (for undo).

    The paragraph is marked as edited by a person, so that re-importing the
    document does not overwrite the edit.
    """
    rec = recommendation_by_id(session, rec_id)
    check_version(rec, expected_version, fields, N_("this recommendation"))
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError(_("cannot change {fields} of a recommendation").format(fields=", ".join(sorted(unknown))))
    previous: dict[str, object] = {}
    for key, value in fields.items():
        if key == "kind":
            value = parse_enum(RecommendationKind, str(value), N_("kind")).value
        elif key == "cluster":
            value = _check_cluster(value if value is None else str(value))
        elif key == "articles" and not isinstance(value, str):
            value = join_articles(list(value))  # type: ignore[call-overload]
        elif key == "text" and not str(value).strip():
            raise ValidationError(_("a paragraph needs its text"))
        elif key == "recommending_states":
            value = join_states(value)  # type: ignore[arg-type]
        elif key == "position":
            value = check_position(value)
        elif key == "label":
            value = clean_label(value)
        elif key == "upr_session":
            value = " ".join(str(value or "").split())[:32] or None
        elif key == "upr_cycle":
            value = _check_cycle(value)
        elif key == "cluster_confirmed":
            value = bool(value)
        previous[key] = getattr(rec, key)
        setattr(rec, key, value)
    rec.user_edited = True
    session.flush()
    return previous


def _check_cycle(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        cycle = int(str(value))
    except ValueError:
        cycle = 0
    if not 1 <= cycle <= 99:
        raise ValidationError(_("'{value}' is not a review cycle (a number such as 4)").format(value=str(value)[:40]))
    return cycle


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def set_translation(
    session: Session, rec_id: int, text: str | None, lang: str | None, *, expected_version: int | None = None
) -> dict[str, object]:
    """Keep a translation of the paragraph beside its text (or clear it); returns the previous values (for undo).

    ``lang`` is the translation's language code ("km", "fr"); an empty text clears
    both. The text stays as typed (Khmer has no canonical spelling to impose).
    """
    rec = recommendation_by_id(session, rec_id)
    check_version(rec, expected_version, {"translation": text}, N_("this recommendation"))
    text = (text or "").strip() or None
    code = (lang or "").strip().lower() or None
    if text is None:
        code = None
    elif code is None or not _LANGUAGE_CODE.match(code):
        raise ValidationError(
            _("'{lang}' is not a language code (for example km for Khmer, fr for French)").format(lang=lang or "")
        )
    previous: dict[str, object] = {"translation": rec.translation, "translation_lang": rec.translation_lang}
    rec.translation, rec.translation_lang = text, code
    session.flush()
    return previous


def set_responsible(session: Session, rec_id: int, actor_ids: Iterable[int]) -> list[int]:
    """Replace the responsible bodies; returns the previous actor ids."""
    rec = recommendation_by_id(session, rec_id)
    previous = [a.id for a in rec.responsible]
    actors = []
    for actor_id in actor_ids:
        actor = session.get(Actor, actor_id)
        if actor is None:
            raise NotFoundError(_("no actor with id {id}").format(id=actor_id))
        actors.append(actor)
    rec.responsible = actors
    session.flush()
    return previous


def set_tags(session: Session, rec_id: int, kind: str, names: Iterable[str]) -> list[str]:
    """Replace the tags of one kind; returns the previous names."""
    rec = recommendation_by_id(session, rec_id)
    tag_kind = parse_enum(TagKind, kind, N_("tag kind"))
    previous = [t.name for t in rec.tags if t.kind == tag_kind.value]
    others = [t for t in rec.tags if t.kind != tag_kind.value]
    rec.tags = others + [get_or_create_tag(session, tag_kind, n) for n in names if n.strip()]
    session.flush()
    return previous


def delete_recommendation(session: Session, rec_id: int) -> None:
    session.delete(recommendation_by_id(session, rec_id))
    session.flush()
