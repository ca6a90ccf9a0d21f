"""Reports of the Working Group on the Universal Periodic Review, and their addenda (issue 22).

The report (``A/HRC/56/17``) ends with its "Conclusions and/or recommendations":
paragraph 110 introduces them and each follows as ``110.1 Ratify … (Ukraine);``,
the recommending State(s) in brackets at the end ("(Chile, Mexico)", "(Chile)
(Mexico)"). Older cycles split them over paragraphs by the State's answer
("enjoy the support of", "will be examined by", "did not enjoy the support");
such an introduction gives the position of the recommendations under it.

The addendum (``A/HRC/56/17/Add.1``, "Views on conclusions and/or
recommendations…") gives the State's position on each recommendation, in the
layouts the UN uses: sentences listing numbers and ranges ("Cambodia supports
the following recommendations: 110.1–110.20, 110.23 and 110.25"; "… supports in
part …"; "… notes …"), headings followed by lists, or a table of number and
position. It becomes a :class:`ParsedDocument` with ``positions_only``: the
import applies the positions to the report's recommendations already stored.

Word, PDF and pasted text reach here through the shared readers
(:func:`crc_reporter.importers.structure.parse_document` hands the blocks over).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crc_reporter.domain.enums import DocumentType, Mechanism, UprPosition
from crc_reporter.domain.parsed import ParsedDocument, ParsedParagraph
from crc_reporter.domain.symbols import is_addendum, normalise_symbol
from crc_reporter.i18n import _
from crc_reporter.importers import metadata
from crc_reporter.importers.blocks import SourceText, strip_markers
from crc_reporter.importers.mechanisms import (
    country_code,
    cycle_of_session,
    ordinal_number,
    position_of,
    split_states,
)
from crc_reporter.untrusted import SourceError

_WG_TITLE = re.compile(
    r"Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review|"
    r"Groupe\s+de\s+travail\s+sur\s+l[\u2019']Examen\s+p[ée]riodique\s+universel|"
    r"Grupo\s+de\s+Trabajo\s+sobre\s+el\s+Examen\s+Peri[oó]dico\s+Universal",
    re.I,
)
_HRC_SYMBOL = re.compile(r"\bA\s*/\s*HRC\s*/\s*\d{1,3}\s*/\s*\d{1,4}(?:\s*/\s*Add\.\s*\d{1,2})?", re.I)
_ADDENDUM = re.compile(r"^\s*(?:Addendum|Additif|Adición)\s*$|Views\s+on\s+conclusions", re.I)
_WG_SESSION = re.compile(r"held\s+its\s+([\w\-\u2011]{3,20})\s+session", re.I)
_LABEL = re.compile(r"(?:(?<=\s)|^)(\d{2,3})\.(\d{1,3})\.?[ \t\u00a0]+(?=\S)", re.M)
_END = re.compile(r"\n(?:\d{2,3}\.\s|[IVX]{1,5}\.\s|Annex\b|Annexe\b|Anexo\b)")
# "110. The following recommendations enjoy the support of Cambodia:" (up to its colon)
_INTRO = re.compile(r"(?:^|(?<=\s))(\d{2,3})\.\s+(?=[A-Z])([^:\n]{10,400}):")
_REF = re.compile(
    r"(?<![\d.])(\d{2,3})\.(\d{1,3})(?:\s*(?:[-\u2013\u2014\u2011]|\bto\b|\bà\b|\ba\b)\s*(?:(\d{2,3})\.)?(\d{1,3}))?(?![\d])"
)
_KEYWORD = re.compile(
    r"(?P<part>support(?:s|ed)?\s+in\s+part|partially\s+support(?:s|ed)?|support(?:s|ed)?\s+partially|"
    r"partly\s+support\w*|supported\s*/\s*noted|appui\w*\s+en\s+partie|partiellement|parcialmente)|"
    r"(?P<noted>\bnot(?:es|ed)\b|\btakes?\s+note|\btook\s+note|\bdoes\s+not\s+(?:support|accept)|\bdid\s+not\s+enjoy|"
    r"\bnot\s+supported|\brejected|\bprend\s+note|\bpris\w*\s+note|\bnot[ée]e?s?\b|\btoma\w*\s+nota|\bnoted)|"
    r"(?P<supported>\bsupport(?:s|ed)?\b|\benjoy(?:s|ed)?\s+the\s+support|\baccept(?:s|ed)?\b|\bappui(?:e|ent)?\b|"
    r"\bappuy\w*|\bapoya\w*|\bacept\w*)",
    re.I,
)
_POSITIONS = {
    "part": UprPosition.SUPPORTED_IN_PART,
    "noted": UprPosition.NOTED,
    "supported": UprPosition.SUPPORTED,
}
MAX_RANGE = 400  # "110.1–110.250": a range never spans more recommendations than a report holds
SHORT = 60  # a heading ("Supported recommendations") or a table cell ("Noted")


def find_hrc_symbol(head: Iterable[str], furniture: Iterable[str]) -> str | None:
    """The report's own ``A/HRC/…`` symbol: in the running headers or the masthead, never one cited."""
    for line in [*furniture, *head]:
        plain = strip_markers(line)
        for m in _HRC_SYMBOL.finditer(plain):
            if plain[m.end() : m.end() + 1] in (",", ")", ";"):
                continue
            return normalise_symbol(m.group())
    return None


