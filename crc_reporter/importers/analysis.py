"""What a paragraph says: recommendation or concern, SDG targets, earlier recommendations, urgency, next report.

Shared by every importer. The Committee's phrasing is stable enough to read
with patterns: "the Committee recommends/urges…", "is concerned…", "taking
note of targets 16.5 and 16.6 of the Sustainable Development Goals",
"Recalling its previous recommendations (CRC/C/KHM/CO/2-3, para. 28)", "…in
respect of which urgent measures must be taken: non-discrimination (para. 17),
… (paras. 41 and 42)", "submit its combined fifth and sixth periodic reports
by 1 June 2028 … should not exceed 21,200 words".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from crc_reporter.domain.enums import RecommendationKind
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b", re.I)

_REC = re.compile(
    r"\b(?:Committee|it|It)\s+(?:also\s+|further\s+|strongly\s+|therefore\s+|again\s+|once again\s+|"
    r"reiterates its recommendation and\s+|)(?:recommends?|urges?|requests?|calls?\s+(?:up)?on|encourages?|"
    r"invites?|reiterates?\s+its\s+(?:previous\s+)?recommendations?|reiterates?\s+its\s+calls?\s+(?:up)?on|recalls its (?:previous )?recommendations?)\b"
)
_CONCERN = re.compile(
    r"\b(?:concern(?:ed|s)?|regrets?|deplores?|alarmed|worried|notes with (?:deep |serious )?"
    r"(?:concern|regret))\b",
    re.I,
)

_SDG = re.compile(
    r"\btargets?\s+((?:\d{1,2}\.[0-9a-c]{1,2})(?:\s*(?:,|and|&|as well as)\s*\d{1,2}\.[0-9a-c]{1,2})*)", re.I
)
_SDG_ONE = re.compile(r"(\d{1,2})\.([0-9a-c]{1,2})")

# Every pattern here runs in time linear in the text (a person's paste or a hostile file may hold
# anything): repetitions are possessive (``*+``, ``++``: never given back, so nothing is retried
# in a different split), and a symbol starts only where a run of symbol characters starts, so a
# long run of "CRC/C/X/CRC/C/X/…" is scanned once, not once per "CRC/C/" inside it.
# tests/fuzz/targets_patterns.py times each one on adversarial strings.
_SYMBOL_CHARS = r"A-Za-z0-9.\-\u2013"
_SYMBOL_REF = rf"(?<![{_SYMBOL_CHARS}/])(CRC/C/[A-Z0-9]++(?:/[{_SYMBOL_CHARS}]++)*+)"
_PREVIOUS = re.compile(
    _SYMBOL_REF + r",?\s++paras?\.?+\s*+((?:\d++(?:\s*+\([a-z]{1,3}\))?+(?:\s*+[\u2013\-]\s*+\d++)?+"
    r"(?:\s*+(?:,|and)\s*+)?+)++)"
)
_PARA_REFS = re.compile(r"\(paras?\.?\s*([^()]*(?:\([a-z]{1,3}\)[^()]*)*)\)")
_NUMBER_RANGE = re.compile(r"(\d+)(?:\s*\([a-z]{1,3}\))?(?:\s*[\u2013\-]\s*(\d+))?")


def classify(text: str, bold: float, bold_text: str, trust_bold: bool) -> str:
    """Recommendation, concern or other.

    In the UN's files recommendations are set in bold, so where the source shows
    bold (Word, most PDFs) that decides; otherwise the wording does.
    """
    if trust_bold and bold >= 0:
        letters = sum(ch.isalpha() for ch in bold_text)
        if letters >= 20 and (bold >= 0.6 or _REC.search(bold_text)):
            return RecommendationKind.RECOMMENDATION.value
        if _CONCERN.search(text):
            return RecommendationKind.CONCERN.value
        return RecommendationKind.OTHER.value
    if _REC.search(text):
        return RecommendationKind.RECOMMENDATION.value
    if _CONCERN.search(text):
        return RecommendationKind.CONCERN.value
    return RecommendationKind.OTHER.value


def sdg_targets(text: str) -> list[str]:
    found: dict[str, None] = {}
    for m in _SDG.finditer(text):
        for goal, target in _SDG_ONE.findall(m.group(1)):
            if 1 <= int(goal) <= 17:
                found.setdefault(f"{int(goal)}.{target}", None)
    return list(found)


def _numbers(refs: str) -> list[int]:
    out: list[int] = []
    for m in _NUMBER_RANGE.finditer(refs):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if lo <= hi <= lo + 30:
            out.extend(range(lo, hi + 1))
        else:
            out.append(lo)
    return out


def previous_references(text: str, own_symbol: str | None) -> list[tuple[str, int]]:
    """Earlier concluding observations cited with their paragraphs."""
    own = normalise_symbol(own_symbol) if own_symbol else None
    found: dict[tuple[str, int], None] = {}
    for m in _PREVIOUS.finditer(text):
        symbol = normalise_symbol(m.group(1).rstrip(".,"))
        try:
            info = parse_symbol(symbol)
        except SymbolError:
            continue
        if info.doc_type.value != "concluding_observations" or symbol == own:
            continue
        for number in _numbers(m.group(2)):
            found.setdefault((symbol, number), None)
    return list(found)


def urgent_paragraphs(text: str) -> set[int]:
    """Paragraph numbers listed in the urgent-measures paragraph (empty for any other paragraph)."""
    m = re.search(r"urgent measures", text, re.I)
    if not m:
        return set()
    numbers: set[int] = set()
    for refs in _PARA_REFS.finditer(text, m.end()):
        numbers.update(_numbers(refs.group(1)))
    return numbers


def parse_date(text: str) -> dt.date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def next_report(text: str) -> tuple[dt.date | None, int | None, str | None] | None:
    """(due date, word limit, what is due) from the "Next report" paragraph; None for other paragraphs."""
    if not re.search(r"\b(?:invites|requests)\s+the\s+State\s+party\s+to\s+submit\b", text, re.I):
        return None
    if re.search(r"common core document", text, re.I) and not re.search(r"periodic report|report", text[:200], re.I):
        return None
    m = re.search(r"submit\s+its\s+(.{3,120}?)\s+by\s+(\d{1,2}\s+\w+\s+\d{4})", text, re.I | re.S)
    if not m:
        return None
    due = parse_date(m.group(2))
    limit = None
    words = re.search(r"not\s+exceed\s+([\d,.\u00a0\u202f ]+)\s+words", text, re.I)
    if words:
        digits = re.sub(r"\D", "", words.group(1))
        limit = int(digits) if digits and 1_000 <= int(digits) <= 200_000 else None
    what = " ".join(m.group(1).split())
    what = re.sub(r"\s+in a consolidated report$", "", what)
    return due, limit, what


_SENTENCE_END = re.compile(r"\.(?!\d)")  # a full stop, not the point of "2.5"
_MEETING = re.compile(r"meeting", re.I)
_ADOPTED = re.compile(r"adopted", re.I)
_HELD_ON = re.compile(r"held on ", re.I)
# "held on 11, 12 and 14 January 2022": days and separators, possessive so a long run of digits
# without a month is read once (the old pattern tried every way to split it: exponential).
_HELD_DAYS = re.compile(
    r"held on ((?:\d{1,2}(?:\s*+(?:,|and|to|\u2013|-)\s*+(?=\d))?+)++(?:\s*+(?:,|and|to|\u2013|-))?+)\s+("
    + _MONTH
    + r")\s+(\d{4})",
    re.I,
)
_HELD_DATE = re.compile(r"held on (\d{1,2}\s+" + _MONTH + r"\s+\d{4})", re.I)


def _held_on(text: str, lead: re.Pattern[str], tail: re.Pattern[str]) -> re.Match[str] | None:
    r"""The first ``tail`` ("held on …") after ``lead`` ("meeting") in the same sentence.

    What ``lead(?:[^.]|\.(?=\d))*?held on …`` found, in one pass: that pattern retried the
    rest of each sentence from every "meeting" in it (quadratic in repeated words).
    """
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        first = lead.search(text, start, end)
        if first is not None:
            for held in _HELD_ON.finditer(text, first.end(), end + len("held on ")):
                if held.start() >= end:
                    break
                found = tail.match(text, held.start())
                if found is not None:
                    return found
        start = end + 1
    return None


def dialogue_and_adoption(text: str) -> tuple[tuple[dt.date, ...], dt.date | None]:
    """From paragraph 1: the dates of the dialogue and of adoption."""
    dialogue: list[dt.date] = []
    adopted = None
    held = _held_on(text, _MEETING, _HELD_DAYS)
    if held:
        month, year = MONTHS[held.group(2).lower()], int(held.group(3))
        for day in re.findall(r"\d{1,2}", held.group(1)):
            with contextlib.suppress(ValueError):
                dialogue.append(dt.date(year, month, int(day)))
    adoption = _held_on(text, _ADOPTED, _HELD_DATE)
    if adoption:
        adopted = parse_date(adoption.group(1))
    return tuple(dialogue), adopted


_JOINER = re.compile(r"(?<!\s)\s*+[;,]\s*+(?:and|or)\s*+$")  # starts only where a run of spaces starts


def clean_part_text(text: str) -> str:
    """A part's own text: without the "; and" that joins it to the next one."""
    text = text.strip()
    text = _JOINER.sub("", text)
    return text.rstrip(" ;,").rstrip(".").strip() if text.endswith((";", ",", ".")) else text
