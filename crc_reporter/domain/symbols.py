"""UN document symbols of the CRC reporting cycle.

``CRC/C/KHM/CO/4-6`` (concluding observations, combined 4th–6th),
``CRC/C/OPAC/KHM/CO/1``, ``CRC/C/KHM/Q/4-6`` (list of issues),
``CRC/C/XXX/QPR/5-6`` (list of issues prior to reporting), ``CRC/C/COK/RQ/2-5``
and ``CRC/C/KHM/Q/2-3/Add.1`` (replies), ``CRC/C/KHM/4-6`` (State report) and
the old ``CRC/C/15/Add.128`` series of concluding observations.

Since issue 22 also the other mechanisms' symbols: the treaty bodies'
(``CEDAW/C/KHM/CO/6``, ``CRPD/C/KHM/CO/1``, ``CAT/C/KHM/CO/3``,
``E/C.12/KHM/CO/1`` for the CESCR, ``CCPR/C/…``, ``CERD/C/…``, ``CMW/C/…``,
``CED/C/…``) and the Human Rights Council's ``A/HRC/56/17`` (a UPR working
group report, or with ``/Add.1`` its addendum; special procedures' reports
share the series and are told apart by their title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crc_reporter.domain.enums import DocumentType, Mechanism
from crc_reporter.i18n import _

_SYMBOL = re.compile(r"^CRC/C/[A-Z0-9./\-]+$")
_PROTOCOLS = {"OPAC": Mechanism.OPAC, "OPSC": Mechanism.OPSC, "OPIC": Mechanism.OPIC}
#: the other treaty bodies' series: "CEDAW/C/KHM/CO/6", "E/C.12/KHM/CO/1" (the CESCR)
_TREATY_BODY = re.compile(r"^(?P<body>CEDAW|CRPD|CAT|CCPR|CERD|CMW|CED)/C/(?P<rest>[A-Z0-9./\-]+)$")
_CESCR = re.compile(r"^E/C\.12/(?P<rest>[A-Z0-9./\-]+)$")
#: a Human Rights Council document: "A/HRC/56/17", "A/HRC/56/17/Add.1"
_HRC = re.compile(r"^A/HRC/(?P<session>\d{1,3})/(?P<number>\d{1,4})(?:/(?P<add>ADD\.\d{1,2}))?$")


class SymbolError(ValueError):
    """A string that is not a document symbol of a mechanism CRC Reporter knows."""


@dataclass(frozen=True)
class SymbolInfo:
    symbol: str
    treaty: Mechanism  # the document's mechanism (CRC, OPAC, …, CEDAW, UPR)
    doc_type: DocumentType
    country: str | None
    report_numbers: str | None  # "4-6", "1"


def normalise_symbol(text: str) -> str:
    """Upper-case, no spaces, en dashes as hyphens: ``crc/c/khm/co/4–6`` -> ``CRC/C/KHM/CO/4-6``."""
    cleaned = re.sub(r"\s+", "", text).replace("\u2013", "-").replace("\u2014", "-")
    cleaned = cleaned.upper().replace("/ADD.", "/Add.")
    return cleaned


def is_addendum(symbol: str) -> bool:
    """ "A/HRC/56/17/Add.1": an addendum (for a UPR report, the State's positions)."""
    return bool(re.search(r"/ADD\.\d+$", normalise_symbol(symbol).upper()))


def parse_symbol(text: str) -> SymbolInfo:
    symbol = normalise_symbol(text)
    upper = symbol.upper()
    if _HRC.match(upper):
        return SymbolInfo(symbol, Mechanism.UPR, DocumentType.UPR_REPORT, None, None)
    other = _TREATY_BODY.match(upper)
    if other:
        return _series(symbol, Mechanism(other.group("body")), symbol.split("/")[2:])
    if _CESCR.match(upper):
        return _series(symbol, Mechanism.CESCR, symbol.split("/")[2:])
    if not _SYMBOL.match(upper):
        raise SymbolError(
            _(
                "'{text}' is not a document symbol of a UN mechanism "
                "(expected e.g. CRC/C/KHM/CO/4-6, CEDAW/C/KHM/CO/6 or A/HRC/56/17)"
            ).format(text=text)
        )
    parts = symbol.split("/")[2:]
    treaty = Mechanism.CRC
    if parts and parts[0] in _PROTOCOLS:
        treaty = _PROTOCOLS[parts.pop(0)]
    if parts and parts[0].isdigit():  # CRC/C/15/Add.128: the old series of concluding observations
        doc_type = DocumentType.CONCLUDING_OBSERVATIONS if parts[0] == "15" else DocumentType.OTHER
        return SymbolInfo(symbol, treaty, doc_type, None, None)
    return _series(symbol, treaty, parts)


def _series(symbol: str, treaty: Mechanism, parts: list[str]) -> SymbolInfo:
    """The part after the body's prefix: ``KHM/CO/4-6``, ``KHM/Q/4-6/Add.1``…"""
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
