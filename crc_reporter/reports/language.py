"""The report's own language: its fixed strings, dates, numbers and lists.

Independent of the interface language: a Khmer-speaking official may write
an English report. Strings go through ``translator(lang)``; dates, numbers
and lists through Babel with the report's locale (UN English is British:
"1 March 2024"). Khmer digits (០–៩) are optional: official Cambodian texts use
them, UN documents in Khmer often do not.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError, get_global
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from crc_reporter.i18n import LANGUAGES, translator
from crc_reporter.i18n.labels import label
from crc_reporter.reports.subheadings import standard

_LOCALES = {"en": "en_GB", "fr": "fr_FR", "km": "km_KH"}
_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
_ARTICLES_PREFIX = re.compile(r"^\s*(?:arts?\.|articles?)\s*", re.I)
_LETTERED = re.compile(r"\(([a-z])\)")
_RANGE = re.compile(r"\d\s*[–-]\s*\d")
#: a colon ending a label ("Outcome:", "Source: …"), not one inside a URL, a time or a symbol
_LABEL_COLON = re.compile(r"[ \u00a0\u202f]?:(?=\s|$)")
NBSP = "\u00a0"
KHMER_COLON = "\u17d6"  # ៖


def french_typography(text: str) -> str:
    """A no-break space before a colon that ends a label, as French typography (and the UN's French) wants."""
    return _LABEL_COLON.sub(NBSP + ":", text) if ":" in text else text


def khmer_punctuation(text: str) -> str:
    """The Khmer colon « ៖ » (no space before it) instead of the Latin one."""
    return _LABEL_COLON.sub(KHMER_COLON, text) if ":" in text else text


def territory_name(country: str | None, locale: str) -> str | None:
    """The CLDR name of a real State from its ISO code (alpha-3 as in UN symbols, or alpha-2), else None."""
    if not country:
        return None
    code = country.upper()
    if len(code) == 3:
        aliases = get_global("territory_aliases").get(code)
        code = aliases[0] if aliases else ""
    try:
        names = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        return None
    return names.get(code) if len(code) == 2 else None


@lru_cache(maxsize=4096)
def _format_date(day: dt.date, pattern: str, locale: str) -> str:
    """Babel's formatting costs ~0.1 ms a call; a report repeats the same dates hundreds of times."""
    return format_date(day, pattern, locale=locale)


_ORDINALS = {
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"],
    "fr": ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième", "quinzième", "seizième", "dix-septième", "dix-huitième", "dix-neuvième", "vingtième"],
}  # fmt: skip


def roman(n: int) -> str:
    """Chapter numbers as in UN documents, in every language: I, II, III…"""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class ReportLanguage:
    """``tx._("…")`` translates a report string; ``tx.date(d)`` and ``tx.number(n)`` format for the locale."""

    def __init__(self, lang: str, *, khmer_digits: bool = False) -> None:
        if lang not in LANGUAGES:
            raise ValueError(lang)
        self.code = lang
        self.locale = _LOCALES.get(lang, lang)
        self.khmer_digits = khmer_digits and lang == "km"
        self._translations = translator(lang)
        self.punctuate = french_typography if lang == "fr" else khmer_punctuation if lang == "km" else _same
        #: sub-headings outside the glossary, as the drafter translated them (``services.subheading_translations``)
        self.custom_subheadings: dict[str, str] = {}

    def _(self, message: str) -> str:
        return self.punctuate(self._translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.punctuate(self._translations.ngettext(singular, plural, n))

    def part(self, label: str) -> str:
        """A lettered part as the language writes it: "(a)" in English and Khmer, "a)" in French."""
        return f"{label})" if self.code == "fr" else f"({label})"

    def state_name(self, stored: str, country: str | None, own_spelling: str | None = None) -> str:
        """The State's name in the report's language: the State's own spelling when given, else the CLDR name
        of a real State in French and Khmer, else the name the document's title gives."""
        if own_spelling:
            return own_spelling
        if self.code != "en":
            return territory_name(country, self.locale) or stored
        return stored

    def label(self, key: str | None) -> str:
        return label(key, self.code)

    def state(self, name: str, *, start: bool = False) -> str:
        """The State's name as the store has it ("the Republic of Xamplia"); the English article goes in
        other languages (which need the name from the user to be fully right: ``ReportOptions.state_name``)."""
        if self.code != "en" and name.lower().startswith("the "):
            name = name[4:]
        return name[:1].upper() + name[1:] if start else name

    def digits(self, text: str) -> str:
        return text.translate(_KHMER_DIGITS) if self.khmer_digits else text

    def date(self, day: dt.date | None) -> str:
        if not day:
            return ""
        text = _format_date(day, "long", self.locale)
        if self.code == "fr" and day.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]  # « 1er octobre 2024 »
        return self.digits(text)

    def month(self, day: dt.date | None) -> str:
        return self.digits(_format_date(day, "MMMM y", self.locale)) if day else ""

    def number(self, value: float) -> str:
        return self.digits(format_decimal(value, locale=self.locale))

    def integer(self, value: int) -> str:
        """A count or a paragraph number: no thousands separator below 10,000, as UN documents write them."""
        return self.digits(str(value) if abs(value) < 10_000 else format_decimal(value, locale=self.locale))

    def subheading(self, text: str) -> str:
        """A sub-heading of the Committee ("Legislation") in the report's language: the glossary's wording
        (:mod:`crc_reporter.reports.subheadings`) when it is a standard one, else as stored."""
        if self.code == "en":
            return text
        known = standard(text)
        if known is not None:
            return self._(known)
        return self.custom_subheadings.get(" ".join(text.split()), text)

    def paragraph_range(self, first: int, last: int) -> str:
        """ "paras. 5–14", "para. 3": the paragraphs of a chapter, as UN contents lists give them."""
        numbers = self.integer(first) if first == last else f"{self.integer(first)}–{self.integer(last)}"
        count = last - first + 1
        return self.ngettext("para. {numbers}", "paras. {numbers}", count).format(numbers=numbers)

    def ordinal(self, n: int) -> str:
        """ "seventh" / "septième" / "ទី៧": report numbers as UN titles spell them."""
        words = _ORDINALS.get(self.code)
        if words is not None and 1 <= n <= len(words):
            return words[n - 1]
        return f"ទី{self.digits(str(n))}" if self.code == "km" else f"{n}."

    def join(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else ""

    def articles(self, articles_text: str) -> str:
        """ "arts. 4, 42 and 44 (6)" in the report's language ("art. 4, 42 et 44 (6)")."""
        if not _ARTICLES_PREFIX.match(articles_text):
            return articles_text
        body = _ARTICLES_PREFIX.sub("", articles_text)
        items = [i.strip() for i in re.split(r",|\band\b", body) if i.strip()]
        if self.code == "fr":
            items = [_LETTERED.sub(r"\1)", i) for i in items]  # « 37 a) »
        listed = self.digits(self.join(items))
        count = len(items) + sum(1 for i in items if _RANGE.search(i))  # "28–31" cites several articles
        return self.ngettext("art. {articles}", "arts. {articles}", count).format(articles=listed)


def _same(text: str) -> str:
    return text
