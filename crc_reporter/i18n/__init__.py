"""Translation of every visible string: gettext catalogs kept as ``.po`` files with Babel.

Why gettext/Babel rather than Qt's .ts files: reports are written in a language
chosen per report, independent of the interface, by code below the UI that
must not import Qt; one mechanism serves the CLI, the services' labels, the
reports and the GUI. The ``.po`` files in ``translations/`` are compiled in
memory when first needed, so no generated file is committed or required.

Use ``_("text")`` for the interface language, ``N_("text")`` to mark a
string translated later, and :func:`translator` for a report's language.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache

from crc_reporter.paths import translations_path

DOMAIN = "messages"
LANGUAGES: dict[str, str] = {"en": "English", "km": "ខ្មែរ", "fr": "Français"}
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang`` (English, or any language without a catalog, passes through)."""
    po_file = translations_path(lang, "LC_MESSAGES", f"{DOMAIN}.po")
    if lang == DEFAULT_LANGUAGE or not po_file.is_file():
        return gettext.NullTranslations()
    # Babel is imported only when a catalog is needed: an English start-up never pays for it
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(lang: str) -> str:
    """Switch the interface language; unknown codes fall back to English."""
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def current_language() -> str:
    return _current


def initial_language() -> str:
    """The language from CRC_REPORTER_LANG or the system locale, if we speak it."""
    for var in ("CRC_REPORTER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return translator(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now."""
    return message
