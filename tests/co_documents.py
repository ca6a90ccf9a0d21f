"""Build concluding observations as the UN publishes them: .docx with python-docx, PDF with LibreOffice.

Numbers can be typed ("12.<tab>") or produced by Word's automatic numbering
(numbering.xml definitions referenced by numPr, on the paragraph or on its
style); lettered parts typed, on level 2 of the paragraph list, or on a list of
their own restarted for each paragraph. Footnotes are real footnotes; the
masthead sits in the first-page header (2014 layout) or in the body (older
documents); later pages carry the symbol in the header and the page number in
the footer, the first page the job number.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from tests.co_content import Heading, Para, Run, Spec, Text, part_label

if TYPE_CHECKING:
    from crc_reporter.domain.parsed import ParsedDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARA_LIST, LETTER_ABSTRACT = 901, 902
STYLE_NAMES = {"chapter": "_ H _Ch_G", "section": "_ H_1_G", "sub": "_ H_23_G", "body": "_ Single Txt_G"}
BUILTIN_NAMES = {"chapter": "Heading 1", "section": "Heading 2", "sub": "Heading 3", "body": "Normal"}
# The masthead's words in each of the Committee's languages (an original in that language).
MASTHEAD = {
    "en": (
        "United Nations",
        "Convention on the Rights of the Child",
        "Distr.: General",
        "Original: English",
        "Committee on the Rights of the Child",
        "Please recycle",
    ),
    "fr": (
        "Nations Unies",
        "Convention relative aux droits de l\u2019enfant",
        "Distr. g\u00e9n\u00e9rale",
        "Original\u00a0: fran\u00e7ais",
        "Comit\u00e9 des droits de l\u2019enfant",
        "Merci de recycler",
    ),
    "es": (
        "Naciones Unidas",
        "Convenci\u00f3n sobre los Derechos del Ni\u00f1o",
        "Distr. general",
        "Original: espa\u00f1ol",
        "Comit\u00e9 de los Derechos del Ni\u00f1o",
        "Se ruega reciclar",
    ),
}


class _Builder:
    def __init__(self, spec: Spec, numbering: str, letters: str, headings: str) -> None:
        self.spec, self.numbering, self.letters = spec, numbering, letters
        self.doc = docx.Document()
        self.names = STYLE_NAMES if headings == "un" else BUILTIN_NAMES
        self.notes: list[tuple[int, str, str | None]] = []  # id, text, custom mark
        self.next_letter_num = 950
        self._styles()
        if numbering != "typed" or letters != "typed":
            self._numbering_definitions()

    # --- styles and numbering definitions ------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = "Times New Roman", Pt(10)
        if self.names is STYLE_NAMES:
            for key, size in (("chapter", 14), ("section", 12), ("sub", 10), ("body", 10)):
                style = styles.add_style(self.names[key], WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = normal
                style.font.size = Pt(size)
                style.font.bold = key != "body"
        if self.numbering == "auto-style":
            style = styles.add_style("_ Numbered_G", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[self.names["body"]]
            ppr = style.element.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{PARA_LIST}"/></w:numPr>')
            )

    def _numbering_definitions(self) -> None:
        numbering = self.doc.part.numbering_part.element
        letter = "(%2)" if self.spec.language == "en" else "%2)"
        single = "(%1)" if self.spec.language == "en" else "%1)"
        levels = (
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{letter}"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1701" w:hanging="567"/></w:pPr></w:lvl>'
        )
        abstracts = [
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{PARA_LIST}"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>",
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LETTER_ABSTRACT}">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/>'
            f'<w:lvlText w:val="{single}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="1701" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>',
        ]
        first_num = numbering.find(qn("w:num"))
        for xml in abstracts:  # abstract numbering definitions must precede the w:num elements
            el = parse_xml(xml)
            if first_num is not None:
                first_num.addprevious(el)
            else:
                numbering.append(el)
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{PARA_LIST}"><w:abstractNumId w:val="{PARA_LIST}"/></w:num>')
        )

    def _new_letter_list(self) -> int:
        """A list instance of its own for one paragraph's parts, restarting at (a)."""
        self.next_letter_num += 1
        num_id = self.next_letter_num
        self.doc.part.numbering_part.element.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{LETTER_ABSTRACT}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return num_id

    # --- content ---------------------------------------------------------------------------
    def _paragraph(
        self,
        style_key: str,
        runs: list[Run],
        label: str | None = None,
        num: tuple[int, int] | None = None,
        note: str | None = None,
    ):  # noqa: ANN202
        p = self.doc.add_paragraph(style=self.doc.styles[self.names[style_key]])
        if num is not None:
            numpr = parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
            )
            p._p.get_or_add_pPr().append(numpr)
        if label:
            p.add_run(label + "\t")
        for i, (text, is_bold) in enumerate(runs):
            run = p.add_run(text)
            if is_bold:
                run.bold = True
            if i == 0 and note:
                self._footnote(p, note)
        return p

    def _footnote(self, paragraph, text: str, mark: str | None = None) -> None:  # noqa: ANN001
        note_id = len(self.notes) + 1
        self.notes.append((note_id, text, mark))
        custom = ' w:customMarkFollows="1"' if mark else ""
        mark_xml = f"<w:t>{mark}</w:t>" if mark else ""
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference{custom} w:id="{note_id}"/>{mark_xml}</w:r>'
            )
        )

    def _para(self, para: Para) -> None:
        auto = self.numbering != "typed"
        num = None
        style = "body"
        if self.numbering == "auto":
            num = (PARA_LIST, 0)
        label = None if auto else f"{para.number}."
        p = self._paragraph(style, para.runs, label, num, para.footnote)
        if self.numbering == "auto-style":
            p.style = self.doc.styles["_ Numbered_G"]
        letter_list = self._new_letter_list() if para.parts and self.letters == "restart" else None
        for i, runs in enumerate(para.parts):
            letter = chr(ord("a") + i)
            if self.letters == "level":
                self._paragraph("body", runs, None, (PARA_LIST, 1))
            elif self.letters == "restart" and letter_list is not None:
                self._paragraph("body", runs, None, (letter_list, 0))
            else:
                self._paragraph("body", runs, part_label(letter, self.spec.language))

    def _masthead(self) -> None:
        spec = self.spec
        un, convention, distr, original, _committee, recycle = MASTHEAD[spec.language]
        lines = [un + "\t" + spec.symbol, convention, distr, spec.date, "", original]
        section = self.doc.sections[0]
        if spec.masthead_in_header:
            section.different_first_page_header_footer = True
            header = section.first_page_header
            header.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                header.add_paragraph(line)
            section.first_page_footer.paragraphs[0].text = f"{spec.job}\t{recycle}"
        else:
            for line in lines:
                self.doc.add_paragraph(line)
        section.header.paragraphs[0].text = spec.symbol
        footer = section.footer.paragraphs[0]
        footer._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>')
        )

    def build(self, path: Path) -> Path:
        spec = self.spec
        self._masthead()
        self._paragraph("chapter", [(MASTHEAD[spec.language][4], False)])
        title = self._paragraph("section", [(spec.title, False)])
        if spec.title_note:
            self._footnote(title, spec.title_note, mark="*")
        for item in spec.items:
            if isinstance(item, Heading):
                label = f"{item.label}\t" if item.label else ""
                self._paragraph(item.level, [(label + item.title, False)])
            elif isinstance(item, Text):
                self._paragraph("body", [(item.text, False)])
            else:
                self._para(item)
        self._write_footnotes()
        self.doc.save(str(path))
        return path

    def _write_footnotes(self) -> None:
        if not self.notes:
            return
        body = []
        for note_id, text, mark in self.notes:
            ref = (
                f"<w:r><w:t>{mark}</w:t></w:r>"
                if mark
                else ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>')
            )
            body.append(
                f'<w:footnote w:id="{note_id}"><w:p>{ref}'
                f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            f"</w:p></w:footnote>{''.join(body)}</w:footnotes>"
        )
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


