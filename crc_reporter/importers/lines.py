"""From the lines of a PDF or of pasted text to the blocks of a document.

Text taken out of a PDF carries the page's furniture (the symbol in the
header, "GE.22-09876(E)" and page numbers in the footer, "Please recycle"),
footnotes at the foot of each page, words hyphenated at line ends, paragraph
numbers and sub-paragraph letters on lines of their own, and wrapped headings.
This module removes the furniture (keeping it for the metadata), takes the
footnotes out (keeping them by number), mends hyphenation and joins lines into
blocks. Starts of paragraphs are checked against the running numbering so
that a line that happens to begin with "2022." or "(a)" does not split a
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crc_reporter.importers.blocks import SUBHEADING, Block, Line, SourceText, strip_markers
from crc_reporter.importers.headings import is_known_title, looks_like_heading_text
from crc_reporter.importers.issues import PART_HEADING
from crc_reporter.importers.language import part_label, starts_like_a_paragraph  # "(a)", "a)", "(ក)"
from crc_reporter.importers.page_cleanup import (
    HEAD as _HEAD,
)
from crc_reporter.importers.page_cleanup import (
    NUM as _NUM,
)
from crc_reporter.importers.page_cleanup import (
    extract_footnotes,
    join_two,
    mark_glued_note_refs,
    remove_furniture,
    vocabulary,
)

_ARTICLE_LIST_START = re.compile(r"\((?:arts?\.|articles?|art[\u00edi]culos?)\s", re.I)
_CONNECTORS = {
    "of",
    "the",
    "on",
    "to",
    "and",
    "under",
    "by",
    "in",
    "for",
    "with",
    "a",
    "an",
    "its",
    "or",
    "from",
    "at",
    "as",
    "against",
    "within",
    "into",
    "between",
    # French and Spanish headings wrap after these too
    "de",
    "du",
    "des",
    "et",
    "\u00e0",
    "aux",
    "en",
    "y",
    "del",
    "con",
    "para",
    "por",
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMANS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}


def roman_value(label: str) -> int:
    total, prev = 0, 0
    for ch in reversed(label):
        value = _ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


# "2588 th": a superscript ordinal suffix set apart by the copy
_SPLIT_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,5}) (st|nd|rd|th)\b")


def _ordinal_suffix(number: str) -> str:
    n = int(number)
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def mend_ordinals(text: str) -> str:
    """ "at its 2588 th meeting" -> "at its 2588th meeting" (only where the suffix fits the number)."""
    if " " not in text:
        return text
    return _SPLIT_ORDINAL.sub(
        lambda m: m.group(1) + m.group(2) if _ordinal_suffix(m.group(1)) == m.group(2) else m.group(0), text
    )


def _ends_sentence(text: str) -> bool:
    text = strip_markers(text).rstrip().rstrip("\"'”’)]*").rstrip()
    text = re.sub(r"(?<=[.;:])\s?\d{1,3}$", "", text)  # a footnote number after the full stop
    return bool(text) and text[-1] in ".;:!?\u17d4\u17d5\u17d6"  # Khmer ។ ៕ ៖ too


def _sentence_like(texts: list[str]) -> bool:
    """A "subheading" with a comma or a sentence's length: its lower-case next line continues it."""
    last = texts[-1]
    return len(texts) > 1 or "," in last or len(last) > 60


