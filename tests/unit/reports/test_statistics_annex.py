"""Issue 19, item 5: one consolidated annex of the statistics a report cites (CRC/C/58/Rev.3)."""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml.ns import qn

from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import body_text, headings, open_docx, write


def _tables_after(doc: object, heading: str) -> list[list[list[str]]]:
    body = doc.element.body  # type: ignore[attr-defined]
    seen, out = False, []
    for element in body:
        if element.tag == qn("w:p") and "".join(t.text or "" for t in element.iter(qn("w:t"))) == heading:
            seen = True
        elif seen and element.tag == qn("w:tbl"):
            rows = [
                ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                for tr in element.iter(qn("w:tr"))
            ]
            out.append(rows)
    return out


def test_state_report_cites_data_from_one_annex(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state")
    doc = open_docx(result.path)  # type: ignore[arg-type]
    assert headings(doc, 1)[-1] == "Annex II: statistical data"
    text = body_text(doc)
    body, annex = text.split("Annex II: statistical data\n")[-2:]
    cited = {
        int(n) for line in re.findall(r"Data: annex II, tables? ([\d, and]+)\.", body) for n in re.findall(r"\d+", line)
    }
    captions = re.findall(r"^Table (\d+)\. (.+?) \(", annex, re.M)
    assert [int(n) for n, _name in captions] == list(range(1, len(captions) + 1)) and cited == {
        int(n) for n, _ in captions
    }
    assert len({name for _n, name in captions}) == len(captions) >= 4  # each indicator once
    assert "Table 1." not in body  # no table in the body: data cost the report no words
    tables = {rows[0][0]: rows for rows in _tables_after(doc, "Annex II: statistical data")}
    detention = next(rows for rows in _tables_after(doc, "Annex II: statistical data") if rows[0][0] == "Sex")
    assert [r[0] for r in detention[1:]] == ["Total", "Girls", "Boys"] and detention[0][1:3] == ["2018", "2019"]
    assert "Province" in tables and {r[0] for r in tables["Province"][1:]} >= {"Total", "Amsel", "Koral"}
    assert annex.count("Source: ") >= len(captions) and "Definition: Number of children (under 18 years)" in annex


def test_annex_outside_the_word_count_and_the_alternative_reports_annex(demo_store: Store, tmp_path: Path) -> None:
    result = write(demo_store, tmp_path, "state", paragraphs=(24,))
    text = body_text(open_docx(result.path))  # type: ignore[arg-type]
    annex = text.split("Annex II: statistical data\n")[-1]
    assert "Birth registration rate of children under 5" in annex and "Children in detention" not in annex
    alternative = open_docx(write(demo_store, tmp_path, "alternative").path)  # type: ignore[arg-type]
    assert headings(alternative, 1)[-1] == "Annex: statistical data"
    assert "Data: annex, table 1." in body_text(alternative)
    french = body_text(open_docx(write(demo_store, tmp_path, "state", name="fr.docx", lang="fr").path))  # type: ignore[arg-type]
    assert "Annexe II" in french and "Données" in french
