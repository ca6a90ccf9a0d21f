"""``crc-reporter coalition``: a coalition's questions and proposed recommendations from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from crc_reporter.store.engine import Store
from tests.integration.test_cli import _one_line_error, run

CO = "CRC/C/XMP/CO/5-6"


def test_add_list_edit_delete_and_one_line_errors(demo_store: Store, tmp_path: Path) -> None:
    db = str(demo_store.engine.url.database)
    demo_store.close()
    added = run("--db", db, "coalition", "add-question", "--document", CO, "--paragraph", "12", "How many children?")
    assert added.returncode == 0, added.stderr
    assert "Question 1 added (paragraph 12)." in added.stdout
    rec = run(
        "--db", db, "coalition", "add-recommendation", "--document", CO, "--cluster", "education",
        "Make secondary education free.", "--json",
    )  # fmt: skip
    assert rec.returncode == 0 and json.loads(rec.stdout)["cluster"] == "education"
    assert run("--db", db, "coalition", "edit", "1", "How many children were detained?").returncode == 0
    listed = json.loads(run("--db", db, "coalition", "list", "--document", CO, "--json").stdout)
    assert [(e["kind"], e["paragraph"], e["cluster"], e["text"]) for e in listed] == [
        ("question", 12, "general_measures", "How many children were detained?"),
        ("recommendation", None, "education", "Make secondary education free."),
    ]
    report = tmp_path / "alt.docx"
    written = run("--db", db, "report", "alternative", "--document", CO, "--out", str(report), "--no-contents-pages")
    assert written.returncode == 0, written.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "1. How many children were detained? (paragraph 12)" in text
    assert "1. Make secondary education free." in text
    assert run("--db", db, "coalition", "delete", "1").returncode == 0
    assert len(json.loads(run("--db", db, "coalition", "list", "--document", CO, "--json").stdout)) == 1
    for bad in (
        ("add-question", "--document", CO, "--paragraph", "9999", "Text"),
        ("add-question", "--document", "CRC/C/NOPE/CO/1", "--paragraph", "1", "Text"),
        ("add-question", "--document", CO, "--paragraph", "12", "   "),
        ("edit", "9999", "Text"),
    ):
        _one_line_error(run("--db", db, "coalition", *bad))
    french = run("--db", db, "coalition", "delete", "9999", env={"CRC_REPORTER_LANG": "fr"})
    _one_line_error(french)
    assert "aucune question" in french.stderr


def test_subheading_set_list_and_errors(demo_store: Store) -> None:
    from crc_reporter.services.common import recommendation_by_ref

    with demo_store.session() as session:
        recommendation_by_ref(session, CO, 12).subheading = "Children near the border"
    db = str(demo_store.engine.url.database)
    demo_store.close()
    listed = json.loads(run("--db", db, "subheading", "list", "--lang", "km", "--json").stdout)
    assert listed == [{"subheading": "Children near the border", "translation": None}]  # the glossary has the rest
    done = run("--db", db, "subheading", "set", "Children near the border", "កុមារនៅជិតព្រំដែន", "--lang", "km")
    assert done.returncode == 0 and "saved" in done.stdout
    listed = json.loads(run("--db", db, "subheading", "list", "--lang", "km", "--json").stdout)
    assert listed == [{"subheading": "Children near the border", "translation": "កុមារនៅជិតព្រំដែន"}]
    _one_line_error(run("--db", db, "subheading", "set", "  ", "x", "--lang", "fr"))
