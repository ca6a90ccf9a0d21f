"""What a publication holds and what publishing reports back: frozen records, no Qt, no session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from crc_reporter.domain.report_records import ReportData


@dataclass(frozen=True, slots=True)
class PublishOptions:
    """What to publish and how (the command's and the dialog's choices)."""

    out: Path
    languages: tuple[str, ...] = ("en",)
    documents: tuple[str, ...] = ()  # UN symbols; () = every document with paragraphs
    title: str = ""  # the site's title; "" = a translated default
    organisation: str = ""  # who publishes ("" = not named)
    khmer_digits: bool = False  # numbers and dates with Khmer digits in the Khmer pages
    today: dt.date | None = None  # the publication date (tests fix it)


@dataclass(frozen=True, slots=True)
class SiteData:
    """Everything public, read once: one :class:`ReportData` per document, confidential actions left out."""

    documents: tuple[ReportData, ...]
    confidential_left_out: int
    published_on: dt.date

    @property
    def recommendation_count(self) -> int:
        return sum(len(d.items) for d in self.documents)

    @property
    def action_count(self) -> int:
        """Distinct public actions (one action answering several paragraphs counts once)."""
        return len({a.action.id for d in self.documents for item in d.items for a in item.actions})

    @property
    def indicator_count(self) -> int:
        return len({i.id for d in self.documents for item in d.items for i in item.indicators})


@dataclass(frozen=True, slots=True)
class PublicationPreview:
    """What will be public, before anything is written (the dialog shows it, the command prints it)."""

    documents: tuple[str, ...]
    recommendations: int
    actions: int
    indicators: int
    confidential_left_out: int


@dataclass(frozen=True, slots=True)
class PublishResult:
    folder: Path
    preview: PublicationPreview
    pages: int
    files: int
    size: int  # bytes, fonts included
    font_size: int  # bytes of the fonts alone
    languages: tuple[str, ...] = field(default_factory=tuple)
