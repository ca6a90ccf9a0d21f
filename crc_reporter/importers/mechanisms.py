"""What the importers of other mechanisms share (issue 22): bodies, UPR positions, sessions, children.

- :func:`mechanism_of_body`: the mechanism of a UHRI "Recommending Body" cell, however OHCHR
  spells it (short codes, full names, special procedures' mandates).
- :func:`position_of`: a UPR position as UHRI or a State's addendum words it.
- :func:`cycle_of_session`: the UPR cycle of a working group session.
- :func:`concerns_children`: whether a recommendation is about children (affected persons, or a
  bounded keyword test of its text in English, French and Spanish).
- :func:`split_states`: "Ensure … (Chile, Mexico);" -> ("Ensure …", ["Chile", "Mexico"]).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from crc_reporter.domain.enums import Mechanism, UprPosition

# letters only, upper-cased ("CRC-OP-AC" -> "CRCOPAC") -> mechanism
_CODES: dict[str, Mechanism] = {
    "CRC": Mechanism.CRC,
    "CRCOPAC": Mechanism.OPAC,
    "OPAC": Mechanism.OPAC,
    "CRCOPSC": Mechanism.OPSC,
    "OPSC": Mechanism.OPSC,
    "CRCOPIC": Mechanism.OPIC,
    "OPIC": Mechanism.OPIC,
    "UPR": Mechanism.UPR,
    "CEDAW": Mechanism.CEDAW,
    "CRPD": Mechanism.CRPD,
    "CAT": Mechanism.CAT,
    "SPT": Mechanism.CAT,  # the Subcommittee on Prevention of Torture (OPCAT)
    "CCPR": Mechanism.CCPR,
    "HRCTEE": Mechanism.CCPR,
    "CESCR": Mechanism.CESCR,
    "CERD": Mechanism.CERD,
    "CMW": Mechanism.CMW,
    "CED": Mechanism.CED,
    "SP": Mechanism.SP,
    "SPECIALPROCEDURES": Mechanism.SP,
}
# full names (letters only, upper-cased): the start of the cell decides
_NAMES: tuple[tuple[str, Mechanism], ...] = (
    ("COMMITTEEONTHERIGHTSOFTHECHILD", Mechanism.CRC),
    ("UNIVERSALPERIODICREVIEW", Mechanism.UPR),
    ("COMMITTEEONTHEELIMINATIONOFDISCRIMINATIONAGAINSTWOMEN", Mechanism.CEDAW),
    ("COMMITTEEONTHERIGHTSOFPERSONSWITHDISABILITIES", Mechanism.CRPD),
    ("COMMITTEEAGAINSTTORTURE", Mechanism.CAT),
    ("SUBCOMMITTEEONPREVENTIONOFTORTURE", Mechanism.CAT),
    ("HUMANRIGHTSCOMMITTEE", Mechanism.CCPR),
    ("COMMITTEEONECONOMICSOCIALANDCULTURALRIGHTS", Mechanism.CESCR),
    ("COMMITTEEONTHEELIMINATIONOFRACIALDISCRIMINATION", Mechanism.CERD),
    ("COMMITTEEONMIGRANTWORKERS", Mechanism.CMW),
    ("COMMITTEEONTHEPROTECTIONOFTHERIGHTSOFALLMIGRANTWORKERS", Mechanism.CMW),
    ("COMMITTEEONENFORCEDDISAPPEARANCES", Mechanism.CED),
)
# special procedures: the mandate's title ("Special Rapporteur on …", "SR on …", "IE on …", "WG on …")
_SPECIAL = re.compile(
    r"^(?:special\s+procedures?|special\s+rapporteur|independent\s+expert|working\s+group\s+on|"
    r"(?:SR|IE|WG)\s+(?:on|for)\b|rapporteur\s+sp[ée]cial|experto\s+independiente|relator\s+especial)",
    re.I,
)


def mechanism_of_body(body: str, symbol: str = "") -> Mechanism | None:
    """The mechanism of a row; a known document symbol wins over the body cell (it names the treaty exactly)."""
    if symbol:
        from crc_reporter.domain.symbols import SymbolError, parse_symbol

        try:
            return parse_symbol(symbol).treaty
        except SymbolError:
            pass
    key = re.sub(r"[^A-Z]", "", body.upper())
    if key in _CODES:
        return _CODES[key]
    if key.startswith("COMMITTEEONTHERIGHTSOFTHECHILD"):
        rest = key[len("COMMITTEEONTHERIGHTSOFTHECHILD") :]
        return next((m for code, m in _CODES.items() if code.startswith("OP") and code in rest), Mechanism.CRC)
    for name, mechanism in _NAMES:
        if key.startswith(name):
            return mechanism
    if _SPECIAL.match(body.strip()):
        return Mechanism.SP
    return None


_IN_PART = re.compile(
    r"support(?:ed)?\s*/\s*noted|support(?:s|ed)?\s+in\s+part|partially\s+support(?:s|ed)?|support(?:s|ed)?\s+partially|partly\s+support|"
    r"appuy[ée]+e?s?\s+en\s+partie|appuie\s+en\s+partie|partiellement|apoya(?:da|das|do)?\s+parcialmente|"
    r"parcialmente\s+apoyad",
    re.I,
)
_NOTED = re.compile(
    r"\bnot(?:es|ed)\b|\btakes?\s+note|\bdoes\s+not\s+(?:support|accept)|\bdid\s+not\s+enjoy|\bnot\s+supported|"
    r"\brejected|\bprend\s+note|\bpris(?:es)?\s+note|\bnot[ée]e?s?\b|\btoma(?:da)?s?\s+nota|\btom[oó]\s+nota|\banotad",
    re.I,
)
_SUPPORTED = re.compile(
    r"\bsupport(?:s|ed)?\b|\benjoy(?:s|ed)?\s+the\s+support|\baccept(?:s|ed)?\b|\bappui(?:e|ent)?\b|"
    r"\bappuy[ée]+e?s?\b|\baccept[ée]+e?s?\b|\bapoya(?:da|das|do|dos)?\b|\bacept(?:a|ada|adas)\b",
    re.I,
)


def position_of(text: str) -> UprPosition | None:
    """The position a short text states ("Supported", "Noted", "Supported in part", "Partially supported")."""
    if _IN_PART.search(text):
        return UprPosition.SUPPORTED_IN_PART
    if _NOTED.search(text):
        return UprPosition.NOTED
    if _SUPPORTED.search(text):
        return UprPosition.SUPPORTED
    return None


#: the first working group session of each UPR cycle (cycle 1 began in 2008)
_CYCLE_STARTS = (1, 13, 27, 41, 55)


def cycle_of_session(session: int) -> int | None:
    if session <= 0 or session > 200:
        return None
    return sum(1 for start in _CYCLE_STARTS if session >= start)


def session_number(cell: str) -> int | None:
    """ "46", "UPR 46th session", "46e session" -> 46."""
    m = re.search(r"(?<!\d)(\d{1,3})(?!\d)", cell)
    return int(m.group(1)) if m else None


_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70}


def ordinal_number(words: str) -> int | None:
    """ "forty-sixth" -> 46, "thirty-second" -> 32, "eighteenth" -> 18, "46th" -> 46."""
    text = words.strip().lower().replace("\u2011", "-").replace(" ", "-")
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", text)
    if m:
        return int(m.group(1))
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text]
    for stem, tens in _TENS.items():
        if text == stem + "ieth":
            return tens
        if text.startswith(stem + "y-"):
            unit = _ORDINAL_WORDS.get(text[len(stem) + 2 :])
            return tens + unit if unit is not None and unit < 10 else None
    return None


# children in affected persons or in the text: whole words only ("childless" is not a child)
# (a group of "Women & girls" alone is not taken for children: its text decides)
_CHILD_GROUP = re.compile(
    r"\b(?:child(?:ren)?|juveniles?|adolescents?|minors|infants?|enfants?|mineurs?|niñ(?:o|a|os|as)|niñez|"
    r"infancia|menores|adolescentes?)\b",
    re.I,
)
_CHILD_TEXT = re.compile(
    r"\b(?:child(?:ren|hood|'s)?|girls?|boys?|juvenile|adolescents?|minors|infants?|orphans?|"
    r"birth\s+registration|school(?:s|ing|children)?|pupils?|early\s+marriage|"
    r"enfants?|enfance|filles|garçons|mineurs|adolescent(?:e|es|s)?|enregistrement\s+des\s+naissances|"
    r"niñ(?:o|a|os|as)|niñez|infancia|menores\s+de\s+edad|adolescentes?|registro\s+de\s+nacimientos?)\b",
    re.I,
)
MAX_TEXT_TESTED = 20_000  # a recommendation is a few hundred characters; the test is bounded


def concerns_children(text: str, affected: Iterable[str] = ()) -> bool:
    """UHRI's affected persons include children, or the text is about children (en, fr, es)."""
    if any(_CHILD_GROUP.search(group) for group in affected):
        return True
    return bool(_CHILD_TEXT.search(text[:MAX_TEXT_TESTED]))


