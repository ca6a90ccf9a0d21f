"""Text as the store keeps it: no control characters but tab and newline, no lone surrogates.

Every way text comes in (importers, packages, spreadsheets, the window, the
command line) passes it through :func:`clean_text`, so that one pasted control
character or a broken UTF-16 half cannot make an export, a package or the
database refuse the whole store later.
"""

from __future__ import annotations

import re

_DIRTY = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def needs_cleaning(s: str) -> bool:
    """True when :func:`clean_text` would change ``s`` (a quick test for many values joined)."""
    return _DIRTY.search(s) is not None


def clean_text(s: str) -> str:
    """``s`` without C0 control characters but tab and newline (CR and CR LF become a newline),
    with every lone surrogate replaced by U+FFFD."""
    if _DIRTY.search(s) is None:
        return s
    s = _NEWLINES.sub("\n", s)
    s = _CONTROLS.sub("", s)
    return _SURROGATES.sub(REPLACEMENT, s)
