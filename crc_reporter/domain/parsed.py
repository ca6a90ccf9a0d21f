"""What an importer found in a source, before anything is written to the store.

The importers (Word, PDF, pasted text, UHRI exports, later exchange packages)
produce these; the import service previews them against the store and applies
them in one transaction. They live in the domain so that both sides depend on
them without depending on each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Protocol


@dataclass(slots=True)
class ParsedPart:
    label: str  # "a", "b", …
    text: str  # without the label and the closing "; and"


@dataclass(slots=True)
class ParsedParagraph:
    number: int
    text: str  # the whole paragraph, parts included, as in the document
    kind: str = "other"  # RecommendationKind value
    parts: list[ParsedPart] = field(default_factory=list)
    cluster: str | None = None
    subheading: str | None = None
    articles: list[str] = field(default_factory=list)
    urgent: bool = False
    sdg_targets: list[str] = field(default_factory=list)
    previous: list[tuple[str, int]] = field(default_factory=list)  # (symbol, paragraph)
    themes: list[str] = field(default_factory=list)
    affected_groups: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the paragraph's footnotes
    # issue 22: other mechanisms (see RecommendationInfo)
    label: str | None = None  # "110.45": the number as printed when it is not a plain paragraph number
    recommending_states: list[str] = field(default_factory=list)
    position: str | None = None  # UprPosition value
    upr_session: str | None = None
    upr_cycle: int | None = None


#: The paragraph fields a re-import may update; a source that does not know some of them
#: (a UHRI export has no clusters) leaves the stored values alone.
#: A UPR position is only ever set by a source that states it (the addendum, a UHRI export):
#: such a source adds "position" to what it provides.
PARAGRAPH_FIELDS: tuple[str, ...] = (
    "text",
    "kind",
    "parts",
    "cluster",
    "subheading",
    "articles",
    "urgent",
    "previous",
    "label",
    "recommending_states",
    "upr_session",
    "upr_cycle",
)


@dataclass(slots=True)
class ParsedDocument:
    symbol: str | None
    treaty: str | None = None
    doc_type: str = "concluding_observations"
    title: str = ""
    country: str | None = None  # ISO 3166 alpha-3, from the symbol
    country_name: str | None = None  # as the title names it
    date: dt.date | None = None  # the document's date ("Distr.: General, 27 June 2022")
    adopted_on: dt.date | None = None
    dialogue: tuple[dt.date, ...] = ()
    next_report_due: dt.date | None = None
    next_report_title: str | None = None
    word_limit: int | None = None  # None when the document states none (reports fall back to 68/268's)
    language: str = "en"  # the document's language: "en", "fr" or "es"
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Every heading as read (chapters, sections, subheadings), and the Committee's instructions in a
    # list of issues ("In this section, the State party is requested…"), kept apart from the questions:
    # with the paragraphs, their notes and the warnings' "text not placed", they hold the whole body.
    headings: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)
    provides: tuple[str, ...] = PARAGRAPH_FIELDS  # SDG targets, themes and affected groups are only ever added
    #: a UPR addendum (".../Add.1"): only the State's positions, applied by label to the
    #: recommendations of ``symbol`` (the working group's report) already in the store
    positions_only: bool = False


@dataclass(slots=True)
class OtherMechanismRow:
    """A UHRI row from another mechanism (UPR, another treaty body, special procedures)."""

    body: str
    symbol: str | None
    text: str
    date: dt.date | None = None
    kind: str = "other"
    themes: list[str] = field(default_factory=list)
    affected_groups: list[str] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    upr_position: str | None = None
    upr_states: list[str] = field(default_factory=list)


class PayloadKind(StrEnum):
    """What a file that carries records rather than documents holds. Each kind has one entry in
    :mod:`crc_reporter.services.payloads`, which previews and applies it."""

    PACKAGE = "package"  # an exchange package: merged, with its conflicts, signature and trust
    TRACKER = "tracker"  # a tracker workbook exported by CRC Reporter and edited in Excel
    IMPACT_ACTIONS = "impact-actions"  # IMPACT OSS actions (measures), as CSV


class RecordPayload(Protocol):
    """What an importer read from a file that carries records: it says which kind it is."""

    kind: ClassVar[PayloadKind]


@dataclass(slots=True)
class ParsedSource:
    """Everything one file held: usually one document; a UHRI export may hold several."""

    format: str  # "docx", "pdf", "text", "uhri-xlsx", "uhri-csv", …
    name: str
    documents: list[ParsedDocument] = field(default_factory=list)
    other_mechanisms: list[OtherMechanismRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    left_out: int = 0  # UHRI rows of other mechanisms left out because they do not concern children
    # Formats that carry records rather than documents (an exchange package, an edited tracker,
    # IMPACT OSS actions): what the importer read, previewed and applied by services.payloads.
    payload: RecordPayload | None = None
