"""Issue 22 through ``crc-reporter import``: UHRI with other mechanisms, UPR reports and addenda, CEDAW.

Real processes and files (Word, PDF through LibreOffice, pasted text); the store read back with the services.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crc_reporter.services.documents import list_documents
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store.open import open_store
from tests import upr_documents as upr
from tests.co_documents import soffice, to_pdf
from tests.integration.test_cli import run
from tests.treaty_body_documents import cedaw_paragraphs
from tests.treaty_body_documents import write_text as write_cedaw
from tests.uhri_fixture import build_uhri_xlsx


def _recs(db: Path, symbol: str) -> list:  # type: ignore[type-arg]
    store = open_store(db)
    try:
        with store.session() as s:
            return list_recommendations(s, RecommendationFilter(document=symbol))
    finally:
        store.close()


def test_uhri_with_only_children(tmp_path: Path) -> None:
    export = build_uhri_xlsx(tmp_path / "uhri.xlsx")
    db = tmp_path / "s.sqlite"
    result = run("--db", str(db), "import", str(export), "--only-children")
    assert result.returncode == 0, result.stderr
    assert "2 rows of other mechanisms left out: they do not concern children" in result.stdout
    assert "Imported A/HRC/41/17 (UPR)" in result.stdout and "positions: 1 supported" in result.stdout
    [rec] = _recs(db, "A/HRC/41/17")
    assert (rec.mechanism, rec.reference, rec.recommending_states, rec.position, rec.upr_cycle) == (
        "UPR",
        "112.45",
        ("Freedonia",),
        "supported",
        3,
    )
    assert [r.number for r in _recs(db, "CEDAW/C/XLM/CO/6")] == [31]
    everything = run("--db", str(tmp_path / "all.sqlite"), "import", str(export), "--dry-run", "--json")
    assert (
        everything.returncode == 0
        and '"left_out": 0' in everything.stdout
        and '"mechanism": "UPR"' in everything.stdout
    )


@pytest.fixture(scope="module")
def upr_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("upr")
    return {
        "report": upr.build_docx(folder / "report.docx", upr.report_paragraphs()),
        "addendum": upr.build_docx(folder / "addendum.docx", upr.addendum_paragraphs()),
        "table": upr.build_docx(folder / "table.docx", upr.addendum_paragraphs()[:13], upr.addendum_table_rows()),
    }


def _check_report(db: Path) -> None:
    recs = _recs(db, upr.SYMBOL)
    assert [r.reference for r in recs] == [f"110.{n}" for n in range(1, 41)]
    first = recs[0]
    assert first.text == upr.recommendation(1)[0] and first.recommending_states == ("Chile", "Mexico")
    assert (first.mechanism, first.upr_session, first.upr_cycle, first.cluster) == ("UPR", "46", 4, None)
    assert recs[3].recommending_states == ("Iran (Islamic Republic of)",)


def test_upr_report_then_its_addendum(upr_files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    early = run("--db", str(db), "import", str(upr_files["addendum"]))
    assert early.returncode == 1 and len(early.stderr.strip().splitlines()) == 1
    assert "import the working group's report first" in early.stderr and "Traceback" not in early.stderr
    result = run("--db", str(db), "import", str(upr_files["report"]))
    assert result.returncode == 0, result.stderr
    assert f"Imported {upr.SYMBOL} (UPR): 40 paragraphs, 40 recommendations" in result.stdout
    _check_report(db)
    store = open_store(db)
    with store.session() as s:
        assert [(d.mechanism, d.type, d.country) for d in list_documents(s)] == [("UPR", "upr_report", "KHM")]
    store.close()
    preview = run("--db", str(db), "import", str(upr_files["addendum"]), "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "20 supported, 2 supported in part, 18 noted — 40 changed" in preview.stdout
    assert all(r.position is None for r in _recs(db, upr.SYMBOL))  # a dry run writes nothing
    applied = run("--db", str(db), "import", str(upr_files["addendum"]))
    assert applied.returncode == 0, applied.stderr
    assert [r.position for r in _recs(db, upr.SYMBOL)] == [upr.position(n) for n in range(1, 41)]
    again = run("--db", str(db), "import", str(upr_files["report"]))  # the report again keeps the positions
    assert again.returncode == 0 and "0 added, 0 updated, 40 unchanged" in again.stdout
    assert [r.position for r in _recs(db, upr.SYMBOL)] == [upr.position(n) for n in range(1, 41)]


def test_upr_pasted_text_and_a_table_addendum(upr_files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    pasted = run("--db", str(db), "import", "-", stdin="\n".join(upr.report_paragraphs()))
    assert pasted.returncode == 0, pasted.stderr
    _check_report(db)
    table = run("--db", str(db), "import", str(upr_files["table"]))
    assert table.returncode == 0, table.stderr
    assert [r.position for r in _recs(db, upr.SYMBOL)] == [upr.position(n) for n in range(1, 41)]
    # issue 22, item 6: the JSON listings carry the mechanism and the UPR fields, and filter by mechanism
    listed = json.loads(run("--db", str(db), "list", "recommendations", "--mechanism", "upr", "--json").stdout)
    assert [r["label"] for r in listed] == [f"110.{n}" for n in range(1, 41)]
    first = listed[0]
    assert (first["mechanism"], first["recommending_states"], first["session"], first["cycle"]) == (
        "UPR",
        ["Chile", "Mexico"],
        "46",
        4,
    )
    assert [r["position"] for r in listed] == [upr.position(n) for n in range(1, 41)]
    assert json.loads(run("--db", str(db), "list", "recommendations", "--mechanism", "CRC", "--json").stdout) == []
    documents = json.loads(run("--db", str(db), "list", "documents", "--json").stdout)
    assert [(d["symbol"], d["mechanism"]) for d in documents] == [(upr.SYMBOL, "UPR")]
    unknown = run("--db", str(db), "list", "documents", "--mechanism", "UNICEF")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


@pytest.mark.skipif(not soffice(), reason="LibreOffice (soffice) is not installed: no PDF to import")
def test_upr_report_and_addendum_as_pdf(upr_files: dict[str, Path], tmp_path: Path) -> None:
    report, addendum = to_pdf([upr_files["report"], upr_files["addendum"]])
    db = tmp_path / "s.sqlite"
    assert run("--db", str(db), "import", str(report)).returncode == 0
    _check_report(db)
    result = run("--db", str(db), "import", str(addendum))
    assert result.returncode == 0, result.stderr
    assert [r.position for r in _recs(db, upr.SYMBOL)] == [upr.position(n) for n in range(1, 41)]


def test_another_treaty_bodys_concluding_observations(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    source = write_cedaw(tmp_path / "cedaw.txt", cedaw_paragraphs())
    result = run("--db", str(db), "import", str(source))
    assert result.returncode == 0, result.stderr
    assert "Imported CEDAW/C/KHM/CO/6 (CEDAW): 6 paragraphs, 3 recommendations" in result.stdout
    recs = {r.number: r for r in _recs(db, "CEDAW/C/KHM/CO/6")}
    assert recs[4].mechanism == "CEDAW" and recs[4].cluster is None and recs[4].themes == ("Access to justice",)
    assert [p.label for p in recs[4].parts] == ["a", "b"]
    assert [(p.document, p.paragraph) for p in recs[4].previous] == [("CEDAW/C/KHM/CO/4-5", 13)]


def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path, upr_files: dict[str, Path]) -> None:
    db = tmp_path / "s.sqlite"
    assert run("--db", str(db), "import", str(upr_files["report"])).returncode == 0
    empty = upr.build_docx(tmp_path / "empty-addendum.docx", upr.addendum_paragraphs()[:13])
    result = run("--db", str(db), "import", str(empty))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "no positions on recommendations" in result.stderr
    wrong = run("--db", str(db), "import", str(upr_files["report"]), "--mechanism", "XYZ")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert all(r.position is None for r in _recs(db, upr.SYMBOL))
