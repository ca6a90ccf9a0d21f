"""The document's identity from its masthead, title and running headers: symbol, date, title, treaty, country."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from crc_reporter.domain.enums import Treaty
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.importers.analysis import DATE, parse_date
from crc_reporter.importers.blocks import strip_markers

_CO_SYMBOL = re.compile(
    r"CRC\s*/\s*C\s*/\s*(?:OP(?:AC|SC|IC)\s*/\s*)?[A-Z]{3}\s*/\s*CO\s*/\s*\d+(?:\s*[-\u2013]\s*\d+)?"
    r"(?:\s*/\s*(?:Add|Corr)\.\s*\d+)?|\bCRC/C/15/Add\.\d+|"
    # the other treaty bodies' concluding observations (issue 22)
    r"\b(?:CEDAW|CRPD|CAT|CCPR|CERD|CMW|CED)\s*/\s*C\s*/\s*[A-Z]{3}\s*/\s*CO\s*/\s*\d+(?:\s*[-\u2013]\s*\d+)?|"
    r"\bE\s*/\s*C\.12\s*/\s*[A-Z]{3}\s*/\s*CO\s*/\s*\d+(?:\s*[-\u2013]\s*\d+)?"
)
_ANY_SYMBOL = re.compile(r"\bCRC/C/[A-Z0-9]+(?:/[A-Za-z0-9.\-\u2013]+)*")
_DISTR = r"Distr\.?\s*:?\s*(?:General|Restricted|g\u00e9n\u00e9rale|restreinte|general|reservada)"
_DATE_LINE = re.compile(r"^\s*(?:" + _DISTR + r"\s*)?" + DATE.pattern + r"\s*$", re.I)
_TITLE = re.compile(
    r"^(?:Concluding [Oo]bservations|Observations finales|Observaciones finales|List of issues|Replies of|"
    r"Written replies)\b|"
    r"^(?:\w+ ){0,6}(?:periodic|initial) reports? (?:submitted by|of)\b"
)


def find_symbol(front: list[str], furniture: list[str]) -> str | None:
    """The most frequent concluding-observations symbol in the headers and masthead (page headers repeat it)."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for line in [*furniture, *front]:
        plain = strip_markers(line)
        for m in _CO_SYMBOL.finditer(plain):
            if plain[m.end() : m.end() + 1] in (",", ")", ";"):
                continue  # a citation in the text ("(CRC/C/KHM/CO/2-3, para. 28)"), not the document's own
            symbol = normalise_symbol(m.group())
            counts[symbol] += 2 if line.strip().rstrip("*") == m.group() else 1
            order.setdefault(symbol, len(order))
    if counts:
        return max(counts, key=lambda s: (counts[s], -order[s]))
    # another kind of CRC document (a list of issues, replies, a report): the symbol of the running
    # header or of the masthead's first line ("United Nations CRC/C/XLM/QPR/5-6 Convention on…"),
    # never one cited in the text ("(CRC/C/XLM/CO/4-6, para. 12)", "report (CRC/C/XLM/5-6)")
    for line in [*furniture, *front[:8]]:
        plain = strip_markers(line)
        for found in _ANY_SYMBOL.finditer(plain):
            before, after = plain[: found.start()].rstrip(), plain[found.end() : found.end() + 1]
            if before.endswith(("(", "see", "in")) or after in (",", ")", ";"):
                continue
            if line in furniture or not before or before.endswith("United Nations"):
                return normalise_symbol(found.group().rstrip("."))
    return None


def find_date(front: list[str], furniture: list[str]) -> dt.date | None:
    for line in [*furniture, *front]:
        if _DATE_LINE.match(strip_markers(line)):
            return parse_date(line)
    for line in [*furniture, *front]:
        m = re.search(_DISTR + r"\s+(" + DATE.pattern + ")", line, re.I)
        if m:
            return parse_date(m.group(1))
    return None


def find_title(front: list[str]) -> str:
    for line in front:
        text = " ".join(strip_markers(line).split())
        m = _TITLE.search(text)
        if m:
            return re.sub(r"\s*\*+$", "", text).strip()
    return ""


def country_in_title(title: str) -> str | None:
    title = title[:400]  # a title is short; a hostile "title" line is not read to its end
    m = re.search(r"reports?(?: submitted)? (?:of|by) (?:the )?(.+?)(?: under\b|\s*\*|$)", title)
    if not m:  # « … concernant le rapport de la Lumérie valant … », « … combinados de Lumeria »
        m = re.search(
            r"\brapports?(?: (?:initial|soumis|pr\u00e9sent\u00e9))?(?: par)? (?:de la |du |de l['\u2019]|des |de |par )"
            r"(.+?)(?: valant\b| en application\b| au titre\b|\s*\*|$)",
            title,
        )
    if not m:
        m = re.search(
            r"\binformes?\b.*?\b(?:de|del)\s+(?:la\s+|el\s+|los\s+)?([A-Z\u00c1\u00c9\u00cd\u00d3\u00da].+?)"
            r"(?:\s+con arreglo\b|\s*\*|$)",
            title,
        )
    if not m:
        m = re.search(
            r"^(?:Concluding observations|Observations finales|Observaciones finales)"
            r"(?: of the Committee on the Rights of the Child| du Comit\u00e9 des droits de l['\u2019]enfant)?"
            r"\s*:\s*(.+?)\s*\*?$",
            title,
            re.I,
        )
    if not m:
        return None
    name = m.group(1).strip().rstrip(".")
    return name if 0 < len(name) <= 80 else None


def treaty_for(symbol: str | None, title: str) -> str:
    if symbol:
        try:
            info = parse_symbol(symbol)
        except SymbolError:
            info = None
        if info is not None and info.treaty != Treaty.CRC:
            return info.treaty.value
    lowered = title.lower()
    if re.search(r"armed conflict|conflits arm\u00e9s|conflictos armados", lowered):
        return Treaty.OPAC.value
    if re.search(r"sale of children|vente d['\u2019]enfants|venta de ni\u00f1os", lowered):
        return Treaty.OPSC.value
    if re.search(
        r"communications procedure|proc\u00e9dure de pr\u00e9sentation de communications|"
        r"procedimiento de comunicaciones",
        lowered,
    ):
        return Treaty.OPIC.value
    return Treaty.CRC.value


def country_for(symbol: str | None) -> str | None:
    if not symbol:
        return None
    try:
        return parse_symbol(symbol).country
    except SymbolError:
        return None
