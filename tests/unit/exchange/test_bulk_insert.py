"""A large merge copies paragraphs and actions in one statement per table; their full-text index is whole."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from crc_reporter.services import exchange as ex
from crc_reporter.services.demo import load_demo
from crc_reporter.services.exchange import bulk
from crc_reporter.services.search import search_action_ids, search_recommendation_ids
from crc_reporter.store.engine import Store
from tests.exchange_support import open_taking_unsigned


def test_a_merge_into_an_empty_store_indexes_every_paragraph_and_action(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        load_demo(session, 5)  # more rows than bulk.STAGE_FROM in both indexed tables
        ex.export_package(session, tmp_path / "demo.crcx", include_confidential=True)
        wanted_recs = search_recommendation_ids(session, "birth registration")
        wanted_actions = search_action_ids(session, "juvenile")
    copy = open_taking_unsigned(tmp_path / "copy.sqlite", user="copy")
    try:
        with copy.session() as session:
            result = ex.merge_package(session, ex.open_package(tmp_path / "demo.crcx"))
        assert result.added["recommendation"] >= bulk.STAGE_FROM and result.added["action"] >= bulk.STAGE_FROM
        with copy.session() as session:
            assert len(search_recommendation_ids(session, "birth registration")) == len(wanted_recs) > 0
            assert len(search_action_ids(session, "juvenile")) == len(wanted_actions) > 0
            for fts in ("recommendation_fts", "recommendation_trgm_fts", "action_fts", "action_trgm_fts"):
                session.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')"))
            leftovers = session.execute(text("SELECT name FROM temp.sqlite_master WHERE name LIKE 'crc_stage_%'"))
            assert not leftovers.all()
            for fts in ("recommendation_fts", "recommendation_trgm_fts", "action_fts", "action_trgm_fts"):
                # the roomier pending-terms size of the copy is not left behind for the window's small edits
                size = session.execute(text(f"SELECT v FROM {fts}_config WHERE k = 'hashsize'")).scalar()
                assert size in (None, bulk.FTS_HASHSIZE_DEFAULT)
    finally:
        copy.close()


def test_times_already_in_the_stored_form_are_recognised_without_converting_each() -> None:
    stored = ["2026-11-21 08:26:00.123456", None, "2026-11-21"]
    assert bulk._stored_form(stored)
    assert [bulk._sqlite_time(v) for v in stored] == stored  # what converting would have given
    assert not bulk._stored_form(["2026-11-21T08:26:00.123456"])  # from a server's package: converted
    assert not bulk._stored_form(["2026-11-21 08:26:00"])  # no microseconds: converted
    assert not bulk._stored_form([bulk.dt.datetime(2026, 11, 21, 8, 26)])
    assert bulk._sqlite_time("2026-11-21T08:26:00.123456") == "2026-11-21 08:26:00.123456"
