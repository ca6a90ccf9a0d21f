"""Small helpers shared by the services: parsing values people type, finding records."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.i18n import N_, _
from crc_reporter.services.errors import EditConflictError, NotFoundError, ValidationError
from crc_reporter.store.models import Document, Recommendation, RecommendationPart

E = TypeVar("E", bound=StrEnum)


class Versioned(Protocol):
    version: int


def parse_enum(enum: type[E], value: str | E, what: str) -> E:
    """``what`` names the field for the message; mark it with ``N_`` at the call (it is translated here)."""
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ValidationError(
            _("'{value}' is not a valid {what} (choose from {choices})").format(
                what=_(what), value=value, choices=choices
            )
        ) from None


def parse_date(value: str | dt.date | None, what: str = N_("date")) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            _("'{value}' is not a valid {what} (use YYYY-MM-DD)").format(what=_(what), value=value)
        ) from None


def split_articles(value: str) -> tuple[str, ...]:
    return tuple(a for a in value.split(",") if a)


def join_articles(articles: list[str] | tuple[str, ...]) -> str:
    return ",".join(a.replace(" ", "") for a in articles)


def document_by_symbol(session: Session, symbol: str) -> Document:
    doc = session.scalar(select(Document).where(Document.symbol == normalise_symbol(symbol)))
    if doc is None:
        raise NotFoundError(_("no document with symbol {symbol} in this store").format(symbol=symbol))
    return doc


def recommendation_by_ref(session: Session, symbol: str, paragraph: int) -> Recommendation:
    doc = document_by_symbol(session, symbol)
    rec = session.scalar(
        select(Recommendation).where(Recommendation.document_id == doc.id, Recommendation.number == paragraph)
    )
    if rec is None:
        raise NotFoundError(_("{symbol} has no paragraph {number}").format(symbol=doc.symbol, number=paragraph))
    return rec


def recommendation_by_id(session: Session, rec_id: int) -> Recommendation:
    rec = session.get(Recommendation, rec_id)
    if rec is None:
        raise NotFoundError(_("no recommendation with id {id}").format(id=rec_id))
    return rec


def part_by_label(rec: Recommendation, label: str | None) -> RecommendationPart | None:
    if label is None:
        return None
    for part in rec.parts:
        if part.label == label.strip("() "):
            return part
    raise NotFoundError(_("paragraph {number} has no part ({part})").format(number=rec.number, part=label))


def check_version(obj: Versioned, expected_version: int | None, attempted: dict[str, object], what: str) -> None:
    """Optimistic locking: refuse an edit made on a copy older than the stored record.

    ``what`` ("this action") is marked with ``N_`` by the caller and translated in the message.
    """
    current = obj.version
    if expected_version is not None and current != expected_version:
        theirs = {key: getattr(obj, key) for key in attempted}
        raise EditConflictError(what, mine=dict(attempted), theirs=theirs, version=current)