def _closing_group(text: str) -> int | None:
    """Where the balanced parenthesis group that ends ``text`` opens, or None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, max(-1, len(text) - 400), -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _state_names(group: str) -> list[str] | None:
    """ "Chile, Mexico" -> ["Chile", "Mexico"]; None when the group is not a list of States."""
    if re.search(r"[\d/;:]", group) or not group.strip():
        return None
    names, depth, current = [], 0, ""
    for char in group:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    names = [" ".join(n.split()) for n in names]
    ok = all(0 < len(n) <= 70 and (n[0].isupper() or n.startswith(("the ", "l'", "la ", "le "))) for n in names)
    return names if ok else None


def split_states(text: str) -> tuple[str, list[str]]:
    """A UPR recommendation's text and the recommending States named in brackets at its end.

    "(Brazil)", "(Chile, Mexico)", "(Chile) (Mexico)", "(Iran (Islamic Republic of))";
    the closing ";" or "." is dropped. A closing group that is not a list of States stays in the text.
    """
    body = " ".join(text.split()).rstrip(" ;.,")
    states: list[str] = []
    for _round in range(12):
        start = _closing_group(body)
        if start is None:
            break
        names = _state_names(body[start + 1 : -1])
        if names is None:
            break
        states[:0] = names
        body = body[:start].rstrip(" ;.,")
    return body, list(dict.fromkeys(states))


@cache
def _country_codes() -> dict[str, str]:
    from babel.core import Locale, get_global

    alpha3 = {v[0]: k for k, v in get_global("territory_aliases").items() if len(k) == 3 and k.isalpha() and v}
    out: dict[str, str] = {}
    for lang in ("en", "fr", "es"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code in alpha3:
                out.setdefault(re.sub(r"\W", "", name.lower()), alpha3[code])
    return out


def country_code(name: str | None) -> str | None:
    """ "Cambodia" -> "KHM" (English, French or Spanish names as CLDR spells them), else None."""
    if not name:
        return None
    return _country_codes().get(re.sub(r"\W", "", name.lower()))
