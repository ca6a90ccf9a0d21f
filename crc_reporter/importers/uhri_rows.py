"""Rows of a UHRI export (Universal Human Rights Index, OHCHR) into documents and paragraphs.

The export's quirks, as OHCHR writes them: the column "Reccomending Body"
(sic; newer exports may spell it right), values prefixed with "- ", several
values in one cell on separate lines, dates as Excel serial numbers, SDG values
such as "16.9 - Provide legal identity for all", and a text that may start
with its subheading before the paragraph number ("Birth registration 17. The
Committee urges…"). One export can hold several documents and other
mechanisms (UPR, other treaty bodies, special procedures): since issue 22 each
row becomes a paragraph of its own document, with its mechanism (from the
symbol, else the body cell: :func:`~crc_reporter.importers.mechanisms.mechanism_of_body`),
and for the UPR its number as printed ("112.45"), recommending States, position
and session. ``ReadOptions.only_children`` leaves out the other mechanisms' rows
that do not concern children (counted). Rows whose mechanism or symbol cannot
be told are skipped or kept apart, never mixed into a document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from crc_reporter.domain.enums import CRC_MECHANISMS, Mechanism, RecommendationKind
from crc_reporter.domain.parsed import OtherMechanismRow, ParsedDocument, ParsedParagraph, ParsedPart
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.i18n import _
from crc_reporter.importers import analysis
from crc_reporter.importers.base import ReadOptions
from crc_reporter.importers.mechanisms import (
    concerns_children,
    cycle_of_session,
    mechanism_of_body,
    position_of,
    session_number,
    split_states,
)
from crc_reporter.untrusted import SourceError

# normalised header -> our key; normalisation keeps letters only, lower-cased
COLUMNS = {
    "text": "text",
    "countriesconcerned": "countries",
    "reccomendingbody": "body",
    "recommendingbody": "body",
    "documentsymbol": "symbol",
    "themes": "themes",
    "affectedpersons": "affected",
    "sdgs": "sdgs",
    "documentpublicationdate": "date",
    "uprreccomendingstates": "upr_states",
    "uprrecommendingstates": "upr_states",
    "uprposition": "upr_position",
    "uprsession": "upr_session",
    "type": "type",
    "ohchrannotationid": "annotation",
}
REQUIRED = ("text", "symbol")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, taking its 1900 leap-year bug into account
_LEAD = re.compile(
    r"^(?P<head>[^\n.;:]{0,200}?)(?<!\s)\s*+(?<![\d/.])(?P<num>\d{1,3})\.\s*+(?P<body>[A-Z(\u201c\"\u2018].*)$", re.S
)
_UPR_LEAD = re.compile(r"^\s*(?P<para>\d{2,3})\.(?P<sub>\d{1,3})\.?\s+(?P<body>\S.*)$", re.S)
_PART_START = re.compile(r"(?:(?<=[:;.])|(?<=\band)|(?<=\bor)|^)\s*\((?P<label>[a-z])\)\s+", re.M)


def normalise_header(name: object) -> str:
    return re.sub(r"[^a-z]", "", str(name or "").lower())


def header_map(row: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = COLUMNS.get(normalise_header(cell))
        if key and key not in found:
            found[key] = index
    return found


def values(cell: object) -> list[str]:
    """A multi-value cell: one value per line, "- " prefixes removed."""
    if cell is None:
        return []
    out = []
    for line in str(cell).replace("\r", "\n").split("\n"):
        line = re.sub(r"^\s*[-\u2013\u2022]\s*", "", line).strip()
        if line:
            out.append(line)
    return out


def single(cell: object) -> str:
    found = values(cell)
    return found[0] if found else ""


def to_date(cell: object) -> dt.date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = str(cell).strip().lstrip("- ").strip()
    try:
        serial = float(text)
    except ValueError:
        serial = None
    if serial is not None:
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial)) if 1 <= serial < 120_000 else None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%d %B %Y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text[:19], fmt).date()
        except ValueError:
            continue
    return analysis.parse_date(text)


def sdg_target(value: str) -> str | None:
    """ "16.9 - Provide legal identity for all" -> "16.9" (goal-only values carry no target)."""
    m = re.match(r"^\s*(?:SDG\s*|target\s*)?(\d{1,2})\.(\w{1,2})\b", value, re.I)
    return f"{int(m.group(1))}.{m.group(2)}" if m and 1 <= int(m.group(1)) <= 17 else None


def split_parts(body: str) -> tuple[str, list[ParsedPart]]:
    """Lettered sub-paragraphs inside one cell, in sequence: (a), (b), …"""
    starts = []
    expected = "a"
    for m in _PART_START.finditer(body):
        if m.group("label") == expected:
            starts.append(m)
            expected = chr(ord(expected) + 1)
    if not starts:
        return " ".join(body.split()), []
    parts = []
    for index, m in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        parts.append(ParsedPart(m.group("label"), analysis.clean_part_text(" ".join(body[m.end() : end].split()))))
    return " ".join(body.split()), parts


def kind_of(types: Iterable[str], text: str) -> str:
    joined = " ".join(types).lower()
    if "recommend" in joined:
        return RecommendationKind.RECOMMENDATION.value
    if "concern" in joined or "observation" in joined:
        return RecommendationKind.CONCERN.value
    if joined:
        return RecommendationKind.OTHER.value
    return analysis.classify(text, -1.0, "", False)


class RowCollector:
    """Gathers rows into documents (by symbol) and paragraphs (by number)."""

    def __init__(self, columns: dict[str, int], options: ReadOptions) -> None:
        missing = [c for c in REQUIRED if c not in columns]
        if "body" not in columns and "symbol" not in columns:
            missing.append("Reccomending Body")
        if missing:
            names = {"text": "Text", "symbol": "Document Symbol"}
            raise SourceError(
                _("this spreadsheet does not look like a UHRI export: the column(s) {columns} are missing").format(
                    columns=", ".join(names.get(m, m) for m in missing)
                )
            )
        self.columns, self.options = columns, options
        self.documents: dict[str, ParsedDocument] = {}
        self.others: list[OtherMechanismRow] = []
        self.skipped: Counter[str] = Counter()
        self.warnings: list[str] = []
        self.rows = 0
        self.left_out = 0  # rows of other mechanisms that do not concern children (only_children)

    def cell(self, row: Sequence[object], key: str) -> object:
        index = self.columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    def add(self, row: Sequence[object], row_number: int) -> None:
        text = str(self.cell(row, "text") or "").strip()
        if not text:
            return
        self.rows += 1
        symbol = normalise_symbol(single(self.cell(row, "symbol"))) if single(self.cell(row, "symbol")) else ""
        body = single(self.cell(row, "body"))
        mechanism = mechanism_of_body(body, symbol)
        if mechanism is None or not _known_symbol(symbol):
            self.other(row, body or _("unknown"), symbol, text)
            return
        affected = values(self.cell(row, "affected"))
        if (
            self.options.only_children
            and mechanism.value not in CRC_MECHANISMS
            and not concerns_children(text, affected)
        ):
            self.left_out += 1
            return
        doc = self.documents.get(symbol)
        if doc is None:
            doc = ParsedDocument(
                symbol=symbol,
                treaty=mechanism.value,
                doc_type=parse_symbol(symbol).doc_type.value,
                country=_country(symbol),
                country_name=single(self.cell(row, "countries")) or None,
                date=to_date(self.cell(row, "date")),
            )
            self.documents[symbol] = doc
        if mechanism == Mechanism.UPR:
            paragraph = self.upr_paragraph(row, text, affected)
        else:
            paragraph = self.paragraph(row, text, affected, symbol)
        if paragraph is None:
            self.warnings.append(
                _("row {row} of {symbol} has no paragraph number; it was left out").format(
                    row=row_number, symbol=symbol
                )
            )
            return
        _merge_into(doc, paragraph)

    def paragraph(self, row: Sequence[object], text: str, affected: list[str], symbol: str) -> ParsedParagraph | None:
        m = _LEAD.match(text.strip())
        if not m:
            return None
        full, parts = split_parts(m.group("body"))
        head = " ".join(m.group("head").split()) or None
        paragraph = ParsedParagraph(
            number=int(m.group("num")),
            text=full,
            parts=parts,
            subheading=head,
            kind=kind_of(values(self.cell(row, "type")), full),
            sdg_targets=[t for t in (sdg_target(v) for v in values(self.cell(row, "sdgs"))) if t],
            themes=values(self.cell(row, "themes")),
            affected_groups=affected,
            previous=analysis.previous_references(full, symbol),
        )
        for target in analysis.sdg_targets(full):
            if target not in paragraph.sdg_targets:
                paragraph.sdg_targets.append(target)
        return paragraph

    def upr_paragraph(self, row: Sequence[object], text: str, affected: list[str]) -> ParsedParagraph | None:
        """ "112.45 Ensure … (Freedonia);": numbered by its sub-number, labelled as printed."""
        m = _UPR_LEAD.match(text)
        if not m:
            return None
        body, named = split_states(m.group("body"))
        states = values(self.cell(row, "upr_states")) or named
        session = session_number(single(self.cell(row, "upr_session")))
        position = position_of(" ".join(values(self.cell(row, "upr_position"))))
        return ParsedParagraph(
            number=int(m.group("sub")),
            text=body,
            kind=kind_of(values(self.cell(row, "type")), body),
            label=f"{int(m.group('para'))}.{int(m.group('sub'))}",
            recommending_states=states,
            position=position.value if position else None,
            upr_session=str(session) if session else None,
            upr_cycle=cycle_of_session(session) if session else None,
            sdg_targets=[t for t in (sdg_target(v) for v in values(self.cell(row, "sdgs"))) if t],
            themes=values(self.cell(row, "themes")),
            affected_groups=affected,
        )

    def other(self, row: Sequence[object], body: str, symbol: str, text: str) -> None:
        if self.options.other_mechanisms != "keep":
            self.skipped[body] += 1
            return
        self.others.append(
            OtherMechanismRow(
                body=body,
                symbol=symbol or None,
                text=" ".join(text.split()),
                date=to_date(self.cell(row, "date")),
                kind=kind_of(values(self.cell(row, "type")), text),
                themes=values(self.cell(row, "themes")),
                affected_groups=values(self.cell(row, "affected")),
                sdg_targets=[t for t in (sdg_target(v) for v in values(self.cell(row, "sdgs"))) if t],
                upr_position=single(self.cell(row, "upr_position")) or None,
                upr_states=values(self.cell(row, "upr_states")),
            )
        )

    def finish(self) -> tuple[list[ParsedDocument], list[OtherMechanismRow], list[str]]:
        if not self.rows:
            raise SourceError(_("the UHRI export has no rows with text"))
        warnings = list(self.warnings)
        if self.skipped:
            listed = ", ".join(f"{body}: {count}" for body, count in self.skipped.most_common())
            warnings.append(
                _("{count} rows of an unknown mechanism or without a document symbol were skipped ({bodies})").format(
                    count=sum(self.skipped.values()), bodies=listed
                )
            )
        if not self.documents and not self.others and not self.left_out:
            raise SourceError(
                _("the UHRI export holds no recommendations of a mechanism CRC Reporter knows ({count} rows)").format(
                    count=sum(self.skipped.values())
                )
            )
        documents = sorted(self.documents.values(), key=lambda d: d.symbol or "")
        for doc in documents:
            doc.paragraphs.sort(key=lambda p: p.number)
            doc.provides = ("text", "kind", "parts", "previous")
            if doc.treaty == Mechanism.UPR.value:
                doc.provides += ("label", "recommending_states", "upr_session", "upr_cycle")
                if any(p.position for p in doc.paragraphs):
                    doc.provides += ("position",)
        return documents, self.others, warnings


def _known_symbol(symbol: str) -> bool:
    try:
        parse_symbol(symbol)
    except SymbolError:
        return False
    return True


def _country(symbol: str) -> str | None:
    try:
        return parse_symbol(symbol).country
    except SymbolError:
        return None


def _merge_into(doc: ParsedDocument, paragraph: ParsedParagraph) -> None:
    """UHRI may split one paragraph over several rows (concern and recommendation): join them.

    UPR recommendations are told apart by their label: "110.5" and "111.5" of an older report
    (one paragraph per position) are two recommendations; the second is numbered 111005.
    """
    existing = next((p for p in doc.paragraphs if p.number == paragraph.number), None)
    if existing is not None and existing.label != paragraph.label and paragraph.label:
        para = int(paragraph.label.split(".")[0])
        paragraph.number = para * 1000 + paragraph.number
        existing = next((p for p in doc.paragraphs if p.number == paragraph.number), None)
    if existing is None:
        doc.paragraphs.append(paragraph)
        return
    if paragraph.text not in existing.text:
        existing.text = paragraph.text if existing.text in paragraph.text else f"{existing.text} {paragraph.text}"
        existing.parts = existing.parts or paragraph.parts
    if paragraph.kind == RecommendationKind.RECOMMENDATION.value:
        existing.kind = paragraph.kind
    existing.position = existing.position or paragraph.position
    for name in ("sdg_targets", "themes", "affected_groups", "previous", "recommending_states"):
        merged = list(dict.fromkeys([*getattr(existing, name), *getattr(paragraph, name)]))
        setattr(existing, name, merged)
