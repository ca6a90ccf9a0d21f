"""The organisation's own template, and every way writing a draft can fail without harm."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from crc_reporter.paths import resource_path
from crc_reporter.reports import ReportCancelledError, ReportError, ReportOptions, generate_report
from crc_reporter.reports.footnotes import footnote_part
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import CO, LOIPR, body_text, headings, open_docx, write

OLD = b"the previous draft, which must survive any failure"


def _letterhead(path: Path) -> Path:
    """A template as an office would make it: letterhead header, own footer, Arial, no contents styles."""
    template = docx.Document()
    section = template.sections[0]
    section.header.paragraphs[0].text = "MINISTRY OF SOCIAL AFFAIRS — LETTERHEAD"
    section.footer.paragraphs[0].text = "Ministry footer"
    template.styles["Normal"].font.name = "Arial"
    template.styles["Normal"].font.size = Pt(12)
    template.add_paragraph("Old body text that must not appear in the draft.")
    template.save(path)
    return path


def test_letterhead_template_keeps_styles_headers_footers(demo_store: Store, tmp_path: Path) -> None:
    template = _letterhead(tmp_path / "letterhead.docx")
    doc = open_docx(write(demo_store, tmp_path, "state", template=template).path)
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "MINISTRY OF SOCIAL AFFAIRS — LETTERHEAD"
    assert section.footer.paragraphs[0].text == "Ministry footer"  # the organisation's footer wins over ours
    assert doc.styles["Normal"].font.name == "Arial" and doc.styles["Normal"].font.size == Pt(12)
    heading = doc.styles["Heading 1"].element.find(qn("w:rPr")).find(qn("w:color"))
    assert heading.get(qn("w:val")) == "365F91"  # python-docx's own blue headings, kept
    names = {s.name for s in doc.styles}
    assert {"toc 1", "footnote text", "footnote reference", "Table Text"} <= names  # copied from the default
    assert "Old body text" not in body_text(doc)
    assert headings(doc, 1)[0] == "I. Introduction"


def test_localised_style_ids_are_found_by_name(demo_store: Store, tmp_path: Path) -> None:
    """French Word names its heading style "heading 1" but gives it the id "Titre1"."""
    source = _letterhead(tmp_path / "fr.docx")
    with zipfile.ZipFile(source) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/styles.xml"] = members["word/styles.xml"].replace(b'"Heading1"', b'"Titre1"')
    template = tmp_path / "titre.docx"
    with zipfile.ZipFile(template, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    doc = open_docx(write(demo_store, tmp_path, "state", template=template).path)
    styled = {p.get(qn("w:val")) for p in doc.element.body.iter(qn("w:pStyle"))}
    assert "Titre1" in styled and "Heading1" not in styled
    assert headings(doc, 1)[0] == "I. Introduction"


def test_dotx_template_and_a_previous_draft_as_template(demo_store: Store, tmp_path: Path) -> None:
    with zipfile.ZipFile(resource_path("templates", "default.docx")) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
    )
    dotx = tmp_path / "office.dotx"
    with zipfile.ZipFile(dotx, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    assert write(demo_store, tmp_path, "matrix", template=dotx).words > 100

    # a draft used as the next template: its body and its footnotes go, its page setup stays
    previous = write(demo_store, tmp_path, "state", name="previous.docx")
    again = write(demo_store, tmp_path, "state", name="again.docx", template=previous.path)
    doc = open_docx(again.path)
    notes = footnote_part(doc)
    assert notes is not None
    ids = [n.get(qn("w:id")) for n in docx.oxml.parse_xml(notes.blob).iterfind(qn("w:footnote"))]
    assert ids[:2] == ["-1", "0"] and ids[2:] == [str(i) for i in range(1, again.footnotes + 1)]
    assert headings(doc, 1) == headings(open_docx(previous.path), 1)
    assert len(doc.sections) == 2


def _broken_templates(tmp_path: Path) -> dict[str, Path]:
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"This is not a zip file at all")
    not_word = tmp_path / "notword.docx"
    with zipfile.ZipFile(not_word, "w") as zf:
        zf.writestr("hello.txt", "a zip, but no Word package")
    bad_xml = tmp_path / "badxml.docx"
    with zipfile.ZipFile(resource_path("templates", "default.docx")) as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info, b"<w:document><unclosed>" if info.filename == "word/document.xml" else blob)
    macros = tmp_path / "macros.docx"
    with zipfile.ZipFile(resource_path("templates", "default.docx")) as src, zipfile.ZipFile(macros, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(
                    b"officedocument.wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            dst.writestr(info, blob)
    return {
        "garbage": garbage,
        "not_word": not_word,
        "bad_xml": bad_xml,
        "macros": macros,
        "missing": tmp_path / "no-such-template.docx",
    }


@pytest.mark.parametrize("case", ["garbage", "not_word", "bad_xml", "macros", "missing"])
def test_broken_template_one_line_error_and_old_file_intact(demo_store: Store, tmp_path: Path, case: str) -> None:
    template = _broken_templates(tmp_path)[case]
    out = tmp_path / "draft.docx"
    out.write_bytes(OLD)
    with pytest.raises(ReportError) as err, demo_store.session() as session:
        generate_report(session, ReportOptions(kind="state", document=CO, out=out, template=template))
    message = str(err.value)
    assert "\n" not in message and str(template) in message and "Traceback" not in message
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~crc")) == []


def test_unwritable_and_locked_targets(demo_store: Store, tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing-folder" / "draft.docx": "does not exist",
        tmp_path / "draft.pdf": "must end in .docx",
    }
    (tmp_path / "folder.docx").mkdir()
    cases[tmp_path / "folder.docx"] = "is a folder"
    locked = tmp_path / "open.docx"
    locked.write_bytes(OLD)
    (tmp_path / ".~lock.open.docx#").write_text("LibreOffice owner file")
    cases[locked] = "open in another program"
    for out, expected in cases.items():
        with pytest.raises(ReportError, match=expected), demo_store.session() as session:
            generate_report(session, ReportOptions(kind="matrix", document=CO, out=out))
    assert locked.read_bytes() == OLD


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder(demo_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportError, match="permission denied"), demo_store.session() as session:
            generate_report(session, ReportOptions(kind="matrix", document=CO, out=folder / "x.docx"))
    finally:
        folder.chmod(0o700)


def test_failure_while_saving_leaves_old_file(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "draft.docx"
    out.write_bytes(OLD)

    def disk_full(self: object, stream: io.BufferedWriter) -> None:
        stream.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", disk_full)
    with pytest.raises(ReportError, match="No space left on device"), demo_store.session() as session:
        generate_report(session, ReportOptions(kind="matrix", document=CO, out=out))
    assert out.read_bytes() == OLD
    assert not list(tmp_path.glob(".~crc*"))


def test_cancel_writes_nothing(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    calls = []

    def cancel_after_some_work() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(ReportCancelledError), demo_store.session() as session:
        generate_report(session, ReportOptions(kind="state", document=CO, out=out), cancelled=cancel_after_some_work)
    assert not out.exists() and not list(tmp_path.glob(".~crc*"))


def test_wrong_document_or_option(loipr_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="not a list of issues"):
        write(loipr_store, tmp_path, "loipr", document=CO)
    with pytest.raises(ReportError, match="not a set of concluding observations"):
        write(loipr_store, tmp_path, "state", document=LOIPR)
    with pytest.raises(ReportError, match="unknown report language"):
        write(loipr_store, tmp_path, "state", lang="de")
    with pytest.raises(ReportError, match="unknown report kind"):
        write(loipr_store, tmp_path, "shadow")
    from crc_reporter.services.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no coalition or organisation named Nobody"):
        write(loipr_store, tmp_path, "alternative", coalition="Nobody")


def test_shipped_template_is_what_the_script_generates(tmp_path: Path) -> None:
    """resources/templates/default.docx is generated, never edited by hand: the two must match byte for byte."""
    import importlib.util

    script = Path(__file__).resolve().parents[3] / "scripts" / "make_default_template.py"
    spec = importlib.util.spec_from_file_location("make_default_template", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "default.docx")
    assert (tmp_path / "default.docx").read_bytes() == resource_path("templates", "default.docx").read_bytes()
    template = docx.Document(str(tmp_path / "default.docx"))
    section = template.sections[0]
    assert (section.page_width, section.page_height) == (docx.shared.Twips(11906), docx.shared.Twips(16838))  # A4
    names = {s.name for s in template.styles}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "toc 1", "footnote text", "Table Grid"} <= names
