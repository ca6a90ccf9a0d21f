"""UHRI exports: "Export to Excel" (.xlsx, read with openpyxl) and the same table saved as CSV.

openpyxl parses with defusedxml when it is installed (it is a dependency);
the package is still checked first (zip bomb, document type declarations) so
that a hostile workbook gets the same clear one-line refusal as a hostile
Word file.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence

from crc_reporter import untrusted
from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.i18n import N_, _
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.text import decode_text, looks_like_text
from crc_reporter.importers.uhri_rows import RowCollector, header_map
from crc_reporter.untrusted import SourceError

MAX_ROWS = 500_000
_HEADER_SCAN = 15  # the header row may follow a title or a blank row


def _collect(rows: Iterator[Sequence[object]], probe: Probe, options: ReadOptions, fmt: str) -> ParsedSource:
    columns: dict[str, int] = {}
    collector: RowCollector | None = None
    for number, row in enumerate(rows, start=1):
        if collector is None:
            columns = header_map(row)
            if "text" in columns and ("symbol" in columns or "body" in columns):
                collector = RowCollector(columns, options)
            elif number >= _HEADER_SCAN:
                break
            continue
        if number > MAX_ROWS:
            raise SourceError(
                _("{name} has more than {max} rows; split the export").format(name=probe.name, max=MAX_ROWS)
            )
        if number % 500 == 0:
            options.checkpoint(number, 0, _("Reading row {n}").format(n=number))
        collector.add(row, number)
    if collector is None:
        RowCollector(columns, options)  # raises the "missing columns" error with the names
        raise SourceError(_("{name} does not look like a UHRI export").format(name=probe.name))
    documents, others, warnings = collector.finish()
    return ParsedSource(
        format=fmt,
        name=probe.name,
        documents=documents,
        other_mechanisms=others,
        warnings=warnings,
        left_out=collector.left_out,
    )


class UhriXlsxImporter:
    format = "uhri-xlsx"
    label = N_("UHRI export (.xlsx)")
    extensions = (".xlsx", ".xlsm")

    def sniff(self, probe: Probe) -> int:
        if "xl/workbook.xml" in probe.zip_members:
            return 90
        if probe.suffix in self.extensions and probe.head.startswith((untrusted.ZIP_MAGIC, untrusted.EMPTY_ZIP_MAGIC)):
            return 60
        return 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from openpyxl import load_workbook

        zf = untrusted.open_zip(data, probe.name)
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                _check_prolog(zf, name, probe.name)
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except SourceError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for damaged or hostile workbooks
            reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
            raise SourceError(
                _("{name} is not a readable Excel workbook ({reason})").format(name=probe.name, reason=reason)
            ) from None
        try:
            sheet = book.worksheets[0] if book.worksheets else None
            if sheet is None:
                raise SourceError(_("{name} has no worksheet").format(name=probe.name))
            return _collect(sheet.iter_rows(values_only=True), probe, options, self.format)
        finally:
            book.close()


def _check_prolog(zf: zipfile.ZipFile, member: str, what: str) -> None:
    try:
        with zf.open(member) as fh:
            head = fh.read(65536)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise SourceError(_("{what} is damaged or incomplete ({reason})").format(what=what, reason=exc)) from None
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise SourceError(
            _(
                "{what} contains an XML document type declaration (a possible entity-expansion attack); it was not read"
            ).format(what=f"{what} ({member})")
        )


class UhriCsvImporter:
    format = "uhri-csv"
    label = N_("UHRI export saved as CSV (.csv)")
    extensions = (".csv",)

    def sniff(self, probe: Probe) -> int:
        if not looks_like_text(probe.head):
            return 0
        first = probe.head[:2048].decode("utf-8", errors="ignore").lower()
        if "reccomending body" in first or "recommending body" in first or "document symbol" in first:
            return 80
        return 30 if probe.suffix == ".csv" else 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        text = decode_text(data, probe.name)
        first_line = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first_line.count)
        csv.field_size_limit(2_000_000)
        try:
            rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            return _collect(rows, probe, options, self.format)
        except csv.Error as exc:
            raise SourceError(
                _("{name} is not a readable CSV file ({reason})").format(name=probe.name, reason=exc)
            ) from None
