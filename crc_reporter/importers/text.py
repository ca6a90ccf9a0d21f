"""Text copied out of a PDF (pasted into the app, piped to the CLI, or saved as .txt).

It has every defect of PDF text and no layout to help: page headers and
footers in the middle of paragraphs, footnotes, hyphenated line ends, numbers
on lines of their own. :mod:`crc_reporter.importers.lines` mends them; a form
feed (as pdftotext writes between pages) marks a page break.
"""

from __future__ import annotations

import codecs
import re

from crc_reporter import untrusted
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_, _
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.blocks import Line, SourceText
from crc_reporter.importers.lines import lines_to_blocks
from crc_reporter.importers.structure import parse_document
from crc_reporter.untrusted import SourceError


def decode_text(data: bytes, name: str) -> str:
    """Decode text in the encodings people actually have; refuse binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise SourceError(_("{name} is not a text file (it contains binary data)").format(name=name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode", PowerShell's clipboard: judge the characters, not the bytes (half of them NUL)
        usable = len(head) - len(head) % 2
        head = head[:usable].decode("utf-16", errors="replace").encode("utf-8")[:4096]
    if not head or b"\x00" in head[:4096]:
        return False
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) * 0.01


#: A line this long holds several paragraphs: the copy lost its line breaks (a web page, some viewers).
RUN_ON_LINE = 2000
_BOUNDARY = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<num>\d{1,3})\.\s+(?=[A-Z\u201c\"(])|(?P<head>[IVX]{1,5}|[A-Z])\.\s+(?=[A-Z])|"
    r"\((?P<part>[a-z])\)\s+(?=\S)|(?P<title>Concluding observations|Distr\.|Original:))"
)
_ROMAN_ORDER = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def split_run_on(line: str) -> list[str]:
    """A document whose line breaks were lost, split before its paragraph numbers, headings and parts.

    Numbers, chapters (I., II.) and sections (A., B.) are taken only in their running order, so
    "12. per cent" or "annex A. The" inside a sentence do not split it.
    """
    pieces: list[str] = []
    start = 0
    next_para, chapter, section, letter = 1, 0, "A", "a"
    for m in _BOUNDARY.finditer(line):
        before = line[max(0, m.start() - 12) : m.start()].rstrip()  # a window: a long line is read once
        after_break = not before or before[-1] in '.;:!?)\u201d"*'
        cut = False
        if m.group("num"):
            n = int(m.group("num"))
            if n == next_para or (after_break and next_para < n <= next_para + 3):
                next_para, letter, cut = n + 1, "a", True
        elif m.group("head"):
            label = m.group("head")
            ahead = _ROMAN_ORDER[chapter : chapter + (3 if after_break else 1)]
            if label in ahead and label != section:
                chapter, section, cut = _ROMAN_ORDER.index(label) + 1, "A", True
            elif label == section:
                section, cut = chr(ord(label) + 1), True
        elif m.group("part"):
            if m.group("part") == letter and (before.endswith((":", ";")) or re.search(r"; (?:and|or)$", before)):
                letter, cut = chr(ord(letter) + 1), True
        else:
            cut = True
        if cut and m.start() > start:
            pieces.append(line[start : m.start()].strip())
            start = m.start()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


class TextImporter:
    format = "text"
    label = N_("text copied from a PDF (.txt)")
    extensions = (".txt", ".text", "")

    def sniff(self, probe: Probe) -> int:
        if not looks_like_text(probe.head):
            return 0
        return 40 if probe.suffix in (".txt", ".text") else 10

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        text = decode_text(data, probe.name)
        if len(text) > untrusted.MAX_TEXT_CHARS:
            raise SourceError(
                _("{name} holds more text than any concluding observations ({mb} MB); it was not read").format(
                    name=probe.name, mb=len(text) // (1024 * 1024)
                )
            )
        lines: list[Line] = []
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        few_lines = text.count("\n") < 4
        for page, chunk in enumerate(text.split("\f")):
            for raw in chunk.split("\n"):
                run_on = len(raw) > RUN_ON_LINE or (few_lines and len(raw) > 400)
                for piece in split_run_on(raw) if run_on else [raw]:
                    if piece.strip():
                        lines.append(Line(piece.strip(), page=page))
            options.checkpoint(page, 0, _("Reading the text"))
        out = SourceText()
        lines_to_blocks(lines, out, zoned=False, tick=options.tick)
        options.checkpoint(1, 1, _("Finding paragraphs"))
        doc = parse_document(out, symbol=options.symbol, treaty=options.treaty)
        return ParsedSource(format=self.format, name=probe.name, documents=[doc])