def _ends_open(text: str) -> bool:
    """A heading line that must continue: unbalanced parentheses or a trailing connector word."""
    text = strip_markers(text).strip()
    if text.count("(") > text.count(")") or text.endswith((",", "(", "\u2013", "-")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in _CONNECTORS


# --- lines into blocks ---------------------------------------------------------------------------


class _Joiner:
    def __init__(self, lines: list[Line], words: set[str], tick: Callable[[], None] | None = None) -> None:
        self.lines, self.words, self.tick = lines, words, tick
        self.blocks: list[Block] = []
        self.kind = ""  # kind of the open block: front, para, part, head, sub, cont
        self.texts: list[str] = []
        self.bold_letters = self.letters = 0
        self.bold_known = False
        self.bold_parts: list[str] = []
        self.heading_hint = 0
        self.next_para: int | None = None
        self.next_letter = "a"
        self.last_chapter = 0
        self.last_section = ""
        self.label_only = False  # the open heading so far is only its label ("A.")
        self.final_part = False  # the open part follows a "; and": the paragraph's last
        self.numbers_restart = False  # after "Part III" of a list of issues, whose questions may start at 1

    def close(self) -> None:
        if not self.texts:
            return
        # join_two only looks at the line before: join each pair, keep the pieces, join them once
        pieces: list[str] = []
        for piece in self.texts:
            if pieces:
                right = piece.lstrip()
                joined = join_two(pieces[-1], right, self.words)
                pieces[-1] = joined[: len(joined) - len(right)]
                pieces.append(right)
            else:
                pieces.append(piece)
        text = mend_ordinals("".join(pieces))
        bold = self.bold_letters / self.letters if self.bold_known and self.letters else -1.0
        heading = SUBHEADING if self.kind == "sub" else self.heading_hint
        self.blocks.append(Block(text, bold, " ".join(self.bold_parts), heading, page=0))
        self.texts, self.bold_parts = [], []
        self.bold_letters = self.letters = 0
        self.bold_known, self.heading_hint = False, 0

    def open(self, kind: str, line: Line) -> None:
        self.close()
        self.kind = kind
        self.add(line)

    def add(self, line: Line) -> None:
        self.texts.append(line.text.strip())
        letters = sum(ch.isalpha() for ch in line.text)
        if line.bold >= 0:
            self.bold_known = True
            self.bold_letters += round(line.bold * letters)
            if line.bold_text:
                self.bold_parts.append(line.bold_text)
        self.letters += letters
        self.heading_hint = self.heading_hint or line.heading

    # what starts a block
    def start_of(self, index: int) -> str:
        line = self.lines[index]
        text = line.text.strip()
        prev = self.texts[-1] if self.texts else ""
        after_break = not prev or _ends_sentence(prev) or self.kind in ("front", "head", "sub")
        following = self.lines[index + 1].text.strip() if index + 1 < len(self.lines) else ""
        m = _NUM.match(text)
        if m:
            n, rest = int(m.group(1)), m.group("rest") or following
            if rest and is_known_title(rest) and looks_like_heading_text(rest):
                return "head"
            starts_ok = not rest or starts_like_a_paragraph(rest) or rest.startswith("\ue000")
            if self.next_para is None and starts_ok and (self.kind == "front" or after_break):
                return "para"
            if (
                self.next_para is not None
                and starts_ok
                and (n == self.next_para or (self.next_para < n <= self.next_para + 3 and after_break))
            ):
                return "para"
            if n == 1 and self.numbers_restart and starts_ok and after_break:
                return "para"  # a list of issues' part numbering its questions from 1 again
        part = part_label(text)
        if part and self.kind in ("para", "part", "cont"):
            label = part[0]
            ends = prev.rstrip()
            joined_ok = (
                not prev
                or ends.endswith((":", ";", ".", ",", "\u2014", "\u17d4", "\u17d6"))
                or re.search(r"\b(?:and|or|et|ou|y|o)$", ends)
            )
            if joined_ok and (label == self.next_letter or (label in _ROMANS and self.kind == "part")):
                return "part"
            if label == self.next_letter and self.late_words(index):
                return "part"
        if after_break and PART_HEADING.match(text) and len(text) <= 200:
            return "part_heading"  # "Part II" of a list of issues
        m = _HEAD.match(text)
        if m and after_break:
            label, rest = m.group("label"), m.group("rest") or following
            # a title wrapped onto the next line is known only with it ("…on the Optional / Protocol on the sale…")
            known = is_known_title(rest) or bool(
                m.group("rest") and following and is_known_title(f"{rest} {following}")
            )
            if (
                rest[:1].isupper()
                and not rest.startswith(("The Committee", "It ", "Le Comité", "El Comité", "Il "))
                and (known or looks_like_heading_text(rest, 300))
            ):
                next_section = chr(ord(self.last_section) + 1) if self.last_section else "A"
                if label in _ROMAN or len(label) > 1:
                    value = roman_value(label)
                    if (value == self.last_chapter + 1 or known and value > self.last_chapter) and not (
                        len(label) == 1 and label == next_section
                    ):
                        return "chapter"
                if len(label) == 1 and (label in ("A", next_section) or known and label > (self.last_section or "@")):
                    return "section"
        return ""

    def heading_after_number(self, index: int) -> bool:
        """A paragraph number alone on its line, then its subheading, then the paragraph's first words:
        the copy put the number (set in the margin) before the heading above the paragraph."""
        if index + 2 >= len(self.lines) or _NUM.match(self.lines[index].text.strip()).group("rest"):  # type: ignore[union-attr]
            return False
        heading, then = self.lines[index + 1].text.strip(), self.lines[index + 2].text.strip()
        return (
            len(heading) <= 100
            and "," not in heading
            and looks_like_heading_text(heading, 100)
            and not _ends_open(heading)
            and not _HEAD.match(heading)
            and (then[:1].isupper() or then[:1] in '"“(')
        )

    def after_last_part(self, text: str) -> bool:
        """A sentence after the paragraph's last part ("…(b) Strengthen X. / The Committee also…") is
        the paragraph's own text after its parts, not more of part (b)."""
        if self.kind != "part" or not self.final_part or not self.texts:
            return False
        return self.texts[-1].rstrip().endswith(".") and (text[:1].isupper() or text[:1] in '"“')

    def late_words(self, index: int) -> bool:
        """The label stands alone and the line after it finishes the part before ("…born to / (b) /
        parents without documents; / Strengthen…"): the copy put the part's last words after the label."""
        text = self.lines[index].text.strip()
        part = part_label(text)
        prev = self.texts[-1].rstrip() if self.texts else ""
        if not part or part[1] or index + 2 >= len(self.lines) or not prev or prev.endswith((";", ":", ".")):
            return False
        words, then = self.lines[index + 1].text.strip(), self.lines[index + 2].text.strip()
        finished = words.endswith((";", ".", ":")) or re.search(r";\s*(?:and|or|et|ou|y|o)$", words)
        return bool(words[:1].islower() and finished and (then[:1].isupper() or then[:1] in '"“('))

    def heading_continues(self, text: str) -> bool:
        """The open heading wraps onto ``text``: whatever its punctuation, a heading is whole only when
        its parentheses close, it does not end on a connector, and the next line is not its article
        list, its lower-case continuation, or the words that make it one of the Committee's titles."""
        heading = " ".join(self.texts) if len(self.texts) <= 6 else self.texts[-1]  # a heading wraps a few times
        if _ends_open(heading) or text[:1].islower() or _ARTICLE_LIST_START.match(text):
            return True
        if len(self.texts) >= 3 or not looks_like_heading_text(text, 160):
            return False
        m = _HEAD.match(heading)
        title = (m.group("rest") or "") if m else heading
        return not is_known_title(title) and is_known_title(f"{title} {text}")

    def heading_follows(self, index: int) -> bool:
        """Lines ``index…`` are a short run of heading lines followed by the start of a paragraph or section."""
        for j in range(index, min(index + 4, len(self.lines))):
            text = self.lines[j].text.strip()
            if j > index and self.start_of(j) in ("para", "chapter", "section", "head"):
                return True
            if not looks_like_heading_text(text, 160):
                return False
        return False

    def run(self) -> list[Block]:
        moved: set[int] = set()  # lines already added to the part they finish
        for index, line in enumerate(self.lines):
            if self.tick is not None and index % 512 == 511:
                self.tick()
            text = line.text.strip()
            if not text or index in moved:
                continue
            start = self.start_of(index)
            if start == "para":
                n = int(_NUM.match(text).group(1))  # type: ignore[union-attr]
                self.next_para, self.next_letter = n + 1, "a"
                self.numbers_restart = False
                if self.heading_after_number(index):  # "10." / "Legislation" / "The Committee…"
                    self.open("sub", self.lines[index + 1])
                    moved.add(index + 1)
                self.open("para", line)
            elif start == "part":
                label = part_label(text)[0]  # type: ignore[index]
                if label == self.next_letter:
                    self.final_part = bool(self.texts and re.search(r"\b(?:and|or)$", self.texts[-1].rstrip()))
                    if self.late_words(index):
                        self.add(self.lines[index + 1])
                        moved.add(index + 1)
                    self.next_letter = chr(ord(label) + 1)
                    self.open("part", line)
                else:  # (i), (ii) inside a part
                    self.add(line)
            elif start == "part_heading":
                self.numbers_restart = True
                self.open("head", line)
            elif start in ("chapter", "section", "head"):
                label = _HEAD.match(text)
                if start == "chapter" and label:
                    self.last_chapter, self.last_section = roman_value(label.group("label")), ""
                elif start == "section" and label:
                    self.last_section = label.group("label")
                self.open("head", line)
                self.label_only = label is not None and not label.group("rest")
            elif self.kind == "head" and (self.label_only or self.heading_continues(text)):
                self.label_only = False
                self.add(line)  # a wrapped heading, or the title after a label on its own line
            elif self.kind == "sub" and (
                _ends_open(self.texts[-1]) or (text[:1].islower() and _sentence_like(self.texts))
            ):
                self.add(line)  # a wrapped subheading, or a sentence that only looked like one
            elif (self.kind in ("head", "sub") and looks_like_heading_text(text, 160)) or (
                self.kind in ("para", "part", "cont")
                and self.texts
                and _ends_sentence(self.texts[-1])
                and (line.heading or self.heading_follows(index))
            ):
                self.open("sub", line)
            elif self.kind in ("head", "sub") or self.after_last_part(text):
                self.open("cont", line)
            elif self.kind == "front" or not self.kind:
                if self.kind == "front" and self.texts and (text[:1].islower() or _ends_open(self.texts[-1])):
                    self.add(line)
                else:
                    self.open("front", line)
            else:
                self.add(line)
        self.close()
        return self.blocks


def lines_to_blocks(
    lines: list[Line], out: SourceText, zoned: bool = False, tick: Callable[[], None] | None = None
) -> None:
    """Furniture, notes, hyphenation and joining: the whole way from lines to ``out.blocks``."""
    body = remove_furniture(lines, out, zoned)
    body = extract_footnotes(body, out)
    if not any("\ue000" in line.text for line in body):
        mark_glued_note_refs(body, out.notes)
    out.blocks.extend(_Joiner(body, vocabulary(body), tick).run())
