"""Minimal Word packages built in code, for hostile numbering and long documents."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'numbering" Target="numbering.xml"/></Relationships>'
)


def numbering_xml(
    start: str = "1", override: str | None = None, fmt: str = "lowerLetter", ilvl: str = "0", text: str = "(%1)"
) -> str:
    """One abstract list with one level, and instance 1 (optionally overriding the start)."""
    over = (
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>'
        if override is not None
        else ""
    )
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{over}</w:num></w:numbering>'
    )


def paragraph(text: str, num_id: str | None = None, ilvl: str = "0") -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f'<w:p>{numpr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx(paragraphs: list[str], numbering: str | None = None) -> bytes:
    """A .docx of these paragraph elements (and this numbering part)."""
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
        if numbering is not None:
            z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            z.writestr("word/numbering.xml", numbering)
    return out.getvalue()


def co_paragraphs(count: int, num_id: str | None = None, ilvl: str = "0", typed: bool = True) -> list[str]:
    """A title and ``count`` numbered paragraphs in the Committee's words (typed numbers, or Word's)."""
    body = [paragraph("Concluding observations on the report of Cambodia")]
    for n in range(1, count + 1):
        number = f"{n}. " if typed else ""
        body.append(paragraph(f"{number}The Committee recommends that the State party act on item {n}.", num_id, ilvl))
    return body
