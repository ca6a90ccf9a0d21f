"""Picture ids (``wp:docPr/@id``) unique across the whole package.

python-docx numbers a new picture after the ids of the document part only;
a template's header logo keeps its own id (often 1), so a draft with charts
could hold the same id twice, which Word "repairs". The body's pictures are
renumbered after every id the other parts (headers, footers, footnotes) use.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document as DocxDocument
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

DOC_PR = qn("wp:docPr")


def _other_parts(document: DocxDocument) -> Iterator[etree._Element]:
    main = document.part
    for part in main.package.iter_parts():
        if part is main:
            continue
        if isinstance(part, XmlPart):
            yield part.element
        elif str(part.content_type).endswith("+xml") and b"docPr" in (part.blob or b""):
            try:
                yield etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                continue


def _id(element: etree._Element) -> int | None:
    try:
        return int(element.get("id", ""))
    except ValueError:
        return None


def make_drawing_ids_unique(document: DocxDocument) -> int:
    """Give every picture of the body an id no other picture of the package has; returns how many changed."""
    taken: set[int] = set()
    for root in _other_parts(document):
        for doc_pr in root.iter(DOC_PR):
            value = _id(doc_pr)
            if value is not None:
                taken.add(value)
    changed = 0
    next_id = 1
    seen: set[int] = set()
    for doc_pr in document.element.body.iter(DOC_PR):
        value = _id(doc_pr)
        if value is not None and value > 0 and value not in taken and value not in seen:
            seen.add(value)
            continue
        while next_id in taken or next_id in seen:
            next_id += 1
        doc_pr.set("id", str(next_id))
        seen.add(next_id)
        changed += 1
    return changed
