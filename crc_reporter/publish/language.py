"""A published page's language: its strings, dates, numbers and labels, fixed at publishing time.

Independent of the interface language (a Khmer-speaking official may publish an
English site). Dates and numbers through Babel in the page's locale, as the app
writes them; Khmer digits (០–៩) in the Khmer pages when chosen. UN symbols keep
Latin digits everywhere.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from crc_reporter.i18n import LANGUAGES, LOCALES, translator
from crc_reporter.i18n.labels import label

_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


@lru_cache(maxsize=2048)
def _format_date(day: dt.date, locale: str) -> str:
    return format_date(day, "long", locale=locale)


class SiteLanguage:
    """``tx._("…")`` translates a page string; ``tx.date(d)``, ``tx.integer(n)`` format for the page's locale."""

    def __init__(self, code: str, *, khmer_digits: bool = False) -> None:
        if code not in LANGUAGES:
            raise ValueError(code)
        self.code = code
        self.name = LANGUAGES[code]
        self.locale = LOCALES[code]
        self.khmer_digits = khmer_digits and code == "km"
        self._translations = translator(code)

    def _(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def label(self, key: str | None) -> str:
        return label(key, self.code)

    def digits(self, text: str) -> str:
        return text.translate(_KHMER_DIGITS) if self.khmer_digits else text

    def date(self, day: dt.date | None) -> str:
        return self.digits(_format_date(day, self.locale)) if day else ""

    def iso(self, day: dt.date | None) -> str:
        return day.isoformat() if day else ""

    def integer(self, value: int) -> str:
        return self.digits(str(value) if abs(value) < 10_000 else format_decimal(value, locale=self.locale))

    def number(self, value: float) -> str:
        return self.digits(format_decimal(value, locale=self.locale))

    def colon(self, text: str) -> str:
        """A label ending in a colon as the language writes it: "Source:", « Source : », "ប្រភព៖"."""
        return text + ("\u17d6" if self.code == "km" else "\u00a0:" if self.code == "fr" else ":")

    def part(self, part_label: str) -> str:
        """A lettered part as the language writes it: "(a)" in English and Khmer, "a)" in French."""
        return f"{part_label})" if self.code == "fr" else f"({part_label})"
