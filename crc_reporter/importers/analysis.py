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
from crc_reporter.importers.language import MONTH, MONTHS

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "27 June 2022", "1er novembre 2021", "1 de junio de 2028"
DATE = re.compile(rf"\b(\d{{1,2}})(?:er|\u00ba)?\s+(?:de\s+)?({MONTH})\s+(?:de\s+)?(\d{{4}})\b", re.I)

_REC = re.compile(
    r"\b(?:Committee|it|It)\s+(?:also\s+|further\s+|strongly\s+|therefore\s+|again\s+|once again\s+|"
    r"reiterates its recommendation and\s+|)(?:recommends?|urges?|requests?|calls?\s+(?:up)?on|encourages?|"
    r"invites?|reiterates?\s+its\s+(?:previous\s+)?recommendations?|reiterates?\s+its\s+calls?\s+(?:up)?on|"
    r"recalls its (?:previous )?recommendations?)\b"
    # French: "Le Comité recommande à l'État partie", "prie instamment", "demande instamment", "engage"
    r"|\b(?:Comité|[Ii]l)\s+(?:lui\s+)?(?:recommande|prie|demande|exhorte|engage|invite|encourage|"
    r"réitère\s+ses\s+(?:précédentes\s+)?recommandations|rappelle\s+ses\s+(?:précédentes\s+)?recommandations)\b"
    # Spanish: "El Comité recomienda al Estado parte", "insta", "exhorta", "alienta", "solicita"
    r"|\b(?:Comité|Comité\s+también|Comité\s+además)\s+(?:le\s+)?(?:recomienda|insta|exhorta|alienta|pide|"
    r"solicita|invita|reitera\s+sus\s+(?:anteriores\s+)?recomendaciones|recuerda\s+sus\s+(?:anteriores\s+)?"
    r"recomendaciones)\b"
    r"|(?:^|[.;:]\s)(?:Recomienda|Insta|Exhorta|Alienta|Recommande|Prie|Engage)\s+(?:también\s+|en\s+outre\s+)?"
    r"(?:al|à|l['\u2019])"
)
_CONCERN = re.compile(
    r"\b(?:concern(?:ed|s)?|regrets?|deplores?|alarmed|worried|notes with (?:deep |serious )?"
    r"(?:concern|regret))\b"
    r"|\b(?:préoccupée?s?|préoccupation|préoccupe|regrette|déplore|inquiète?|alarmée?)\b"
    r"|\b(?:preocupad[oa]s?|preocupación|preocupan?|lamenta|deplora|alarmad[oa])\b",
    re.I,
)

# "targets 16.5 and 16.6", « cibles 16.5 et 16.6 », "metas 16.5 y 16.6"
_SDG = re.compile(
    r"\b(?:targets?|cibles?|metas?)\s+((?:\d{1,2}\.[0-9a-c]{1,2})(?:\s*(?:,|and|et|y|&|as well as)\s*"
    r"\d{1,2}\.[0-9a-c]{1,2})*)",
    re.I,
)
_SDG_ONE = re.compile(r"(\d{1,2})\.([0-9a-c]{1,2})")

