"""``crc-reporter cluster``, ``related`` and ``report matrix --mechanism`` (issue 22, items 3 and 4)."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from crc_reporter.store.engine import Store
from tests.integration.test_cli import _one_line_error, run
from tests.mechanisms_fixture import CO, UPR, add_other_mechanisms


def test_clusters_proposed_confirmed_and_related_links(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        add_other_mechanisms(session)
    db = str(demo_store.engine.url.database)
    demo_store.close()

    proposed = json.loads(run("--db", db, "cluster", "propose", "--mechanism", "UPR", "--json").stdout)
    by_ref = {p["reference"]: p for p in proposed}
    assert by_ref["110.45"]["proposed"] == "special_protection" and by_ref["110.45"]["cluster"] is None
    assert by_ref["110.52"]["proposed"] is None
    placed = run("--db", db, "cluster", "set", UPR, "110.52", "general_measures")
    assert placed.returncode == 0 and "A/HRC/56/12 110.52 placed" in placed.stdout
    accepted = run("--db", db, "cluster", "accept", "--mechanism", "UPR")
    assert accepted.returncode == 0 and "12 recommendations placed" in accepted.stdout  # 110.52: no proposal

    pairs = json.loads(run("--db", db, "related", "propose", "--json", "--limit", "200").stdout)
    assert pairs and all(p["first"]["mechanism"] != p["second"]["mechanism"] for p in pairs)
    assert any(p["first"]["reference"] == "57" and p["second"]["reference"] == "110.47" for p in pairs)
    linked = run("--db", db, "related", "link", CO, "57", UPR, "110.47")
    assert linked.returncode == 0 and "Linked: CRC/C/XMP/CO/5-6 57 and A/HRC/56/12 110.47." in linked.stdout
    listed = json.loads(run("--db", db, "related", "list", "--json").stdout)
    assert [(r["first"]["reference"], r["second"]["reference"]) for r in listed] == [("57", "110.47")]

    report = tmp_path / "state.docx"
    written = run("--db", db, "report", "state", "--document", CO, "--out", str(report), "--no-contents-pages")
    assert written.returncode == 0, written.stderr
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "See also UPR recommendation 110.47, supported." in text

    assert run("--db", db, "related", "unlink", CO, "57", UPR, "110.47").returncode == 0
    _one_line_error(
        run("--db", db, "report", "matrix", "--document", CO, "--mechanism", "CRPD", "--out", str(tmp_path / "x.docx"))
    )
    french = run("--db", db, "related", "link", CO, "57", UPR, "110.99", env={"CRC_REPORTER_LANG": "fr"})
    _one_line_error(french)
    assert "110.99" in french.stderr and "recommandation" in french.stderr
