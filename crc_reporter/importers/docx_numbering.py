"""Word's automatic numbering: the numbers and letters Word shows but does not store in the text.

A paragraph refers to a list instance (``w:numPr``: ``numId`` and level), on
itself or through its style. The instance points to an abstract definition
whose levels give the start value, the format (decimal, lowerLetter, …) and
the label template ("%1.", "(%2)"). Counters belong to the abstract list, as in
Word: instances of one definition continue each other unless an instance
overrides a level's start (``w:startOverride``), which restarts it the first
time that instance is used. A level restarts after any higher level is used,
unless ``w:lvlRestart`` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


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
    if n <= 0:
        return str(n)
    # Word repeats the letter: a … z, aa … zz, aaa …
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
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
        start = self._val(el.find(w + "start"))
        if start and start.lstrip("-").isdigit():
            level.start = int(start)
        level.fmt = self._val(el.find(w + "numFmt"), "decimal") or "decimal"
        text_el = el.find(w + "lvlText")
        level.text = self._val(text_el, "") or "" if text_el is not None else "%1."
        restart = self._val(el.find(w + "lvlRestart"))
        level.restart = int(restart) if restart and restart.isdigit() else None
        legal = el.find(w + "isLgl")
        level.legal = legal is not None and self._val(legal, "1") not in ("0", "false", "off")
        return level

    def _read(self, root: etree._Element) -> None:
        w = self.w
        for el in root.iterfind(w + "abstractNum"):
            abstract = _Abstract(style_link=self._val(el.find(w + "numStyleLink")))
            for lvl in el.iterfind(w + "lvl"):
                ilvl = lvl.get(w + "ilvl", "0")
                if ilvl.isdigit():
                    abstract.levels[int(ilvl)] = self._level(lvl)
            self.abstracts[el.get(w + "abstractNumId", "")] = abstract
        for el in root.iterfind(w + "num"):
            instance = _Instance(self._val(el.find(w + "abstractNumId"), "") or "")
            for override in el.iterfind(w + "lvlOverride"):
                ilvl = override.get(w + "ilvl", "0")
                if not ilvl.isdigit():
                    continue
                start = self._val(override.find(w + "startOverride"))
                if start and start.lstrip("-").isdigit():
                    instance.overrides[int(ilvl)] = int(start)
                lvl = override.find(w + "lvl")
                if lvl is not None:
                    instance.levels[int(ilvl)] = self._level(lvl)
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
        if instance is None or num_id == "0":
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
        return text.strip() or None
