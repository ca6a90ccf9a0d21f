"""Small helpers shared by the services: parsing values people type, finding records."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.domain.symbols import normalise_symbol
from crc_reporter.services.errors import EditConflictError, NotFoundError, ValidationError
from crc_reporter.store.models import Document, Recommendation, RecommendationPart

E = TypeVar("E", bound=StrEnum)


class Versioned(Protocol):
    version: int


def parse_enum(enum: type[E], value: str | E, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ValidationError(f"'{value}' is not a valid {what} (choose from {choices})") from None


def parse_date(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(f"'{value}' is not a valid {what} (use YYYY-MM-DD)") from None


def split_articles(value: str) -> tuple[str, ...]:
    return tuple(a for a in value.split(",") if a)


def join_articles(articles: list[str] | tuple[str, ...]) -> str:
    return ",".join(a.replace(" ", "") for a in articles)


def document_by_symbol(session: Session, symbol: str) -> Document:
    doc = session.scalar(select(Document).where(Document.symbol == normalise_symbol(symbol)))
    if doc is None:
        raise NotFoundError(f"no document with symbol {symbol} in this store")
    return doc


def recommendation_by_ref(session: Session, symbol: str, paragraph: int) -> Recommendation:
    doc = document_by_symbol(session, symbol)
    rec = session.scalar(
        select(Recommendation).where(Recommendation.document_id == doc.id, Recommendation.number == paragraph)
    )
    if rec is None:
        raise NotFoundError(f"{doc.symbol} has no paragraph {paragraph}")
    return rec


def recommendation_by_id(session: Session, rec_id: int) -> Recommendation:
    rec = session.get(Recommendation, rec_id)
    if rec is None:
        raise NotFoundError(f"no recommendation with id {rec_id}")
    return rec


def part_by_label(rec: Recommendation, label: str | None) -> RecommendationPart | None:
    if label is None:
        return None
    for part in rec.parts:
        if part.label == label.strip("() "):
            return part
    raise NotFoundError(f"paragraph {rec.number} has no part ({label})")


def check_version(obj: Versioned, expected_version: int | None, attempted: dict[str, object], what: str) -> None:
    """Optimistic locking: refuse an edit made on a copy older than the stored record."""
    current = obj.version
    if expected_version is not None and current != expected_version:
        theirs = {key: getattr(obj, key) for key in attempted}
        raise EditConflictError(what, mine=dict(attempted), theirs=theirs, version=current)
