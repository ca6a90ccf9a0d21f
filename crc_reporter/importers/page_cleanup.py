"""Page furniture, footnotes and hyphenation in text taken out of PDFs.

Running headers and footers (the symbol, "GE.22-09876(E)", page numbers,
"Please recycle", the barcode) are removed but kept for the metadata; the
notes at the foot of each page are taken out and kept by number, and note
numbers glued to words in pasted text become note markers; words hyphenated
at line ends are mended using the document's own vocabulary.
"""

from __future__ import annotations

import re

from crc_reporter.importers.blocks import Line, SourceText, note_marker, strip_markers

_FURNITURE = re.compile(
    r"^(?:GE\.\d{2}[-\u2013]\d{3,6}.*|Please\s+recycle.*|Merci\s+de\s+recycler.*|Se\s+ruega\s+reciclar.*|\d{1,3}|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|"
    r"CRC/C/[A-Za-z0-9/.\-\u2013]+\*?(?:\s+(?:page\s+)?\d{1,3})?|(?:page\s+)?\d{1,3}\s+CRC/C/\S+|"
    r"Advance unedited version|\*\d{5,}\*)$",
    re.I,
)
NUM = re.compile(r"^(\d{1,3})\.(?:(?:\s+|(?=[A-Z\u201c\"(]))(?P<rest>\S.*))?$")
HEAD = re.compile(r"^(?P<label>[IVXL]{1,6}|[A-Z])\.(?:(?:\s+|(?=[A-Z][a-z]))(?P<rest>\S.*))?$")
_NOTE_START = re.compile(r"^(?P<mark>\*{1,3}|\d{1,3})\s*(?P<rest>\S.*)$")
_MONTH_START = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
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


def remove_furniture(lines: list[Line], out: SourceText, zoned: bool) -> list[Line]:
    """Drop running headers, footers and page numbers; mark the page breaks they reveal.

    With a PDF's layout (``zoned``) only lines at the top or foot of a page can be
    furniture; in pasted text they can be anywhere.
    """
    kept: list[Line] = []
    page_number = 1  # the last page number seen (the first page has none)
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if (
            _FURNITURE.match(text)
            and (line.zone or not zoned)
            and not _number_in_sentence(lines, index, kept, page_number)
        ):
            if text.isdigit():
                page_number = int(text)
            out.furniture.append(text)
            if kept:
                kept[-1].page_end = True
            continue
        if kept and line.page != kept[-1].page:
            kept[-1].page_end = True
        kept.append(line)
    return kept


def _number_in_sentence(lines: list[Line], index: int, kept: list[Line], page_number: int) -> bool:
    """A number alone on a line between two halves of one sentence, with no other furniture beside it.

    A page number sits beside the running header or footer, or at a page break, and follows the
    last one; "aged under / 15 / years" is a sentence whose number the copy put on a line of its own.
    """
    line = lines[index]
    if not line.text.strip().isdigit() or not kept or line.zone or int(line.text) == page_number + 1:
        return False  # the next page's number, even alone mid-sentence
    following = lines[index + 1] if index + 1 < len(lines) else None  # blank lines were never added
    if following is None or following.page != line.page or kept[-1].page != line.page:
        return False
    before, after = kept[-1].text.strip(), following.text.strip()
    if lines[index - 1] is not kept[-1] or _FURNITURE.match(after) or before.endswith((".", ";", ":", "!", "?")):
        return False
    return after[:1].islower()


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
    return m is not None and _is_note_mark(m.group("mark"), expected, line) and not m.group("mark").startswith("*")


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
        if j > start and (NUM.match(lines[j].text.strip()) or HEAD.match(lines[j].text.strip())):
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
    if left.endswith(("\u2013", "/")) or (left.endswith("-") and left[-2:-1].isdigit() and right[:1].isdigit()):
        return left + right  # "2016–/2020", "paras 25-/26": a range broken at its dash
    return f"{left} {right}"
