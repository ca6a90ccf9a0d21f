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
from typing import Any

from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.parsed import ParsedDocument, ParsedParagraph, ParsedPart, ParsedSource
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.i18n import N_, _, ngettext
from crc_reporter.importers.base import Probe, ReadOptions
from crc_reporter.importers.text import decode_text, looks_like_text
from crc_reporter.untrusted import SourceError

MAX_ROWS = 200_000
Cell = Callable[[list[str], str], str]  # (row, field) -> the cell's text
Body = list[tuple[int, list[str]]]


def _delimiter(first_line: str) -> str:
    """``,`` as IMPACT writes, or ``;`` / tab as a French-locale Excel saves a CSV."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    return max(",;\t", key=outside.count) if outside.strip() else ","


def _is_download(cells: list[str]) -> bool:
    """The header of IMPACT's own "Download CSV": ``id`` first, then attribute and ``connected_…`` columns."""
    names = [c.strip().lstrip("\ufeff").strip().casefold() for c in cells]
    return (
        bool(names)
        and names[0] == "id"
        and "title" in names
        and ("reference" in names or any(n.startswith("connected_") for n in names))
    )


def _header(probe: Probe) -> list[str]:
    first = probe.head[:8192].decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    try:
        return next(csv.reader([first], delimiter=_delimiter(first)), [])
    except csv.Error:
        return []


ACTION_FIELDS = (
    "outcome",
    "target_date",
    "target_date_comment",
    "indicator_summary",
    "rel:recommendation-reference",
    "connected:recommendations",
    "tax:progress",
    "own:status",
)


