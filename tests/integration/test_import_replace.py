"""Issue 18, item 7 on the command line: pasted text over a Word copy is refused in one line unless --replace."""

from __future__ import annotations

import json
from pathlib import Path

from tests.co_content import co_2014
from tests.co_documents import build_docx
from tests.integration.test_cli import run
from tests.unit.importers.test_pdf_and_text import PASTED


def test_pasted_text_needs_replace_over_a_word_copy(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    word = build_docx(co_2014(country="Cambodia", code="KHM"), tmp_path / "co.docx")
    assert run("--db", str(db), "import", str(word)).returncode == 0
    before = run("--db", str(db), "list", "recommendations", "--json").stdout

    refused = run("--db", str(db), "import", "-", stdin=PASTED)
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1 and "--replace" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run("--db", str(db), "list", "recommendations", "--json").stdout == before  # nothing changed

    replaced = run("--db", str(db), "import", "-", "--replace", "--json", stdin=PASTED)
    assert replaced.returncode == 0, replaced.stderr
    assert json.loads(replaced.stdout)["documents"][0]["changes"]["updated"]  # the person chose this copy
