"""The one rule for text that comes in from outside: no control characters, no lone surrogates.

Text reaches a store from files (Word, PDF, pasted text, UHRI, tracker and
IMPACT spreadsheets), exchange packages, the window's editors and the command
line. A C0 control character (``\\x00``–``\\x1f``) other than tab and newline
breaks what is made of the text later: a vertical tab made ``export-xlsx`` fail
for everybody (Excel's XML cannot hold it), a NUL made every full package of
the store unreadable to its receivers and PostgreSQL refuse the write. A lone
surrogate (``\\ud800``, from a damaged file or a mis-decoded argument) cannot
be encoded as UTF-8 at all. Every way in calls :func:`clean_text`.

- Word's manual line break and page break (``\\x0b``, ``\\x0c``) become spaces,
  carriage returns (``\\r\\n``, ``\\r``) newlines;
- every other C0 control character is removed;
- a lone surrogate becomes U+FFFD (the replacement character, shown as �),
  so what was damaged stays visible instead of silently vanishing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, TypeVar

T = TypeVar("T")

#: C0 control characters other than tab (``\t``) and newline (``\n``), and UTF-16 surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff]")
_NEWLINES = {"\x0b": " ", "\x0c": " ", "\r": "\n"}
REPLACEMENT = "\ufffd"


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NEWLINES:
        return _NEWLINES[char]
    return REPLACEMENT if "\ud800" <= char <= "\udfff" else ""


def is_clean(text: str) -> bool:
    """True when ``text`` holds nothing :func:`clean_text` would change."""
    return _UNWANTED.search(text) is None


def needs_cleaning(text: str) -> bool:
    """True when :func:`clean_text` would change ``text`` (a quick test of many values joined)."""
    return not is_clean(text)


def clean_text(text: str) -> str:
    """``text`` without C0 control characters (tab and newline kept) and without lone surrogates."""
    if _UNWANTED.search(text) is None:
        return text
    return _UNWANTED.sub(_replace, text.replace("\r\n", "\n"))


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def clean_all(value: T) -> T:
    """``value`` with :func:`clean_text` applied to every string inside it.

    Walks dataclasses (frozen ones too), lists (changed in place), tuples,
    dicts and sets; anything else is returned as it is. Used on what an importer
    read, so that no importer can forget a field.
    """
    return _clean(value, 0)


def _clean(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if depth > 32 or value is None or isinstance(value, (int, float, bytes, dt.date)):
        return value
    if isinstance(value, list):
        value[:] = [_clean(item, depth + 1) for item in value]
        return value
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_clean(item, depth + 1) for item in value)
    if isinstance(value, (set, frozenset)):
        return type(value)(_clean(item, depth + 1) for item in value)
    if isinstance(value, dict):
        cleaned = {_clean(k, depth + 1): _clean(v, depth + 1) for k, v in value.items()}
        value.clear()
        value.update(cleaned)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            cleaned = _clean(current, depth + 1)
            if cleaned is not current:
                object.__setattr__(value, item.name, cleaned)
    return value
