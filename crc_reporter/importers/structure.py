"""From blocks to a parsed document: numbered paragraphs, lettered parts, headings, clusters.

One parser for every source (Word paragraphs, or PDF and pasted lines joined
by :mod:`crc_reporter.importers.lines`). Paragraph numbers must follow each
other: a block starting "2022." in the middle of the text is not paragraph
2022, and the oldest documents' numbered cluster headings ("5. Basic health
and welfare") are told from paragraphs by their titles. Clusters come from the
lettered (or numbered) section headings; subheadings never change them.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from crc_reporter.domain.clusters import Cluster
from crc_reporter.domain.enums import CRC_MECHANISMS, Treaty
from crc_reporter.domain.parsed import ParsedDocument, ParsedParagraph, ParsedPart
from crc_reporter.domain.symbols import SymbolError, normalise_symbol, parse_symbol
from crc_reporter.i18n import _
from crc_reporter.importers import analysis, issues, metadata, upr
from crc_reporter.importers.blocks import NOTE_MARKER, Block, SourceText, strip_markers
from crc_reporter.importers.headings import HeadingInfo, describe, looks_like_heading_text
from crc_reporter.importers.language import (
    ENGLISH,
    detect_language,
    part_label,
    show_label,
    starts_like_a_paragraph,
)
from crc_reporter.importers.lines import roman_value
from crc_reporter.untrusted import SourceError

_NUM = re.compile(r"^(\d{1,3})\.(?:\s+|$|(?=[A-Z\u201c\"(]))(.*)$", re.S)
#: The longest text quoted in a "text not placed" warning (a real stray is a line or a short paragraph).
_SHOWN_CHARS = 2000
_ROMAN_ITEM = re.compile(r"^(?P<label>[ivx]{1,5})\)\s*(?P<rest>\S.*)$", re.S)
_ROMAN_ITEMS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007]+")
_TRANSLATE = str.maketrans({"\u00ad": None, "\u2011": "-", "\u200b": None, "\ufeff": None})


def clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_TRANSLATE).replace("\n", " ")).strip()


@dataclass
class _Open:
    number: int
    intro: list[str]
    cluster: str | None
    subheading: str | None
    articles: tuple[str, ...]
    parts: list[list[str]] = field(default_factory=list)  # [label, text…]
    tail: list[str] = field(default_factory=list)
    bold_letters: float = 0.0
    letters: int = 0
    bold_known: bool = False
    bold_text: list[str] = field(default_factory=list)

    def absorb(self, block: Block, text: str) -> None:
        letters = sum(ch.isalpha() for ch in text)
        self.letters += letters
        if block.bold >= 0:
            self.bold_known = True
            self.bold_letters += block.bold * letters
            self.bold_text.append(block.bold_text)


class _Parser:
    def __init__(
        self, source: SourceText, symbol: str | None, treaty: str | None, doc_type: str | None, language: str = ENGLISH
    ) -> None:
        self.source = source
        self.language = language
        self.doc = ParsedDocument(symbol=symbol, treaty=treaty, language=language)
        self.list_of_issues = issues.is_list_of_issues(doc_type)
        self.committee_text = issues.is_committee_text(doc_type)
        self.numbers_restart = False  # a list of issues' part heading was crossed: its numbers may start again
        self.number_offset = 0  # and did: what its numbers are behind the document's
        self.op_document = treaty not in (None, Treaty.CRC.value)  # also another treaty body's (no CRC clusters)
        self.front: list[str] = []
        self.started = False
        self.current: _Open | None = None
        self.opened: list[_Open] = []
        self.cluster: str | None = None
        self.subheading: str | None = None
        self.articles: tuple[str, ...] = ()
        self.last_chapter = 0
        self.last_section = ""
        self.heading_title = ""  # the last heading, while no paragraph has followed it
        self.cited: set[str] = set()  # the notes referred to anywhere

    # --- blocks ------------------------------------------------------------------------------
    def feed(self, block: Block) -> None:
        text = clean(block.text)
        self.cited.update(NOTE_MARKER.findall(text))
        if not strip_markers(text):
            return
        part = issues.part_heading(text) if self.list_of_issues else None
        if part is not None:
            self.heading(part, block)
            self.numbers_restart = bool(self.opened)
            return
        m = _NUM.match(text)
        if m:
            number, rest = int(m.group(1)), m.group(2)
            info = describe(text) if looks_like_heading_text(rest) else None
            if info is not None and info.level < 3:
                self.heading(info, block)
                return
            accepted = self.accept_number(number, block.auto_label, rest)
            if accepted is not None:
                self.open_paragraph(accepted, rest, block)
                return
        m = _ROMAN_ITEM.match(text)
        if (
            m
            and self.current is not None
            and self.current.parts
            and m.group("label") in _ROMAN_ITEMS
            and m.group("label") != chr(ord(self.current.parts[-1][0][-1]) + 1)  # not the next letter "i)"
        ):
            self.current.parts[-1].append(text)  # "ii) …" (no opening parenthesis) within a lettered part
            self.current.absorb(block, text)
            return
        labelled = part_label(text)
        if labelled and self.current is not None and self.add_part(labelled[0], labelled[1], block):
            return
        info = describe(text, block.heading) if self.heading_plausible(text, block) else None
        if info is not None:
            self.heading(info, block)
            return
        if not self.started:
            self.front.append(text)
        elif self.current is not None:  # an unnumbered block continuing the paragraph
            self.current.absorb(block, text)
            (self.current.tail if self.current.parts else self.current.intro).append(text)
        elif self.list_of_issues:  # the Committee's instructions, kept apart from the questions
            self.doc.instructions.append(strip_markers(text))
        else:  # between a heading and the next paragraph, neither heading nor paragraph: said, never dropped
            self.not_placed(text)

    def not_placed(self, text: str) -> None:
        shown = strip_markers(text)
        if len(shown) > _SHOWN_CHARS:
            shown = shown[:_SHOWN_CHARS].rstrip() + "\u2026"
        if self.heading_title:
            where = _("after the heading \u201c{title}\u201d").format(title=self.heading_title)
        elif self.opened:
            where = _("after paragraph {n}").format(n=self.opened[-1].number)
        else:
            where = _("before the first paragraph")
        self.doc.warnings.append(_("text not placed ({where}): \u201c{text}\u201d").format(where=where, text=shown))

    def heading_plausible(self, text: str, block: Block) -> bool:
        if block.heading:
            return True
        if re.match(r"^(?:[IVXL]{1,6}|[A-Z])\.(?:\s+\S|[A-Z][a-z])", text):
            return True
        return self.started and looks_like_heading_text(text)

    def accept_number(self, number: int, auto: bool, rest: str) -> int | None:
        if not self.opened:
            starts = not rest or starts_like_a_paragraph(rest) or rest[:1] == "\ue000"
            return number if 1 <= number <= 999 and starts else None
        expected = self.opened[-1].number + 1
        if number == expected:
            return number
        if self.number_offset and number + self.number_offset == expected:
            return expected
        if number == 1 and self.numbers_restart:
            self.numbers_restart = False
            self.number_offset = expected - 1
            self.doc.warnings.append(
                _(
                    "the questions of a part of the list of issues are numbered from 1 again; they were "
                    "numbered on from {expected}"
                ).format(expected=expected)
            )
            return expected
        if auto:
            self.doc.warnings.append(
                _(
                    "Word's automatic numbering gives {found} where paragraph {expected} should "
                    "be; the paragraphs were numbered in sequence"
                ).format(found=number, expected=expected)
            )
            return expected
        if expected < number <= expected + 10:
            self.doc.warnings.append(
                _("paragraphs {first}–{last} were not found").format(first=expected, last=number - 1)
                if number - 1 > expected
                else _("paragraph {n} was not found").format(n=expected)
            )
            return number
        return None

    def open_paragraph(self, number: int, rest: str, block: Block) -> None:
        self.started = True
        self.numbers_restart = False
        self.heading_title = ""
        self.current = _Open(number, [rest] if rest else [], self.cluster, self.subheading, self.articles)
        self.current.absorb(block, rest)
        self.opened.append(self.current)

    def add_part(self, label: str, rest: str, block: Block) -> bool:
        assert self.current is not None
        parts = self.current.parts
        expected = chr(ord(parts[-1][0]) + 1) if parts else "a"
        if label == expected or (
            block.auto_label and len(label) <= 2 and label.isalpha() and label not in _ROMAN_ITEMS | {expected}
        ):
            parts.append([label, rest] if rest else [label])
            self.current.absorb(block, rest)
            return True
        if label in _ROMAN_ITEMS and parts:  # (i), (ii) within a lettered part
            parts[-1].append(f"{show_label(label, self.language)} {rest}")
            self.current.absorb(block, rest)
            return True
        return False

    def heading(self, info: HeadingInfo, block: Block) -> None:
        level = info.level
        label = info.label or ""
        if level == 1 and len(label) == 1:  # "I.", "V.", "X." are letters as often as numerals
            next_section = chr(ord(self.last_section) + 1) if self.last_section else "A"
            if label == next_section and roman_value(label) != self.last_chapter + 1:
                level = 2
        if level == 1:
            self.last_chapter, self.last_section = roman_value(label) if label else self.last_chapter, ""
        elif level == 2 and len(label) == 1 and label.isalpha():
            self.last_section = label
        if not self.started and level < 3 and label and (info.cluster or info.neutral or label in ("I", "A")):
            self.started = True
        if not self.started:
            self.front.append(clean(block.text))
            return
        self.doc.headings.append(strip_markers(clean(block.text)))
        self.heading_title = strip_markers(info.title)
        self.current = None
        if level < 3:
            self.articles = info.articles
            if self.op_document and not info.neutral:
                self.cluster = Cluster.OPTIONAL_PROTOCOLS.value
            elif info.cluster is not None:
                self.cluster = info.cluster.value
            elif info.neutral:
                self.cluster = None
            elif not self.committee_text:  # a list's or a report's own sections: no warning
                if level == 1 or self.list_of_issues:
                    self.cluster = None
            elif level == 2:
                self.cluster = None
            if (
                level == 2
                and info.cluster is None
                and not info.neutral
                and self.committee_text
                and not self.op_document
            ):
                self.doc.warnings.append(
                    _(
                        "the heading \u201c{title}\u201d is not one of the Committee's clusters; "
                        "its paragraphs have no cluster"
                    ).format(title=info.title)
                )
        self.subheading = strip_markers(info.title) or None

    # --- the whole document ----------------------------------------------------------------------
    def finish(self) -> ParsedDocument:
        if not self.opened:
            raise SourceError(_("no numbered paragraphs were found; is this a concluding observations document?"))
        notes = self.source.notes
        paragraphs = [self.paragraph(o, notes) for o in self.opened]
        trust_bold = (
            sum(1 for o in self.opened if o.bold_known and o.letters and o.bold_letters / o.letters >= 0.5) >= 1
        )
        by_number = {p.number: p for p in paragraphs}
        for o, p in zip(self.opened, paragraphs, strict=True):
            bold = o.bold_letters / o.letters if o.bold_known and o.letters else -1.0
            if self.committee_text:  # questions, replies and reports are neither recommendations nor concerns
                p.kind = analysis.classify(p.text, bold, " ".join(o.bold_text), trust_bold)
        self.mark_urgent(paragraphs, by_number)
        for key, note in notes.items():
            if not key.startswith("*") and note and key not in self.cited:
                self.doc.warnings.append(
                    _("note {key} is not cited by any paragraph: \u201c{text}\u201d").format(key=key, text=note)
                )
        self.doc.paragraphs = paragraphs
        return self.doc

    def paragraph(self, o: _Open, notes: dict[str, str]) -> ParsedParagraph:
        keys: list[str] = []

        def text_of(pieces: list[str]) -> str:
            joined = " ".join(p for p in pieces if p)
            keys.extend(NOTE_MARKER.findall(joined))
            return clean(strip_markers(joined))

        intro = text_of(o.intro)
        parts = [ParsedPart(part[0], text_of(part[1:])) for part in o.parts]
        tail = text_of(o.tail)
        label = show_label  # "(a)" in English, "a)" in French and Spanish, as the document writes it
        full = " ".join(x for x in [intro, *(f"{label(p.label, self.language)} {p.text}" for p in parts), tail] if x)
        for part in parts:
            part.text = analysis.clean_part_text(part.text)
        paragraph_notes = [notes[k] for k in dict.fromkeys(keys) if k in notes]
        return ParsedParagraph(
            number=o.number,
            text=full,
            parts=parts,
            cluster=o.cluster,
            subheading=o.subheading,
            articles=list(o.articles),
            sdg_targets=analysis.sdg_targets(full),
            previous=analysis.previous_references(" ".join([full, *paragraph_notes]), self.doc.symbol),
            notes=paragraph_notes,
        )

    def mark_urgent(self, paragraphs: list[ParsedParagraph], by_number: dict[int, ParsedParagraph]) -> None:
        for p in paragraphs[:20]:
            numbers = analysis.urgent_paragraphs(p.text)
            if not numbers:
                continue
            missing = sorted(n for n in numbers if n not in by_number)
            for n in numbers:
                if n in by_number:
                    by_number[n].urgent = True
            if missing:
                self.doc.warnings.append(
                    _("the urgent-measures paragraph cites paragraphs that were not found: {numbers}").format(
                        numbers=", ".join(map(str, missing))
                    )
                )
            return


def _other_treaty_body(doc: ParsedDocument) -> None:
    """Another treaty body's concluding observations: no CRC clusters or articles; its headings are the themes."""
    for p in doc.paragraphs:
        p.cluster, p.articles = None, []
        p.themes = [p.subheading] if p.subheading else []
    doc.provides = tuple(f for f in doc.provides if f not in ("cluster", "articles"))