def build_docx(
    spec: Spec, path: Path, *, numbering: str = "typed", letters: str = "typed", headings: str = "un"
) -> Path:
    """Write ``spec`` as a .docx. numbering: typed | auto | auto-style; letters: typed | level | restart."""
    return _Builder(spec, numbering, letters, headings).build(path)


# --- PDF through LibreOffice, converted once per test session ------------------------------


@functools.cache
def _pdf_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="crc-import-pdf-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_files: list[Path]) -> list[Path]:
    """Convert in one LibreOffice run (a private profile, so parallel runs do not collide)."""
    exe = soffice()
    assert exe, "soffice is missing"
    out = _pdf_dir()
    profile = out / "profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdfs = [out / (f.stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return pdfs


# --- nothing lost without a word: a check for every fixture, in every format ----------------


def words(text: str) -> Counter[str]:
    """The words of ``text``, counted: letters and digits, case and punctuation aside (any script)."""
    return Counter(re.findall(r"[^\W_]+", text.casefold()))


def body_words(spec: Spec) -> Counter[str]:
    """Every word of the document's body: its headings, paragraphs, lettered parts and their notes."""
    found: Counter[str] = Counter()
    for item in spec.items:
        if isinstance(item, Heading | Text):
            found.update(words(item.title if isinstance(item, Heading) else item.text))
            continue
        found.update(words(" ".join(text for text, _bold in item.runs)))
        for runs in item.parts:
            found.update(words(" ".join(text for text, _bold in runs)))
        if item.footnote:
            found.update(words(item.footnote))
    return found


def placed_words(doc: ParsedDocument) -> Counter[str]:
    """Every word the importer put somewhere: paragraphs (parts included), their notes, headings,
    the Committee's instructions and the warnings that quote text not placed."""
    found: Counter[str] = Counter()
    for paragraph in doc.paragraphs:
        found.update(words(paragraph.text))
        for note in paragraph.notes:
            found.update(words(note))
    for text in [*doc.headings, *doc.instructions, *doc.warnings]:
        found.update(words(text))
    return found


def check_conservation(doc: ParsedDocument, spec: Spec) -> None:
    """Each word of the body is in a paragraph, a part, a heading or a "text not placed" warning,
    as many times as the body has it."""
    lost = body_words(spec) - placed_words(doc)
    assert not lost, f"{spec.symbol}: words lost without a warning: {dict(lost)}"
