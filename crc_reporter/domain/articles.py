"""Article references as the Committee writes them.

``"arts. 4, 42 and 44 (6)"`` -> ``["4", "42", "44(6)"]``; ranges use an en dash
(or a hyphen in pasted text): ``"13–17"`` expands to five articles,
``"27 (1)–(3)"`` to ``27(1)``, ``27(2)``, ``27(3)`` and ``"37 (b)–(d)"`` to
``37(b)``, ``37(c)``, ``37(d)``.
"""

from __future__ import annotations

import re

_DASHES = "\u2013\u2014\u2012-"
_ARTICLES_IN_PARENS = re.compile(r"\((?:arts?\.|articles?)\s*([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)
_ITEM = re.compile(
    r"^(?P<num>\d+)\s*(?:\((?P<sub>[0-9a-z]+)\))?"
    r"(?:\s*[" + _DASHES + r"]\s*(?:(?P<num2>\d+)\s*)?(?:\((?P<sub2>[0-9a-z]+)\))?)?$",
    re.I,
)
_MAX_RANGE = 60  # a range wider than the Convention is a typo, not 200 articles


def _fmt(num: str, sub: str | None) -> str:
    return f"{int(num)}({sub})" if sub else str(int(num))


def _sub_range(first: str, last: str) -> list[str]:
    if first.isdigit() and last.isdigit():
        lo, hi = int(first), int(last)
        return [str(i) for i in range(lo, hi + 1)] if 0 <= hi - lo <= _MAX_RANGE else [first, last]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha():
        lo, hi = ord(first.lower()), ord(last.lower())
        return [chr(i) for i in range(lo, hi + 1)] if 0 <= hi - lo <= 26 else [first, last]
    return [first, last]


def _expand_item(item: str) -> list[str]:
    item = item.strip().rstrip(".")
    if not item:
        return []
    m = _ITEM.match(item)
    if not m:
        return []
    num, sub, num2, sub2 = m.group("num", "sub", "num2", "sub2")
    if num2 is None and sub2 is None:
        return [_fmt(num, sub)]
    if num2 is None:  # "27 (1)–(3)": a range of sub-articles of one article
        if sub is None:
            return [_fmt(num, None)]
        return [_fmt(num, s) for s in _sub_range(sub, sub2)]
    lo, hi = int(num), int(num2)
    if sub is None and sub2 is None and 0 <= hi - lo <= _MAX_RANGE:
        return [str(i) for i in range(lo, hi + 1)]
    return [_fmt(num, sub), _fmt(num2, sub2)]


def parse_article_list(text: str) -> list[str]:
    """Expand an article list such as ``"4, 42 and 44 (6)"`` (no ``arts.`` prefix needed)."""
    text = re.sub(r"^\s*(?:arts?\.|articles?)\s*", "", text.strip(), flags=re.I)
    parts = re.split(r",|;|\band\b|\bet\b|\by\b", text)
    seen: dict[str, None] = {}
    for part in parts:
        for article in _expand_item(part):
            seen.setdefault(article, None)
    return list(seen)


def articles_in_heading(heading: str) -> list[str]:
    """Articles named in a heading's parenthesis: ``"E. Violence … (arts. 19, 24 (3) …)"``."""
    found: dict[str, None] = {}
    for m in _ARTICLES_IN_PARENS.finditer(heading):
        for article in parse_article_list(m.group(1)):
            found.setdefault(article, None)
    return list(found)


def article_number(article: str) -> int:
    """The article's main number: ``"44(6)"`` -> 44."""
    m = re.match(r"\d+", article)
    return int(m.group()) if m else 0
