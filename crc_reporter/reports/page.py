"""Page furniture: a page-number footer when the template has none, a confidentiality marking.

Called before the body is written (python-docx finds sections through the
body's ``w:sectPr``). A template's own headers and footers are kept: the
organisation's letterhead wins over ours.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
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


def ensure_page_numbers(document: DocxDocument, styles: StyleMap) -> bool:
    """Add a centred page number to the footer if the template defines no footer; True if added."""
    section: Section = document.sections[-1]
    footer = section.footer
    if not footer.is_linked_to_previous:
        return False
    footer.is_linked_to_previous = False
    p = _first_paragraph(footer, styles["footer"])
    x.set_alignment(p.find(x.PPR), "center")
    x.field_runs(p, "PAGE", cached="1")
    return True


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
