"""The three languages the Committee publishes in: which one a document is written in, and what differs.

The Committee works in English, French and Spanish, and each of its documents
exists in all three. What the importers need to know per language is small:
how a lettered part is labelled (English "(a)", French and Spanish "a)"),
the names of the months ("1er novembre 2021", "1 de junio de 2028") and the
words that tell the languages apart. Headings, kinds and references are read
by patterns that accept the three languages at once (see ``headings`` and
``analysis``), so a quotation in another language never breaks a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ENGLISH, FRENCH, SPANISH, KHMER = "en", "fr", "es", "km"
LANGUAGES: tuple[str, ...] = (ENGLISH, FRENCH, SPANISH)
#: Khmer translations (by ministries, UNICEF, the CNCC) number paragraphs "១." and label parts "(ក)", "(ខ)"…
_KHMER_LETTERS = "".join(chr(c) for c in range(0x1780, 0x17A3))  # the consonants in alphabetical order

# Small words frequent in one language and rare in the other two: counted on the document's first pages.
_MARKERS: dict[str, re.Pattern[str]] = {
    ENGLISH: re.compile(r"\b(?:the|of|and|to|that|with|Committee)\b"),
    FRENCH: re.compile(r"\b(?:le|les|des|et|du|aux|une|Comité|État)\b"),
    SPANISH: re.compile(r"\b(?:el|los|las|del|y|una|Comité|Estado)\b"),
}
_SAMPLE = 60_000  # characters: enough to decide, cheap on a long document


def detect_language(texts: Iterable[str]) -> str:
    """ "en", "fr" or "es": the language whose small words are the most frequent (English when in doubt)."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= _SAMPLE:
            break
    joined = " ".join(sample)[:_SAMPLE]
    khmer = sum(1 for ch in joined if "\u1780" <= ch <= "\u17ff")
    if khmer > sum(1 for ch in joined if ch.isascii() and ch.isalpha()):
        return KHMER
    scores = {lang: len(pattern.findall(joined)) for lang, pattern in _MARKERS.items()}
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    return best if scores[best] > scores[ENGLISH] else ENGLISH


# Lettered parts: "(a)" in English, "a)" in French and Spanish; "(i)"/"i)" inside a part.
_LABEL = rf"[a-z]{{1,2}}|[ivx]{{1,5}}|[{_KHMER_LETTERS}]"
PART = re.compile(rf"^(?:\((?P<label>{_LABEL})\)|(?P<bare>{_LABEL})\))(?:\s*+(?P<rest>.*))?$", re.S)


def part_label(text: str) -> tuple[str, str] | None:
    """``("a", rest)`` for a line or block that starts with a part's label: "(a)", "a)", or Khmer "(ក)" read as "a"."""
    m = PART.match(text)
    if not m:
        return None
    label = m.group("label") or m.group("bare")
    if label in _KHMER_LETTERS:
        label = chr(ord("a") + _KHMER_LETTERS.index(label))
    return label, (m.group("rest") or "")


def show_label(label: str, language: str) -> str:
    """A part's label as the document's language writes it: "(a)", "a)", or "(ក)" in Khmer."""
    if language == KHMER and len(label) == 1 and 0 <= ord(label) - ord("a") < len(_KHMER_LETTERS):
        return f"({_KHMER_LETTERS[ord(label) - ord('a')]})"
    return f"({label})" if language in (ENGLISH, KHMER) else f"{label})"


def starts_like_a_paragraph(text: str) -> bool:
    """A capital, or a letter of a script without case (Khmer), or an opening quote or parenthesis."""
    first = text[:1]
    return bool(first) and (
        first.isupper() or (first.isalpha() and not first.islower()) or first in '"\u201c\u2018(\u00ab\u00bf'
    )


MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
):
    for _i, _name in enumerate(_names.split()):
        MONTHS[_name] = _i + 1
MONTHS["setiembre"] = 9
MONTHS["fevrier"], MONTHS["aout"], MONTHS["decembre"] = 2, 8, 12  # accents lost in a copy

#: Any month name of the three languages, longest first so that "mayo" is not read as "may".
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
