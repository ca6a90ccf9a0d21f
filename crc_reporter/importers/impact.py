"""IMPACT OSS CSV files: its recommendation template and its actions ("measures") template.

Columns are found by the field in their header's brackets (``[database:reference]``,
``[rel:recommendation-reference]``), whatever the label before it. The template's
second row of hints is skipped when present.

A recommendations file becomes documents and paragraphs like any other source
(the reference must name a CRC document and paragraph: ``CRC/C/KHM/CO/4-6 para 17``,
or give ``--symbol`` and a paragraph number); only the paragraph text is taken, so a
re-import never clears the clusters, tags or statuses kept here. An actions file is
read into rows that the interchange service applies.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.parsed import ParsedDocument, ParsedParagraph, ParsedSource
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.text import decode_text, looks_like_text
from crc_reporter.untrusted import SourceError

MAX_ROWS = 200_000
Cell = Callable[[list[str], str], str]  # (row, field) -> the cell's text
Body = list[tuple[int, list[str]]]


def _reference(text: str, symbol: str | None) -> tuple[str, int] | None:
    from crc_reporter.services.interchange.impact import parse_reference

    parsed = parse_reference(text)
    if parsed is not None:
        return parsed
    if symbol:
        match = re.search(r"(\d{1,4})\s*$", text.strip()) or re.match(r"^\s*(\d{1,4})\b", text)
        if match:
            return symbol, int(match[1])
    return None


class ImpactCsvImporter:
    format = "impact-csv"
    label = N_("IMPACT OSS import file (.csv)")
    extensions = (".csv",)

    def sniff(self, probe: Probe) -> int:
        if not looks_like_text(probe.head):
            return 0
        first = probe.head[:4096].decode("utf-8", errors="ignore").split("\n", 1)[0]
        return 85 if "[database:" in first or "[rel:" in first else 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.interchange.impact import field_of, is_hint_row
        from crc_reporter.services.interchange.normalise import unneutralise

        text = decode_text(data, probe.name)
        csv.field_size_limit(2_000_000)
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise SourceError(
                _("{name} is not a readable CSV file ({reason})").format(name=probe.name, reason=exc)
            ) from None
        if len(rows) > MAX_ROWS:
            raise SourceError(_("{name} has more than {max} rows; split it").format(name=probe.name, max=MAX_ROWS))
        if not rows:
            raise SourceError(_("{name} is empty").format(name=probe.name))
        columns = {field: i for i, h in enumerate(rows[0]) if (field := field_of(h))}
        if "reference" not in columns:
            raise SourceError(_("{name} has no Reference [database:reference] column").format(name=probe.name))
        body = list(enumerate(rows[1:], start=2))
        if body and is_hint_row(body[0][1]):
            body = body[1:]
        options.checkpoint(0, len(body), _("Reading {name}").format(name=probe.name))

        def cell(row: list[str], field: str) -> str:
            index = columns.get(field)
            # the export's formula guard (a leading apostrophe) comes off, as in the tracker's import
            return unneutralise(row[index].strip()) if index is not None and index < len(row) else ""

        if any(f in columns for f in ("outcome", "target_date", "rel:recommendation-reference")):
            return self._actions(probe, body, cell)
        return self._recommendations(probe, body, cell, options)

    def _recommendations(self, probe: Probe, body: Body, get: Cell, options: ReadOptions) -> ParsedSource:
        warnings: list[str] = []
        documents: dict[str, ParsedDocument] = {}
        responses = 0
        symbol = normalise_symbol(options.symbol) if options.symbol else None
        for number, row in body:
            if not any(c.strip() for c in row):
                continue
            ref = get(row, "reference")
            parsed = _reference(ref, symbol)
            text = get(row, "description") or get(row, "title")
            if parsed is None:
                warnings.append(
                    _("row {row}: the reference '{ref}' names no CRC document and paragraph; skipped").format(
                        row=number, ref=ref[:60]
                    )
                )
                continue
            if not text:
                warnings.append(_("row {row}: no title or description; skipped").format(row=number))
                continue
            try:
                info = parse_symbol(parsed[0])
            except SymbolError as exc:
                warnings.append(_("row {row}: {problem}; skipped").format(row=number, problem=exc))
                continue
            doc = documents.setdefault(
                info.symbol,
                ParsedDocument(
                    symbol=info.symbol,
                    treaty=info.treaty.value,
                    doc_type=info.doc_type.value,
                    country=info.country,
                    provides=("text",),
                ),
            )
            doc.paragraphs.append(
                ParsedParagraph(number=parsed[1], text=text, kind=RecommendationKind.RECOMMENDATION.value)
            )
            responses += bool(get(row, "response") or get(row, "support_level"))
        if responses:
            warnings.append(
                ngettext(
                    "{n} government response was not imported (record it as an assessment)",
                    "{n} government responses were not imported (record them as assessments)",
                    responses,
                ).format(n=responses)
            )
        if not documents:
            raise SourceError(_("{name} holds no paragraph of a CRC document").format(name=probe.name))
        for doc in documents.values():
            doc.paragraphs.sort(key=lambda p: p.number)
        return ParsedSource(format=self.format, name=probe.name, documents=list(documents.values()), warnings=warnings)

    def _actions(self, probe: Probe, body: Body, get: Cell) -> ParsedSource:
        from crc_reporter.services.interchange.impact import ImpactActionRow, ImpactActions

        rows = []
        warnings = []
        for number, row in body:
            if not any(c.strip() for c in row):
                continue
            title = get(row, "title") or get(row, "reference")
            if not title:
                warnings.append(_("row {row}: no title or reference; skipped").format(row=number))
                continue
            refs = tuple(
                r.strip().split("|")[0] for r in get(row, "rel:recommendation-reference").split(",") if r.strip()
            )
            rows.append(
                ImpactActionRow(
                    row=number,
                    reference=get(row, "reference"),
                    title=title,
                    description=get(row, "description"),
                    outcome=get(row, "outcome"),
                    target_date=get(row, "target_date"),
                    recommendations=refs,
                )
            )
        payload = ImpactActions(name=probe.name, rows=tuple(rows), warnings=tuple(warnings))
        return ParsedSource(format="impact-actions-csv", name=probe.name, payload=payload, warnings=warnings)