def _override_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    try:
        parse_symbol(symbol)
    except SymbolError as exc:
        raise SourceError(str(exc)) from None
    return normalise_symbol(symbol)


def parse_document(source: SourceText, *, symbol: str | None = None, treaty: str | None = None) -> ParsedDocument:
    """Turn a reader's blocks into a :class:`ParsedDocument`; ``symbol``/``treaty`` are the person's corrections."""
    head = [clean(b.text) for b in source.blocks[:60]]
    found_symbol = metadata.find_symbol(head, source.furniture)
    given = _override_symbol(symbol)
    if not found_symbol and upr.is_upr_report(head, given):  # a UPR working group report or its addendum
        return upr.parse_upr(source, [clean(b.text) for b in source.blocks], given)
    title = metadata.find_title(head)
    doc_symbol = _override_symbol(symbol) or found_symbol
    doc_treaty = (treaty.upper() if treaty else None) or metadata.treaty_for(doc_symbol, title)
    language = detect_language(clean(b.text) for b in source.blocks)
    doc_type = None
    if doc_symbol:
        with contextlib.suppress(SymbolError):
            doc_type = parse_symbol(doc_symbol).doc_type.value
    parser = _Parser(source, doc_symbol, doc_treaty, doc_type, language)
    for block in source.blocks:
        parser.feed(block)
    doc = parser.finish()
    doc.warnings[:0] = source.warnings
    doc.title = title or metadata.find_title(parser.front)
    doc.country = metadata.country_for(doc_symbol)
    doc.country_name = metadata.country_in_title(doc.title) if doc.title else None
    doc.date = metadata.find_date(parser.front, source.furniture)
    if doc.paragraphs:
        doc.dialogue, doc.adopted_on = analysis.dialogue_and_adoption(doc.paragraphs[0].text)
    for p in reversed(doc.paragraphs if parser.committee_text else []):
        found = analysis.next_report(p.text)
        if found:
            doc.next_report_due, doc.word_limit, doc.next_report_title = found
            break
    if doc_type:
        doc.doc_type = doc_type
    if doc_treaty and doc_treaty not in CRC_MECHANISMS:
        _other_treaty_body(doc)
    if issues.is_list_of_issues(doc_type):
        doc.word_limit = issues.replies_limit(doc.doc_type, [*doc.instructions, *parser.front])
    if not doc_symbol:
        doc.warnings.append(_("no document symbol was found; give it (e.g. CRC/C/KHM/CO/4-6) before importing"))
    if doc.date is None and doc.adopted_on is not None:
        doc.date = doc.adopted_on
        doc.warnings.append(_("the document's date was not found; the date of adoption is used"))
    return doc
