"""The demo tracker as LibreOffice prints it: every recommendation's full text, landscape, headers on every page.

Spreadsheets do not fit a generated row to its wrapped text: without the row
heights the export sets, LibreOffice prints each paragraph one line high.
Skipped, with the reason shown, only where LibreOffice (soffice) is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.engine import Store

pytestmark = pytest.mark.libreoffice


def test_the_demo_tracker_prints_every_recommendation_in_full(demo_store: Store, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the printed tracker is not checked")
    with demo_store.session() as session:
        export_tracker(session, tmp_path / "tracker.xlsx")
        texts = [r.text for r in list_recommendations(session)]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "tracker.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    reader = PdfReader(tmp_path / "tracker.pdf")
    pages = [page.extract_text() or "" for page in reader.pages]
    printed = re.sub(r"\s+", "", "".join(pages))  # lines break inside words ("non-\ndiscrimination")
    cut = [text[:60] for text in texts if re.sub(r"\s+", "", text) not in printed]
    assert len(texts) > 100 and not cut, cut
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)  # landscape
    recommendation_pages = [re.sub(r"\s+", "", p) for p in pages if "Recommendations —" in p]
    assert len(recommendation_pages) > 5
    assert all("Governmentstatus" in p and "Civilsocietystatus" in p for p in recommendation_pages)  # on each page
    assert not any("UUID" in p for p in pages)  # the matching column is hidden
