"""A table of contents field that Word refreshes when the draft opens.

The field (``TOC \\o "1-2" \\h \\z \\u``) is marked dirty and the settings carry
``w:updateFields``, so Word rebuilds it with page numbers on opening. Until
then it holds a cached result built here: one entry per heading, each a link
to a bookmark on the heading and a ``PAGEREF`` field, so that LibreOffice and
previews show a usable contents list too.
"""

from __future__ import annotations

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
    _next_id: int = 1

    def mark(self, paragraph: etree._Element, level: int, text: str) -> None:
        """Bookmark a heading paragraph so that the contents entry can point at it."""
        if level > self.levels:
            return
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

    def render(self, anchor: etree._Element, empty_text: str) -> None:
        """Replace ``anchor`` (an empty paragraph) by the field and its cached entries."""
        instruction = f'TOC \\o "1-{self.levels}" \\h \\z \\u'
        paragraphs: list[etree._Element] = []
        entries = self.entries or [(1, empty_text, "")]
        for i, (level, text, bookmark) in enumerate(entries):
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
