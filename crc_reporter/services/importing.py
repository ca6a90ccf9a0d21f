"""Importing concluding observations: preview what a source would change, then apply it in one transaction.

The flow the GUI dialog and the CLI share::

    source = importers.load_source(path, options=ReadOptions(progress=…, cancel=…))   # parse, no store
    report = preview_import(session, source, symbol=…, treaty=…)                       # read-only diff
    report = apply_import(session, source, symbol=…, treaty=…, progress=…, cancel=…)   # write

Re-importing a document updates it in place: paragraphs are matched by number
and lettered parts by label, so nothing is duplicated and the person's links,
assessments, responsible bodies and tags stay attached. Paragraphs a person
edited (``Recommendation.user_edited``) are left exactly as they are.
Paragraphs no longer in the source are reported, never silently dropped.
The caller's unit of work makes it one transaction: any error, or a cancel,
rolls everything back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.enums import Mechanism
from crc_reporter.domain.parsed import ParsedDocument, ParsedSource
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.i18n import N_, _
from crc_reporter.services.common import parse_enum
from crc_reporter.services.errors import ImportCancelledError, ValidationError, WeakerSourceError
from crc_reporter.services.import_merge import DocumentMerge
from crc_reporter.services.import_report import (
    ADDED,
    FORM_RANK,
    KEPT_EDITED,
    REMOVED,
    UNCHANGED,
    UPDATED,
    DocumentReport,
    ImportReport,
    ParagraphChange,
    form_of_name,
)
from crc_reporter.store.models import Document, Recommendation

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

__all__ = [
    "ADDED",
    "KEPT_EDITED",
    "REMOVED",
    "UNCHANGED",
    "UPDATED",
    "DocumentReport",
    "ImportReport",
    "ParagraphChange",
    "apply_import",
    "preview_import",
]


def with_overrides(doc: ParsedDocument, symbol: str | None, treaty: str | None) -> ParsedDocument:
    """The person's corrections of the symbol and treaty, checked; a copy, the source stays as read."""
    doc = dataclasses.replace(doc)
    if symbol:
        try:
            info = parse_symbol(symbol)
        except SymbolError as exc:
            raise ValidationError(str(exc)) from None
        doc.symbol = normalise_symbol(symbol)
        doc.country = info.country or doc.country
        doc.doc_type = info.doc_type.value
        if not treaty:
            doc.treaty = info.treaty.value
    if treaty:
        doc.treaty = parse_enum(Mechanism, treaty.upper(), N_("treaty")).value
    if not doc.symbol:
        raise ValidationError(
            _("the document symbol was not found in the file; give it (for example CRC/C/KHM/CO/4-6) and import again")
        )
    try:
        parse_symbol(doc.symbol)
    except SymbolError as exc:
        raise ValidationError(str(exc)) from None
    if doc.treaty not in {t.value for t in Mechanism}:
        doc.treaty = parse_symbol(doc.symbol).treaty.value
    return doc


def _documents(source: ParsedSource, symbol: str | None, treaty: str | None) -> list[ParsedDocument]:
    if (symbol or treaty) and len(source.documents) > 1:
        raise ValidationError(
            _(
                "{name} holds {count} documents; a symbol or treaty can only be given for a file with one document"
            ).format(name=source.name, count=len(source.documents))
        )
    docs = [with_overrides(d, symbol, treaty) for d in source.documents]
    seen: set[str] = set()
    for doc in docs:
        if doc.symbol in seen:
            raise ValidationError(_("{symbol} appears twice in {name}").format(symbol=doc.symbol, name=source.name))
        seen.add(doc.symbol or "")
    return docs


def _stored(session: Session, symbol: str) -> Document | None:
    return session.scalar(
        select(Document)
        .where(Document.symbol == symbol)
        .options(
            selectinload(Document.recommendations).selectinload(Recommendation.parts),
            selectinload(Document.recommendations).selectinload(Recommendation.previous),
            selectinload(Document.recommendations).selectinload(Recommendation.tags),
        )
    )


def stored_form(doc: Document | None) -> str | None:
    """The form a stored document was imported from, read from its source file's name (None: not imported)."""
    return form_of_name(doc.source_file) if doc is not None else None


def _weaker_than(source: ParsedSource, merge: DocumentMerge, report: DocumentReport) -> str | None:
    stored = stored_form(merge.stored) if merge.existed else None
    found = FORM_RANK.get(source.format)
    if stored is None or found is None or found >= FORM_RANK[stored] or not report.changed_numbers:
        return None
    return stored


def _document_reports(source: ParsedSource, merges: list[DocumentMerge]) -> tuple[DocumentReport, ...]:
    reports = []
    for merge in merges:
        report = merge.report()
        weaker = _weaker_than(source, merge, report)
        reports.append(dataclasses.replace(report, weaker_than=weaker) if weaker else report)
    return tuple(reports)


def _report(source: ParsedSource, merges: list[DocumentMerge], applied: bool) -> ImportReport:
    return ImportReport(
        format=source.format,
        name=source.name,
        applied=applied,
        documents=_document_reports(source, merges),
        other_mechanisms=len(source.other_mechanisms),
        warnings=tuple(source.warnings),
        left_out=source.left_out,
    )


def preview_import(
    session: Session, source: ParsedSource, *, symbol: str | None = None, treaty: str | None = None
) -> ImportReport:
    """What applying ``source`` would do; reads the store, changes nothing."""
    merges = [
        DocumentMerge(session, doc, _stored(session, doc.symbol or "")) for doc in _documents(source, symbol, treaty)
    ]
    for merge in merges:
        merge.plan()
    return _report(source, merges, applied=False)


def apply_import(
    session: Session,
    source: ParsedSource,
    *,
    symbol: str | None = None,
    treaty: str | None = None,
    prune: bool = False,
    replace: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportReport:
    """Write ``source`` into the store (inside the caller's transaction).

    ``prune`` deletes paragraphs that are no longer in the source, but only those
    nobody has worked on (no links, assessments, responsible bodies, indicators or edits).
    A PDF or pasted text that would change a document imported from a Word file (or
    pasted text over a PDF) raises :class:`WeakerSourceError` unless ``replace``: the
    person has seen the changes and chosen the weaker copy.
    """
    docs = _documents(source, symbol, treaty)
    total = sum(len(d.paragraphs) for d in docs) or 1
    done = 0

    def step(count: int, message: str) -> None:
        nonlocal done
        done += count
        if cancel is not None and cancel():
            raise ImportCancelledError(_("import cancelled; nothing was changed"))
        if progress is not None:
            progress(done, total, message)

    merges = []
    for doc in docs:
        merge = DocumentMerge(session, doc, _stored(session, doc.symbol or ""), source.name)
        merge.replacing = replace
        merge.plan()
        if not replace:  # raised before this document is written; the caller's transaction undoes the others
            report = merge.report()
            stored = _weaker_than(source, merge, report)
            if stored is not None:
                raise WeakerSourceError(report.symbol, stored, source.format, report.changed_numbers)
        merge.apply(prune=prune, step=step)
        merges.append(merge)
    session.flush()
    return _report(source, merges, applied=True)
