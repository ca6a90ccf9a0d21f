"""Word files in the UN's layout: typed and automatic numbering, both heading styles, an Optional Protocol."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crc_reporter.importers import load_source
from crc_reporter.importers.docx_numbering import format_number
from tests.co_content import Spec, check_against_spec, co_2014
from tests.co_documents import build_docx


@pytest.mark.parametrize(
    "variant", ["2014-typed", "2014-auto", "2014-auto-restart", "2011-builtin-headings", "opac-style-numbering"]
)
def test_word_document_matches_its_specification(co_docs: dict[str, tuple[Spec, Path]], variant: str) -> None:
    spec, path = co_docs[variant]
    source = load_source(path)
    assert source.format == "docx" and len(source.documents) == 1
    doc = source.documents[0]
    check_against_spec(doc, spec)
    assert doc.warnings == []


def test_2014_layout_details(co_docs: dict[str, tuple[Spec, Path]]) -> None:
    doc = load_source(co_docs["2014-auto"][1]).documents[0]
    by_number = {p.number: p for p in doc.paragraphs}
    assert doc.dialogue == (dt.date(2022, 5, 5), dt.date(2022, 5, 6))
    assert doc.adopted_on == dt.date(2022, 6, 3)
    assert doc.country_name == "Lumeria"
    assert doc.next_report_title == "combined seventh and eighth periodic reports"
    legislation = by_number[7]
    assert legislation.subheading == "Legislation"
    assert legislation.articles == ["4", "42", "44(6)"]
    assert legislation.parts[1].text == (
        "Conduct child rights impact assessments of all draft legislation and policies relevant to children"
    )
    family = next(p for p in doc.paragraphs if p.cluster == "family_environment")
    assert family.articles == ["5", "9", "10", "11", "18(1)", "18(2)", "20", "21", "25", "27(4)"]
    special = next(p for p in doc.paragraphs if p.cluster == "special_protection")
    assert {"37(b)", "37(c)", "37(d)", "38", "39", "40", "32", "33"} <= set(special.articles)
    # a plain concern followed by a bold recommendation in one paragraph is a recommendation
    assert by_number[8].kind == "recommendation"
    # "Children with disabilities" and "Basic health and welfare" are one cluster
    assert {p.subheading for p in doc.paragraphs if p.cluster == "health_welfare"} >= {
        "Children with disabilities",
        "Health and health services",
    }
    # section IV's lettered headings close the clusters and become subheadings
    assert by_number[doc.paragraphs[-2].number].subheading == "Next report"
    assert doc.paragraphs[-1].cluster is None


def test_2011_layout_keeps_violence_within_civil_rights(co_docs: dict[str, tuple[Spec, Path]]) -> None:
    doc = load_source(co_docs["2011-builtin-headings"][1]).documents[0]
    corporal = [p for p in doc.paragraphs if p.subheading == "Corporal punishment"]
    assert corporal and all(p.cluster == "civil_rights" for p in corporal)
    assert "19" in corporal[0].articles and "37(a)" in corporal[0].articles
    disability = [p for p in doc.paragraphs if p.subheading == "Children with disabilities"]
    assert disability and all(p.cluster == "health_welfare" for p in disability)
    assert disability[0].articles == ["6", "18(3)", "23", "24", "26", "27(1)", "27(2)", "27(3)"]
    assert doc.paragraphs[0].number == 1 and doc.paragraphs[0].subheading is None  # paragraph 1 precedes "I."
    assert doc.adopted_on == dt.date(2011, 6, 17)
    assert doc.word_limit is None  # "should not exceed 120 pages"


def test_optional_protocol_document(co_docs: dict[str, tuple[Spec, Path]]) -> None:
    doc = load_source(co_docs["opac-style-numbering"][1]).documents[0]
    assert doc.treaty == "OPAC" and doc.symbol == "CRC/C/OPAC/XLM/CO/1"
    assert doc.country_name == "Lumeria"
    assert {p.cluster for p in doc.paragraphs if p.subheading == "Military schools"} == {"optional_protocols"}


def test_symbol_and_treaty_corrections(tmp_path: Path) -> None:
    from crc_reporter.importers import ReadOptions

    path = build_docx(co_2014(), tmp_path / "co.docx")
    doc = load_source(path, options=ReadOptions(symbol="crc/c/khm/co/4–6", treaty="CRC")).documents[0]
    assert doc.symbol == "CRC/C/KHM/CO/4-6" and doc.country == "KHM"


def test_numbering_formats() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(7, "decimalZero") == "07"


def test_numbering_continues_and_restarts() -> None:
    from lxml import etree

    from crc_reporter.importers.docx_numbering import Numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f"""<w:numbering xmlns:w="{w}">
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
    </w:numbering>"""
    numbering = Numbering(etree.fromstring(xml), f"{{{w}}}", {})
    labels = [
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("1", 1),
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("2", 0),
        numbering.label("3", 0),
        numbering.label("0", 0),
    ]
    assert labels == ["1.", "(a)", "(b)", "2.", "(a)", "3.", "10.", None]


def test_un_template_details(tmp_path: Path) -> None:
    """Headings that start with a tab, the masthead as a table in the first-page header, line breaks in it."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    spec = co_2014()
    path = build_docx(spec, tmp_path / "un.docx")
    document = docx.Document(str(path))
    for p in document.paragraphs:
        if p.style.name in ("_ H _Ch_G", "_ H_1_G"):
            p._p.insert(1, parse_xml(f"<w:r {nsdecls('w')}><w:tab/></w:r>"))
    header = document.sections[0].first_page_header
    for p in list(header.paragraphs):
        p._p.getparent().remove(p._p)
    table = header.add_table(rows=2, cols=2, width=Cm(16))
    table.cell(0, 0).text = "United Nations"
    table.cell(0, 1).text = spec.symbol
    table.cell(1, 0).text = "Convention on the Rights of the Child"
    table.cell(1, 1).paragraphs[0].add_run(f"Distr.: General\n{spec.date}\n\nOriginal: English")
    document.save(str(path))
    doc = load_source(path).documents[0]
    check_against_spec(doc, spec)
