"""The yardstick for the Word drafts: a bare python-docx script writing the same paragraphs and tables.

    python benchmarks/bare_docx.py REPORT.docx OUT.docx
    python benchmarks/bare_docx.py --content CONTENT.json OUT.docx

``content_of(report)`` lists what a generated draft holds, in order: each
paragraph (its style and text), each table (the text of every cell) and the
footnotes' text. ``write(content, out)`` then writes that with nothing but
python-docx's everyday calls — ``add_heading``, ``add_paragraph`` (with the
style's name when the default template has it), ``add_table`` / ``add_row`` /
``cell.text`` — as a person would script it, the footnotes as paragraphs at
the end (python-docx has no footnote API). Setting a style by name makes
python-docx scan the template's styles each time; that is its everyday cost.
The time ``write`` takes is the baseline a report is compared with.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

Content = dict[str, Any]
_HEADING = re.compile(r"Heading (\d)$")


def content_of(report: Path) -> Content:
    document = docx.Document(str(report))
    items: list[tuple[str, Any]] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            items.append(("p", (paragraph.style.name if paragraph.style is not None else "Normal", paragraph.text)))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            items.append(("t", [[cell.text for cell in row.cells] for row in table.rows]))
    notes: list[str] = []
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = rel.target_part.element if hasattr(rel.target_part, "element") else None
            if root is not None:
                for note in root.iter(qn("w:footnote")):
                    if note.get(qn("w:type")) is None:
                        notes.append("".join(t.text or "" for t in note.iter(qn("w:t"))))
    return {"items": items, "footnotes": notes}


def write(content: Content, out: Path, styles: bool = True) -> float:
    """Write ``content`` with bare python-docx; returns the seconds it took (opening the template included).

    ``styles=False`` writes every paragraph in Normal: a stricter yardstick without python-docx's style lookups.
    """
    started = time.perf_counter()
    document = docx.Document()
    known = {style.name for style in document.styles} - {"Normal"} if styles else set()
    for kind, value in content["items"]:
        if kind == "p":
            style_name, text = value
            heading = _HEADING.match(style_name) if styles else None
            if heading:
                document.add_heading(text, int(heading.group(1)))
            elif style_name in known:
                document.add_paragraph(text, style=style_name)
            else:  # Normal, or a style the default template lacks
                document.add_paragraph(text)
        else:
            rows = value
            table = document.add_table(rows=0, cols=max((len(r) for r in rows), default=1))
            table.style = "Table Grid"
            for row in rows:
                for cell, text in zip(table.add_row().cells, row, strict=False):
                    cell.text = text
    for note in content["footnotes"]:
        document.add_paragraph(note)
    document.save(str(out))
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--content":  # what a bare process pays: read the content, write it
        write(json.loads(Path(argv[1]).read_text(encoding="utf-8")), Path(argv[2]))
        return 0
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    content = content_of(Path(argv[0]))
    seconds = write(content, Path(argv[1]))
    tables = sum(1 for kind, _v in content["items"] if kind == "t")
    print(f"{len(content['items']) - tables} paragraphs, {tables} tables, {len(content['footnotes'])} footnotes")
    print(f"bare python-docx: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
