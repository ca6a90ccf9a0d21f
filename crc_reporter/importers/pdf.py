"""PDF, with pypdf (pure Python, already a dependency).

pypdf's text visitor gives each piece of text with its position, font and
size. From those we rebuild lines ourselves, which tells us what plain text
extraction loses: which words are bold (recommendations), which lines are set
smaller at the foot of the page (footnotes), which small raised numbers are
footnote references, and which lines sit in the header or footer zone (the
symbol, "GE.22-09876(E)", page numbers). The rest is shared with pasted text
(:mod:`crc_reporter.importers.lines`).
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_, _
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.blocks import CHAPTER, SECTION, Line, SourceText, note_marker
from crc_reporter.importers.lines import lines_to_blocks
from crc_reporter.importers.structure import parse_document
from crc_reporter.untrusted import SourceError

MAX_PAGES = 400
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$|bd\b|-bd", re.I)


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass
class _RawLine:
    y: float
    size: float = 0.0  # size of most of its letters
    pieces: list[_Piece] = field(default_factory=list)


def _matrix_scale(m: list[float]) -> float:
    return math.hypot(m[0], m[1]) or 1.0


class _PageCollector:
    """Receives pypdf's visitor calls for one page."""

    def __init__(self) -> None:
        self.pieces: list[_Piece] = []
        self.fonts: dict[int, bool] = {}

    def __call__(self, text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or text == "\n":
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        bold = False
        if font is not None:
            key = id(font)
            if key not in self.fonts:
                name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
                self.fonts[key] = bool(_BOLD_FONT.search(name.split("+")[-1]))
            bold = self.fonts[key]
        effective = (size or 0) * _matrix_scale(tm) * _matrix_scale(cm)
        for part in text.split("\n"):
            if part:
                self.pieces.append(_Piece(part, x, y, effective, bold))


def _group_lines(pieces: list[_Piece]) -> list[_RawLine]:
    """Pieces arrive in content order; a new line starts where the baseline moves by more than half a size."""
    lines: list[_RawLine] = []
    for piece in pieces:
        visible = bool(piece.text.strip())
        current = lines[-1] if lines else None
        if current is None or abs(piece.y - current.y) > max(2.0, 0.45 * max(piece.size, current.size)):
            if not visible:
                continue
            current = _RawLine(piece.y)
            lines.append(current)
        current.pieces.append(piece)
        if visible and piece.size > current.size:
            current.size = piece.size
    return lines


def _body_size(raw_pages: list[list[_RawLine]]) -> float:
    counts: Counter[float] = Counter()
    for page in raw_pages:
        for line in page:
            for piece in line.pieces:
                counts[round(piece.size * 2) / 2] += len(piece.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _to_line(raw: _RawLine, page: int, body: float, height: float) -> Line:
    raw.pieces.sort(key=lambda p: p.x)  # stable: pieces at one x (a space and its word) keep their order
    main: Counter[float] = Counter()
    for piece in raw.pieces:
        main[round(piece.size * 2) / 2] += len(piece.text.strip())
    size = main.most_common(1)[0][0] if main else body
    baseline = next((p.y for p in raw.pieces if round(p.size * 2) / 2 == size), raw.y)
    text_parts: list[str] = []
    bold_parts: list[str] = []
    letters = bold_letters = 0
    previous: _Piece | None = None
    for piece in raw.pieces:
        stripped = piece.text.strip()
        # a jump to the right (a tab stop) with no space emitted: keep the words apart
        if (
            previous is not None
            and stripped
            and not piece.text[:1].isspace()
            and text_parts
            and not text_parts[-1][-1:].isspace()
            and piece.x > previous.x + 0.6 * previous.size * len(previous.text) + previous.size * 0.5
        ):
            text_parts.append(" ")
        previous = piece
        # a small raised number or star within a body-size line: a footnote reference
        if (
            stripped
            and letters
            and piece.size < size * 0.8
            and piece.y > baseline + 0.5
            and re.fullmatch(r"\d{1,3}|\*{1,3}", stripped)
        ):
            text_parts.append(note_marker(stripped if stripped.startswith("*") else str(int(stripped))))
            continue
        text_parts.append(piece.text)
        n = sum(ch.isalpha() for ch in piece.text)
        letters += n
        if piece.bold:
            bold_letters += n
            bold_parts.append(piece.text)
    zone = "top" if raw.y > height * 0.9 else "bottom" if raw.y < height * 0.09 else ""
    heading = CHAPTER if size >= body + 3 else SECTION if size >= body + 1.2 else 0
    return Line(
        text=" ".join("".join(text_parts).split()),
        page=page,
        bold=bold_letters / letters if letters else -1.0,
        bold_text="".join(bold_parts),
        heading=heading,
        small=size <= body - 0.9,
        zone=zone,
    )


class PdfImporter:
    format = "pdf"
    label = N_("PDF document")
    extensions = (".pdf",)

    def sniff(self, probe: Probe) -> int:
        return 100 if b"%PDF-" in probe.head[:1024] else 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        from crc_reporter.importers.pdf_content import preparse_page

        logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported once, in our words
        name = probe.name
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError(
                    _(
                        "{name} is an encrypted (password-protected) PDF; open it, save an "
                        "unprotected copy and import that"
                    ).format(name=name)
                )
            pages = reader.pages
            count = len(pages)
        except SourceError:
            raise
        except (
            PyPdfError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
            OSError,
            RecursionError,
            NotImplementedError,
        ) as exc:
            raise SourceError(_("{name} is a damaged PDF ({reason})").format(name=name, reason=_reason(exc))) from None
        if count == 0:
            raise SourceError(_("{name} is a PDF without pages").format(name=name))
        if count > MAX_PAGES:
            raise SourceError(
                _("{name} has {count} pages; concluding observations have far fewer").format(name=name, count=count)
            )
        raw_pages: list[list[_RawLine]] = []
        heights: list[float] = []
        for index in range(count):
            options.checkpoint(index, count, _("Reading page {n} of {total}").format(n=index + 1, total=count))
            collector = _PageCollector()
            try:
                page = pages[index]
                if not preparse_page(page, options.tick):  # the same operations as pypdf's, several times faster
                    _check_content_size(page, name, index)  # pypdf's own parser reads a byte at a time
                options.tick()
                page.extract_text(visitor_text=collector, visitor_operand_before=_ticking(options))
                heights.append(float(page.mediabox.height))
            except (
                PyPdfError,
                ValueError,
                KeyError,
                TypeError,
                AttributeError,
                IndexError,
                OSError,
                RecursionError,
                NotImplementedError,
                ZeroDivisionError,
            ) as exc:
                raise SourceError(
                    _("{name}: page {n} cannot be read ({reason})").format(name=name, n=index + 1, reason=_reason(exc))
                ) from None
            raw_pages.append(_group_lines(collector.pieces))
        if not any(raw_pages):
            raise SourceError(
                _("{name} has no text layer (a scanned image?); it cannot be imported without OCR").format(name=name)
            )
        body = _body_size(raw_pages)
        lines = [_to_line(raw, index, body, heights[index]) for index, page in enumerate(raw_pages) for raw in page]
        out = SourceText()
        lines_to_blocks(lines, out, zoned=True, tick=options.tick)
        options.checkpoint(count, count, _("Finding paragraphs"))
        doc = parse_document(out, symbol=options.symbol, treaty=options.treaty)
        return ParsedSource(format=self.format, name=name, documents=[doc])


#: pypdf parses content a byte at a time (about 1 MB/s), with no way to stop it in between: a page
#: it must parse itself may hold this much (a dense real page holds 50–200 KB). Finding 12 of issue
#: 21: an 85 KB file inflating to a huge content stream kept the guard waiting 42 s.
MAX_SLOW_CONTENT_BYTES = 2 * 1024 * 1024


def _check_content_size(page: Any, name: str, index: int) -> None:
    try:
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
    except Exception:  # noqa: BLE001 - pypdf reports a damaged stream itself when it extracts the text
        return
    if size > MAX_SLOW_CONTENT_BYTES:
        raise SourceError(
            _("{name}: page {n} holds far more drawing instructions than any real document ({mb} MB)").format(
                name=name, n=index + 1, mb=size // (1024 * 1024)
            )
        )


def _ticking(options: ReadOptions) -> Any:
    """A pypdf operation visitor that checks the time budget every few hundred operations."""
    count = 0

    def visit(_op: Any, _operands: Any, _cm: Any, _tm: Any) -> None:
        nonlocal count
        count += 1
        if count % 256 == 0:
            options.tick()

    return visit


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
