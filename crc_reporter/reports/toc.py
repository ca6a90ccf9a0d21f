"""A table of contents field that Word refreshes when the draft opens.

The field (``TOC \\o "1-2" \\h \\z \\u``) is marked dirty and the settings carry
``w:updateFields``, so Word rebuilds it with page numbers on opening. Until
then it holds a cached result built here: one entry per heading, each a link
to a bookmark on the heading and a ``PAGEREF`` field, so that LibreOffice and
previews show a usable contents list too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.reports import ooxml as x


@dataclass
class TableOfContents:
    """Collects headings while the body is written; ``render`` fills the field at its anchor."""

    entry_styles: dict[int, str]  # level -> style id of "toc 1", "toc 2"
    levels: int = 2
    entries: list[tuple[int, str, str]] = field(default_factory=list)
    #: numbered paragraphs written before each entry's heading (for each chapter's paragraph range)
    numbered_before: list[int] = field(default_factory=list)
    _next_id: int = 1

    def mark(self, paragraph: etree._Element, level: int, text: str, numbered_before: int = 0) -> None:
        """Bookmark a heading paragraph so that the contents entry can point at it."""
        if level > self.levels:
            return
        self.numbered_before.append(numbered_before)
        bookmark_id = str(self._next_id)
        name = f"_Toc{100000000 + self._next_id}"
        self._next_id += 1
        start = etree.Element(x.BOOKMARK_START)
        start.set(x.ID, bookmark_id)
        start.set(x.NAME, name)
        ppr = paragraph.find(x.PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph.insert(0, start)
        etree.SubElement(paragraph, x.BOOKMARK_END).set(x.ID, bookmark_id)
        self.entries.append((level, text, name))

    def ranges(self, numbered_total: int) -> list[tuple[int, int] | None]:
        """The paragraphs (first, last) of each chapter (level-1 entry), None for other entries and for a
        chapter without numbered paragraphs."""
        chapters = [i for i, (level, _t, _b) in enumerate(self.entries) if level == 1]
        out: list[tuple[int, int] | None] = [None] * len(self.entries)
        for i, following in zip(chapters, [*chapters[1:], None], strict=True):
            first = self.numbered_before[i] + 1
            last = numbered_total if following is None else self.numbered_before[following]
            out[i] = (first, last) if last >= first else None
        return out

    def render(
        self,
        anchor: etree._Element,
        empty_text: str,
        numbered_total: int = 0,
        paragraph_range: Callable[[int, int], str] | None = None,
    ) -> None:
        """Replace ``anchor`` (an empty paragraph) by the field and its cached entries; with
        ``paragraph_range``, each chapter's entry ends with its paragraphs ("paras. 5–14")."""
        instruction = f'TOC \\o "1-{self.levels}" \\h \\z \\u'
        paragraphs: list[etree._Element] = []
        entries = self.entries or [(1, empty_text, "")]
        ranges = self.ranges(numbered_total) if self.entries and paragraph_range else [None] * len(entries)
        for i, ((level, text, bookmark), span) in enumerate(zip(entries, ranges, strict=True)):
            if span is not None and paragraph_range is not None:
                text = f"{text} ({paragraph_range(*span)})"
            p = etree.Element(x.P)
            ppr = etree.SubElement(p, x.PPR)
            etree.SubElement(ppr, x.PSTYLE).set(x.VAL, self.entry_styles.get(level, self.entry_styles[1]))
            if i == 0:
                _field_start(p, instruction)
            if bookmark:
                link = etree.SubElement(p, x.HYPERLINK)
                link.set(x.ANCHOR, bookmark)
                link.set(x.HISTORY, "1")
                x.add_text(etree.SubElement(link, x.R), text)
                etree.SubElement(etree.SubElement(link, x.R), x.TAB)
                x.field_runs(link, f"PAGEREF {bookmark} \\h")
            else:
                x.add_text(etree.SubElement(p, x.R), text)
            paragraphs.append(p)
        etree.SubElement(etree.SubElement(paragraphs[-1], x.R), x.FLDCHAR).set(x.FLDCHARTYPE, "end")
        for p in paragraphs:
            anchor.addprevious(p)
        anchor.getparent().remove(anchor)


def _field_start(p: etree._Element, instruction: str) -> None:
    begin = etree.SubElement(etree.SubElement(p, x.R), x.FLDCHAR)
    begin.set(x.FLDCHARTYPE, "begin")
    begin.set(x.DIRTY, "true")
    instr = etree.SubElement(etree.SubElement(p, x.R), x.INSTRTEXT)
    instr.text = f" {instruction} "
    instr.set(x.XML_SPACE, "preserve")
    etree.SubElement(etree.SubElement(p, x.R), x.FLDCHAR).set(x.FLDCHARTYPE, "separate")


def request_field_update(document: DocxDocument) -> None:
    """``w:updateFields``: Word refreshes the contents and page references on opening."""
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = etree.Element(qn("w:updateFields"))
        x.insert_setting(settings, update)
    update.set(x.VAL, "true")
