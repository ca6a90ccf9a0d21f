"""Khmer digits in the numbers Word computes: page numbers, paragraph numbers, contents page numbers.

Word's file format has no number format for Khmer digits (``w:numFmt`` and the
``PAGE`` field's switches know Thai and Hindi digits, not Khmer), so a field or
an automatic number is always written with 0-9. With ``--khmer-digits`` those
runs are shown in *CRC Khmer Digits*, a font of ours whose glyphs for 0-9 are
the Khmer digits ០-៩ (``scripts/make_digit_font.py`` derives it from Noto Sans
Khmer). The font is embedded in the package, obfuscated as ISO/IEC 29500-1
§17.8.1 requires, so Word and LibreOffice draw it on a machine that does not
have it; ``w:embedTrueTypeFonts`` keeps it in the file when Word saves it again.
A number copied out of the document stays 0-9: only its picture is Khmer.
"""

from __future__ import annotations

import uuid

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.paths import resource_path
from crc_reporter.reports import ooxml as x

FAMILY = "CRC Khmer Digits"
FONT_FILE = ("fonts", "CRCKhmerDigits-Regular.ttf")
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"

# CT_Settings' children that come before w:embedTrueTypeFonts
_SETTINGS_HEAD = tuple(
    qn(f"w:{t}")
    for t in (
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData",
    )
)  # fmt: skip
_EMBED_SETTINGS = ("embedTrueTypeFonts", "saveSubsetFonts")  # in CT_Settings' order, embedSystemFonts between
# CT_Font's children that come after w:embedRegular
_AFTER_EMBED_REGULAR = tuple(qn(f"w:{t}") for t in ("embedBold", "embedItalic", "embedBoldItalic"))


def obfuscate(font: bytes, key: str) -> bytes:
    """The font as an ``.odttf`` part: its first 32 bytes XORed with the GUID ``key`` read backwards."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


def _font_table(document: DocxDocument) -> tuple[Part, etree._Element]:
    """The package's font table part and its root element (python-docx loads that part as bytes:
    the caller writes the root back with :func:`_save_font_table`)."""
    main = document.part
    for rel in main.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            part = rel.target_part
            if isinstance(part, XmlPart):
                return part, part.element
            return part, parse_xml(part.blob)
    xml = f'<w:fonts xmlns:w="{x.W_NS}" xmlns:r="{x.R_NS}"/>'.encode()
    part = XmlPart(PackURI("/word/fontTable.xml"), FONT_TABLE, parse_xml(xml), main.package)
    main.relate_to(part, RT.FONT_TABLE)
    return part, part.element


def _save_font_table(part: Part, root: etree._Element) -> None:
    if not isinstance(part, XmlPart):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _next_font_uri(document: DocxDocument) -> PackURI:
    used = {str(part.partname) for part in document.part.package.iter_parts()}
    n = 1
    while f"/word/fonts/font{n}.odttf" in used:
        n += 1
    return PackURI(f"/word/fonts/font{n}.odttf")


def embed_digit_font(document: DocxDocument) -> None:
    """Add *CRC Khmer Digits* to the package's font table, embedded (once per document)."""
    table, root = _font_table(document)
    for font in root.iter(qn("w:font")):
        if font.get(qn("w:name")) == FAMILY:
            return
    key = "{" + str(uuid.uuid4()).upper() + "}"
    data = obfuscate(resource_path(*FONT_FILE).read_bytes(), key)
    part = Part(_next_font_uri(document), OBFUSCATED_FONT, data, document.part.package)
    rel_id = table.relate_to(part, RT.FONT)
    font = etree.SubElement(root, qn("w:font"))
    font.set(qn("w:name"), FAMILY)
    etree.SubElement(font, qn("w:charset")).set(x.VAL, "00")
    etree.SubElement(font, qn("w:family")).set(x.VAL, "swiss")
    etree.SubElement(font, qn("w:pitch")).set(x.VAL, "variable")
    embed = etree.Element(qn("w:embedRegular"))
    embed.set(qn("r:id"), rel_id)
    embed.set(qn("w:fontKey"), key)
    x.insert_in_order(font, embed, _AFTER_EMBED_REGULAR)
    _save_font_table(table, root)
    settings = document.settings.element
    for name in _EMBED_SETTINGS:
        if settings.find(qn(f"w:{name}")) is None:
            _insert_embed_setting(settings, etree.Element(qn(f"w:{name}")))


def _insert_embed_setting(settings: etree._Element, child: etree._Element) -> None:
    """Insert after the last of CT_Settings' head (and after w:embedTrueTypeFonts for the others)."""
    head = (*_SETTINGS_HEAD, qn("w:embedTrueTypeFonts"), qn("w:embedSystemFonts"))
    last = None
    for element in settings:
        if element.tag in head:
            last = element
    if last is None:
        settings.insert(0, child)
    else:
        last.addnext(child)


