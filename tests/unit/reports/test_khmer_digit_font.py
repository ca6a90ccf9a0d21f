"""With --khmer-digits, the numbers Word computes (page numbers, paragraph numbers, contents page
references) are drawn in Khmer digits through the embedded *CRC Khmer Digits* font."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from crc_reporter.paths import resource_path
from crc_reporter.reports.digit_font import FAMILY, FONT_FILE, obfuscate
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import open_docx, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _font_of(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:ascii")) if fonts is not None else None


def _page_field_runs(story: etree._Element) -> list[etree._Element]:
    """The runs from a PAGE field's begin to its end."""
    runs, inside, found = [], False, []
    for run in story.iter(qn("w:r")):
        char = run.find(qn("w:fldChar"))
        if char is not None and char.get(qn("w:fldCharType")) == "begin":
            inside, runs = True, []
        if inside:
            runs.append(run)
        instr = run.find(qn("w:instrText"))
        if instr is not None and (instr.text or "").split()[:1] != ["PAGE"]:
            inside = False
        if char is not None and char.get(qn("w:fldCharType")) == "end" and inside:
            found += runs
            inside = False
    return found


def _template_with_page_words(path: Path) -> Path:
    """An organisation's footer: words and a PAGE field in one paragraph."""
    template = docx.Document()
    p = template.sections[0].footer.paragraphs[0]
    p.add_run("Ministry of Social Affairs, page ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        run = p.add_run("1" if kind is None and instr is None else "")
        if kind:
            etree.SubElement(run._r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        if instr:
            el = etree.SubElement(run._r, qn("w:instrText"))
            el.text = instr
    template.save(path)
    return path


def test_the_font_is_embedded_obfuscated_and_comes_back(demo_store: Store, tmp_path: Path) -> None:
    path = write(demo_store, tmp_path, "state", lang="km", khmer_digits=True).path
    with zipfile.ZipFile(path) as zf:
        table = etree.fromstring(zf.read("word/fontTable.xml"))
        rels = etree.fromstring(zf.read("word/_rels/fontTable.xml.rels"))
        settings = etree.fromstring(zf.read("word/settings.xml"))
        (font,) = [f for f in table.iter(f"{W}font") if f.get(f"{W}name") == FAMILY]
        embed = font.find(f"{W}embedRegular")
        target = {r.get("Id"): r.get("Target") for r in rels}[embed.get(qn("r:id"))]
        blob = zf.read("word/" + target)
        assert "obfuscatedFont" in zf.read("[Content_Types].xml").decode()
    original = resource_path(*FONT_FILE).read_bytes()
    assert blob != original and blob[32:] == original[32:]  # only the head is scrambled, as the standard says
    assert obfuscate(blob, embed.get(f"{W}fontKey")) == original
    assert settings.find(f"{W}embedTrueTypeFonts") is not None  # Word keeps the font when it saves


def test_page_and_paragraph_numbers_use_the_font(demo_store: Store, tmp_path: Path) -> None:
    doc = open_docx(write(demo_store, tmp_path, "state", lang="km", khmer_digits=True).path)
    footer = doc.sections[0].footer._element
    runs = _page_field_runs(footer)
    assert runs and all(_font_of(r.find(qn("w:rPr"))) == FAMILY for r in runs)
    style_id = footer.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
    style = doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')[0]
    assert _font_of(style.find(qn("w:rPr"))) == FAMILY  # LibreOffice draws a page number in its paragraph's font
    numbering = doc.part.numbering_part.element
    levels = [lvl for a in numbering.iter(qn("w:abstractNum")) for lvl in a.iter(qn("w:lvl"))]
    assert any(_font_of(lvl.find(qn("w:rPr"))) == FAMILY for lvl in levels)
    refs = [r for r in doc.element.body.iter(qn("w:r")) if "PAGEREF" in "".join(r.itertext())]
    assert refs and all(_font_of(r.find(qn("w:rPr"))) == FAMILY for r in refs)


def test_without_the_option_nothing_changes(demo_store: Store, tmp_path: Path) -> None:
    for lang, digits in (("km", False), ("en", True)):
        path = write(demo_store, tmp_path, "state", name=f"{lang}.docx", lang=lang, khmer_digits=digits).path
        with zipfile.ZipFile(path) as zf:
            assert not any(n.endswith(".odttf") for n in zf.namelist())
            assert FAMILY.encode() not in zf.read("word/footer1.xml")


def test_a_template_footer_with_words_keeps_its_style(demo_store: Store, tmp_path: Path) -> None:
    template = _template_with_page_words(tmp_path / "ministry.docx")
    doc = open_docx(write(demo_store, tmp_path, "matrix", lang="km", khmer_digits=True, template=template).path)
    p = doc.sections[0].footer._element.find(qn("w:p"))
    runs = _page_field_runs(p)
    assert runs and all(_font_of(r.find(qn("w:rPr"))) == FAMILY for r in runs)
    words = [r for r in p.iter(qn("w:r")) if "Ministry" in "".join(r.itertext())]
    assert words and _font_of(words[0].find(qn("w:rPr"))) != FAMILY
    style = p.find(qn("w:pPr"))
    assert (
        style is None
        or style.find(qn("w:pStyle")) is None
        or "CRCKhmerDigits" not in style.find(qn("w:pStyle")).get(qn("w:val"))
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_draws_the_page_numbers_in_khmer(demo_store: Store, tmp_path: Path) -> None:
    """Each page's number is drawn with the digit font (a Latin digit alone on a page, in that font)."""
    import pypdf

    path = write(demo_store, tmp_path, "state", lang="km", khmer_digits=True).path
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    reader = pypdf.PdfReader(str(path.with_suffix(".pdf")))
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, start=1):
        drawn: list[tuple[str, str]] = []

        def seen(text: str, _cm: object, _tm: object, font: dict | None, _size: object) -> None:
            if text.strip():
                drawn.append((text.strip(), str(font.get("/BaseFont")) if font else ""))  # noqa: B023

        page.extract_text(visitor_text=seen)
        assert any(text == str(number) and font.endswith("CRCKhmerDigits-Regular") for text, font in drawn)
