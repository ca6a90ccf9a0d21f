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
    r"(?:\s*/\s*(?:Add|Corr)\.\s*\d+)?|\bCRC/C/15/Add\.\d+"
)
_ANY_SYMBOL = re.compile(r"\bCRC/C/[A-Z0-9]+(?:/[A-Za-z0-9.\-\u2013]+)*")
_DATE_LINE = re.compile(r"^\s*(?:Distr\.?:?\s*(?:General|Restricted)\s*)?" + DATE.pattern + r"\s*$", re.I)
_TITLE = re.compile(
    r"^(?:Concluding observations|Concluding Observations|List of issues|Replies of|Written replies)\b|"
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
        m = re.search(r"Distr\.?:?\s*General\s+(" + DATE.pattern + ")", line, re.I)
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
    m = re.search(r"reports?(?: submitted)? (?:of|by) (?:the )?(.+?)(?: under\b|\s*\*|$)", title)
    if not m:
        m = re.search(
            r"^Concluding observations(?: of the Committee on the Rights of the Child)?:\s*(.+?)\s*\*?$", title, re.I
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
    if "armed conflict" in lowered:
        return Treaty.OPAC.value
    if "sale of children" in lowered:
        return Treaty.OPSC.value
    if "communications procedure" in lowered:
        return Treaty.OPIC.value
    return Treaty.CRC.value


def country_for(symbol: str | None) -> str | None:
    if not symbol:
        return None
    try:
        return parse_symbol(symbol).country
    except SymbolError:
        return None
