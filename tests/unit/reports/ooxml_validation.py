"""Validating a .docx package against the ISO/IEC 29500 Transitional schemas, as Word reads it.

Markup Compatibility (ISO/IEC 29500-3) is applied first: elements and
attributes of an ``mc:Ignorable`` namespace the schemas do not know are
dropped, ``mc:AlternateContent`` gives way to its ``mc:Fallback``. Parts in a
namespace the schemas do not cover are out of scope. The schemas live beside
the checkout (``../shared/ooxml-schemas``; ``CRC_REPORTER_OOXML_SCHEMAS``
overrides), see their README.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSD = "http://www.w3.org/2001/XMLSchema"


def schemas_folder() -> Path:
    configured = os.environ.get("CRC_REPORTER_OOXML_SCHEMAS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "ooxml-schemas"


@cache
def _schema() -> tuple[etree.XMLSchema, frozenset[str]]:
    folder = schemas_folder()
    known = {XML_NS}
    pending, seen = ["all.xsd"], set()
    while pending:  # the namespaces all.xsd reaches through its imports
        name = pending.pop()
        if name in seen or not (folder / name).is_file():
            continue
        seen.add(name)
        root = etree.parse(str(folder / name)).getroot()
        if root.get("targetNamespace"):
            known.add(root.get("targetNamespace"))
        pending.extend(i.get("schemaLocation") for i in root.iter(f"{{{XSD}}}import", f"{{{XSD}}}include"))
    return etree.XMLSchema(etree.parse(str(folder / "all.xsd"))), frozenset(known)


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def preprocess(root: etree._Element, known: frozenset[str]) -> etree._Element:
    """Markup Compatibility processing of one part, in place."""
    ignorable: set[str] = set()
    for element in root.iter():
        value = element.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable.update(element.nsmap[p] for p in value.split() if p in element.nsmap)
    dropped = ignorable - known
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent = alternate.getparent()
        fallback = alternate.find(f"{{{MC}}}Fallback")
        for child in list(fallback) if fallback is not None else []:
            alternate.addprevious(child)
        parent.remove(alternate)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if _namespace(element.tag) in dropped and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            ns = _namespace(name)
            if ns == MC or ns in dropped:
                del element.attrib[name]
    etree.cleanup_namespaces(root)
    return root


def _known_false_alarm(part: str, error: etree._LogEntry) -> bool:
    """python-docx's default settings write ``<w:zoom/>`` without ``w:percent`` (see the schemas' README)."""
    return part == "word/settings.xml" and "zoom" in error.message and "percent" in error.message


def package_problems(path: Path) -> list[str]:
    """Schema errors of every part, and repeated picture ids across the package; empty when valid."""
    schema, known = _schema()
    problems: list[str] = []
    doc_pr_ids: Counter[str] = Counter()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(zf.read(name))
            doc_pr_ids.update(e.get("id", "") for e in root.iter(f"{{{WP}}}docPr"))
            if _namespace(root.tag) not in known:
                continue  # out of the schemas' scope
            preprocess(root, known)
            if not schema.validate(root):
                problems.extend(
                    f"{name}:{e.line}: {e.message}" for e in schema.error_log if not _known_false_alarm(name, e)
                )
    problems.extend(f"wp:docPr id {i} used {n} times" for i, n in doc_pr_ids.items() if n > 1)
    return problems
