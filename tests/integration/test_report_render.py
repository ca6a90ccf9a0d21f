"""The drafts as LibreOffice lays them out: converted to PDF once per test run, then read with pypdf.

Skipped, with the reason shown, only where LibreOffice (soffice) is not installed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from crc_reporter.reports import ReportOptions, generate_report
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.unit.reports.conftest import CO, LOIPR, add_loipr

pytestmark = pytest.mark.libreoffice

DRAFTS = {
    "state-en": ReportOptions(kind="state", document=CO, charts=True, contents_pages=True),
    "state-km": ReportOptions(kind="state", document=CO, lang="km", contents_pages=True),
    "state-fr": ReportOptions(kind="state", document=CO, lang="fr"),
    "loipr-en": ReportOptions(kind="loipr", document=LOIPR),
    "alternative-km": ReportOptions(kind="alternative", document=CO, lang="km", confidential_marking=True),
    "matrix-en": ReportOptions(kind="matrix", document=CO),
}
CLUSTER_HEADINGS = [
    "II. General measures of implementation",
    "III. Definition of the child",
    "IV. General principles",
    "V. Civil rights and freedoms",
    "VI. Violence against children",
    "VII. Family environment and alternative care",
    "VIII. Disability, basic health and welfare",
    "IX. Education, leisure and cultural activities",
    "X. Special protection measures",
    "XI. Follow-up to the Optional Protocols",
]


@pytest.fixture(scope="session")
def pdfs(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF rendering of the drafts is not checked")
    folder = tmp_path_factory.mktemp("render")
    store = open_store(copy_store(demo_template, folder / "demo.sqlite"), user="render")
    add_loipr(store)
    files = []
    with store.session() as session:
        for name, options in DRAFTS.items():
            out = folder / f"{name}.docx"
            generate_report(session, dataclasses.replace(options, out=out))
            files.append(str(out))
    store.close()
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *files,
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    return {name: PdfReader(folder / f"{name}.pdf") for name in DRAFTS}


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def test_state_report_clusters_in_order_with_references(pdfs: dict[str, PdfReader]) -> None:
    text = _text(pdfs["state-en"])
    body = text.index("This report of the Republic of Xamplia is submitted")
    positions = [text.index(heading, body) for heading in CLUSTER_HEADINGS]
    assert positions == sorted(positions)
    for number in (6, 24, 56, 57):
        assert f"Paragraph {number} " in text[body:]
    assert "(CRC/C/OPAC/XMP/CO/1)" in text[positions[-1] :]
    assert "Annex I: status of implementation of the recommendations" in text
    assert len(pdfs["state-en"].pages) > 20


def test_footnotes_at_the_bottom_of_their_page(pdfs: dict[str, PdfReader]) -> None:
    reader = pdfs["state-en"]
    wanted = "Judicial Training Academy, training completion report"
    found = []
    for page in reader.pages:
        height = float(page.mediabox.height)

        def visit(text: str, cm: object, tm: list[float], font: object, size: object, page_h: float = height) -> None:
            if wanted in text:
                found.append(tm[5] / page_h)

        page.extract_text(visitor_text=visit)
    assert found, "the footnote text is in the PDF"
    assert all(y < 0.3 for y in found), f"footnotes sit at the foot of the page (relative heights {found})"


def test_khmer_is_laid_out_with_a_khmer_font(pdfs: dict[str, PdfReader]) -> None:
    # text extraction maps shaped Khmer glyphs back to Unicode imperfectly: check words that survive it
    for name, word in (("state-km", "សិទ្ធិកុមារ"), ("alternative-km", "សម្ព័ន្ធភាព")):
        reader = pdfs[name]
        text = _text(reader)
        assert sum(1 for c in text if "\u1780" <= c <= "\u17ff") > 2000, name
        assert word in text, name
        fonts = {
            str(font.get_object()["/BaseFont"])
            for page in reader.pages[:5]
            for font in (page["/Resources"].get("/Font") or {}).values()
        }
        assert any("Khmer" in f for f in fonts), fonts
    alternative = pdfs["alternative-km"]
    assert all("សម្ង" in (page.extract_text() or "") for page in alternative.pages)  # "confidential", every page


def test_loipr_and_matrix(pdfs: dict[str, PdfReader]) -> None:
    text = _text(pdfs["loipr-en"])
    for number in (1, 2, 3, 4):
        assert f"Paragraph {number} " in text
    assert "Consultation on the draft Juvenile Justice Law" in text
    matrix = pdfs["matrix-en"]
    page = matrix.pages[1]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "Para. Recommendation Parts Responsible bodies Government status" in _text(matrix)
    assert all("Para." in (p.extract_text() or "") for p in matrix.pages[1:4])  # the header row repeats


def test_french_report_renders(pdfs: dict[str, PdfReader]) -> None:
    text = _text(pdfs["state-fr"])
    assert "II. Mesures d’application générales (art. 4, 42 et 44 (6))" in text
    assert "Paragraphe 56 " in text and "1er " in text and "Résultat :" in text  # (a no-break space)


def test_cli_prints_word_count_and_limit(tmp_path: Path, demo_template: Path) -> None:
    db = copy_store(demo_template, tmp_path / "cli.sqlite")
    out = tmp_path / "draft.docx"
    run = [sys.executable, "-m", "crc_reporter", "--db", str(db), "report"]
    result = subprocess.run(
        [*run, "state", "--document", CO, "--out", str(out)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"Words: [\d,]+ of 21,200 allowed", result.stdout)
    assert "3 confidential actions left out" in result.stdout and out.stat().st_size > 10_000
    result = subprocess.run(
        [*run, "matrix", "--document", CO, "--out", str(out), "--lang", "km"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "(no word limit)" in result.stdout
    out.write_bytes(b"keep me")
    bad = tmp_path / "bad.docx"
    bad.write_text("not a docx")
    result = subprocess.run(
        [*run, "state", "--document", CO, "--out", str(out), "--template", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "not a Word document" in result.stderr
    assert out.read_bytes() == b"keep me"
    result = subprocess.run(
        [*run, "loipr", "--document", CO, "--out", str(out)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "not a list of issues" in result.stderr


def test_contents_has_page_numbers_and_every_page_its_number(pdfs: dict[str, PdfReader]) -> None:
    """Laid out with LibreOffice when written, the contents list shows each heading's page."""
    for name in ("state-en", "state-km"):
        reader = pdfs[name]
        contents = reader.pages[1].extract_text() or ""
        numbers = [int(n) for n in re.findall(r"\.{4,}\s*(\d+)", contents)]
        assert len(numbers) > 10 and numbers == sorted(numbers) and numbers[0] >= 3, name
        for index, page in enumerate(reader.pages):
            last = (page.extract_text() or "").strip().splitlines()[-1].strip()
            assert last == str(index + 1) or last.endswith(f" {index + 1}"), (name, index, last)
