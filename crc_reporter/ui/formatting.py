"""Dates and numbers in the interface language (Babel), and other small text helpers.

Babel formats for the interface's locale; Khmer digits (០–៩), when chosen in
Settings, replace the Latin ones it gives (only in numbers and dates: document
symbols such as CRC/C/KHM/CO/4-6 keep theirs).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    parse_decimal,
)

from crc_reporter.domain.clusters import Cluster
from crc_reporter.i18n import N_, _, current_locale, digits
from crc_reporter.i18n.labels import label

#: Status names short enough for a table cell (the full name is in the tooltip).
_SHORT_STATUS = {
    "partially_implemented": N_("Partial"),
}


#: Short cluster names for charts and table cells (the full titles are in tooltips and the detail pane).
SHORT_CLUSTER = {
    Cluster.GENERAL_MEASURES.value: N_("General measures"),
    Cluster.DEFINITION.value: N_("Definition of the child"),
    Cluster.GENERAL_PRINCIPLES.value: N_("General principles"),
    Cluster.CIVIL_RIGHTS.value: N_("Civil rights and freedoms"),
    Cluster.VIOLENCE.value: N_("Violence against children"),
    Cluster.FAMILY_ENVIRONMENT.value: N_("Family and alternative care"),
    Cluster.HEALTH_WELFARE.value: N_("Disability, health, welfare"),
    Cluster.EDUCATION.value: N_("Education, leisure, culture"),
    Cluster.SPECIAL_PROTECTION.value: N_("Special protection"),
    Cluster.OPTIONAL_PROTOCOLS.value: N_("Optional Protocols"),
}


@lru_cache(maxsize=8)
def _locale(code: str) -> Locale:
    """Babel's locale for ``code``, parsed once (parsing it for every number cost ~1 ms each)."""
    return Locale.parse(code)


@lru_cache(maxsize=8)
def _int_symbols(code: str) -> tuple[str, str]:
    """The thousands separator and minus sign of ``code``: whole numbers are grouped without Babel's
    per-call lookups (a dashboard formats hundreds of them; the result is the same as ``format_decimal``)."""
    locale = _locale(code)
    return get_group_symbol(locale), get_minus_sign_symbol(locale)


def short_cluster(key: str | None) -> str:
    return _(SHORT_CLUSTER[key]) if key in SHORT_CLUSTER else label(key)


def short_status(status: str | None) -> str:
    key = status or "not_assessed"
    return _(_SHORT_STATUS[key]) if key in _SHORT_STATUS else label(key)


def long_date(day: dt.date | None) -> str:
    """ "30 June 2025" (or its translation); empty for no date."""
    if day is None:
        return ""
    try:
        return digits(format_date(day, format="long", locale=_locale(current_locale())))
    except (ValueError, LookupError):
        return digits(day.isoformat())


def date_time(moment: dt.datetime | None) -> str:
    """ "30 June 2025, 14:03" in local time (an aware time is converted; a naive one is taken as local)."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{long_date(local.date())}, {local:%H:%M}"


def file_size(size: int) -> str:
    """ "840 KB", "12.4 MB" in the interface language."""
    if size < 1024 * 1024:
        return _("{n} KB").format(n=number(max(size / 1024, 1), 0))
    return _("{n} MB").format(n=number(size / (1024 * 1024), 1))


def short_date(day: dt.date | None) -> str:
    """ISO dates in tables: unambiguous in every language and they sort as they read."""
    return digits(day.isoformat()) if day else ""


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    fmt = "#,##0" if decimals == 0 else "#,##0." + "#" * decimals  # no trailing zeros: 36.5, 84
    try:
        if type(value) is int:  # grouped by three, as the pattern says, in every locale
            group, minus = _int_symbols(current_locale())
            text = f"{abs(value):,}".replace(",", group)
            return digits(minus + text if value < 0 else text)
        return digits(format_decimal(value, format=fmt, locale=_locale(current_locale())))
    except (ValueError, LookupError):
        return digits(f"{value:,}")


_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\t"), None)
_KHMER_TO_ASCII = {0x17E0 + i: ord("0") + i for i in range(10)}


def parse_number(text: str, locale: str | None = None) -> float | None:
    """A number as a person types or pastes it, read in the interface's locale; None for an empty cell.

    "0,125" is 0.125 in French and "1,234" is 1234 in English. A decimal mark of the other convention is
    accepted where it cannot be a thousands separator ("12,5" in English); anything else raises ValueError.
    """
    cleaned = text.translate(_SPACES).translate(_KHMER_TO_ASCII)
    if not cleaned:
        return None
    where = locale or current_locale()
    try:
        value = parse_decimal(cleaned, locale=where, strict=True)
    except (NumberFormatError, ValueError):
        decimal = get_decimal_symbol(where)
        other = "," if decimal != "," else "."
        match = re.fullmatch(rf"([+-]?\d+){re.escape(other)}(\d+)", cleaned)
        if match is None or len(match.group(2)) == 3:  # "1,234" could be a thousand: not guessed
            raise ValueError(text) from None
        return float(f"{match.group(1)}.{match.group(2)}")
    if not value.is_finite():
        raise ValueError(text)
    return float(value)


def integer(value: int | None) -> str:
    """A paragraph number or a year: no thousands separator ("2025", "57"), Khmer digits if chosen."""
    return "" if value is None else digits(str(value))


def esc(text: object) -> str:
    return html.escape(str(text or ""))


def paragraph_ref(document: str, number: int, part: str | None = None) -> str:
    """ "CRC/C/XMP/CO/5-6, para. 57 (b)", as the Committee cites paragraphs."""
    text = _("{document}, para. {number}").format(document=document, number=integer(number))
    return f"{text} ({part})" if part else text
