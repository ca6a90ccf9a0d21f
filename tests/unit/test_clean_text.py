"""Issue 21, finding 5: no control character or lone surrogate gets into a store, by any way in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.domain.text import clean_all, clean_text, is_clean
from crc_reporter.importers import load_source
from crc_reporter.services.actions import create_action
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Recommendation
from crc_reporter.store.open import open_store
from tests.conftest import copy_store
from tests.unit.importers.test_pdf_and_text import PASTED

CONTROLS = "".join(chr(c) for c in range(32) if c not in (9, 10))


def test_the_rule() -> None:
    assert clean_text("a\x00b\x01c\x1fd") == "abcd"
    assert clean_text("line\x0bbreak\x0cpage\r\nwindows\rmac") == "line break page\nwindows\nmac"
    assert clean_text("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert clean_text("lone \ud800 and \udfff") == "lone \ufffd and \ufffd"
    assert clean_text("ខ្មែរ français") == "ខ្មែរ français"
    assert all(is_clean(clean_text(CONTROLS + c)) for c in CONTROLS)


def test_clean_all_reaches_nested_and_frozen_values() -> None:
    from dataclasses import dataclass, field

    @dataclass(frozen=True)
    class Row:
        text: str
        tags: tuple[str, ...]

    @dataclass
    class Box:
        rows: list[Row] = field(default_factory=list)
        notes: dict[str, str] = field(default_factory=dict)

    box = clean_all(Box([Row("a\x00", ("b\x0b",))], {"k\x01": "v\ud800"}))
    assert box.rows[0] == Row("a", ("b ",))
    assert box.notes == {"k": "v\ufffd"}


def test_a_nul_after_8_kb_of_pasted_text_is_removed() -> None:
    text = PASTED.replace("recommends", "recom\x00mends\x0b", 3)
    assert len(PASTED.encode()) > 0
    padded = PASTED[:20] + " " * 9000 + text[20:]
    parsed = load_source(padded.encode("utf-8"), name="pasted.txt")
    for doc in parsed.documents:
        for paragraph in doc.paragraphs:
            assert is_clean(paragraph.text)
            assert all(is_clean(part.text) for part in paragraph.parts)


def test_a_service_write_is_cleaned(store: Store) -> None:
    with store.session() as session:
        action = create_action(session, "Title\x00 with \ud800", description="one\x0btwo\x1b")
        action_id = action.id
    with store.session() as session:
        saved = session.get(Action, action_id)
        assert saved is not None
        assert saved.title == "Title with \ufffd"
        assert saved.description == "one two"


def test_old_stores_are_cleaned_and_export_again(demo_template: Path, tmp_path: Path) -> None:
    """A store written before the rule: a vertical tab made export-xlsx an internal error for everybody."""
    path = copy_store(demo_template, tmp_path / "old.sqlite")
    conn = sqlite3.connect(path)
    with conn:
        rec_id = conn.execute("SELECT id FROM recommendation ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("UPDATE recommendation SET text = text || ? WHERE id = ?", (" zebrafish\x0bline", rec_id))
        conn.execute(
            "UPDATE action SET description = ? WHERE id = (SELECT MIN(id) FROM action)", ("a" * 9000 + "\x00b",)
        )
        # as a store of revision 0007 was: without what later revisions add
        conn.execute("DROP TABLE exchange_setting")
        conn.execute("ALTER TABLE recommendation_part DROP COLUMN translation")  # added by 0011
        conn.execute("DROP TABLE coalition_input")  # added by 0012
        conn.execute("DROP TABLE subheading_translation")  # added by 0012
        for table in ("proposed_change", "request_item", "update_request"):  # added by 0013
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
    conn.close()
    store = open_store(path, user="tester")
    try:
        with store.session() as session:
            text = session.scalar(select(Recommendation.text).where(Recommendation.id == rec_id))
            assert text is not None and text.endswith(" zebrafish line")
            assert all(is_clean(d or "") for d in session.scalars(select(Action.description)))
            export_tracker(session, tmp_path / "tracker.xlsx", include_confidential=True)
        conn = sqlite3.connect(path)
        try:
            conn.execute("INSERT INTO recommendation_fts(recommendation_fts) VALUES ('integrity-check')")
            hits = conn.execute("SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH 'zebrafish'")
            assert [row[0] for row in hits] == [rec_id]
        finally:
            conn.close()
    finally:
        store.close()
    assert (tmp_path / "tracker.xlsx").stat().st_size > 0


@pytest.mark.parametrize("bad", ["\x0b", "\x00", "\ud800"])
def test_a_new_export_after_an_edit_with_a_control_character(store: Store, tmp_path: Path, bad: str) -> None:
    with store.session() as session:
        create_action(session, "An action", description=f"before{bad}after")
    with store.session() as session:
        export_tracker(session, tmp_path / "out.xlsx", include_confidential=True)
