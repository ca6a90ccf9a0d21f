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

from crc_reporter.importers.blocks import SUBHEADING, Block, Line, SourceText, note_marker, strip_markers
from crc_reporter.importers.headings import is_known_title, looks_like_heading_text

_FURNITURE = re.compile(
    r"^(?:GE\.\d{2}[-\u2013]\d{3,6}.*|Please\s+recycle.*|\d{1,3}|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|"
    r"CRC/C/[A-Za-z0-9/.\-\u2013]+\*?(?:\s+(?:page\s+)?\d{1,3})?|(?:page\s+)?\d{1,3}\s+CRC/C/\S+|"
    r"Advance unedited version|\*\d{5,}\*)$",
    re.I,
)
_NUM = re.compile(r"^(\d{1,3})\.(?:\s+(?P<rest>\S.*))?$")
_PART = re.compile(r"^\((?P<label>[a-z]{1,2}|[ivx]{1,5})\)(?:\s+(?P<rest>\S.*))?$")
_HEAD = re.compile(r"^(?P<label>[IVXL]{1,6}|[A-Z])\.(?:\s+(?P<rest>\S.*))?$")
_NOTE_START = re.compile(r"^(?P<mark>\*{1,3}|\d{1,3})\s*(?P<rest>\S.*)$")
_MONTH_START = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
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
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ABBREVIATIONS = (
    "para.",
    "paras.",
    "No.",
    "Nos.",
    "art.",
    "arts.",
    "chap.",
    "p.",
    "pp.",
    "vol.",
    "sect.",
    "annex",
    "target",
    "targets",
    "Goal",
    "Goals",
    "resolution",
    "decision",
    "rule",
    "rules",
    "and",
    "to",
    "of",
)
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
    return bool(text) and text[-1] in ".;:!?"


