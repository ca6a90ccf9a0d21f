"""UHRI exports as OHCHR writes them, as .xlsx and as CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from crc_reporter.importers import ReadOptions, SourceError, load_source
from crc_reporter.importers.uhri_rows import sdg_target, to_date, values
from tests.uhri_fixture import HEADERS, build_uhri_csv, build_uhri_xlsx


@pytest.fixture(params=["xlsx", "csv"])
def export(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "xlsx":
        return build_uhri_xlsx(tmp_path / "export.xlsx")
    return build_uhri_csv(tmp_path / "export.csv")


def test_crc_rows_become_documents_and_paragraphs(export: Path) -> None:
    source = load_source(export)
    assert source.format in ("uhri-xlsx", "uhri-csv")
    docs = {d.symbol: d for d in source.documents}
    assert set(docs) == {"CRC/C/XLM/CO/4-6", "CRC/C/OPAC/XLM/CO/1", "A/HRC/41/17", "CEDAW/C/XLM/CO/6"}
    co = docs["CRC/C/XLM/CO/4-6"]
    assert co.treaty == "CRC" and co.country == "XLM" and co.country_name == "Lumeria"
    assert co.date == dt.date(2022, 6, 27)  # from an Excel serial number
    p = {x.number: x for x in co.paragraphs}
    assert sorted(p) == [17, 22, 23]
    assert p[17].subheading == "Birth registration and nationality"
    assert p[17].kind == "recommendation" and [x.label for x in p[17].parts] == ["a", "b"]
    assert p[17].parts[0].text == "Ensure free birth registration for all children"
    assert p[17].themes == ["Birth registration", "Right to a name & nationality"]
    assert p[17].affected_groups == ["Children", "Persons living in rural areas"]
    assert p[17].sdg_targets == ["16.9"]
    assert p[22].kind == "concern" and p[22].subheading == "Abuse and neglect"
    assert p[22].text.startswith("The Committee is concerned")  # "22.The" without a space
    assert p[23].previous == [("CRC/C/XLM/CO/2-3", 38)]
    assert docs["CRC/C/OPAC/XLM/CO/1"].treaty == "OPAC"
    assert co.provides == ("text", "kind", "parts", "previous")  # no clusters in UHRI: stored ones stay


def test_every_row_of_a_known_mechanism_is_kept(export: Path) -> None:
    """Issue 22: UPR and CEDAW rows become their documents' recommendations, with the UPR's fields."""
    docs = {d.symbol: d for d in load_source(export).documents}
    upr = docs["A/HRC/41/17"]
    assert (upr.treaty, upr.doc_type, upr.country_name) == ("UPR", "upr_report", "Lumeria")
    by_label = {p.label: p for p in upr.paragraphs}
    assert set(by_label) == {"112.45", "112.46"} and [p.number for p in upr.paragraphs] == [45, 46]
    first, second = by_label["112.45"], by_label["112.46"]
    assert first.text == "Ensure free birth registration for all children"
    assert (first.recommending_states, first.position, first.upr_session, first.upr_cycle) == (
        ["Freedonia"],
        "supported",
        "32",
        3,
    )
    assert second.recommending_states == ["Utopia", "Iran (Islamic Republic of)"] and second.position == "noted"
    assert second.text == "Guarantee access to justice for rural women"
    assert "position" in upr.provides and "recommending_states" in upr.provides and "cluster" not in upr.provides
    cedaw = docs["CEDAW/C/XLM/CO/6"]
    assert cedaw.treaty == "CEDAW" and [p.number for p in cedaw.paragraphs] == [30, 31]
    assert cedaw.paragraphs[0].themes == ["Access to justice"] and cedaw.paragraphs[0].label is None


def test_only_children_leaves_out_and_counts_the_others(export: Path) -> None:
    source = load_source(export, options=ReadOptions(only_children=True))
    docs = {d.symbol: d for d in source.documents}
    assert [p.label for p in docs["A/HRC/41/17"].paragraphs] == ["112.45"]  # children among affected persons
    assert [p.number for p in docs["CEDAW/C/XLM/CO/6"].paragraphs] == [31]  # "child marriage" in the text
    assert sorted(p.number for p in docs["CRC/C/XLM/CO/4-6"].paragraphs) == [17, 22, 23]  # the CRC's: all
    assert source.left_out == 2
    assert load_source(export).left_out == 0


def test_rows_of_no_known_mechanism_are_skipped_by_default(export: Path) -> None:
    source = load_source(export)
    assert source.other_mechanisms == []
    assert any("Regional Forum: 1" in w for w in source.warnings)


def test_rows_of_no_known_mechanism_kept_apart(export: Path) -> None:
    source = load_source(export, options=ReadOptions(other_mechanisms="keep"))
    assert [row.body for row in source.other_mechanisms] == ["Regional Forum"]


def test_corrected_column_name_and_title_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Universal Human Rights Index export"])
    sheet.append([h.replace("Reccomending", "Recommending") for h in HEADERS])
    sheet.append(["5. The Committee recommends that the State party act.", "- Lumeria", "- CRC", "CRC/C/XLM/CO/4-6"])
    book.save(tmp_path / "x.xlsx")
    doc = load_source(tmp_path / "x.xlsx").documents[0]
    assert [p.number for p in doc.paragraphs] == [5] and doc.paragraphs[0].kind == "recommendation"


def test_spreadsheet_without_the_columns(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Name", "Amount"])
    book.active.append(["x", 1])
    book.save(tmp_path / "budget.xlsx")
    with pytest.raises(SourceError, match="does not look like a UHRI export.*Text"):
        load_source(tmp_path / "budget.xlsx")
    (tmp_path / "budget.csv").write_text("Name,Amount\nx,1\n", encoding="utf-8")
    with pytest.raises(SourceError, match="does not look like a UHRI export"):
        load_source(tmp_path / "budget.csv")


def test_cell_values() -> None:
    assert values("- Children\n- Women & girls\n") == ["Children", "Women & girls"]
    assert to_date(44739) == dt.date(2022, 6, 27) and to_date("44739.0") == dt.date(2022, 6, 27)
    assert to_date("2015-02-04") == dt.date(2015, 2, 4)
    assert sdg_target("16.9 - Provide legal identity for all") == "16.9"
    assert sdg_target("4.a - Build and upgrade education facilities") == "4.a"
    assert sdg_target("16 - Peace, justice and strong institutions") is None


@pytest.mark.parametrize(
    "crc, opac",
    [
        ("- Committee on the Rights of the Child", "- Committee on the Rights of the Child"),
        ("Committee on the Rights of the Child", "- CRC-OP-AC"),
        ("- committee on the rights of the child\n- Committee on the Rights of the Child", "CRC-OPAC"),
        ("- Committee on the Rights of the Child (CRC)", "- Optional Protocol on the involvement of children"),
        ("- ", "- Committee on the Rights of the Child - Optional Protocol on children in armed conflict"),
    ],
)
def test_every_spelling_of_the_committee_imports_every_crc_row(tmp_path: Path, crc: str, opac: str) -> None:
    from tests.uhri_fixture import rows_with_bodies

    rows = rows_with_bodies({"- CRC": crc, "- CRC-OP-AC": opac})
    source = load_source(build_uhri_xlsx(tmp_path / "export.xlsx", rows=rows))
    docs = {d.symbol: d for d in source.documents}
    assert {"CRC/C/XLM/CO/4-6", "CRC/C/OPAC/XLM/CO/1"} <= set(docs)
    assert sorted(p.number for p in docs["CRC/C/XLM/CO/4-6"].paragraphs) == [17, 22, 23]
    assert docs["CRC/C/XLM/CO/4-6"].treaty == "CRC" and docs["CRC/C/OPAC/XLM/CO/1"].treaty == "OPAC"


@pytest.mark.parametrize(
    ("body", "symbol", "mechanism"),
    [
        ("CRC-OP-SC", "", "OPSC"),
        ("CRC-OP-AC", "", "OPAC"),
        ("Committee on the Rights of the Child", "", "CRC"),
        ("CEDAW", "CEDAW/C/XLM/CO/6", "CEDAW"),
        ("Human Rights Council", "CRC/C/OPSC/XLM/CO/1", "OPSC"),
        ("UPR", "", "UPR"),
        ("Universal Periodic Review", "", "UPR"),
        ("Human Rights Committee", "", "CCPR"),
        ("Committee against Torture", "", "CAT"),
        ("Subcommittee on Prevention of Torture", "", "CAT"),
        ("Committee on Economic, Social and Cultural Rights", "", "CESCR"),
        ("Committee on the Elimination of Racial Discrimination", "", "CERD"),
        ("Committee on the Rights of Persons with Disabilities", "", "CRPD"),
        ("Committee on Migrant Workers", "", "CMW"),
        ("Committee on Enforced Disappearances", "", "CED"),
        ("Special Procedures", "", "SP"),
        ("SR on the sale and sexual exploitation of children", "", "SP"),
        ("Special Rapporteur on the right to education", "", "SP"),
        ("Regional Forum", "", None),
    ],
)
def test_every_spelling_of_the_bodies(body: str, symbol: str, mechanism: str | None) -> None:
    from crc_reporter.importers.mechanisms import mechanism_of_body

    found = mechanism_of_body(body, symbol)
    assert (found.value if found else None) == mechanism
