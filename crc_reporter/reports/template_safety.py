"""What an organisation's report template may not carry into a draft: anything Word fetches or runs on open.

A template is a file people were sent. Word follows some of its links as soon
as the draft is opened: an attached template on a web or network path (a UNC
path leaks the person's Windows password hash to whoever runs that server),
external images, OLE objects, sub-documents and frames, ``INCLUDEPICTURE``,
``INCLUDETEXT``, ``LINK`` and ``DDE`` fields; macros (``vbaProject.bin``) run
when allowed; an ``altChunk`` imports HTML or another document. All of these
are removed from the template before a draft is built on it (issue 21,
finding 11), and :func:`strip_template` says which kinds it removed.

Hyperlinks stay: Word follows them only when a person clicks one.
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.opc.part import Part, XmlPart

from crc_reporter.i18n import N_

#: The kinds removed, each with its message (translated by the caller).
ATTACHED_TEMPLATE = N_("a link to an attached template")
EXTERNAL_LINK = N_("links to outside files (images, objects, sub-documents or frames)")
FETCHING_FIELD = N_("fields that fetch or run something (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE)")
MACROS = N_("macros")
EMBEDDED_CHUNK = N_("embedded HTML or documents (altChunk)")

_HYPERLINK = "/hyperlink"
_MACRO_TYPES = ("/vbaProject", "/vbaData", "/keyMapCustomizations", "/attachedToolbars", "/wordVbaData")
_CHUNK = "/aFChunk"
_FIELD = re.compile(r"^\s*(?:INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT|INCLUDE)\b", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _drop_rel(part: Part, rid: str) -> None:
    part.rels.pop(rid, None)


def _strip_fields(part: XmlPart) -> bool:
    dropped = False
    root = part.element
    for simple in list(root.iter(_W + "fldSimple")):
        if _FIELD.match(simple.get(_W + "instr", "")):
            parent = simple.getparent()
            if parent is not None:
                for child in list(simple):  # keep the field's last shown text
                    simple.addprevious(child)
                parent.remove(simple)
            dropped = True
    for instr in root.iter(_W + "instrText"):
        if instr.text and _FIELD.match(instr.text):
            instr.text = " "  # an empty field: Word shows its last result and fetches nothing
            dropped = True
    return dropped


def _strip_chunks(part: XmlPart) -> None:
    for chunk in list(part.element.iter(_W + "altChunk")):
        parent = chunk.getparent()
        if parent is not None:
            parent.remove(chunk)


def _strip_references(part: XmlPart, rids: set[str]) -> None:
    """Elements that name a removed relationship (r:id, r:link, r:embed…) lose that attribute or go."""
    for element in part.element.iter():
        for name, value in list(element.attrib.items()):
            if name.startswith(_R) and value in rids:
                if element.tag == _W + "attachedTemplate":
                    parent = element.getparent()
                    if parent is not None:
                        parent.remove(element)
                    break
                del element.attrib[name]


def strip_template(document: DocxDocument) -> list[str]:
    """Remove from ``document`` everything fetched or run on open; the kinds removed (untranslated)."""
    kinds: dict[str, None] = {}
    package = document.part.package
    for part in list(package.iter_parts()):
        removed: set[str] = set()
        for rid, rel in list(part.rels.items()):
            reltype = rel.reltype
            if rel.is_external and not reltype.endswith(_HYPERLINK):
                kinds.setdefault(ATTACHED_TEMPLATE if reltype.endswith("/attachedTemplate") else EXTERNAL_LINK, None)
            elif not rel.is_external and reltype.endswith(_MACRO_TYPES):
                kinds.setdefault(MACROS, None)
            elif not rel.is_external and reltype.endswith(_CHUNK):
                kinds.setdefault(EMBEDDED_CHUNK, None)
            else:
                continue
            _drop_rel(part, rid)
            removed.add(rid)
        if isinstance(part, XmlPart):
            if removed:
                _strip_references(part, removed)
            if _strip_fields(part):
                kinds.setdefault(FETCHING_FIELD, None)
            _strip_chunks(part)
    return list(kinds)
