"""UN document symbols of the CRC reporting cycle.

``CRC/C/KHM/CO/4-6`` (concluding observations, combined 4th–6th),
``CRC/C/OPAC/KHM/CO/1``, ``CRC/C/KHM/Q/4-6`` (list of issues),
``CRC/C/XXX/QPR/5-6`` (list of issues prior to reporting), ``CRC/C/COK/RQ/2-5``
and ``CRC/C/KHM/Q/2-3/Add.1`` (replies), ``CRC/C/KHM/4-6`` (State report) and
the old ``CRC/C/15/Add.128`` series of concluding observations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crc_reporter.domain.enums import DocumentType, Treaty
from crc_reporter.i18n import _

_SYMBOL = re.compile(r"^CRC/C/[A-Z0-9./\-]+$")
_PROTOCOLS = {"OPAC": Treaty.OPAC, "OPSC": Treaty.OPSC, "OPIC": Treaty.OPIC}


class SymbolError(ValueError):
    """A string that is not a CRC document symbol."""


@dataclass(frozen=True)
class SymbolInfo:
    symbol: str
    treaty: Treaty
    doc_type: DocumentType
    country: str | None
    report_numbers: str | None  # "4-6", "1"


def normalise_symbol(text: str) -> str:
    """Upper-case, no spaces, en dashes as hyphens: ``crc/c/khm/co/4–6`` -> ``CRC/C/KHM/CO/4-6``."""
    cleaned = re.sub(r"\s+", "", text).replace("\u2013", "-").replace("\u2014", "-")
    cleaned = cleaned.upper().replace("/ADD.", "/Add.")
    return cleaned


def parse_symbol(text: str) -> SymbolInfo:
    symbol = normalise_symbol(text)
    if not _SYMBOL.match(symbol.upper()):
        raise SymbolError(_("'{text}' is not a CRC document symbol (expected e.g. CRC/C/KHM/CO/4-6)").format(text=text))
    parts = symbol.split("/")[2:]
    treaty = Treaty.CRC
    if parts and parts[0] in _PROTOCOLS:
        treaty = _PROTOCOLS[parts.pop(0)]
    if parts and parts[0].isdigit():  # CRC/C/15/Add.128: the old series of concluding observations
        doc_type = DocumentType.CONCLUDING_OBSERVATIONS if parts[0] == "15" else DocumentType.OTHER
        return SymbolInfo(symbol, treaty, doc_type, None, None)
    country = parts[0] if parts and re.fullmatch(r"[A-Z]{3}", parts[0]) else None
    rest = parts[1:] if country else parts
    numbers = next((p for p in rest if re.fullmatch(r"\d+(?:-\d+)?", p)), None)
    codes = [p for p in rest if not re.fullmatch(r"\d+(?:-\d+)?", p)]
    if "CO" in codes:
        doc_type = DocumentType.CONCLUDING_OBSERVATIONS
    elif "QPR" in codes:
        doc_type = DocumentType.LOIPR
    elif "RQ" in codes or ("Q" in codes and any(c.startswith("Add.") for c in codes)):
        doc_type = DocumentType.REPLIES
    elif "Q" in codes:
        doc_type = DocumentType.LIST_OF_ISSUES
    elif not codes and numbers:
        doc_type = DocumentType.STATE_REPORT
    else:
        doc_type = DocumentType.OTHER
    return SymbolInfo(symbol, treaty, doc_type, country, numbers)