def _digit_fonts(rpr: etree._Element) -> None:
    fonts = rpr.find(x.RFONTS)
    if fonts is None:
        fonts = etree.Element(x.RFONTS)
        style = rpr.find(x.RSTYLE)
        if style is None:
            rpr.insert(0, fonts)
        else:
            style.addnext(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FAMILY)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _run_rpr(run: etree._Element) -> etree._Element:
    rpr = run.find(x.RPR)
    if rpr is None:
        rpr = etree.Element(x.RPR)
        run.insert(0, rpr)
    return rpr


def _field_result_runs(story: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    """The runs of every complex field in ``story`` whose instruction starts with one of ``names``,
    and of every simple field (``w:fldSimple``) likewise: what the field shows."""
    runs: list[etree._Element] = []
    open_fields: list[tuple[list[bool], list[etree._Element]]] = []  # per open field: does it count, its runs
    for run in story.iter(x.R):
        char = run.find(x.FLDCHAR)
        kind = char.get(x.FLDCHARTYPE) if char is not None else None
        if kind == "begin":
            open_fields.append(([False], []))
        for _counts, field_runs in open_fields:
            field_runs.append(run)
        instr = run.find(x.INSTRTEXT)
        words = (instr.text or "").split() if instr is not None else []
        if open_fields and words and words[0] in names:
            open_fields[-1][0][0] = True
        if kind == "end" and open_fields:
            counts, field_runs = open_fields.pop()
            if counts[0]:
                runs.extend(field_runs)
    for simple in story.iter(qn("w:fldSimple")):
        words = (simple.get(qn("w:instr")) or "").split()
        if words and words[0] in names:
            runs.extend(simple.iter(x.R))
    return runs


def _stories(document: DocxDocument) -> list[etree._Element]:
    """The headers and footers of every section."""
    found: dict[int, etree._Element] = {}
    for section in document.sections:
        for story in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not story.is_linked_to_previous:
                found[id(story._element)] = story._element
    return list(found.values())


def use_khmer_digits(document: DocxDocument, numbering_id: str | None) -> None:
    """Show page numbers (every header and footer), contents page references and the paragraph
    numbering ``numbering_id`` in Khmer digits; embeds the font.

    The fields' runs get the font (Word draws a field's result in its runs' font). LibreOffice
    draws a page number in its paragraph's style instead, so a paragraph that holds nothing but
    page numbers also gets a style of its own, based on its style, in the font; a template's
    paragraph that mixes words and a page number keeps its style (the words keep their font).
    """
    embed_digit_font(document)
    for story in _stories(document):
        page_runs = _field_result_runs(story, ("PAGE", "NUMPAGES"))
        for run in page_runs:
            _digit_fonts(_run_rpr(run))
        in_fields = {id(run) for run in page_runs}
        for p in {id(run.getparent()): run.getparent() for run in page_runs if run.getparent().tag == x.P}.values():
            other = "".join(t.text or "" for run in p.iter(x.R) if id(run) not in in_fields for t in run.iter(x.T))
            if not other.strip(" \t()-–—/.:,") and not any(ch.isdigit() for ch in other):
                _style_paragraph(document, p)
    for run in _field_result_runs(document.element.body, ("PAGEREF",)):
        _digit_fonts(_run_rpr(run))
    if numbering_id is not None:
        _number_in_digit_font(document, numbering_id)


def _style_paragraph(document: DocxDocument, p: etree._Element) -> None:
    """Give ``p`` a paragraph style in the digit font, based on the style it has."""
    ppr = p.find(x.PPR)
    if ppr is None:
        ppr = etree.Element(x.PPR)
        p.insert(0, ppr)
    current = ppr.find(x.PSTYLE)
    based_on = current.get(x.VAL) if current is not None else None
    style_id = "CRCKhmerDigits" + "".join(ch for ch in (based_on or "") if ch.isalnum())
    styles = document.styles.element
    if not any(s.get(qn("w:styleId")) == style_id for s in styles.iter(qn("w:style"))):
        style = etree.SubElement(styles, qn("w:style"))
        style.set(qn("w:type"), "paragraph")
        style.set(qn("w:customStyle"), "1")
        style.set(qn("w:styleId"), style_id)
        etree.SubElement(style, qn("w:name")).set(x.VAL, f"{FAMILY} {based_on or 'Normal'}")
        if based_on:
            etree.SubElement(style, qn("w:basedOn")).set(x.VAL, based_on)
        _digit_fonts(etree.SubElement(style, x.RPR))
    if current is None:
        current = etree.Element(x.PSTYLE)
        ppr.insert(0, current)
    current.set(x.VAL, style_id)


def _number_in_digit_font(document: DocxDocument, numbering_id: str) -> None:
    root = document.part.numbering_part.element
    abstract_id = None
    for num in root.iter(qn("w:num")):
        if num.get(qn("w:numId")) == numbering_id:
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(x.VAL) if ref is not None else None
    for abstract in root.iter(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) != abstract_id:
            continue
        for lvl in abstract.iter(qn("w:lvl")):
            rpr = lvl.find(x.RPR)
            if rpr is None:
                rpr = etree.SubElement(lvl, x.RPR)  # the last child of CT_Lvl
            _digit_fonts(rpr)
