"""Documents of a reporting cycle: concluding observations, reports, lists of issues."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.enums import DocumentType, Mechanism
from crc_reporter.domain.records import DocumentInfo
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.domain.word_limits import default_word_limit
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import check_version, document_by_symbol, parse_date, parse_enum
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.models import Document, Recommendation


def _info(doc: Document, paragraphs: int) -> DocumentInfo:
    return DocumentInfo(
        id=doc.id,
        uuid=doc.uuid,
        symbol=doc.symbol,
        treaty=doc.treaty_code,
        type=doc.doc_type,
        title=doc.title,
        country=doc.country,
        date=doc.date,
        next_report_due=doc.next_report_due,
        word_limit=doc.next_report_word_limit,
        paragraphs=paragraphs,
        version=doc.version,
    )


def list_documents(session: Session) -> list[DocumentInfo]:
    counts = dict(
        session.execute(select(Recommendation.document_id, func.count()).group_by(Recommendation.document_id)).all()
    )
    docs = session.scalars(select(Document).order_by(Document.date.desc().nulls_last(), Document.symbol)).all()
    return [_info(doc, counts.get(doc.id, 0)) for doc in docs]


def get_document(session: Session, symbol: str) -> DocumentInfo:
    doc = document_by_symbol(session, symbol)
    count = session.scalar(select(func.count()).where(Recommendation.document_id == doc.id)) or 0
    return _info(doc, count)


def create_document(
    session: Session,
    symbol: str,
    *,
    treaty: str | None = None,
    doc_type: str | None = None,
    title: str = "",
    country: str | None = None,
    date: str | dt.date | None = None,
    next_report_due: str | dt.date | None = None,
    word_limit: int | None = None,
    default_limit: bool = True,
) -> Document:
    """Create a document; treaty, type and country default to what the symbol says.

    Without ``word_limit``, the limit of resolution 68/268 for the document's kind is stored, unless
    ``default_limit`` is False (an import: a document that states no limit keeps none, and the reports
    fall back to the standard limit themselves).
    """
    try:
        parsed = parse_symbol(symbol)
    except SymbolError as exc:
        raise ValidationError(str(exc)) from None
    symbol = normalise_symbol(symbol)
    if session.scalar(select(Document.id).where(Document.symbol == symbol)) is not None:
        raise ValidationError(_("a document with symbol {symbol} already exists").format(symbol=symbol))
    kind = parse_enum(DocumentType, doc_type, N_("document type")) if doc_type else parsed.doc_type
    if word_limit is not None and word_limit <= 0:
        raise ValidationError(_("a word limit must be a positive number"))
    doc = Document(
        symbol=symbol,
        treaty_code=parse_enum(Mechanism, treaty, N_("treaty")).value if treaty else parsed.treaty.value,
        doc_type=kind.value,
        title=title,
        country=(country or parsed.country),
        date=parse_date(date),
        next_report_due=parse_date(next_report_due, N_("due date")),
        next_report_word_limit=word_limit if word_limit is not None or not default_limit else default_word_limit(kind),
    )
    session.add(doc)
    session.flush()
    return doc


_EDITABLE = {
    "title",
    "country",
    "date",
    "next_report_due",
    "next_report_word_limit",
    "notes",
    "doc_type",
    "treaty_code",
}


def update_document(
    session: Session, symbol: str, *, expected_version: int | None = None, **fields: object
) -> dict[str, object]:
    """Change fields; returns the previous values (for undo)."""
    doc = document_by_symbol(session, symbol)
    check_version(doc, expected_version, fields, N_("this document"))
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError(_("cannot change {fields} of a document").format(fields=", ".join(sorted(unknown))))
    previous: dict[str, object] = {}
    for key, value in fields.items():
        if key in ("date", "next_report_due"):
            value = parse_date(value if value is None or isinstance(value, (str, dt.date)) else str(value))
        previous[key] = getattr(doc, key)
        setattr(doc, key, value)
    session.flush()
    return previous


def delete_document(session: Session, symbol: str) -> None:
    session.delete(document_by_symbol(session, symbol))
    session.flush()