# Every pattern here runs in time linear in the text (a person's paste or a hostile file may hold
# anything): repetitions are possessive (``*+``, ``++``: never given back, so nothing is retried
# in a different split), and a symbol starts only where a run of symbol characters starts, so a
# long run of "CRC/C/X/CRC/C/X/…" is scanned once, not once per "CRC/C/" inside it.
# tests/fuzz/targets_patterns.py times each one on adversarial strings.
_SYMBOL_CHARS = r"A-Za-z0-9.\-\u2013"
# the CRC's symbols, and (issue 22) the other treaty bodies' ("CEDAW/C/KHM/CO/5", "E/C.12/KHM/CO/1")
_SYMBOL_REF = (
    rf"(?<![{_SYMBOL_CHARS}/])((?:CRC|CEDAW|CRPD|CAT|CCPR|CERD|CMW|CED|E/C\.12)"
    rf"(?:/C)?/[A-Z0-9]++(?:/[{_SYMBOL_CHARS}]++)*+)"
)
# "para."/"paras." (English), "par." (French), "párr."/"párrs." (Spanish)
_PARA_WORD = r"(?:paras?\.?+|par\.|p\u00e1rrs?\.)"  # "paras 25-26" without its full stop too
# between numbers: "and"/"et"/"y" and commas; ranges with a dash or "à"/"a" ("par. 25 à 27")
_PREVIOUS = re.compile(
    _SYMBOL_REF + r",?\s++" + _PARA_WORD + r"\s*+((?:\d++(?:\s*+\([a-z]{1,3}\)|\s[a-z]\))?+"
    r"(?:\s*+[\u2013\-]\s*+\d++|\s++(?:\u00e0|a)\s++\d++)?+(?:\s*+(?:,|and|et|y)\s++|\s*+,\s*+)?+)++)"
)
_PARA_REFS = re.compile(r"\(" + _PARA_WORD + r"\s*([^()]*(?:\([a-z]{1,3}\)[^()]*)*)\)")
_NUMBER_RANGE = re.compile(r"(\d+)(?:\s*\([a-z]{1,3}\))?(?:\s*[\u2013\-]\s*(\d+)|\s+(?:\u00e0|a)\s+(\d+))?")
_URGENT = re.compile(r"urgent measures|mesures d['\u2019]urgence|mesures urgentes|medidas urgentes", re.I)


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
        last = m.group(2) or m.group(3)
        hi = int(last) if last else lo
        if lo <= hi <= lo + 30:
            out.extend(range(lo, hi + 1))
        else:
            out.append(lo)
    return out


def previous_references(text: str, own_symbol: str | None) -> list[tuple[str, int]]:
    """Earlier concluding observations cited with their paragraphs."""
    own = normalise_symbol(own_symbol) if own_symbol else None
    body = (own or "CRC/").split("/")[0]  # the same body's earlier cycles only ("CAT/C/…" cited by the CRC is not one)
    found: dict[tuple[str, int], None] = {}
    for m in _PREVIOUS.finditer(text):
        symbol = normalise_symbol(m.group(1).rstrip(".,"))
        try:
            info = parse_symbol(symbol)
        except SymbolError:
            continue
        if info.doc_type.value != "concluding_observations" or symbol == own or symbol.split("/")[0] != body:
            continue
        for number in _numbers(m.group(2)):
            found.setdefault((symbol, number), None)
    return list(found)


def urgent_paragraphs(text: str) -> set[int]:
    """Paragraph numbers listed in the urgent-measures paragraph (empty for any other paragraph)."""
    m = _URGENT.search(text)
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


