"""The small interface every importer implements, and what it is given to work with.

An importer says how sure it is that it can read a file (``sniff``, from the
first bytes, the file name and, for zip containers, the member names) and
reads it into a :class:`~crc_reporter.domain.parsed.ParsedSource`. Reading is
pure: nothing touches the store until the import service applies the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import _
from crc_reporter.services.errors import ImportCancelledError

#: ``progress(done, total, message)``; ``total`` 0 means unknown.
ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

#: Reading any source must finish well within this (hostile files included).
DEFAULT_TIME_BUDGET = 8.0


@dataclass
class ReadOptions:
    symbol: str | None = None  # the person's correction of the document symbol
    treaty: str | None = None  # and of the treaty
    other_mechanisms: str = "skip"  # UHRI rows of no known mechanism or symbol: "skip" or "keep" (kept apart)
    only_children: bool = False  # UHRI: leave out other mechanisms' rows that do not concern children
    progress: ProgressCallback | None = None
    cancel: CancelCheck | None = None
    time_budget: float = DEFAULT_TIME_BUDGET
    _deadline: float = field(default=0.0, repr=False)

    def start(self) -> None:
        self._deadline = time.monotonic() + self.time_budget

    def tick(self) -> None:
        """Stop when cancelled or over the time budget; cheap enough to call at every step of a loop.

        The guard is preemptive by being checked inside every loop whose steps a file controls
        (paragraphs, notes, PDF operations and content tokens), each step's own work being bounded
        (numbering values, label lengths, linear patterns, content stream sizes). A subprocess
        with limits was the other way: on Windows, where most people run this, it gives no memory
        limit, costs a second or more to start a frozen app, and must send the parse back.
        """
        if self.cancel is not None and self.cancel():
            raise ImportCancelledError(_("import cancelled; nothing was changed"))
        if self._deadline and time.monotonic() > self._deadline:
            raise ImportCancelledError(
                _("reading the file took longer than {seconds:.0f} s; it is too large or damaged").format(
                    seconds=self.time_budget
                )
            )

    def checkpoint(self, done: int = 0, total: int = 0, message: str = "") -> None:
        """Report progress; stop when cancelled or over the time budget (hostile input must not hang)."""
        self.tick()
        if self.progress is not None and message:
            self.progress(done, total, message)


@dataclass(frozen=True)
class Probe:
    """What dispatch knows about a file before choosing an importer."""

    name: str  # file name as given ("-" for standard input)
    suffix: str  # lower-case extension with the dot, "" when none
    head: bytes  # the first bytes
    zip_members: frozenset[str] = frozenset()  # for zip containers (docx, xlsx, crcx)


class Importer(Protocol):
    # read-only, so that an importer's class attributes (a tuple of one suffix) satisfy the protocol
    @property
    def format(self) -> str: ...  # stable key, e.g. "docx"
    @property
    def label(self) -> str: ...  # N_()-marked human name, e.g. "Word document"
    @property
    def extensions(self) -> tuple[str, ...]: ...

    def sniff(self, probe: Probe) -> int:
        """0 = cannot read this; higher = more confident (content beats extension)."""

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource: ...
