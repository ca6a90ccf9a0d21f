"""What an import found and did, paragraph by paragraph (see :mod:`~crc_reporter.services.importing`).

A leaf module: the import service and the per-document merge both use these
types without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ADDED, UPDATED, UNCHANGED, KEPT_EDITED, REMOVED, DELETED = (
    "added",
    "updated",
    "unchanged",
    "kept_edited",
    "removed_from_source",
    "deleted",
)


# How faithfully each form keeps the Committee's document: Word keeps numbering, bold and notes exactly; a
# PDF keeps bold but breaks lines and pages; text copied from a PDF keeps neither.
FORM_RANK = {"docx": 3, "pdf": 2, "text": 1}
_WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
_OTHER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".crcx", ".zip", ".json")


def form_of_name(name: str | None) -> str | None:
    """The form a document was imported from, by the source's name: "docx", "pdf", "text" (None: unknown)."""
    name = (name or "").lower()
    if not name:
        return None
    if name.endswith(_WORD_SUFFIXES):
        return "docx"
    if name.endswith(".pdf"):
        return "pdf"
    if name.endswith(_OTHER_SUFFIXES):
        return None  # a UHRI export or another kind of record: not comparable
    return "text"  # a .txt file, standard input, pasted text


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    number: int
    status: str  # added / updated / unchanged / kept_edited / removed_from_source
    changed: tuple[str, ...]  # the fields that differ from the store (for updates)
    kind: str
    cluster: str | None
    subheading: str | None
    urgent: bool
    parts: int
    text: str
    label: str | None = None  # "110.45": the number as printed (a UPR recommendation)


@dataclass(frozen=True, slots=True)
class DocumentReport:
    symbol: str
    treaty: str
    doc_type: str
    title: str
    country: str | None
    date: dt.date | None
    next_report_due: dt.date | None
    word_limit: int | None
    exists: bool  # the store already held this document
    paragraphs: int
    recommendations: int
    concerns: int
    urgent: int
    changes: tuple[ParagraphChange, ...]
    warnings: tuple[str, ...]
    #: the better form the stored copy came from ("docx", "pdf") when this weaker source (a PDF, pasted
    #: text) would change it; applying then needs the person's word (``apply_import(replace=True)``)
    weaker_than: str | None = None
    #: UPR recommendations per position in the source ((position, count), in UprPosition's order)
    positions: tuple[tuple[str, int], ...] = ()
    positions_only: bool = False  # a UPR addendum: only positions change

    def numbers(self, status: str) -> tuple[int, ...]:
        return tuple(c.number for c in self.changes if c.status == status)

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def changed_numbers(self) -> tuple[int, ...]:
        """Paragraphs this source would add, update or no longer have."""
        return tuple(c.number for c in self.changes if c.status in (ADDED, UPDATED, REMOVED))


@dataclass(frozen=True, slots=True)
class ImportReport:
    format: str
    name: str
    applied: bool
    documents: tuple[DocumentReport, ...]
    other_mechanisms: int
    warnings: tuple[str, ...]
    left_out: int = 0  # UHRI rows of other mechanisms left out as not about children

    @property
    def paragraphs(self) -> int:
        return sum(d.paragraphs for d in self.documents)

    @property
    def recommendations(self) -> int:
        return sum(d.recommendations for d in self.documents)

    @property
    def urgent(self) -> int:
        return sum(d.urgent for d in self.documents)
