"""``crc-reporter import`` as a person or a script uses it: real processes, real files, exit codes, the store."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.co_content import co_2014, co_opac
from tests.co_documents import build_docx, soffice, to_pdf
from tests.integration.test_cli import run
from tests.uhri_fixture import build_uhri_csv
from tests.unit.importers.test_hostile import LAUGHS
from tests.unit.importers.test_pdf_and_text import PASTED

SYMBOL = "CRC/C/XLM/CO/4-6"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("import-cli")
    out = {
        "docx": build_docx(co_2014(), folder / "co.docx", numbering="auto", letters="restart"),
        "opac": build_docx(co_opac(), folder / "opac.docx"),
        "uhri": build_uhri_csv(folder / "uhri.csv"),
    }
    good = out["docx"].read_bytes()
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / "random.docx").write_bytes(os.urandom(4000))
    (hostile / "empty.docx").write_bytes(b"")
    (hostile / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    (hostile / "truncated.docx").write_bytes(good[: len(good) // 2])
    (hostile / "bomb.docx").write_bytes(_with_member(good, "word/document.xml", b" " * (20 * 1024 * 1024)))
    (hostile / "laughs.docx").write_bytes(_with_member(good, "word/document.xml", LAUGHS.encode()))
    (hostile / "columns.csv").write_text("Name,Amount\nx,1\n", encoding="utf-8")
    (hostile / "letter.pdf").write_text("Dear colleagues,\n", encoding="utf-8")
    out["hostile"] = hostile
    return out


def _with_member(data: bytes, member: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, content if name == member else src.read(name))
    return buffer.getvalue()


def _recommendations(db: Path) -> list[dict]:
    result = run("--db", str(db), "list", "recommendations", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_import_word_then_list_and_reimport(files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    spec = co_2014()
    result = run("--db", str(db), "import", str(files["docx"]))
    assert result.returncode == 0, result.stderr
    recs_count = sum(p.kind == "recommendation" for p in spec.paragraphs)
    urgent = sum(p.urgent for p in spec.paragraphs)
    assert result.stdout.strip() == (
        f"Imported {SYMBOL} (CRC): {len(spec.paragraphs)} paragraphs, {recs_count} recommendations, {urgent} urgent"
        f" — {len(spec.paragraphs)} added, 0 updated, 0 unchanged."
    )
    recs = _recommendations(db)
    assert [r["number"] for r in recs] == [p.number for p in spec.paragraphs]
    by_number = {r["number"]: r for r in recs}
    for want in spec.paragraphs:
        got = by_number[want.number]
        assert (got["kind"], got["cluster"], got["urgent"]) == (want.kind, want.cluster, want.urgent)
        assert [p["label"] for p in got["parts"]] == [chr(97 + i) for i in range(len(want.parts))]
        assert sorted(got["sdg_targets"]) == sorted(want.sdg)
        assert sorted((p["document"], p["paragraph"]) for p in got["previous"]) == sorted(want.previous)
    docs = json.loads(run("--db", str(db), "list", "documents", "--json").stdout)
    assert docs[0]["next_report_due"] == "2027-11-14" and docs[0]["word_limit"] == 21200

    again = run("--db", str(db), "import", str(files["docx"]))
    assert again.returncode == 0 and f"0 added, 0 updated, {len(spec.paragraphs)} unchanged" in again.stdout
    assert _recommendations(db) == recs


def test_dry_run_json_preview_writes_nothing(files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    result = run("--db", str(db), "import", str(files["opac"]), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    preview = json.loads(result.stdout)
    assert preview["dry_run"] is True and preview["applied"] is False and preview["format"] == "docx"
    doc = preview["documents"][0]
    assert doc["symbol"] == "CRC/C/OPAC/XLM/CO/1" and doc["treaty"] == "OPAC" and doc["exists"] is False
    assert doc["changes"]["added"] == [p["number"] for p in doc["items"]]
    assert {i["cluster"] for i in doc["items"]} == {None, "optional_protocols"}
    assert all({"number", "kind", "cluster", "urgent", "parts", "text", "status"} <= set(i) for i in doc["items"])
    assert not db.exists()  # a dry run does not even create the store


def test_pasted_text_on_standard_input(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    result = run("--db", str(db), "import", "-", stdin=PASTED)
    assert result.returncode == 0, result.stderr
    assert "Imported CRC/C/KHM/CO/4-6 (CRC): 8 paragraphs" in result.stdout
    nameless = "\n".join(line for line in PASTED.splitlines() if "CRC/C/KHM/CO/4-6" not in line)
    refused = run("--db", str(tmp_path / "other.sqlite"), "import", "-", stdin=nameless)
    assert refused.returncode == 1 and "symbol" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    given = run("--db", str(tmp_path / "other.sqlite"), "import", "-", "--symbol", "CRC/C/KHM/CO/4-6", stdin=nameless)
    assert given.returncode == 0, given.stderr


@pytest.mark.skipif(not soffice(), reason="LibreOffice (soffice) is not installed: no PDF to import")
def test_import_pdf_matches_word(files: dict[str, Path], tmp_path: Path) -> None:
    (pdf,) = to_pdf([files["docx"]])
    db_word, db_pdf = tmp_path / "w.sqlite", tmp_path / "p.sqlite"
    assert run("--db", str(db_word), "import", str(files["docx"])).returncode == 0
    result = run("--db", str(db_pdf), "import", str(pdf))
    assert result.returncode == 0, result.stderr
    strip = ("uuid",)
    word = [{k: v for k, v in r.items() if k not in strip} for r in _recommendations(db_word)]
    from_pdf = [{k: v for k, v in r.items() if k not in strip} for r in _recommendations(db_pdf)]
    assert from_pdf == word


def test_uhri_export_keeps_rows_of_no_known_mechanism_apart(files: dict[str, Path], tmp_path: Path) -> None:
    db, others = tmp_path / "store.sqlite", tmp_path / "others.csv"
    result = run("--db", str(db), "import", str(files["uhri"]), "--other-mechanisms-file", str(others))
    assert result.returncode == 0, result.stderr
    assert "1 row of no known mechanism kept apart" in result.stdout
    assert {r["document"] for r in _recommendations(db)} == {
        SYMBOL,
        "CRC/C/OPAC/XLM/CO/1",
        "A/HRC/41/17",
        "CEDAW/C/XLM/CO/6",
    }
    with others.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["body"] for r in rows} == {"Regional Forum"}
    skipped = run("--db", str(tmp_path / "s.sqlite"), "import", str(files["uhri"]))
    assert skipped.returncode == 0 and "Regional Forum: 1" in skipped.stderr


HOSTILE = {
    "random.docx": "is not a Word document",
    "empty.docx": "is empty",
    "old.doc": "old binary Office file",
    "truncated.docx": "damaged or incomplete",
    "bomb.docx": "zip bomb",
    "laughs.docx": "document type declaration",
    "columns.csv": "does not look like a UHRI export",
    "letter.pdf": "is not a PDF",
}


@pytest.fixture(scope="module")
def filled_db(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile-db") / "store.sqlite"
    assert run("--db", str(db), "import", str(files["docx"])).returncode == 0
    return db


def _fingerprint(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(db.parent.glob(db.name + "*"))}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_change_nothing(files: dict[str, Path], filled_db: Path, name: str) -> None:
    before = _fingerprint(filled_db)
    result = run("--db", str(filled_db), "import", str(files["hostile"] / name))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and HOSTILE[name] in lines[0] and "Traceback" not in result.stderr
    assert _fingerprint(filled_db) == before  # the store's files are byte for byte the same


def test_import_takes_a_backup_of_the_store_first(files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    result = run("--db", str(db), "import", str(files["docx"]))
    assert result.returncode == 0, result.stderr
    backups = list((tmp_path / "backups").glob("*before-import*"))
    assert len(backups) == 1
