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

from crc_reporter.importers.blocks import SUBHEADING, Block, Line, SourceText, strip_markers
from crc_reporter.importers.headings import is_known_title, looks_like_heading_text
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


def _ends_sentence(text: str) -> bool:
    text = strip_markers(text).rstrip().rstrip("\"'”’)]*").rstrip()
    text = re.sub(r"(?<=[.;:])\s?\d{1,3}$", "", text)  # a footnote number after the full stop
    return bool(text) and text[-1] in ".;:!?\u17d4\u17d5\u17d6"  # Khmer ។ ៕ ៖ too


def _ends_open(text: str) -> bool:
    """A heading line that must continue: unbalanced parentheses or a trailing connector word."""
    text = strip_markers(text).strip()
    if text.count("(") > text.count(")") or text.endswith((",", "(", "\u2013", "-")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in _CONNECTORS


# --- lines into blocks ---------------------------------------------------------------------------


class _Joiner:
    def __init__(self, lines: list[Line], words: set[str]) -> None:
        self.lines, self.words = lines, words
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

    def close(self) -> None:
        if not self.texts:
            return
        text = ""
        for piece in self.texts:
            text = join_two(text, piece, self.words) if text else piece
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
        m = _HEAD.match(text)
        if m and after_break:
            label, rest = m.group("label"), m.group("rest") or following
            known = is_known_title(rest)
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
        for index, line in enumerate(self.lines):
            text = line.text.strip()
            if not text:
                continue
            start = self.start_of(index)
            if start == "para":
                n = int(_NUM.match(text).group(1))  # type: ignore[union-attr]
                self.next_para, self.next_letter = n + 1, "a"
                self.open("para", line)
            elif start == "part":
                label = part_label(text)[0]  # type: ignore[index]
                if label == self.next_letter:
                    self.next_letter = chr(ord(label) + 1)
                    self.open("part", line)
                else:  # (i), (ii) inside a part
                    self.add(line)
            elif start in ("chapter", "section", "head"):
                label = _HEAD.match(text)
                if start == "chapter" and label:
                    self.last_chapter, self.last_section = roman_value(label.group("label")), ""
                elif start == "section" and label:
                    self.last_section = label.group("label")
                self.open("head", line)
                self.label_only = label is not None and not label.group("rest")
            elif self.kind == "head" and (_ends_open(self.texts[-1]) or text[:1].islower() or self.label_only):
                self.label_only = False
                self.add(line)  # a wrapped heading, or the title after a label on its own line
            elif self.kind in ("head", "sub") and looks_like_heading_text(text, 160):
                if self.kind == "sub" and (_ends_open(self.texts[-1]) or text[:1].islower()):
                    self.add(line)
                else:
                    self.open("sub", line)
            elif (
                self.kind in ("para", "part", "cont")
                and self.texts
                and _ends_sentence(self.texts[-1])
                and (line.heading or self.heading_follows(index))
            ):
                self.open("sub", line)
            elif self.kind in ("head", "sub"):
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


def lines_to_blocks(lines: list[Line], out: SourceText, zoned: bool = False) -> None:
    """Furniture, notes, hyphenation and joining: the whole way from lines to ``out.blocks``."""
    body = remove_furniture(lines, out, zoned)
    body = extract_footnotes(body, out)
    if not any("\ue000" in line.text for line in body):
        mark_glued_note_refs(body, out.notes)
    out.blocks.extend(_Joiner(body, vocabulary(body)).run())