def is_upr_report(head: list[str], symbol: str | None) -> bool:
    """A working group report or addendum: its title, and no CRC symbol of its own."""
    if symbol and not symbol.upper().startswith("A/HRC/"):
        return False
    return any(_WG_TITLE.search(line) for line in head[:40])


def parse_upr(source: SourceText, texts: list[str], symbol: str | None) -> ParsedDocument:
    """The report's recommendations, or the addendum's positions. ``texts``: the blocks' cleaned text."""
    head = texts[:60]
    symbol = symbol or find_hrc_symbol(head, source.furniture)
    addendum = (symbol is not None and is_addendum(symbol)) or any(_ADDENDUM.search(t) for t in head[:40])
    country_name = _country_name(head)
    doc = ParsedDocument(
        symbol=re.sub(r"/Add\.\d+$", "", symbol) if symbol else None,
        treaty=Mechanism.UPR.value,
        doc_type=DocumentType.UPR_REPORT.value,
        # the document's own title (stored data, in the document's language: English)
        title="Report of the Working Group on the Universal Periodic Review"
        + (f": {country_name}" if country_name else ""),
        country=country_code(country_name),
        country_name=country_name,
        date=metadata.find_date(head, source.furniture),
        warnings=list(source.warnings),
    )
    if addendum:
        doc.positions_only = True
        doc.provides = ("position",)
        doc.paragraphs = _positions(texts)
        if not doc.paragraphs:
            raise SourceError(
                _("no positions on recommendations (such as “supports recommendations 110.1–110.20”) were found")
            )
        return doc
    session = next((ordinal_number(m.group(1)) for t in head for m in [_WG_SESSION.search(t)] if m), None)
    doc.paragraphs = _recommendations(texts, session)
    cycle = _cycle_of_council_session(doc.symbol) if session is None else None
    for p in doc.paragraphs if cycle else []:  # no working group session in the text: the cycle from the symbol
        p.upr_cycle = cycle
    doc.provides = ("text", "kind", "label", "recommending_states", "upr_session", "upr_cycle")
    if any(p.position for p in doc.paragraphs):  # an older report says them; a newer one leaves them to its addendum
        doc.provides += ("position",)
    if not doc.paragraphs:
        doc.warnings.append(_("no numbered recommendations (110.1, 110.2…) were found in this report"))
    if not symbol:
        doc.warnings.append(_("no document symbol was found; give it (e.g. A/HRC/56/17) before importing"))
    return doc


#: the Human Rights Council sessions that adopted each cycle's outcomes (A/HRC/<session>/…)
_COUNCIL_CYCLES = ((8, 19, 1), (22, 34, 2), (37, 51, 3), (52, 66, 4))


def _cycle_of_council_session(symbol: str | None) -> int | None:
    m = re.match(r"A/HRC/(\d{1,3})/", symbol or "")
    if not m:
        return None
    council = int(m.group(1))
    return next((cycle for first, last, cycle in _COUNCIL_CYCLES if first <= council <= last), None)


def _country_name(head: list[str]) -> str | None:
    """The State under review: the line after the report's title."""
    for index, line in enumerate(head):
        if _WG_TITLE.search(line):
            for after in head[index + 1 : index + 4]:
                name = after.strip().rstrip("*").strip()
                if 0 < len(name) <= 60 and not re.search(r"\d|Addendum|Additif|Adición", name):
                    return name
            return None
    return None


