"""Text copied out of a PDF (pasted into the app, piped to the CLI, or saved as .txt).

It has every defect of PDF text and no layout to help: page headers and
footers in the middle of paragraphs, footnotes, hyphenated line ends, numbers
on lines of their own. :mod:`crc_reporter.importers.lines` mends them; a form
feed (as pdftotext writes between pages) marks a page break.
"""

from __future__ import annotations

import codecs

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
        for page, chunk in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f")):
            for raw in chunk.split("\n"):
                if raw.strip():
                    lines.append(Line(raw.strip(), page=page))
            options.checkpoint(page, 0, _("Reading the text"))
        out = SourceText()
        lines_to_blocks(lines, out, zoned=False)
        options.checkpoint(1, 1, _("Finding paragraphs"))
        doc = parse_document(out, symbol=options.symbol, treaty=options.treaty)
        return ParsedSource(format=self.format, name=probe.name, documents=[doc])
