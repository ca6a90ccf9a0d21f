"""WordprocessingML names and the few element factories every report part shares.

The report writers build the document tree with lxml directly (python-docx's
object layer costs a style lookup and several proxy objects per paragraph);
python-docx still opens the template and saves the package.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# tags, computed once: qn() parses its argument on every call
P, PPR, R, RPR, T, TAB, BR = (qn(t) for t in ("w:p", "w:pPr", "w:r", "w:rPr", "w:t", "w:tab", "w:br"))
PSTYLE, RSTYLE, VAL = qn("w:pStyle"), qn("w:rStyle"), qn("w:val")
B, BCS, ITAL, ITAL_CS = qn("w:b"), qn("w:bCs"), qn("w:i"), qn("w:iCs")
JC, KEEP_NEXT, KEEP_LINES, SPACING, IND = qn("w:jc"), qn("w:keepNext"), qn("w:keepLines"), qn("w:spacing"), qn("w:ind")
HIGHLIGHT, COLOR, SZ, SZCS, LANG = qn("w:highlight"), qn("w:color"), qn("w:sz"), qn("w:szCs"), qn("w:lang")
RFONTS = qn("w:rFonts")
FLDCHAR, FLDCHARTYPE, INSTRTEXT, DIRTY = qn("w:fldChar"), qn("w:fldCharType"), qn("w:instrText"), qn("w:dirty")
BOOKMARK_START, BOOKMARK_END, ID, NAME = qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:id"), qn("w:name")
HYPERLINK, ANCHOR, HISTORY, R_ID = qn("w:hyperlink"), qn("w:anchor"), qn("w:history"), qn("r:id")
SECTPR, PGSZ, PGMAR, W_ATTR, H_ATTR, ORIENT = (
    qn("w:sectPr"),
    qn("w:pgSz"),
    qn("w:pgMar"),
    qn("w:w"),
    qn("w:h"),
    qn("w:orient"),
)
TBL, TBLPR, TBLGRID, GRIDCOL, TR, TRPR, TC, TCPR = (
    qn(t) for t in ("w:tbl", "w:tblPr", "w:tblGrid", "w:gridCol", "w:tr", "w:trPr", "w:tc", "w:tcPr")
)
TBLSTYLE, TBLW, TBLLAYOUT, TBLLOOK, TBLHEADER, CANTSPLIT, TCW, SHD, GRIDSPAN, TYPE = (
    qn(t)
    for t in (
        "w:tblStyle",
        "w:tblW",
        "w:tblLayout",
        "w:tblLook",
        "w:tblHeader",
        "w:cantSplit",
        "w:tcW",
        "w:shd",
        "w:gridSpan",
        "w:type",
    )
)
FILL = qn("w:fill")

BOLD, ITALIC, MARK = 1, 2, 4  # run formatting flags (MARK: a yellow highlight for text to be completed)

# XML 1.0 forbids most control characters; pasted Word text carries \x0b (vertical tab) and friends
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for XML: forbidden control characters become spaces."""
    return _NOT_XML.sub(" ", text) if _NOT_XML.search(text) else text


def add_text(run: etree._Element, text: str) -> None:
    """Append ``text`` to a run: tabs become ``w:tab``, line breaks ``w:br``."""
    text = clean(text)
    if "\n" not in text and "\t" not in text:
        t = etree.SubElement(run, T)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, BR)
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, TAB)
            if chunk:
                t = etree.SubElement(run, T)
                t.text = chunk
                t.set(XML_SPACE, "preserve")


def run_properties(run: etree._Element, flags: int, style_id: str | None = None) -> None:
    """Bold and italic for both Latin and complex-script (Khmer) text: ``w:b`` and ``w:bCs``."""
    if not flags and not style_id:
        return
    rpr = etree.SubElement(run, RPR)
    if style_id:
        etree.SubElement(rpr, RSTYLE).set(VAL, style_id)
    if flags & BOLD:
        etree.SubElement(rpr, B)
        etree.SubElement(rpr, BCS)
    if flags & ITALIC:
        etree.SubElement(rpr, ITAL)
        etree.SubElement(rpr, ITAL_CS)
    if flags & MARK:
        etree.SubElement(rpr, HIGHLIGHT).set(VAL, "yellow")


def field_runs(parent: etree._Element, instruction: str, cached: str = "", dirty: bool = False) -> None:
    """A complex field (``PAGE``, ``TOC …``, ``PAGEREF …``) with its cached result."""
    begin = etree.SubElement(etree.SubElement(parent, R), FLDCHAR)
    begin.set(FLDCHARTYPE, "begin")
    if dirty:
        begin.set(DIRTY, "true")
    instr = etree.SubElement(etree.SubElement(parent, R), INSTRTEXT)
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    etree.SubElement(etree.SubElement(parent, R), FLDCHAR).set(FLDCHARTYPE, "separate")
    if cached:
        add_text(etree.SubElement(parent, R), cached)
    etree.SubElement(etree.SubElement(parent, R), FLDCHAR).set(FLDCHARTYPE, "end")


def insert_in_order(parent: etree._Element, child: etree._Element, successors: tuple[str, ...]) -> None:
    """Insert ``child`` before the first existing element whose tag is in ``successors``.

    WordprocessingML is a sequence schema: Word rejects a settings or sectPr
    child in the wrong place, so new children go where the schema wants them.
    """
    for element in parent:
        if element.tag in successors:
            element.addprevious(child)
            return
    parent.append(child)


# The tail of w:settings' sequence (CT_Settings), from w:updateFields on: the children our reports add.
_SETTINGS_TAIL = (
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def insert_setting(settings: etree._Element, child: etree._Element) -> None:
    """Put ``child`` (one of w:updateFields … w:listSeparator) where CT_Settings wants it."""
    name = etree.QName(child).localname
    after = _SETTINGS_TAIL[_SETTINGS_TAIL.index(name) + 1 :]
    insert_in_order(settings, child, (*(qn(f"w:{t}") for t in after), qn("m:mathPr")))


_AFTER_JC = tuple(
    qn(f"w:{t}")
    for t in (
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)


def keep_with_next(p: etree._Element) -> None:
    """``w:keepNext`` on a paragraph (right after its style, where CT_PPrBase wants it)."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    if ppr.find(KEEP_NEXT) is None:
        style = ppr.find(PSTYLE)
        if style is not None:
            style.addnext(etree.Element(KEEP_NEXT))
        else:
            ppr.insert(0, etree.Element(KEEP_NEXT))


def set_alignment(ppr: etree._Element, value: str) -> None:
    """``w:jc`` in its place in a paragraph's properties."""
    jc = ppr.find(JC)
    if jc is None:
        jc = etree.Element(JC)
        insert_in_order(ppr, jc, _AFTER_JC)
    jc.set(VAL, value)
