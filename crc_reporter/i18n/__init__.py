"""Translation of every visible string: gettext catalogs kept as ``.po`` files with Babel.

Why gettext/Babel rather than Qt's .ts files: reports are written in a language
chosen per report, independent of the interface, by code below the UI that
must not import Qt; one mechanism serves the CLI, the services' messages, the
reports and the GUI (Qt's own dialog strings included, see
``crc_reporter.ui.qt_translation``). The ``.po`` files in ``translations/`` are
compiled in memory when first needed, so no generated file is committed or required.

Use ``_("text")`` for the interface language, ``N_("text")`` to mark a
string translated later, and :func:`translator` for a report's language.
``CRC_REPORTER_LANG=xx`` switches to a pseudo-locale that makes every string
longer, accented and bracketed (see :mod:`crc_reporter.i18n.pseudo`).
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from crc_reporter.i18n.pseudo import PSEUDO_LANGUAGE, PseudoTranslations
from crc_reporter.paths import translations_path, user_data_dir

DOMAIN = "messages"
LANGUAGES: dict[str, str] = {"en": "English", "km": "ខ្មែរ", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
#: Babel locales of the languages: English dates as the UN writes them ("30 June 2025").
LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr_FR", "km": "km_KH", PSEUDO_LANGUAGE: "en_GB"}
LANGUAGE_ENV = "CRC_REPORTER_LANG"

_current = DEFAULT_LANGUAGE
_khmer_digits = False
_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang`` (English, or any language without a catalog, passes through)."""
    if lang == PSEUDO_LANGUAGE:
        return PseudoTranslations()
    po_file = translations_path(lang, "LC_MESSAGES", f"{DOMAIN}.po")
    if lang == DEFAULT_LANGUAGE or not po_file.is_file():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(_compiled(po_file, lang)))


def _compiled(po_file: Path, lang: str) -> bytes:
    """The catalog compiled to .mo form, in memory.

    Parsing a .po file with Babel takes about a quarter of a second, which a
    Khmer or French user would wait for at every start; so the compiled form is
    kept in the user's cache folder, named by a hash of the .po file (a new
    version of the catalog compiles anew). The cache is only a speed-up: when
    it cannot be read or written, the catalog is compiled each time.
    """
    import hashlib  # (not at start-up: an English window needs no catalog)

    data = po_file.read_bytes()
    cache_dir = user_data_dir() / "cache"
    cached = cache_dir / f"{DOMAIN}-{lang}-{hashlib.sha256(data).hexdigest()[:16]}.mo"
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    from babel.messages.mofile import write_mo  # Babel's .po reader is needed only here
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(data), locale=lang), use_fuzzy=False)
    compiled = buffer.getvalue()
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{DOMAIN}-{lang}-*.mo"):
            old.unlink()
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(compiled)
        os.replace(partial, cached)
    return compiled


def is_supported(lang: str | None) -> bool:
    return lang in LANGUAGES or lang == PSEUDO_LANGUAGE


def set_language(lang: str) -> str:
    """Switch the interface language; unknown codes fall back to English."""
    global _current
    _current = lang if is_supported(lang) else DEFAULT_LANGUAGE
    return _current


def current_language() -> str:
    return _current


def current_locale() -> str:
    """The Babel locale of the interface language ("km_KH")."""
    return LOCALES.get(_current, _current)


def forced_language() -> str | None:
    """The language CRC_REPORTER_LANG asks for; it wins over the saved setting (tests, the pseudo-locale)."""
    code = os.environ.get(LANGUAGE_ENV, "").strip().lower()
    return code if is_supported(code) else None


def initial_language() -> str:
    """The language from CRC_REPORTER_LANG or the system locale, if we speak it."""
    for var in (LANGUAGE_ENV, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if is_supported(code):
            return code
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return translator(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(_current).pgettext(context, message)


def joined(items: Iterable[str]) -> str:
    """Items of a list in a sentence ("3 added, 2 updated"), with the language's separator."""
    # Translators: what separates the items of a short list in a sentence ("3 added, 2 updated")
    return pgettext("list separator", ", ").join(items)


def clauses(*parts: str) -> str:
    """Parts of one sentence, with the language's semicolon ("3 changes to apply; 1 cell not applied")."""
    kept = [p for p in parts if p]
    if not kept:
        return ""
    # Translators: two parts of one sentence (French puts a no-break space before ";", Khmer a space alone)
    pattern = pgettext("clause separator", "{first}; {second}")
    text = kept[0]
    for part in kept[1:]:
        text = pattern.format(first=text, second=part)
    return text


def labelled(label: str, value: str) -> str:
    """``label: value`` with the language's colon (French puts a no-break space before it; Khmer writes ៖)."""
    return pgettext("a label and its value", "{label}: {value}").format(label=label, value=value)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now."""
    return message


def qt_noop(context: str, message: str) -> str:
    """Mark one of Qt's own strings (with its Qt translation context) for extraction."""
    return message


# --- Khmer digits ----------------------------------------------------------------------------


def set_khmer_digits(enabled: bool) -> None:
    """Write numbers and dates of the Khmer interface with ០–៩ (Babel gives Latin digits)."""
    global _khmer_digits
    _khmer_digits = bool(enabled)


def khmer_digits() -> bool:
    return _khmer_digits and _current == "km"


def digits(text: str) -> str:
    """``text`` with Khmer digits when the Khmer interface asks for them (numbers, dates; never symbols)."""
    return text.translate(_KHMER_DIGITS) if _khmer_digits and _current == "km" else text


# --- sorting ------------------------------------------------------------------------------------


def sort_key(text: str) -> str:
    """A cheap locale-friendly key: "Éducation" sorts with "education", Khmer keeps its own order.

    Only Latin combining accents (U+0300–U+036F) are dropped after decomposition,
    so Khmer vowel signs and subscripts (also combining marks) still count.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f").casefold()
