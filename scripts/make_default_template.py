#!/usr/bin/env python3
"""Write the default report template, resources/templates/default.docx, from the XML below.

The template is generated (not a hand-edited binary) so that every choice is
reviewable here: A4 with 2.5 cm margins; Times New Roman for Latin text and
Khmer OS for complex-script (Khmer) text, with sizes and bold mirrored in the
complex-script slots (w:szCs, w:bCs) that Word uses for Khmer; Title,
Subtitle, Heading 1-3, contents, footnote, caption, quote and table styles.
The zip is written with fixed timestamps, so running the script twice gives
the same bytes.

    python scripts/make_default_template.py [OUTPUT]
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

LATIN_FONT = "Times New Roman"
KHMER_FONT = "Khmer OS"  # fonts-khmeros on Linux, standard in Cambodian offices; Word substitutes elsewhere
PAGE_W, PAGE_H, MARGIN = 11906, 16838, 1418  # A4, 2.5 cm, in twentieths of a point
TEXT_W = PAGE_W - 2 * MARGIN


def rpr(
    size: int | None = None, bold: bool = False, italic: bool = False, colour: str | None = None, extra: str = ""
) -> str:
    out = []
    if bold:
        out.append("<w:b/><w:bCs/>")
    if italic:
        out.append("<w:i/><w:iCs/>")
    if colour:
        out.append(f'<w:color w:val="{colour}"/>')
    if size:
        out.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    out.append(extra)
    return f"<w:rPr>{''.join(out)}</w:rPr>" if any(out) else ""


def style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    next_id: str | None = None,
    ppr: str = "",
    run: str = "",
    default: bool = False,
    ui: int | None = None,
    qformat: bool = False,
    semi_hidden: bool = False,
    extra: str = "",
) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    body = [f'<w:name w:val="{name}"/>']
    if based_on:
        body.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        body.append(f'<w:next w:val="{next_id}"/>')
    if ui is not None:
        body.append(f'<w:uiPriority w:val="{ui}"/>')
    if semi_hidden:
        body.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if qformat:
        body.append("<w:qFormat/>")
    if ppr:
        body.append(f"<w:pPr>{ppr}</w:pPr>")
    body.append(run)
    body.append(extra)
    return f"<w:style {attrs}>{''.join(body)}</w:style>"


def heading(level: int, size: int, before: int, italic: bool = False) -> str:
    return style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        based_on="Normal",
        next_id="Normal",
        ui=9,
        qformat=True,
        ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{level - 1}"/>',
        run=rpr(size, bold=True, italic=italic),
    )


def toc(level: int) -> str:
    indent = (level - 1) * 440
    return style(
        "paragraph",
        f"TOC{level}",
        f"toc {level}",
        based_on="Normal",
        next_id="Normal",
        ui=39,
        semi_hidden=True,
        # no right indent: LibreOffice does not show a page number whose tab lies past the paragraph's indent
        ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
        f'<w:spacing w:after="60"/><w:ind w:left="{indent}" w:right="0" w:hanging="0"/>',
        run=rpr(bold=level == 1),
    )


def styles_xml() -> str:
    fonts = f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{LATIN_FONT}" w:cs="{KHMER_FONT}"/>'
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="km-KH"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    tab_stops = f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
    all_styles = [
        style("paragraph", "Normal", "Normal", default=True, qformat=True, ui=0),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True, ui=1, semi_hidden=True),
        style(
            "table",
            "TableNormal",
            "Normal Table",
            default=True,
            ui=99,
            semi_hidden=True,
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        style("numbering", "NoList", "No List", default=True, ui=99, semi_hidden=True),
        style(
            "paragraph",
            "Title",
            "Title",
            based_on="Normal",
            next_id="Normal",
            ui=10,
            qformat=True,
            ppr='<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>',
            run=rpr(36, bold=True),
        ),
        style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            based_on="Normal",
            next_id="Normal",
            ui=11,
            qformat=True,
            ppr='<w:spacing w:after="240"/><w:jc w:val="center"/>',
            run=rpr(26, colour="404040"),
        ),
        heading(1, 28, 360),
        heading(2, 24, 240),
        heading(3, 22, 200, italic=False),
        style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_id="Normal",
            ui=39,
            semi_hidden=True,
            qformat=True,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        toc(1),
        toc(2),
        toc(3),
        style(
            "paragraph",
            "Quote",
            "Quote",
            based_on="Normal",
            next_id="Normal",
            ui=29,
            qformat=True,
            ppr='<w:spacing w:after="80"/><w:ind w:left="567" w:right="567"/><w:jc w:val="both"/>',
            run=rpr(20, colour="404040"),
        ),
        style(
            "paragraph",
            "Caption",
            "caption",
            based_on="Normal",
            next_id="Normal",
            ui=35,
            semi_hidden=True,
            qformat=True,
            ppr='<w:keepNext/><w:spacing w:before="160" w:after="60"/>',
            run=rpr(18, bold=True),
        ),
        style(
            "paragraph",
            "TableText",
            "Table Text",
            based_on="Normal",
            ui=40,
            qformat=True,
            ppr='<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
            run=rpr(18),
        ),
        style(
            "paragraph",
            "FootnoteText",
            "footnote text",
            based_on="Normal",
            ui=99,
            semi_hidden=True,
            ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="284" w:hanging="284"/>',
            run=rpr(18),
        ),
        style(
            "character",
            "FootnoteReference",
            "footnote reference",
            ui=99,
            semi_hidden=True,
            run=rpr(extra='<w:vertAlign w:val="superscript"/>'),
        ),
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            ui=99,
            semi_hidden=True,
            run=rpr(colour="0563C1", extra='<w:u w:val="single"/>'),
        ),
        style("character", "PlaceholderText", "Placeholder Text", ui=99, semi_hidden=True, run=rpr(colour="7F7F7F")),
        style(
            "paragraph",
            "Header",
            "header",
            based_on="Normal",
            ui=99,
            semi_hidden=True,
            ppr=f'{tab_stops}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            run=rpr(18),
        ),
        style(
            "paragraph",
            "Footer",
            "footer",
            based_on="Normal",
            ui=99,
            semi_hidden=True,
            ppr=f'{tab_stops}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            run=rpr(18),
        ),
        style(
            "table",
            "TableGrid",
            "Table Grid",
            based_on="TableNormal",
            ui=59,
            ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            extra="<w:tblPr><w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>",
        ),
    ]
    return f'{DECL}<w:styles xmlns:w="{W}" xmlns:r="{R}">{defaults}{"".join(all_styles)}</w:styles>'


def document_xml() -> str:
    return (
        # the drawing namespaces are declared up front, as Word does, for the pictures of charts
        f'{DECL}<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:pic="{PIC}">'
        "<w:body><w:p/>"
        f'<w:sectPr><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr></w:body></w:document>"
    )


def settings_xml() -> str:
    return (
        f'{DECL}<w:settings xmlns:w="{W}" xmlns:r="{R}">'
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-GB" w:bidi="km-KH"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def font_table_xml() -> str:
    return (
        f'{DECL}<w:fonts xmlns:w="{W}" xmlns:r="{R}">'
        f'<w:font w:name="{LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        # the Unicode-range signature (Basic Latin + Khmer) lets Word pick a Khmer substitute if the font is missing
        f'<w:font w:name="{KHMER_FONT}"><w:altName w:val="DaunPenh"/><w:charset w:val="00"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/>'
        '<w:sig w:usb0="80000003" w:usb1="00002000" w:usb2="00010000" w:usb3="00000000" '
        'w:csb0="00000001" w:csb1="00000000"/></w:font></w:fonts>'
    )


CONTENT_TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
)
ROOT_RELS = (
    f'{DECL}<Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    f'{DECL}<Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/fontTable" Target="fontTable.xml"/></Relationships>'
)
CORE = (
    f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>CRC Reporter default template</dc:title><dc:creator>CRC Reporter</dc:creator>"
    "<dc:language>en-GB</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)
APP = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>CRC Reporter</Application><DocSecurity>0</DocSecurity></Properties>"
)


def build(out: Path) -> None:
    members = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/app.xml", APP),
        ("docProps/core.xml", CORE),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/styles.xml", styles_xml()),
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "resources" / "templates" / "default.docx"
    )
    build(target)
    print(target)
