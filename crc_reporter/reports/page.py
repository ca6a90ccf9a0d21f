"""Page furniture: page numbers on every page, a confidentiality marking.

Called before the body is written (python-docx finds sections through the
body's ``w:sectPr``). A template's own headers and footers are kept: the
organisation's letterhead wins over ours.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header
from lxml import etree

from crc_reporter.reports import ooxml as x
from crc_reporter.reports.docx_base import StyleMap


def _first_paragraph(story: _Header | _Footer, style_id: str) -> etree._Element:
    element = story._element
    p = element.find(x.P)
    if p is None or len(p.findall(x.R)):
        p = etree.SubElement(element, x.P)
    ppr = p.find(x.PPR)
    if ppr is None:
        ppr = etree.Element(x.PPR)
        p.insert(0, ppr)
    for old in ppr.findall(x.PSTYLE):
        ppr.remove(old)
    ppr.insert(0, etree.Element(x.PSTYLE))
    ppr[0].set(x.VAL, style_id)
    return p


def _has_page_field(story: _Header | _Footer) -> bool:
    element = story._element
    if any("PAGE" in (t.text or "").split() for t in element.iter(x.INSTRTEXT)):
        return True
    return any("PAGE" in (f.get(qn("w:instr")) or "").split() for f in element.iter(qn("w:fldSimple")))


def _page_number_line(p: etree._Element) -> None:
    x.set_alignment(p.find(x.PPR), "center")
    x.field_runs(p, "PAGE", cached="1")


def ensure_page_numbers(document: DocxDocument, styles: StyleMap) -> int:
    """Every page gets a number: a centred PAGE field in each footer that has none (the template's
    own footer keeps its content and gains a page-number line in its footer style); returns how many
    footers were given one."""
    section: Section = document.sections[-1]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    if document.settings.odd_and_even_pages_header_footer:
        footers.append(section.even_page_footer)
    added = 0
    for footer in footers:
        if footer.is_linked_to_previous:
            footer.is_linked_to_previous = False
            p = _first_paragraph(footer, styles["footer"])
        elif _has_page_field(footer):
            continue
        else:
            p = etree.SubElement(footer._element, x.P)
            etree.SubElement(etree.SubElement(p, x.PPR), x.PSTYLE).set(x.VAL, styles["footer"])
        _page_number_line(p)
        added += 1
    return added


def add_marking(document: DocxDocument, styles: StyleMap, text: str) -> None:
    """Put ``text`` (e.g. a confidentiality marking) at the top of every page, in bold."""
    section: Section = document.sections[-1]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        if header.is_linked_to_previous:
            header.is_linked_to_previous = False
            p = _first_paragraph(header, styles["header"])
        else:
            p = etree.SubElement(header._element, x.P)
            etree.SubElement(etree.SubElement(p, x.PPR), x.PSTYLE).set(x.VAL, styles["header"])
        x.set_alignment(p.find(x.PPR), "center")
        run = etree.SubElement(p, x.R)
        x.run_properties(run, x.BOLD)
        x.add_text(run, text)