# The "Next report" paragraph in the three languages. Older: "invites the State party to submit its … by
# 1 June 2028"; 2023 onwards: "will establish and communicate the due date of … under the simplified
# reporting procedure" (no date in the document). Limits in words ("21,200 words", « 21 200 mots »,
# "21.200 palabras") or, in old documents, pages (no word limit then).
_NEXT_ASKS = re.compile(
    r"\b(?:invites|requests)\s+the\s+State\s+party\s+to\s+submit\b"
    r"|\b(?:invite|prie)\s+l['\u2019]\u00c9tat\s+partie\s+(?:\u00e0|de)\s+(?:soumettre|pr\u00e9senter)\b"
    r"|\b(?:invita|solicita|pide)\s+al\s+Estado\s+parte\s+(?:a\s+)?que\s+presente\b",
    re.I,
)
_NEXT_LATER = re.compile(
    r"\bwill\s+establish\s+and\s+communicate\s+the\s+due\s+date\b"
    r"|\bfixera\s+et\s+communiquera\s+la\s+date\b"
    r"|\bestablecer\u00e1\s+y\s+comunicar\u00e1\s+la\s+fecha\b",
    re.I,
)
_NEXT_WHAT = re.compile(
    r"\bsubmit\s+its\s+(.{3,120}?)\s+by\s+"
    + DATE.pattern
    + r"|\b(?:soumettre|pr\u00e9senter)\s+(?:son|ses)\s+(.{3,120}?)\s+(?:le|d['\u2019]ici\s+au|avant\s+le)\s+"
    + DATE.pattern
    + r"|\bpresente\s+(?:sus?|el|los)\s+(.{3,120}?)\s+(?:a\s+m\u00e1s\s+tardar\s+el|antes\s+del)\s+"
    + DATE.pattern,
    re.I | re.S,
)
_NEXT_LATER_WHAT = re.compile(
    r"\bdue\s+date\s+of\s+(?:the\s+State\s+party['\u2019]s\s+)?(?:the\s+)?(.{3,120}?)"
    r"(?=\s+(?:of\s+the\s+State\s+party|in\s+accordance|under|in\s+due|following)|,|\.)"
    r"|\bdate\s+(?:de\s+soumission\s+|d['\u2019]\u00e9ch\u00e9ance\s+)?(?:du|des)\s+(.{3,120}?)"
    r"(?=\s+(?:de\s+l['\u2019]\u00c9tat|conform\u00e9ment|selon|dans\s+le\s+cadre|,|\.))"
    r"|\bfecha\s+(?:de\s+presentaci\u00f3n\s+)?(?:de\s+los|del?)\s+(.{3,120}?)"
    r"(?=\s+(?:del\s+Estado|de\s+conformidad|con\s+arreglo|en\s+el\s+marco|,|\.))",
    re.I | re.S,
)
_WORD_LIMIT = re.compile(
    r"(?:not\s+exceed|ne\s+(?:devrait|doit|devra)\s+pas\s+d\u00e9passer|no\s+(?:deber\u00eda|deber\u00e1|debe)\s+"
    r"(?:exceder|superar)(?:\s+(?:de|las))?)\s+([\d,.\u00a0\u202f ]+?)\s+(words|mots|palabras|pages|p\u00e1ginas)\b",
    re.I,
)


def _word_limit(text: str) -> int | None:
    for m in _WORD_LIMIT.finditer(text):
        if m.group(2).lower() in ("pages", "p\u00e1ginas"):
            continue  # a page limit (older documents) is no word limit
        digits = re.sub(r"\D", "", m.group(1))
        if digits and 1_000 <= int(digits) <= 200_000:
            return int(digits)
    return None


def next_report(text: str) -> tuple[dt.date | None, int | None, str | None] | None:
    """(due date, word limit, what is due) from the "Next report" paragraph; None for other paragraphs.

    The due date is None when the Committee will communicate it later (2023 onwards); the word limit
    is None when the paragraph states none: the reports fall back to the standard limit themselves.
    """
    later = _NEXT_LATER.search(text)
    if later is not None:
        what_m = _NEXT_LATER_WHAT.search(text, later.start())
        what = next((g for g in what_m.groups() if g), None) if what_m else None
        return None, _word_limit(text), " ".join(what.split()) if what else None
    if not _NEXT_ASKS.search(text):
        return None
    if re.search(r"common core document|document de base commun|documento b\u00e1sico com\u00fan", text, re.I) and not (
        re.search(r"periodic report|rapports? p\u00e9riodiques?|informes? peri\u00f3dicos?", text[:300], re.I)
    ):
        return None
    m = _NEXT_WHAT.search(text)
    if not m:
        return None
    groups = m.groups()  # three alternatives of (what, day, month, year)
    for i in range(0, len(groups), 4):
        if groups[i] is not None:
            what_text, day, month, year = groups[i : i + 4]
            break
    else:  # pragma: no cover - one alternative always matched
        return None
    due = None
    with contextlib.suppress(ValueError, KeyError):
        due = dt.date(int(year), MONTHS[month.lower()], int(day))
    what = " ".join(what_text.split())
    what = re.sub(r"\s+(?:in a consolidated report|en un seul document|en un solo documento)$", "", what)
    return due, _word_limit(text), what


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


_JOINER = re.compile(r"(?<!\s)\s*+[;,]\s*+(?:and|or|et|ou|y|o)\s*+$")  # starts only where a run of spaces starts


def clean_part_text(text: str) -> str:
    """A part's own text: without the "; and" that joins it to the next one."""
    text = text.strip()
    text = _JOINER.sub("", text)
    return text.rstrip(" ;,").rstrip(".\u17d4").strip() if text.endswith((";", ",", ".", "\u17d4")) else text
