"""Issue 18 through the command line: French and Spanish originals, and documents that state no word limit."""

from __future__ import annotations

import json
from pathlib import Path

from tests.co_documents import build_docx
from tests.co_keys import SPECS, load_key
from tests.integration.test_cli import run

SYMBOL = "CRC/C/XLM/CO/4-6"

# The "next report" paragraph of 2023 onwards, here without any limit: the document states none.
NO_LIMIT = """\
United Nations CRC/C/XLM/CO/7
Convention on the Rights of the Child Distr.: General
12 October 2024
Original: English
Committee on the Rights of the Child
Concluding observations on the seventh periodic report of Lumeria*
I. Introduction
1. The Committee considered the seventh periodic report of Lumeria at its 2800th and 2801st meetings, held on
3 and 4 September 2024, and adopted the present concluding observations at its 2820th meeting, held on
20 September 2024.
IV. Implementation and reporting
A. Next report
2. The Committee will establish and communicate the due date of the combined eighth and ninth periodic
reports of the State party in accordance with the agreed predictable review calendar and following the
adoption of a list of issues prior to reporting, under the simplified reporting procedure.
"""


def test_french_original_imports_and_lists(tmp_path: Path) -> None:
    """Spanish goes the same way (its Word, PDF and pasted forms are checked in tests/unit/importers)."""
    language = "fr"
    path = build_docx(SPECS[language](), tmp_path / f"co-{language}.docx")
    db = tmp_path / "store.sqlite"
    result = run("--db", str(db), "import", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"][0]["language"] == language
    key = load_key(language)
    recs = json.loads(run("--db", str(db), "list", "recommendations", "--json").stdout)
    got = [(r["number"], r["kind"], r["cluster"], r["urgent"], r["articles"]) for r in recs]
    want = [(p["number"], p["kind"], p["cluster"], p["urgent"], p["articles"]) for p in key["paragraphs"]]
    assert got == want
    (doc,) = json.loads(run("--db", str(db), "list", "documents", "--json").stdout)
    assert (doc["symbol"], doc["date"], doc["next_report_due"], doc["word_limit"]) == (
        SYMBOL,
        key["date"],
        key["next_report_due"],
        21200,
    )


def test_a_document_without_a_limit_has_none_and_the_report_falls_back(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    result = run("--db", str(db), "import", "-", stdin=NO_LIMIT)
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(run("--db", str(db), "list", "documents", "--json").stdout)
    assert doc["symbol"] == "CRC/C/XLM/CO/7"
    assert doc["next_report_due"] is None
    assert doc["word_limit"] is None  # no default presented as the document's own
    out = tmp_path / "state.docx"
    report = run(
        "--db", str(db), "report", "state", "--document", "CRC/C/XLM/CO/7", "--out", str(out), "--no-contents-pages"
    )
    assert report.returncode == 0, report.stderr
    assert "21,200" in report.stdout  # the report counts against resolution 68/268's limit itself


def test_khmer_translation_on_the_command_line(tmp_path: Path) -> None:
    """``import FILE --translation-of SYMBOL``: the language is the file's (km), paragraph 12 is reported."""
    from tests.khmer_translation import SYMBOL as DEMO_CO
    from tests.khmer_translation import as_text

    db = tmp_path / "store.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    translation = tmp_path / "km.txt"
    translation.write_text(as_text(12), encoding="utf-8")
    result = run("--db", str(db), "import", str(translation), "--translation-of", DEMO_CO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Translation (km) of {DEMO_CO}: 66 paragraphs")
    assert "12" in result.stderr and len(result.stderr.strip().splitlines()) == 2  # missing 12; 56–58 replaced
    recs = json.loads(run("--db", str(db), "list", "recommendations", "--document", DEMO_CO, "--json").stdout)
    assert {r["number"] for r in recs if r["translation_lang"] == "km"} == {r["number"] for r in recs} - {12}
    assert all(p["translation"] for r in recs if r["number"] != 12 for p in r["parts"])

    unknown = run("--db", str(db), "import", str(translation), "--translation-of", "CRC/C/XMP/CO/9")
    assert unknown.returncode == 1 and len(unknown.stderr.strip().splitlines()) == 1
