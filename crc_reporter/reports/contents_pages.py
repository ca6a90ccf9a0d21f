"""The contents list's page numbers, filled in by laying the draft out with LibreOffice when it is installed.

Word computes page numbers only when it opens a file; a draft opened in
LibreOffice, a previewer or a printed PDF would show a contents list without
them. When LibreOffice is on the machine, the draft is converted to PDF
headless in a private folder and each heading is found on its page through the PDF's bookmarks; the
PAGEREF fields of the contents then carry those numbers, and Word is no longer
asked to update the fields on opening. Without LibreOffice (or when the layout
fails, times out or a heading cannot be found) nothing changes: Word updates
the contents when the draft opens.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.reports import ooxml as x

log = logging.getLogger(__name__)
TIMEOUT = 300  # seconds: a long draft on a slow laptop
_BLANK = re.compile(r"\s+")


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf(document: DocxDocument, program: str) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="crc-contents-") as folder:
        source = Path(folder) / "draft.docx"
        document.save(str(source))
        profile = Path(folder, "profile").as_uri()  # its own profile: a running LibreOffice is not disturbed
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        try:
            subprocess.run(
                [*command, "--outdir", folder, str(source)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                env={**os.environ, "HOME": folder},
            )
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("LibreOffice could not lay the draft out: %s", type(exc).__name__)
            return None
        pdf = Path(folder) / "draft.pdf"
        return pdf.read_bytes() if pdf.is_file() else None


def _outline(pdf: bytes) -> list[tuple[str, int]]:
    """The PDF's bookmarks (LibreOffice makes one per heading), in order: (title without blanks, page)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out: list[tuple[str, int]] = []

    def walk(entries: Sequence[object]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                page = reader.get_destination_page_number(entry)  # type: ignore[arg-type]
                if page is not None:
                    out.append((_BLANK.sub("", str(getattr(entry, "title", ""))), page + 1))

    walk(reader.outline)
    return out


def find_pages(outline: list[tuple[str, int]], headings: list[str]) -> list[int] | None:
    """The page of each heading, matched in order with the PDF's bookmarks; None if one is missing.

    Bookmarks carry the headings' own text, so Khmer is matched as reliably as English (text extracted
    from a PDF page is not: Khmer glyphs do not map back to their characters in order).
    """
    found: list[int] = []
    position = 0
    for heading in (_BLANK.sub("", h) for h in headings):
        while position < len(outline) and outline[position][0] != heading:
            position += 1
        if position >= len(outline):
            return None
        found.append(outline[position][1])
        position += 1
    return found or None


def fill_contents_pages(
    document: DocxDocument, entries: list[tuple[int, str, str]], digits: Callable[[str], str] = str
) -> bool:
    """Put each contents entry's page number in the place of its PAGEREF field, written by ``digits``
    (Khmer digits when asked for); True when every one was found."""
    program = libreoffice()
    if program is None or not entries:
        return False
    pdf = _pdf(document, program)
    if pdf is None:
        return False
    try:
        numbers = find_pages(_outline(pdf), [text for _level, text, _bookmark in entries])
    except Exception as exc:  # noqa: BLE001 - a PDF we cannot read leaves the contents to Word
        log.info("the laid-out draft could not be read: %s", type(exc).__name__)
        return False
    if numbers is None:
        return False
    by_bookmark = {bookmark: n for (_l, _t, bookmark), n in zip(entries, numbers, strict=True)}
    body = document.element.body
    for instr in list(body.iter(x.INSTRTEXT)):
        words = (instr.text or "").split()
        if len(words) >= 2 and words[0] == "PAGEREF" and words[1] in by_bookmark:
            _set_result(instr.getparent(), digits(str(by_bookmark[words[1]])))
    for begin in body.iter(x.FLDCHAR):
        begin.attrib.pop(x.DIRTY, None)
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is not None:
        settings.remove(update)
    return True


def _set_result(instr_run: etree._Element, text: str) -> None:
    """Replace the PAGEREF field whose instruction is in ``instr_run`` by its page number as text.

    Plain text, not a cached field result: LibreOffice shows no result of a PAGEREF inside a contents
    field. The contents field itself stays, so Word can still rebuild it ("Update Field").
    """
    begin = instr_run.getprevious()
    end = instr_run.getnext()
    while end is not None and not (end.find(x.FLDCHAR) is not None and end.find(x.FLDCHAR).get(x.FLDCHARTYPE) == "end"):
        end = end.getnext()
    if begin is None or end is None:
        return
    result = etree.Element(x.R)
    x.add_text(result, text)
    begin.addprevious(result)
    run: etree._Element | None = begin
    while run is not None:
        following = run.getnext()
        run.getparent().remove(run)
        if run is end:
            break
        run = following
