"""Writes a report's body straight into the document tree.

One ``Builder`` per draft: paragraphs, headings (bookmarked for the table of
contents and collected as the outline), footnotes, editable placeholders,
pictures with alt text, page and section breaks. It counts the words of the
text it writes, as the Committee counts them: body and footnotes, not the
contents list, the placeholders to be replaced or the annexes.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from crc_reporter.reports import ooxml as x
from crc_reporter.reports.docx_base import StyleMap, set_landscape, text_width
from crc_reporter.reports.footnotes import Footnotes
from crc_reporter.reports.numbering import number_paragraph
from crc_reporter.reports.toc import TableOfContents

SDT, SDTPR, SDTCONTENT, ALIAS, TAG, SHOWING_PLACEHOLDER = (
    qn(t) for t in ("w:sdt", "w:sdtPr", "w:sdtContent", "w:alias", "w:tag", "w:showingPlcHdr")
)
DRAWING = qn("w:drawing")
_WORD = re.compile(r"[^\s\u200b]*\w[^\s\u200b]*")  # a blank-delimited token with a letter or digit


class Span(NamedTuple):
    """A run of text with formatting flags (``ooxml.BOLD``, ``ITALIC``, ``MARK``)."""

    text: str
    flags: int = 0


class Note(NamedTuple):
    """A footnote at this point of the text."""

    text: str
    url: str | None = None


Content = str | Span | Note
Spans = str | Span | Note | Sequence[Content]


def _same(text: str) -> str:
    return text


def count_words(text: str) -> int:
    """Words as a word processor counts them: runs of non-blank characters with a letter or digit.

    A zero-width space separates words too: Khmer is written without spaces
    and typists mark word boundaries with U+200B.
    """
    return len(_WORD.findall(text))


@dataclass
class Heading:
    level: int
    text: str


class Builder:
    def __init__(self, document: DocxDocument, styles: StyleMap) -> None:
        self.document = document
        self.styles = styles
        self.body = document.element.body
        self.sect_pr = self.body.find(x.SECTPR)
        self.body.remove(self.sect_pr)  # re-attached last by finish(): the body's sectPr must stay at the end
        self.footnotes = Footnotes(document, styles["footnote_text"], styles["footnote_ref"], styles["hyperlink"])
        self.toc = TableOfContents({1: styles["toc1"], 2: styles["toc2"], 3: styles["toc3"]})
        self.outline: list[Heading] = []
        self.words = 0
        self.counting = True  # off for annexes
        self.flag_mask = ~0  # api clears ITALIC for Khmer: slanted Khmer is not a Khmer typographic convention
        self.typeset: Callable[[str], str] = _same  # api sets French typography for a French draft
        self.numbering: str | None = None  # the w:numId of continuous paragraph numbering, when the report has it
        self.numbered = 0  # paragraphs numbered so far
        self._toc_anchor: etree._Element | None = None
        self._sdt_id = 1000

    # --- text -------------------------------------------------------------------------

    @property
    def width(self) -> int:
        return text_width(self.sect_pr)

    def para(
        self,
        content: Spans = "",
        style: str = "normal",
        *,
        parent: etree._Element | None = None,
        counted: bool = True,
        keep_next: bool = False,
        align: str | None = None,
        space_before: int | None = None,
        space_after: int | None = None,
        numbered: bool | None = None,
    ) -> etree._Element:
        """A paragraph; a counted body paragraph of text (not a label, not centred) is numbered when the
        report numbers its paragraphs (``numbered`` overrides)."""
        p = etree.SubElement(self.body if parent is None else parent, x.P)
        ppr = etree.SubElement(p, x.PPR)
        if style != "normal":
            etree.SubElement(ppr, x.PSTYLE).set(x.VAL, self.styles[style])
        if keep_next:
            etree.SubElement(ppr, x.KEEP_NEXT)
        if space_before is not None or space_after is not None:
            spacing = etree.SubElement(ppr, x.SPACING)
            if space_before is not None:
                spacing.set(qn("w:before"), str(space_before))
            if space_after is not None:
                spacing.set(qn("w:after"), str(space_after))
        if align:
            etree.SubElement(ppr, x.JC).set(x.VAL, align)
        if numbered is None:
            numbered = style == "normal" and parent is None and counted and align is None and bool(content)
        if numbered and self.numbering is not None and self.counting:
            number_paragraph(p, self.numbering)
            self.numbered += 1
        if len(ppr) == 0:
            p.remove(ppr)
        self.write(p, content, counted=counted)
        return p

    def write(self, p: etree._Element, content: Spans, *, counted: bool = True) -> None:
        """Append runs to a paragraph (or a hyperlink inside one)."""
        items: Sequence[Content] = (content,) if isinstance(content, (str, Span, Note)) else content
        counted = counted and self.counting
        for item in items:
            if isinstance(item, str):
                if item:
                    x.add_text(etree.SubElement(p, x.R), self.typeset(item))
                    if counted:
                        self.words += count_words(item)
            elif isinstance(item, Span):
                if item.text:
                    run = etree.SubElement(p, x.R)
                    x.run_properties(run, item.flags & self.flag_mask)
                    x.add_text(run, self.typeset(item.text))
                    if counted:
                        self.words += count_words(item.text)
            else:
                p.append(self.footnotes.add(self.typeset(item.text), item.url))
                if counted:
                    self.words += count_words(item.text)

    def heading(self, level: int, text: str, *, page_break: bool = False) -> etree._Element:
        p = self.para(text, f"h{level}")
        if page_break:
            ppr = p.find(x.PPR)
            x.insert_in_order(ppr, etree.Element(qn("w:pageBreakBefore")), (x.SPACING, x.IND, x.JC, qn("w:rPr")))
        self.toc.mark(p, level, text, self.numbered)
        self.outline.append(Heading(level, text))
        return p

    def placeholder(self, text: str, tag: str, alias: str) -> etree._Element:
        """An editable block (a rich-text content control) that Word selects whole on the first click."""
        sdt = etree.SubElement(self.body, SDT)
        pr = etree.SubElement(sdt, SDTPR)
        etree.SubElement(pr, ALIAS).set(x.VAL, alias[:64])
        etree.SubElement(pr, TAG).set(x.VAL, tag[:64])
        self._sdt_id += 1
        etree.SubElement(pr, x.ID).set(x.VAL, str(self._sdt_id))
        etree.SubElement(pr, SHOWING_PLACEHOLDER)
        content = etree.SubElement(sdt, SDTCONTENT)
        p = etree.SubElement(content, x.P)
        if self.numbering is not None and self.counting:
            number_paragraph(p, self.numbering)
            self.numbered += 1
        run = etree.SubElement(p, x.R)
        x.run_properties(run, 0, self.styles["placeholder"])
        x.add_text(run, text)
        return sdt

    def page_break(self) -> None:
        etree.SubElement(etree.SubElement(etree.SubElement(self.body, x.P), x.R), x.BR).set(x.TYPE, "page")

    # --- structure ----------------------------------------------------------------------

    def toc_here(self) -> None:
        self._toc_anchor = etree.SubElement(self.body, x.P)

    def new_section(self, *, landscape: bool) -> None:
        """End the current section (keeping its headers and footers); the rest is portrait or landscape."""
        closing = copy.deepcopy(self.sect_pr)
        etree.SubElement(etree.SubElement(self.body, x.P), x.PPR).append(closing)
        for ref in list(self.sect_pr):  # the new section inherits headers and footers from the previous one
            if ref.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")):
                self.sect_pr.remove(ref)
        set_landscape(self.sect_pr, landscape)

    def picture(self, png: bytes, *, width: int, alt_text: str, title: str = "") -> etree._Element:
        """An inline image with alt text (``wp:docPr/@descr``), ``width`` in twips."""
        inline = self.document.part.new_pic_inline(io.BytesIO(png), Twips(width), None)
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("descr", x.clean(alt_text))
        if title:
            doc_pr.set("title", x.clean(title))
        p = etree.SubElement(self.body, x.P)
        etree.SubElement(etree.SubElement(p, x.R), DRAWING).append(inline)
        return p

    def finish(self, toc_empty_text: str, paragraph_range: Callable[[int, int], str] | None = None) -> None:
        """Close the body; the contents list gets each chapter's paragraphs when ``paragraph_range`` is given."""
        if self._toc_anchor is not None:
            self.toc.render(self._toc_anchor, toc_empty_text, self.numbered, paragraph_range)
            self._toc_anchor = None
        self.body.append(self.sect_pr)

    # --- helpers for report modules -----------------------------------------------------

    def paragraphs(self, texts: Iterable[Spans], style: str = "normal", **kwargs: object) -> None:
        for text in texts:
            self.para(text, style, **kwargs)  # type: ignore[arg-type]
