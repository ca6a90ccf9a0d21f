"""A pseudo-locale for testing layouts: every string longer, accented and bracketed, made on the fly.

``CRC_REPORTER_LANG=xx`` turns it on. "Save" becomes "[Šàṽé··]": about 40 %
longer (French and Khmer labels often are), so a label that clips shows up;
accented, so a font without the glyphs shows up; bracketed, so a string that
escaped translation (plain "Save" on screen) shows up. Placeholders
(``{name}``, Qt's ``%1``), HTML tags and entities and the ``&`` of keyboard
accelerators are kept as they are, so the pseudo-text still formats and renders.
"""

from __future__ import annotations

import gettext
import math
import re

PSEUDO_LANGUAGE = "xx"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
#: Spans copied unchanged: format fields, Qt arguments, HTML tags and entities, accelerators, %-formats.
_KEEP = re.compile(r"\{[^{}]*\}|%\d+|%n|%\(\w+\)[sd]|%[sd]|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|&&|&(?=\S)")
_PAD = "·"
#: Qt asks for this to choose the layout direction; it must stay "LTR".
_QT_DIRECTION = "QT_LAYOUT_DIRECTION"


def pseudo(text: str) -> str:
    """The pseudo-translation of ``text`` (empty stays empty)."""
    if not text or text == _QT_DIRECTION:
        return text
    out, at = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[at : match.start()].translate(_ACCENTED))
        out.append(match.group())
        at = match.end()
    out.append(text[at:].translate(_ACCENTED))
    body = "".join(out)
    visible = len(re.sub(_KEEP, "", text))
    padding = _PAD * max(1, math.ceil(visible * 0.4) - 2)
    # a multi-line text gets its brackets on the first and last line
    return f"[{body}{padding}]"


class PseudoTranslations(gettext.NullTranslations):
    """gettext's interface, pseudo-translating everything it is asked for."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
