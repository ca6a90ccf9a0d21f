"""The text of a document as the readers hand it to the shared parser.

Word gives whole paragraphs (:class:`Block` with ``complete=True``); PDFs and
pasted text give lines, which :mod:`crc_reporter.importers.lines` joins into
blocks first. Footnote references are kept in the text as markers
(:func:`note_marker`) so that the parser can attach each note to the
paragraph that cites it, whatever the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"  # private-use characters: never in a real document
NOTE_MARKER = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")

# Headings by level, as styles or font sizes suggest them (0: no hint).
CHAPTER, SECTION, SUBHEADING = 1, 2, 3


def note_marker(key: str) -> str:
    return f"{NOTE_OPEN}{key}{NOTE_CLOSE}"


def strip_markers(text: str) -> str:
    return NOTE_MARKER.sub("", text)


@dataclass(slots=True)
class Block:
    text: str
    bold: float = -1.0  # share of letters set in bold; -1 when the source cannot tell
    bold_text: str = ""  # the bold letters' text, for telling recommendations from concerns
    heading: int = 0  # CHAPTER / SECTION / SUBHEADING when a style or font size says so
    auto_label: bool = False  # the number or letter came from Word's automatic numbering
    page: int = 0


@dataclass(slots=True)
class Line:
    """One line of a PDF page or of pasted text."""

    text: str
    page: int = 0
    bold: float = -1.0
    bold_text: str = ""
    heading: int = 0  # from the font size, when known
    small: bool = False  # set in a smaller font than the body (footnotes)
    zone: str = ""  # "top" / "bottom" of the page when the source knows the layout (PDF), else ""
    page_end: bool = False  # the last line before a page break (set while removing the furniture)


@dataclass(slots=True)
class SourceText:
    """What a reader extracted: body blocks, notes by key, and the running headers and footers."""

    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    furniture: list[str] = field(default_factory=list)  # header/footer lines (symbol, job number, dates)
    warnings: list[str] = field(default_factory=list)
