"""Paragraphs numbered continuously through the report, with Word's automatic numbering.

Every UN document numbers its paragraphs 1, 2, 3… across chapters. The
numbering is a definition in the package's numbering part (``w:abstractNum``
and ``w:num``, added when the template has none of ours) that body paragraphs
refer to with ``w:numPr``: a drafter inserting a paragraph gets the right
numbers everywhere, as in a UN template.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from lxml import etree

from crc_reporter.reports import ooxml as x

NUM_PR, ILVL, NUM_ID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
ABSTRACT_NUM, NUM, ABSTRACT_NUM_ID = qn("w:abstractNum"), qn("w:num"), qn("w:abstractNumId")
NAME = "CRC Reporter paragraph numbering"
INDENT, HANGING = 567, 567  # the number at the margin, the text 1 cm in, as UN documents set it


def _ids(root: etree._Element, tag: str, attr: str) -> set[int]:
    out = set()
    for el in root.iter(tag):
        try:
            out.add(int(el.get(qn(attr), "")))
        except ValueError:
            continue
    return out


def _numbering_root(document: DocxDocument) -> etree._Element:
    """The numbering part's root, the part created when the template has none (python-docx cannot)."""
    main = document.part
    for rel in main.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    xml = f'<w:numbering xmlns:w="{x.W_NS}"/>'.encode()
    part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(xml), main.package)
    main.relate_to(part, RT.NUMBERING)
    return part.element


def paragraph_numbering(document: DocxDocument) -> str:
    """The ``w:numId`` of the continuous paragraph numbering, defined in the package if needed."""
    root = _numbering_root(document)
    for abstract in root.iter(ABSTRACT_NUM):
        name = abstract.find(qn("w:name"))
        if name is not None and name.get(x.VAL) == NAME:
            abstract_id = abstract.get(qn("w:abstractNumId"))
            for num in root.iter(NUM):
                ref = num.find(ABSTRACT_NUM_ID)
                if ref is not None and ref.get(x.VAL) == abstract_id:
                    return str(num.get(qn("w:numId")))
    abstract_id = max(_ids(root, ABSTRACT_NUM, "w:abstractNumId"), default=-1) + 1
    num_id = max(_ids(root, NUM, "w:numId"), default=0) + 1
    abstract = etree.Element(ABSTRACT_NUM)
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    etree.SubElement(abstract, qn("w:multiLevelType")).set(x.VAL, "singleLevel")
    etree.SubElement(abstract, qn("w:name")).set(x.VAL, NAME)
    lvl = etree.SubElement(abstract, qn("w:lvl"))
    lvl.set(qn("w:ilvl"), "0")
    etree.SubElement(lvl, qn("w:start")).set(x.VAL, "1")
    etree.SubElement(lvl, qn("w:numFmt")).set(x.VAL, "decimal")
    etree.SubElement(lvl, qn("w:lvlText")).set(x.VAL, "%1.")
    etree.SubElement(lvl, qn("w:lvlJc")).set(x.VAL, "left")
    ind = etree.SubElement(etree.SubElement(lvl, x.PPR), x.IND)
    ind.set(qn("w:left"), str(INDENT))
    ind.set(qn("w:hanging"), str(HANGING))
    existing = root.findall(ABSTRACT_NUM)
    if existing:
        existing[-1].addnext(abstract)
    else:
        x.insert_in_order(root, abstract, (NUM, qn("w:numIdMacAtCleanup")))
    num = etree.Element(NUM)
    num.set(qn("w:numId"), str(num_id))
    etree.SubElement(num, ABSTRACT_NUM_ID).set(x.VAL, str(abstract_id))
    x.insert_in_order(root, num, (qn("w:numIdMacAtCleanup"),))
    return str(num_id)


#: CT_PPrBase children that come after w:numPr
_AFTER_NUM_PR = tuple(
    qn(f"w:{t}")
    for t in (
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
        "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip


def number_paragraph(p: etree._Element, num_id: str) -> None:
    ppr = p.find(x.PPR)
    if ppr is None:
        ppr = etree.Element(x.PPR)
        p.insert(0, ppr)
    num_pr = etree.Element(NUM_PR)
    etree.SubElement(num_pr, ILVL).set(x.VAL, "0")
    etree.SubElement(num_pr, NUM_ID).set(x.VAL, num_id)
    x.insert_in_order(ppr, num_pr, _AFTER_NUM_PR)