def _recommendations(texts: list[str], session: int | None) -> list[ParsedParagraph]:
    """The numbered recommendations, in sequence (110.1, 110.2… then 111.1… in older reports)."""
    full = "\n".join(texts)
    intros = {int(m.group(1)): m.group(2) for m in _INTRO.finditer(full)}
    accepted = []
    current: tuple[int, int] | None = None
    for m in _LABEL.finditer(full):
        para, sub = int(m.group(1)), int(m.group(2))
        if current is None:
            ok = sub == 1
        else:
            ok = (para, sub) == (current[0], current[1] + 1) or (sub == 1 and para == current[0] + 1)
        if ok:
            accepted.append(m)
            current = (para, sub)
    out: list[ParsedParagraph] = []
    numbers: set[int] = set()
    for index, m in enumerate(accepted):
        end = accepted[index + 1].start() if index + 1 < len(accepted) else len(full)
        chunk = full[m.end() : end]
        para = int(m.group(1))
        after = re.compile(rf"(?:^|(?<=[.;:]))\s+{para + 1}\.\s+(?=[A-Z\u00c0-\u00dd])")  # "… (Chile). 111. All"
        stop = _END.search(chunk) or after.search(chunk)
        if stop:
            chunk = chunk[: stop.start()]
        text, states = split_states(chunk)
        if not text:
            continue
        sub = int(m.group(2))
        number = sub if sub not in numbers else para * 1000 + sub
        numbers.add(number)
        position = position_of(intros.get(para, "")) if para in intros else None
        out.append(
            ParsedParagraph(
                number=number,
                text=text,
                kind="recommendation",
                label=f"{para}.{sub}",
                recommending_states=states,
                position=position.value if position else None,
                upr_session=str(session) if session else None,
                upr_cycle=cycle_of_session(session) if session else None,
            )
        )
    return out


def _refs(text: str) -> list[tuple[int, list[str]]]:
    """(where, labels) of each number or range: "110.1–110.20" gives 20 labels."""
    out = []
    for m in _REF.finditer(text):
        para, first = int(m.group(1)), int(m.group(2))
        last_para = int(m.group(3)) if m.group(3) else para
        last = int(m.group(4)) if m.group(4) else first
        if m.group(4) and last_para == para and first < last <= first + MAX_RANGE:
            labels = [f"{para}.{n}" for n in range(first, last + 1)]
        else:  # one number (a "range" backwards or across paragraphs is taken as its first number)
            labels = [f"{para}.{first}"]
        out.append((m.start(), labels))
    return out


def _keywords(text: str) -> list[tuple[int, UprPosition]]:
    return [(m.start(), _POSITIONS[m.lastgroup or "supported"]) for m in _KEYWORD.finditer(text)]


def _positions(texts: list[str]) -> list[ParsedParagraph]:
    """Every recommendation number the addendum gives a position, with that position (the last one stated)."""
    found: dict[str, UprPosition] = {}
    current: UprPosition | None = None
    pending: list[str] = []
    for raw in texts:
        text = " ".join(raw.split())
        refs, keywords = _refs(text), _keywords(text)
        if not refs:
            if keywords and len(text) <= SHORT:  # a heading or a table cell: "Supported", "Noted"
                current = keywords[-1][1]
                found.update(dict.fromkeys(pending, current))
                pending = []
            continue
        if pending and current is not None:  # the previous numbers continued a list
            found.update(dict.fromkeys(pending, current))
        pending = []
        first_keyword = keywords[0][0] if keywords else None
        for where, labels in refs:
            before = [k for k in keywords if k[0] < where]
            if before:
                found.update(dict.fromkeys(labels, before[-1][1]))
            elif first_keyword is not None and len(refs) <= 2:  # a row: "110.1 Ratify … Supported"
                found.update(dict.fromkeys(labels, keywords[0][1]))
            else:
                pending.extend(labels)
        if keywords:
            current = keywords[-1][1]
    if pending and current is not None:
        found.update(dict.fromkeys(pending, current))
    out = []
    for label, position in found.items():
        out.append(ParsedParagraph(number=int(label.split(".")[1]), text="", label=label, position=position.value))
    return sorted(out, key=lambda p: tuple(int(x) for x in (p.label or "0.0").split(".")))
