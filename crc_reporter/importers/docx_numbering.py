"""Word's automatic numbering: the numbers and letters Word shows but does not store in the text.

A paragraph refers to a list instance (``w:numPr``: ``numId`` and level), on
itself or through its style. The instance points to an abstract definition
whose levels give the start value, the format (decimal, lowerLetter, …) and
the label template ("%1.", "(%2)"). Counters belong to the abstract list, as in
Word: instances of one definition continue each other unless an instance
overrides a level's start (``w:startOverride``), which restarts it the first
time that instance is used. A level restarts after any higher level is used,
unless ``w:lvlRestart`` says otherwise.

Every value read from the file is bounded to what Word itself accepts (start
values 0 to 32,767, levels 0 to 8), and a label never grows past
:data:`MAX_LABEL`: a forged start of 10¹¹ on a lettered list once made a label
of four billion letters (finding 1 of issue 21).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

#: Word's own limits: a list starts at 0 to 32,767; there are nine levels (0 to 8).
MAX_START = 32_767
MAX_LEVEL = 8
#: No real label ("12.", "(iv)", "zz)") comes near this; the level text is cut to it too.
MAX_LABEL = 64
#: Beyond this many repeats a lettered label ("aaaa…") is shown as its number instead.
MAX_LETTER_REPEATS = 8


def bounded_int(text: str | None, low: int, high: int) -> int | None:
    """``text`` as an integer within ``[low, high]``, or None (absent, not a number, absurd)."""
    if not text:
        return None
    text = text.strip()
    digits = text[1:] if text[:1] == "-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 9:
        return None
    value = int(text)
    return value if low <= value <= high else None


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this level (1-based) is used; 0 = never; None = any higher
    legal: bool = False


@dataclass
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    style_link: str | None = None  # numStyleLink: the definition lives in a numbering style


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level -> start
    levels: dict[int, Level] = field(default_factory=dict)  # whole levels redefined by the instance


def _letters(n: int, upper: bool) -> str:
    repeats = (n - 1) // 26 + 1
    if n <= 0 or repeats > MAX_LETTER_REPEATS:
        return str(n)
    # Word repeats the letter: a … z, aa … zz, aaa …
    letter = chr(ord("a") + (n - 1) % 26) * repeats
    return letter.upper() if upper else letter


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(numeral)
            n -= value
    text = "".join(out)
    return text.upper() if upper else text


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n, fmt == "upperRoman")
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Computes list labels in document order."""

    def __init__(self, root: etree._Element | None, w: str, style_num: dict[str, tuple[str, int]]) -> None:
        self.w = w
        self.abstracts: dict[str, _Abstract] = {}
        self.instances: dict[str, _Instance] = {}
        self.style_num = style_num  # numbering styles' own numPr, for numStyleLink
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is not None:
            self._read(root)

    def _val(self, el: etree._Element | None, default: str | None = None) -> str | None:
        return el.get(self.w + "val", default) if el is not None else default

    def _level(self, el: etree._Element) -> Level:
        w = self.w
        level = Level()
        start = bounded_int(self._val(el.find(w + "start")), 0, MAX_START)
        if start is not None:
            level.start = start
        level.fmt = (self._val(el.find(w + "numFmt"), "decimal") or "decimal")[:32]
        text_el = el.find(w + "lvlText")
        level.text = (self._val(text_el, "") or "" if text_el is not None else "%1.")[:MAX_LABEL]
        level.restart = bounded_int(self._val(el.find(w + "lvlRestart")), 0, MAX_LEVEL + 1)
        legal = el.find(w + "isLgl")
        level.legal = legal is not None and self._val(legal, "1") not in ("0", "false", "off")
        return level

    def _read(self, root: etree._Element) -> None:
        w = self.w
        for el in root.iterfind(w + "abstractNum"):
            abstract = _Abstract(style_link=self._val(el.find(w + "numStyleLink")))
            for lvl in el.iterfind(w + "lvl"):
                ilvl = bounded_int(lvl.get(w + "ilvl", "0"), 0, MAX_LEVEL)
                if ilvl is not None:
                    abstract.levels[ilvl] = self._level(lvl)
            self.abstracts[el.get(w + "abstractNumId", "")] = abstract
        for el in root.iterfind(w + "num"):
            instance = _Instance(self._val(el.find(w + "abstractNumId"), "") or "")
            for override in el.iterfind(w + "lvlOverride"):
                ilvl = bounded_int(override.get(w + "ilvl", "0"), 0, MAX_LEVEL)
                if ilvl is None:
                    continue
                start = bounded_int(self._val(override.find(w + "startOverride")), 0, MAX_START)
                if start is not None:
                    instance.overrides[ilvl] = start
                lvl = override.find(w + "lvl")
                if lvl is not None:
                    instance.levels[ilvl] = self._level(lvl)
            self.instances[el.get(w + "numId", "")] = instance

    def _abstract_id(self, instance: _Instance) -> str:
        abstract = self.abstracts.get(instance.abstract)
        if abstract is not None and not abstract.levels and abstract.style_link in self.style_num:
            linked = self.instances.get(self.style_num[abstract.style_link][0])
            if linked is not None:
                return linked.abstract
        return instance.abstract

    def level_def(self, instance: _Instance, abstract_id: str, ilvl: int) -> Level | None:
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        abstract = self.abstracts.get(abstract_id)
        return abstract.levels.get(ilvl) if abstract else None

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list and return the label this paragraph shows ("12.", "(a)"), or None (no number, bullets)."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0" or not 0 <= ilvl <= MAX_LEVEL:
            return None
        abstract_id = self._abstract_id(instance)
        level = self.level_def(instance, abstract_id, ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lvl, start in instance.overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            deeper_def = self.level_def(instance, abstract_id, deeper)
            if (
                deeper_def is None
                or deeper_def.restart != 0
                and (deeper_def.restart is None or deeper_def.restart > ilvl)
            ):
                del counters[deeper]
        if level.fmt == "bullet":
            return None
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                k_def = self.level_def(instance, abstract_id, k) or Level()
                value = counters.get(k, k_def.start)
                fmt = "decimal" if level.legal and k < ilvl else k_def.fmt
                text = text.replace(token, format_number(value, fmt))
        return text.strip()[:MAX_LABEL] or None
