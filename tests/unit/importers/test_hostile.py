"""Broken and hostile files: each gets one clear line naming the problem, quickly, with memory bounded."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from crc_reporter import untrusted
from crc_reporter.importers import ImportCancelledError, ReadOptions, SourceError, load_source
from tests.co_content import co_2014
from tests.co_documents import build_docx

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
    "<w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build_docx(co_2014(), tmp_path_factory.mktemp("good") / "co.docx").read_bytes()


def _replace_member(data: bytes, member: str, content: bytes | str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, content if name == member else src.read(name))
    return out.getvalue()


def _refused(tmp_path: Path, name: str, data: bytes, pattern: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError, match=pattern) as err:
        load_source(path)
    message = str(err.value)
    assert "\n" not in message and (name in message or "spreadsheet" in message)
    return message


def test_random_bytes_renamed_docx(tmp_path: Path) -> None:
    _refused(tmp_path, "random.docx", os.urandom(5000), "is not a Word document")


def test_empty_file(tmp_path: Path) -> None:
    _refused(tmp_path, "empty.docx", b"", "is empty")
    _refused(tmp_path, "blank.txt", b"  \n\n ", "is empty")


def test_old_binary_word_document(tmp_path: Path) -> None:
    ole = untrusted.OLE2_MAGIC + os.urandom(4000)
    _refused(tmp_path, "old.doc", ole, r"old binary Office file .*save it as \.docx")
    _refused(tmp_path, "renamed.docx", ole, "old binary Office file")


def test_truncated_zip(tmp_path: Path, good_docx: bytes) -> None:
    _refused(tmp_path, "cut.docx", good_docx[: len(good_docx) // 2], "damaged or incomplete")


def test_zip_bomb(tmp_path: Path, good_docx: bytes) -> None:
    bomb = _replace_member(good_docx, "word/document.xml", b" " * (20 * 1024 * 1024))
    assert len(bomb) < 200_000
    _refused(tmp_path, "bomb.docx", bomb, "zip bomb")


def test_too_much_in_total(tmp_path: Path, good_docx: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(untrusted, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    _refused(tmp_path, "big.docx", good_docx, "zip bomb")


def test_entity_expansion(tmp_path: Path, good_docx: bytes) -> None:
    _refused(
        tmp_path, "laughs.docx", _replace_member(good_docx, "word/document.xml", LAUGHS), "document type declaration"
    )
    _refused(
        tmp_path, "xxe.docx", _replace_member(good_docx, "word/document.xml", EXTERNAL), "document type declaration"
    )


def test_entity_expansion_in_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    hostile = _replace_member(buffer.getvalue(), "xl/workbook.xml", LAUGHS)
    _refused(tmp_path, "laughs.xlsx", hostile, "document type declaration")


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("photo.txt", "not a document")
    _refused(tmp_path, "photos.docx", out.getvalue(), "not a Word document")


def test_word_document_that_is_not_concluding_observations(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes of the coalition meeting")
    document.add_paragraph("Attendance was good.")
    document.save(str(tmp_path / "minutes.docx"))
    with pytest.raises(SourceError, match="no numbered paragraphs"):
        load_source(tmp_path / "minutes.docx")


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    _refused(tmp_path, "letter.pdf", b"Dear colleagues,\nplease find attached\n", "is not a PDF")
    _refused(tmp_path, "noise.pdf", os.urandom(3000), "is not a PDF")


def test_binary_file_with_text_extension(tmp_path: Path) -> None:
    _refused(tmp_path, "noise.txt", os.urandom(3000), "is not a text|binary")


def test_unknown_binary(tmp_path: Path) -> None:
    _refused(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0" + os.urandom(3000), "cannot be imported")


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(untrusted, "MAX_FILE_BYTES", 1000)
    _refused(tmp_path, "large.txt", b"x" * 5000, "too large")


def test_time_budget_and_cancel(tmp_path: Path, good_docx: bytes) -> None:
    path = tmp_path / "co.docx"
    path.write_bytes(good_docx)
    with pytest.raises(ImportCancelledError, match="longer than"):
        load_source(path, options=ReadOptions(time_budget=-1))
    with pytest.raises(ImportCancelledError, match="cancelled"):
        load_source(path, options=ReadOptions(cancel=lambda: True))


def test_progress_is_reported(tmp_path: Path, good_docx: bytes) -> None:
    path = tmp_path / "co.docx"
    path.write_bytes(good_docx)
    seen: list[str] = []
    load_source(path, options=ReadOptions(progress=lambda done, total, message: seen.append(message)))
    assert seen and seen[-1] == "Finding paragraphs"
