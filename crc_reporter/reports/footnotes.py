"""Real Word footnotes (python-docx has no footnote API).

A footnote lives in the ``footnotes.xml`` part, related to the main document;
the body carries a ``w:footnoteReference`` run with the same id. Word also
expects the two separator footnotes (ids -1 and 0) and their declaration in
the settings' ``w:footnotePr``. A template that already has the part (any file
Word saved with a footnote) keeps its separators; its old notes are dropped
with the body that referenced them.
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from crc_reporter.reports import ooxml as x

_EMPTY = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
FOOTNOTE, FOOTNOTE_REF, FOOTNOTE_REFERENCE = qn("w:footnote"), qn("w:footnoteRef"), qn("w:footnoteReference")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s<>\"{}|\\^`]+$", re.I)


class Footnotes:
    """Adds footnotes to a document; ``reference()`` returns the run to put in the text."""

    def __init__(self, document: DocxDocument, text_style: str, ref_style: str, link_style: str) -> None:
        self._document = document
        self._text_style, self._ref_style, self._link_style = text_style, ref_style, link_style
        self._part = self._find_or_add_part()
        self.root: etree._Element = self._part.element
        for note in list(self.root.iterfind(FOOTNOTE)):  # the template's own notes: their references are gone
            if note.get(qn("w:type")) not in ("separator", "continuationSeparator", "continuationNotice"):
                self.root.remove(note)
        ids = [int(n.get(qn("w:id"), "0")) for n in self.root.iterfind(FOOTNOTE)]
        self._next_id = max([0, *ids]) + 1
        self._links: dict[str, str] = {}
        self._declare_separators()

    @property
    def count(self) -> int:
        return self._next_id - 1

    def _find_or_add_part(self) -> XmlPart:
        doc_part = self._document.part
        for rel in doc_part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                if isinstance(part, XmlPart):
                    return part
                # python-docx loads footnotes.xml as a plain part: re-home it as XML, same name
                xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = xml_part
                return xml_part
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY), doc_part.package)
        doc_part.relate_to(part, RT.FOOTNOTES)
        return part

    def _declare_separators(self) -> None:
        settings = self._document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        pr = etree.Element(qn("w:footnotePr"))
        for note in self.root.iterfind(FOOTNOTE):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                etree.SubElement(pr, FOOTNOTE).set(qn("w:id"), str(note.get(qn("w:id"))))
        x.insert_setting(settings, pr)

    def add(self, text: str, url: str | None = None) -> etree._Element:
        """Write a footnote; returns the reference run for the body."""
        note_id = str(self._next_id)
        self._next_id += 1
        note = etree.SubElement(self.root, FOOTNOTE)
        note.set(qn("w:id"), note_id)
        p = etree.SubElement(note, x.P)
        etree.SubElement(etree.SubElement(p, x.PPR), x.PSTYLE).set(x.VAL, self._text_style)
        mark = etree.SubElement(p, x.R)
        etree.SubElement(etree.SubElement(mark, x.RPR), x.RSTYLE).set(x.VAL, self._ref_style)
        etree.SubElement(mark, FOOTNOTE_REF)
        text = text.strip()
        x.add_text(etree.SubElement(p, x.R), " " + text)
        if url:
            x.add_text(etree.SubElement(p, x.R), ": " if text else " ")
            self._link(p, url)
        if url or not text.endswith((".", "!", "?", "…", "។")):
            x.add_text(etree.SubElement(p, x.R), ".")
        ref = etree.Element(x.R)
        etree.SubElement(etree.SubElement(ref, x.RPR), x.RSTYLE).set(x.VAL, self._ref_style)
        etree.SubElement(ref, FOOTNOTE_REFERENCE).set(qn("w:id"), note_id)
        return ref

    def _link(self, p: etree._Element, url: str) -> None:
        url = url.strip()
        if not _SAFE_URL.match(url):  # Word calls a package with a malformed link target corrupt
            x.add_text(etree.SubElement(p, x.R), url)
            return
        rel_id = self._links.get(url)
        if rel_id is None:
            # python-docx's relate_to() scans every relationship: quadratic over a thousand sources
            rel_id = f"rIdLink{len(self._links) + 1}"
            while rel_id in self._part.rels:
                rel_id += "x"
            self._part.rels.add_relationship(RT.HYPERLINK, url, rel_id, is_external=True)
            self._links[url] = rel_id
        link = etree.SubElement(p, x.HYPERLINK)
        link.set(x.R_ID, rel_id)
        link.set(x.HISTORY, "1")
        run = etree.SubElement(link, x.R)
        etree.SubElement(etree.SubElement(run, x.RPR), x.RSTYLE).set(x.VAL, self._link_style)
        x.add_text(run, url)


def footnote_part(document: DocxDocument) -> Part | None:
    """The footnotes part of a document, if any (for tests and checks)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    return None
