"""What a report module works with: the builder, the data, the language, the options, progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lxml import etree

from crc_reporter.domain.enums import DocumentType
from crc_reporter.domain.report_records import ReportData
from crc_reporter.i18n import N_, _
from crc_reporter.reports.builder import Builder
from crc_reporter.reports.errors import ReportCancelledError
from crc_reporter.reports.language import ReportLanguage

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ReportKind(StrEnum):
    STATE = "state"  # State party periodic report (standard procedure)
    LOIPR = "loipr"  # replies to a list of issues (prior to reporting)
    ALTERNATIVE = "alternative"  # alternative report of an NGO coalition
    MATRIX = "matrix"  # follow-up status matrix
    PROGRESS = "progress"  # progress report of one responsible body (issue 23)


#: Names to show for each kind (translate with ``_()`` at display time).
KIND_TITLES: dict[ReportKind, str] = {
    ReportKind.STATE: N_("State party report"),
    ReportKind.LOIPR: N_("Replies to a list of issues"),
    ReportKind.ALTERNATIVE: N_("Alternative report"),
    ReportKind.MATRIX: N_("Follow-up status matrix"),
    ReportKind.PROGRESS: N_("Progress report of a body"),
}

#: The document types each kind answers (``DocumentInfo.type``), for choosing the document in a form.
ANSWERS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.STATE: (DocumentType.CONCLUDING_OBSERVATIONS.value,),
    ReportKind.LOIPR: (DocumentType.LOIPR.value, DocumentType.LIST_OF_ISSUES.value),
    ReportKind.ALTERNATIVE: (DocumentType.CONCLUDING_OBSERVATIONS.value,),
    ReportKind.MATRIX: (
        DocumentType.CONCLUDING_OBSERVATIONS.value,
        DocumentType.LOIPR.value,
        DocumentType.LIST_OF_ISSUES.value,
    ),
    ReportKind.PROGRESS: (DocumentType.CONCLUDING_OBSERVATIONS.value,),
}


@dataclass(frozen=True)
class ChartImage:
    """A chart rendered elsewhere (the dashboard), inserted as a picture with alt text."""

    png: bytes
    title: str
    alt_text: str


@dataclass(frozen=True)
class ReportOptions:
    """What to write. ``out=None`` builds the draft in memory only (outline and word count for a preview).

    ``lang`` is the report's language (en, fr, km), independent of the
    interface; ``template`` an organisation's .docx/.dotx (styles, headers,
    footers are kept); ``coalition`` a coalition's name or short name (the
    only coalition in the store when omitted); ``confidential_marking`` asks
    the Committee not to publish an alternative report; ``khmer_digits``
    writes numbers and dates of a Khmer report with ០–៩; ``charts`` draws the
    status by cluster, ``chart_images`` inserts images rendered by the
    dashboard; ``state_name`` overrides the name taken from the document's
    title (useful for French and Khmer reports).
    """

    kind: ReportKind | str
    document: str  # the symbol answered: concluding observations, or a list of issues for replies
    out: Path | None = None  # None: build in memory only (preview, word count)
    lang: str = "en"
    template: Path | None = None
    include_confidential: bool = False
    coalition: str | None = None
    confidential_marking: bool = False
    khmer_digits: bool = False
    quote_recommendations: bool = False  # by default each recommendation is cited, not quoted
    charts: bool = False  # a status-by-cluster chart drawn here
    chart_images: tuple[ChartImage, ...] = ()
    state_name: str | None = None
    author: str = ""
    #: what goes in (issue 19): cluster keys, paragraph numbers of the document answered, actors' names,
    #: the reporting period (actions outside it are left out); empty: everything
    clusters: tuple[str, ...] = ()
    paragraphs: tuple[int, ...] = ()
    actors: tuple[str, ...] = ()
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    #: lay the draft out with LibreOffice (when installed) to fill in the contents' page numbers
    contents_pages: bool = False


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    text: str


@dataclass(frozen=True)
class BudgetLine:
    """Words a chapter uses, its share of the limit (by its number of recommendations) and what is left."""

    title: str
    words: int
    share: int | None = None

    @property
    def left(self) -> int | None:
        return None if self.share is None else self.share - self.words


@dataclass(frozen=True)
class ReportResult:
    path: Path | None
    words: int
    word_limit: int | None
    outline: tuple[OutlineEntry, ...] = ()
    footnotes: int = 0
    confidential_left_out: int = 0
    budget: tuple[BudgetLine, ...] = ()
    #: What was removed from the template because Word fetches or runs it on open (untranslated
    #: kinds; see :mod:`crc_reporter.reports.template_safety`).
    template_removed: tuple[str, ...] = ()

    @property
    def over_limit(self) -> int:
        """Words above the limit (0 when within it or without a limit)."""
        return max(self.words - self.word_limit, 0) if self.word_limit else 0


@dataclass
class ReportContext:
    builder: Builder
    data: ReportData
    tx: ReportLanguage
    options: ReportOptions
    total_steps: int
    progress: Progress | None = None
    cancelled: CancelCheck | None = None
    done: int = 0
    tables: int = 0
    extra: dict[str, object] = field(default_factory=dict)
    #: where each action and indicator table was first written: each appears once, later replies refer to it
    written_actions: dict[int, str] = field(default_factory=dict)
    written_tables: dict[int, int] = field(default_factory=dict)
    answering: str = ""  # "paragraph 12": the reply being written
    abbreviations: etree._Element | None = None  # where the list of abbreviations goes
    #: (chapter title, words, recommendations answered) per cluster chapter
    chapters: list[tuple[str, int, int]] = field(default_factory=list)

    def tick(self, steps: int = 1) -> None:
        """One step of work done: report progress, stop if the user cancelled."""
        self.done += steps
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelledError(_("report cancelled; nothing was written"))
        if self.progress is not None:
            self.progress(min(self.done, self.total_steps), self.total_steps)

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    @property
    def today(self) -> dt.date:
        return self.data.generated_on or dt.date.today()