class ImpactCsvImporter:
    format = "impact-csv"
    label = N_("IMPACT OSS import file (.csv)")
    extensions = (".csv",)

    def sniff(self, probe: Probe) -> int:
        if not looks_like_text(probe.head):
            return 0
        header = _header(probe)
        if any("[database:" in h or "[rel:" in h for h in header):
            return 85
        return 85 if _is_download(header) else 0

    def read(self, data: bytes, probe: Probe, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.interchange.impact import field_of, is_hint_row
        from crc_reporter.services.interchange.normalise import unneutralise

        text = decode_text(data, probe.name).lstrip("\ufeff")
        csv.field_size_limit(2_000_000)
        delimiter = _delimiter(text.split("\n", 1)[0])
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
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

        if "frequency_months" in columns or ("rel:action-reference" in columns and "start_date" in columns):
            raise SourceError(
                _("{name} is an IMPACT OSS indicators file; indicators are not imported from IMPACT OSS").format(
                    name=probe.name
                )
            )
        download = _is_download(rows[0])
        named = probe.name.casefold()
        if any(f in columns for f in ACTION_FIELDS) or (
            download and "connected:actions" not in columns and ("action" in named or "measure" in named)
        ):
            return self._actions(probe, body, cell, options)
        return self._recommendations(probe, body, cell, options)

    def _recommendations(self, probe: Probe, body: Body, get: Cell, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.interchange.impact import parse_part_reference, part_reference, reference

        links: list[Any] = []
        warnings: list[str] = []
        documents: dict[str, ParsedDocument] = {}
        responses = 0
        symbol = normalise_symbol(options.symbol) if options.symbol else None
        for number, row in body:
            if not any(c.strip() for c in row):
                continue
            ref = get(row, "reference")
            parsed = parse_part_reference(ref, symbol)
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
            for action_ref in (a.strip().split("|")[0].strip() for a in get(row, "rel:action-reference").split(",")):
                if action_ref:
                    target = (
                        part_reference(info.symbol, parsed[1], parsed[2])
                        if parsed[2]
                        else reference(info.symbol, parsed[1])
                    )
                    links.append(_link_row(number, action_ref, target))
            paragraph = next((p for p in doc.paragraphs if p.number == parsed[1]), None)
            if paragraph is None:
                paragraph = ParsedParagraph(number=parsed[1], text="", kind=RecommendationKind.RECOMMENDATION.value)
                doc.paragraphs.append(paragraph)
            if parsed[2] is not None:  # a lettered part, tracked as its own record in IMPACT
                if all(p.label != parsed[2] for p in paragraph.parts):
                    paragraph.parts.append(ParsedPart(parsed[2], text))
                continue
            if paragraph.text:
                warnings.append(
                    _("row {row}: paragraph {number} of {symbol} appears twice; the first was kept").format(
                        row=number, number=parsed[1], symbol=info.symbol
                    )
                )
                continue
            paragraph.text = text
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
            for paragraph in doc.paragraphs:
                paragraph.parts.sort(key=lambda p: p.label)
                if not paragraph.text:  # only its parts were sent: the paragraph is their text
                    paragraph.text = " ".join(f"({p.label}) {p.text}" for p in paragraph.parts)
            doc.paragraphs.sort(key=lambda p: p.number)
        parsed_source = ParsedSource(
            format=self.format, name=probe.name, documents=list(documents.values()), warnings=warnings
        )
        if not links:
            return parsed_source
        from crc_reporter.services.interchange.impact import ImpactActions

        # [rel:action-reference]: the paragraphs first, then the links, applied as one payload
        payload = ImpactActions(name=probe.name, rows=tuple(links), warnings=(), documents=parsed_source)
        return ParsedSource(format="impact-actions-csv", name=probe.name, payload=payload, warnings=warnings)

    def _actions(self, probe: Probe, body: Body, get: Cell, options: ReadOptions) -> ParsedSource:
        from crc_reporter.services.interchange.impact import ImpactActionRow, ImpactActions

        symbol = normalise_symbol(options.symbol) if options.symbol else None
        rows = []
        warnings = []
        for number, row in body:
            if not any(c.strip() for c in row):
                continue
            title = get(row, "title") or get(row, "reference")
            if not title:
                warnings.append(_("row {row}: no title or reference; skipped").format(row=number))
                continue
            rows.append(
                ImpactActionRow(
                    row=number,
                    reference=get(row, "reference"),
                    title=title,
                    description=get(row, "description"),
                    outcome=get(row, "outcome"),
                    target_date=get(row, "target_date"),
                    recommendations=_recommendation_refs(row, get, symbol),
                    **_action_facts(row, get),
                )
            )
        payload = ImpactActions(name=probe.name, rows=tuple(rows), warnings=tuple(warnings))
        return ParsedSource(format="impact-actions-csv", name=probe.name, payload=payload, warnings=warnings)


def _link_row(number: int, action_ref: str, target: str) -> Any:
    from crc_reporter.services.interchange.impact import ImpactActionRow

    return ImpactActionRow(number, action_ref, action_ref, "", "", "", (target,), link_only=True)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _recommendation_refs(row: list[str], get: Cell, symbol: str | None) -> tuple[str, ...]:
    """The paragraphs (and parts) an action answers, as our references; ``--symbol`` completes bare ones."""
    from crc_reporter.services.interchange.impact import listed, parse_part_reference, part_reference, reference

    raw = [r.strip().split("|")[0].strip() for r in get(row, "rel:recommendation-reference").split(",")]
    raw += [code or title for title, code in listed(get(row, "connected:recommendations"))]
    out = []
    for ref in (r for r in raw if r):
        parsed = parse_part_reference(ref, symbol)
        if parsed is None:
            out.append(ref)  # reported when applied
        else:
            sym, num, part = parsed
            out.append(part_reference(sym, num, part) if part else reference(sym, num))
    return tuple(dict.fromkeys(out))


def _action_facts(row: list[str], get: Cell) -> dict[str, Any]:
    """Status, type, start, actor and sources: from our own columns, else from IMPACT's categories."""
    import json

    from crc_reporter.services.interchange.impact import listed
    from crc_reporter.services.interchange.impact_categories import STATUS_OF_PROGRESS

    facts: dict[str, Any] = {
        "status": get(row, "own:status") or None,
        "action_type": get(row, "own:type") or None,
        "start_date": get(row, "own:start_date"),
        "actor": get(row, "own:actor") or None,
        "actor_type": get(row, "own:actor_type") or None,
    }
    if facts["status"] is None:
        for title, code in listed(get(row, "tax:progress")):
            facts["status"] = STATUS_OF_PROGRESS.get(title.casefold()) or STATUS_OF_PROGRESS.get(
                (code or "").casefold()
            )
    if facts["actor"] is None:
        agencies = listed(get(row, "tax:agencies"))
        if agencies:
            facts["actor"], facts["actor_short"] = agencies[0]
            facts["actor_type"] = "government"
    sources = get(row, "own:sources")
    if sources:
        try:
            decoded = json.loads(sources)
            facts["sources"] = tuple(
                (str(s["title"]), _text_or_none(s.get("url")), _text_or_none(s.get("file")))
                for s in decoded
                if isinstance(s, dict) and str(s.get("title", "")).strip()
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            facts["sources"] = None  # unreadable: the action's sources stay as they are
    return facts