def _ends_open(text: str) -> bool:
    """A heading line that must continue: unbalanced parentheses or a trailing connector word."""
    text = strip_markers(text).strip()
    if text.count("(") > text.count(")") or text.endswith((",", "(", "\u2013", "-")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in _CONNECTORS


# --- furniture and footnotes ------------------------------------------------------------------


def remove_furniture(lines: list[Line], out: SourceText, zoned: bool) -> list[Line]:
    """Drop running headers, footers and page numbers; mark the page breaks they reveal.

    With a PDF's layout (``zoned``) only lines at the top or foot of a page can be
    furniture; in pasted text they can be anywhere.
    """
    kept: list[Line] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if _FURNITURE.match(text) and (line.zone or not zoned):
            out.furniture.append(text)
            if kept:
                kept[-1].page_end = True
            continue
        if kept and line.page != kept[-1].page:
            kept[-1].page_end = True
        kept.append(line)
    return kept


def extract_footnotes(lines: list[Line], out: SourceText) -> list[Line]:
    """Take the notes out of the page feet.

    A note starts with "*" or with the next expected note number and sits between
    the body and a page break (or is set in a smaller font, when the PDF says so).
    """
    body: list[Line] = []
    expected = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _NOTE_START.match(line.text.strip())
        end = _foot_end(lines, i) if m else -1
        if m and end >= 0 and _is_note_mark(m.group("mark"), expected, line):
            j = i
            while j <= end:  # one or more notes, up to the page break
                mm = _NOTE_START.match(lines[j].text.strip())
                if not (mm and _is_note_mark(mm.group("mark"), expected, lines[j])):
                    break
                mark, text = mm.group("mark"), mm.group("rest")
                j += 1
                while j <= end and not _starts_next_note(lines[j], expected + (0 if mark.startswith("*") else 1)):
                    text = join_two(text, lines[j].text.strip())
                    j += 1
                out.notes[mark if mark.startswith("*") else str(int(mark))] = strip_markers(text).strip()
                if not mark.startswith("*"):
                    expected = int(mark) + 1
            if j > i:
                i = j
                continue
        body.append(line)
        i += 1
    return body


def _is_note_mark(mark: str, expected: int, line: Line) -> bool:
    if mark.startswith("*"):
        return True
    if int(mark) != expected and not (line.small and expected < int(mark) <= expected + 2):
        return False
    rest = line.text.strip()[len(mark) :].strip()
    return not _MONTH_START.match(rest) and (line.small or rest[:1].isupper() or rest[:1] in '"“‘(')


def _starts_next_note(line: Line, expected: int) -> bool:
    m = _NOTE_START.match(line.text.strip())
    return bool(m) and _is_note_mark(m.group("mark"), expected, line) and not m.group("mark").startswith("*")


def _foot_end(lines: list[Line], start: int) -> int:
    """Index of the last line of the page foot that begins at ``start``, or -1 if ``start`` is not in a foot."""
    if lines[start].small:
        j = start
        while j + 1 < len(lines) and lines[j + 1].small and lines[j + 1].page == lines[start].page:
            j += 1
        return j
    for j in range(start, min(start + 8, len(lines))):  # notes are short; a foot ends at the page break
        if lines[j].page_end:
            return j
        if j > start and (_NUM.match(lines[j].text.strip()) or _HEAD.match(lines[j].text.strip())):
            return -1
    return -1


def mark_glued_note_refs(lines: list[Line], notes: dict[str, str]) -> None:
    """In pasted text a note reference is a number glued to a word ("recommendations,2"): make it a marker."""
    numbered = {k for k in notes if k.isdigit()}
    if not numbered:
        return
    pattern = re.compile(
        r"(?:(?<=[^\W\d_][.,;:)\]”’])|(?<=[^\W\d_]{3})|(?<=[^\W\d_]{2}[.,;:] ))(\d{1,3})"
        r"(?=[\s,.;:)]|$)"
    )
    expected = 1
    for line in lines:

        def swap(m: re.Match[str]) -> str:
            nonlocal expected
            before = m.string[: m.start()].rstrip()
            if before.endswith(_ABBREVIATIONS) or before[-1:] in ("(", "/"):
                return m.group(0)
            if m.group(1) in numbered and int(m.group(1)) in (expected, expected + 1):
                expected = int(m.group(1)) + 1
                return note_marker(m.group(1))
            return m.group(0)

        line.text = pattern.sub(swap, line.text)


# --- hyphenation ---------------------------------------------------------------------------------


def vocabulary(lines: list[Line]) -> set[str]:
    """Words seen whole in the document (not at a line break), to decide how to mend hyphenation."""
    words: set[str] = set()
    previous_hyphenated = False
    for line in lines:
        tokens = _WORD.findall(line.text)
        hyphenated = line.text.rstrip().endswith("-")
        inner = tokens[1 if previous_hyphenated else 0 : len(tokens) - 1 if hyphenated else len(tokens)]
        for token in inner:
            words.add(token.lower())
            words.update(piece.lower() for piece in token.split("-"))
        previous_hyphenated = hyphenated
    return words


# Prefixes the UN's English keeps hyphenated ("non-discrimination", "self-employed").
_KEEP_HYPHEN = {
    "non",
    "self",
    "ex",
    "cross",
    "well",
    "semi",
    "all",
    "low",
    "high",
    "long",
    "short",
    "full",
    "part",
    "cyber",
    "child",
    "gender",
    "age",
    "community",
    "family",
    "rights",
}


def join_two(left: str, right: str, words: set[str] | None = None) -> str:
    """Join two lines, mending a word hyphenated across them."""
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if left.endswith("-") and not left.endswith(" -") and right[:1].isalpha():
        head = _WORD.findall(left[:-1])
        tail = _WORD.findall(right)
        if not (head and tail) or not right[:1].islower():
            return left + right  # "non-\nState", "socio-\nEconomic": a real hyphen
        a, b = head[-1].split("-")[-1], tail[0].split("-")[0]
        known = words or set()
        if (a + b).lower() in known:
            return left[:-1] + right
        if (
            f"{a}-{b}".lower() in known
            or a.lower() in _KEEP_HYPHEN
            or a[:1].isupper()
            or (a.lower() in known and (b.lower() in known or len(a) >= 4))
        ):
            return left + right
        return left[:-1] + right
    if left.endswith(("\u2013", "/")):
        return left + right
    return f"{left} {right}"


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
            starts_ok = not rest or rest[:1].isupper() or rest[:1] in '"“‘(' or rest.startswith("\ue000")
            if self.next_para is None and starts_ok and (self.kind == "front" or after_break):
                return "para"
            if (
                self.next_para is not None
                and starts_ok
                and (n == self.next_para or (self.next_para < n <= self.next_para + 3 and after_break))
            ):
                return "para"
        m = _PART.match(text)
        if m and self.kind in ("para", "part", "cont"):
            label = m.group("label")
            ends = prev.rstrip()
            joined_ok = not prev or ends.endswith((":", ";", ".", ",", "\u2014")) or re.search(r"\b(?:and|or)$", ends)
            if joined_ok and (label == self.next_letter or (label in _ROMANS and self.kind == "part")):
                return "part"
        m = _HEAD.match(text)
        if m and after_break:
            label, rest = m.group("label"), m.group("rest") or following
            known = is_known_title(rest)
            if (
                rest[:1].isupper()
                and not rest.startswith(("The Committee", "It "))
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
                label = _PART.match(text).group("label")  # type: ignore[union-attr]
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
                self.label_only = bool(label) and not label.group("rest")
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
