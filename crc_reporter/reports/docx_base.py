"""The Word package a report is written into: template, styles, fonts, language, properties.

A draft takes everything from its template (the shipped default or the
organisation's own .docx/.dotx): page setup, styles, headers and footers. Its
body is emptied; styles the reports need and the template lacks are copied
from the default template, so a letterhead with only "Normal" still works.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.i18n import _
from crc_reporter.paths import resource_path
from crc_reporter.reports import ooxml as x
from crc_reporter.reports.errors import ReportError
from crc_reporter.reports.template_safety import strip_template

DEFAULT_TEMPLATE = ("templates", "default.docx")
#: Khmer needs a complex-script font: Khmer OS (Linux, most Cambodian offices), else Word substitutes.
KHMER_FONT = "Khmer OS"
KHMER_FALLBACKS = ("Noto Sans Khmer", "Khmer UI", "DaunPenh")

#: key -> (style name as stored in styles.xml, compared case-insensitively; type)
STYLES: dict[str, tuple[str, str]] = {
    "normal": ("Normal", "paragraph"),
    "title": ("Title", "paragraph"),
    "subtitle": ("Subtitle", "paragraph"),
    "h1": ("heading 1", "paragraph"),
    "h2": ("heading 2", "paragraph"),
    "h3": ("heading 3", "paragraph"),
    "quote": ("Quote", "paragraph"),
    "caption": ("caption", "paragraph"),
    "toc_heading": ("TOC Heading", "paragraph"),
    "toc1": ("toc 1", "paragraph"),
    "toc2": ("toc 2", "paragraph"),
    "toc3": ("toc 3", "paragraph"),
    "footnote_text": ("footnote text", "paragraph"),
    "footnote_ref": ("footnote reference", "character"),
    "hyperlink": ("Hyperlink", "character"),
    "placeholder": ("Placeholder Text", "character"),
    "header": ("header", "paragraph"),
    "footer": ("footer", "paragraph"),
    "table": ("Table Grid", "table"),
    "table_text": ("Table Text", "paragraph"),
}

# A template's footnotes part loads as XML (with its relationships), not as an opaque blob
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

_MAX_MEMBER = 200 * 1024 * 1024  # a template is a few hundred kB; refuse zip bombs before parsing
_MAX_RATIO = 200
_DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_CTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _checked_bytes(path: Path) -> bytes:
    """The template's bytes, as a .docx package (a .dotx is retyped), after a zip sanity check."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(_("template not found: {path}").format(path=path)) from None
    except OSError as exc:
        raise ReportError(
            _("cannot read the template {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    broken = _("the template {path} is not a Word document (.docx)").format(path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > _MAX_MEMBER or (info.file_size > 1_000_000 and ratio > _MAX_RATIO):
                    raise ReportError(_("the template {path} is damaged or unsafe (oversized part)").format(path=path))
            content_types = zf.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, ValueError, NotImplementedError):
        raise ReportError(broken) from None
    if any(ct.encode() in content_types for ct in _MACRO_CTS):
        raise ReportError(_("the template {path} contains macros; save it as a .docx or .dotx file").format(path=path))
    if _TEMPLATE_CT.encode() in content_types:  # a .dotx: same package, another main content type
        out = io.BytesIO()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    blob = src.read(info)
                    if info.filename == "[Content_Types].xml":
                        blob = blob.replace(_TEMPLATE_CT.encode(), _DOCUMENT_CT.encode())
                    dst.writestr(info, blob)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            raise ReportError(broken) from None
        data = out.getvalue()
    return data


def open_template(path: Path | None) -> DocxDocument:
    """The template as a python-docx document with an empty body (its final section kept)."""
    return open_clean_template(path)[0]


def open_clean_template(path: Path | None) -> tuple[DocxDocument, list[str]]:
    """The template with an empty body and without what Word fetches or runs on open; the kinds removed."""
    source = Path(path) if path is not None else resource_path(*DEFAULT_TEMPLATE)
    data = _checked_bytes(source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        ValueError,
        KeyError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReportError(
            _("the template {path} is not a usable Word document: {reason}").format(path=source, reason=reason)
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != x.SECTPR:
            body.remove(child)
    if body.find(x.SECTPR) is None:
        etree.SubElement(body, x.SECTPR)
    return document, strip_template(document)


@cache
def _default_styles_xml() -> bytes:
    with zipfile.ZipFile(resource_path(*DEFAULT_TEMPLATE)) as zf:
        return zf.read("word/styles.xml")


def _styles_by_name(root: etree._Element) -> dict[str, etree._Element]:
    out: dict[str, etree._Element] = {}
    for style in root.iterfind(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(str(name.get(x.VAL)).lower(), style)
    return out


@dataclass(frozen=True)
class StyleMap:
    """Style ids by key (``"h1"`` -> ``"Heading1"``, or ``"Titre1"`` in a French Word template)."""

    ids: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def resolve_styles(document: DocxDocument) -> StyleMap:
    """Find every style the reports use; copy the missing ones from the default template."""
    root = document.styles.element
    present = _styles_by_name(root)
    ids_in_use = {s.get(qn("w:styleId")) for s in root.iterfind(qn("w:style"))}
    default_root = etree.fromstring(_default_styles_xml())
    defaults = _styles_by_name(default_root)
    default_by_id = {s.get(qn("w:styleId")): s for s in default_root.iterfind(qn("w:style"))}

    def copy_style(style: etree._Element) -> str:
        name = str(style.find(qn("w:name")).get(x.VAL)).lower()
        if name in present:
            return str(present[name].get(qn("w:styleId")))
        new = copy.deepcopy(style)
        style_id = str(new.get(qn("w:styleId")))
        while style_id in ids_in_use:  # the template uses this id for another style
            style_id += "Crc"
        new.set(qn("w:styleId"), style_id)
        ids_in_use.add(style_id)
        present[name] = new
        root.append(new)
        for ref in ("w:basedOn", "w:next", "w:link"):
            el = new.find(qn(ref))
            target = default_by_id.get(el.get(x.VAL)) if el is not None else None
            if el is not None and target is None:
                new.remove(el)
            elif el is not None and target is not None:
                el.set(x.VAL, copy_style(target))
        return style_id

    ids: dict[str, str] = {}
    for key, (name, _type) in STYLES.items():
        found = present.get(name.lower())
        if found is not None:
            ids[key] = str(found.get(qn("w:styleId")))
        elif name.lower() in defaults:
            ids[key] = copy_style(defaults[name.lower()])
        else:  # cannot happen with the shipped template; Normal keeps the draft readable
            ids[key] = ids.get("normal", "Normal")
    return StyleMap(ids)


_LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "km": "km-KH"}


def language_tag(lang: str) -> str:
    return _LANG_TAGS.get(lang, lang)


def _mirror_complex_script(rpr: etree._Element, font: str, force: bool, is_default: bool = False) -> None:
    """Give complex-script (Khmer) text the font, size, bold and italic its Latin text has."""
    fonts = rpr.find(x.RFONTS)
    if fonts is None and is_default:
        fonts = etree.Element(x.RFONTS)
        rpr.insert(0, fonts)
    if fonts is not None:
        themed = fonts.get(qn("w:cstheme")) is not None
        if force or themed or fonts.get(qn("w:cs")) is None:
            fonts.attrib.pop(qn("w:cstheme"), None)
            fonts.set(qn("w:cs"), font)
    for latin, complex_ in ((x.B, x.BCS), (x.ITAL, x.ITAL_CS), (x.SZ, x.SZCS)):
        el = rpr.find(latin)
        if el is not None and rpr.find(complex_) is None:
            twin = copy.deepcopy(el)
            twin.tag = complex_
            el.addnext(twin)


def apply_language(document: DocxDocument, lang: str, cs_font: str = KHMER_FONT) -> None:
    """Fonts and language tags so that Word shapes Khmer and spell-checks the right language.

    ``w:lang`` has one slot per script class: ``w:val`` for Latin text (the
    report's language; English for the data of a Khmer report), ``w:bidi`` for
    complex scripts (Khmer). python-docx exposes neither ``w:cs`` fonts nor
    ``w:szCs``/``w:bCs``, so they are set in the XML here.
    """
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(x.RPR)
    if rpr is None:
        rpr = etree.SubElement(rpr_default, x.RPR)
    force = lang == "km"
    _mirror_complex_script(rpr, cs_font, force, is_default=True)
    lang_el = rpr.find(x.LANG)
    if lang_el is None:
        lang_el = etree.Element(x.LANG)
        x.insert_in_order(rpr, lang_el, tuple(qn(f"w:{t}") for t in ("eastAsianLayout", "specVanish", "oMath")))
    lang_el.set(x.VAL, language_tag("en" if lang == "km" else lang))
    lang_el.set(qn("w:bidi"), "km-KH")
    for style in root.iterfind(qn("w:style")):
        style_rpr = style.find(x.RPR)
        if style_rpr is not None:
            _mirror_complex_script(style_rpr, cs_font, force)
    _declare_fonts(document, cs_font)
    if lang == "km":
        theme_lang = document.settings.element.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:bidi"), "km-KH")


def _declare_fonts(document: DocxDocument, cs_font: str) -> None:
    """List the Khmer font in the font table, with a Windows font as its alternative.

    The signature (Unicode ranges: Basic Latin and Khmer) lets Word pick a
    Khmer-capable substitute when the font itself is not installed.
    """
    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "blob"):
        return
    root = etree.fromstring(part.blob)
    if any(f.get(qn("w:name")) == cs_font for f in root.iterfind(qn("w:font"))):
        return
    font = etree.SubElement(root, qn("w:font"))
    font.set(qn("w:name"), cs_font)
    alt = next((f for f in KHMER_FALLBACKS if f != cs_font), "DaunPenh")
    etree.SubElement(font, qn("w:altName")).set(x.VAL, alt)
    etree.SubElement(font, qn("w:charset")).set(x.VAL, "00")
    etree.SubElement(font, qn("w:family")).set(x.VAL, "auto")
    etree.SubElement(font, qn("w:pitch")).set(x.VAL, "variable")
    sig = etree.SubElement(font, qn("w:sig"))
    for attr, value in (("usb0", "80000003"), ("usb1", "00002000"), ("usb2", "00010000"), ("usb3", "00000000")):
        sig.set(qn(f"w:{attr}"), value)
    sig.set(qn("w:csb0"), "00000001")
    sig.set(qn("w:csb1"), "00000000")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_properties(document: DocxDocument, *, title: str, lang: str, subject: str, author: str) -> None:
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title = title
    props.language = language_tag(lang)
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = "CRC"
    props.comments = ""
    props.category = ""
    props.created = now
    props.modified = now
    props.revision = 1


def text_width(sect_pr: etree._Element) -> int:
    """The width between the margins, in twentieths of a point."""
    size, margins = sect_pr.find(x.PGSZ), sect_pr.find(x.PGMAR)
    width = int(size.get(x.W_ATTR, "11906")) if size is not None else 11906
    if margins is None:
        return width - 2 * 1440
    left, right = (int(float(margins.get(qn(f"w:{s}"), "1440"))) for s in ("left", "right"))
    return max(width - left - right - int(float(margins.get(qn("w:gutter"), "0"))), 2000)


def set_landscape(sect_pr: etree._Element, landscape: bool = True) -> None:
    size = sect_pr.find(x.PGSZ)
    if size is None:
        size = etree.Element(x.PGSZ)
        x.insert_in_order(sect_pr, size, (x.PGMAR, qn("w:paperSrc"), qn("w:pgBorders"), qn("w:cols"), qn("w:docGrid")))
        size.set(x.W_ATTR, "11906")
        size.set(x.H_ATTR, "16838")
    w, h = int(size.get(x.W_ATTR, "11906")), int(size.get(x.H_ATTR, "16838"))
    if (w > h) != landscape:
        size.set(x.W_ATTR, str(h))
        size.set(x.H_ATTR, str(w))
    if landscape:
        size.set(x.ORIENT, "landscape")
    else:
        size.attrib.pop(x.ORIENT, None)
