"""The store: opening, pragmas, migrations (with a backup first), refusals, audit trail."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from crc_reporter.domain.enums import Mechanism
from crc_reporter.services.documents import create_document
from crc_reporter.store import migrate
from crc_reporter.store.engine import Store
from crc_reporter.store.errors import NewerStoreError, StoreError
from crc_reporter.store.models import Article, AuditEntry, Cluster, Document, Treaty
from crc_reporter.store.open import open_store


def test_new_store_has_schema_reference_data_and_pragmas(store: Store) -> None:
    with store.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert {t.code for t in s.scalars(select(Treaty))} == {m.value for m in Mechanism}  # issue 22
        assert s.scalar(select(Article.title).where(Article.treaty_code == "CRC", Article.number == "12")) == (
            "Respect for the views of the child"
        )
        clusters = list(s.scalars(select(Cluster).order_by(Cluster.position)))
        assert [c.key for c in clusters][0] == "general_measures"
        assert clusters[4].articles == "19,24(3),28(2),34,37(a),39"
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_reopening_does_not_reseed_or_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    for _ in range(2):
        s = open_store(path, user="u")
        with s.session() as session:
            assert session.scalar(select(text("count(*)")).select_from(Article)) == 108
        s.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "x.sqlite")


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "x.sqlite", create=False)
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize("content", [b"hello, this is a text file\n" * 10, b"PK\x03\x04" + bytes(200)])
def test_non_database_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a CRC Reporter store"):
        open_store(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table customers (id integer primary key, name text)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a CRC Reporter store"):
        open_store(path)


def test_folder_as_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql+psycopg://nobody:secret@127.0.0.1:9/none")


def test_unknown_url_scheme_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("nosuchdb://host/x")


def _make_store_at(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_upgrade_from_first_migration_keeps_data_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _make_store_at(path, "0001")
    con = sqlite3.connect(path)
    con.execute("insert into treaty(code, title, short_title) values ('CRC', 'Convention', 'Convention')")
    con.execute(
        "insert into document(symbol, treaty_code, doc_type, title, language, notes, uuid, created_at, updated_at, version)"
        " values ('CRC/C/XMP/CO/1', 'CRC', 'concluding_observations', 't', 'en', '', 'u-1', '2020-01-01', '2020-01-01', 1)"
    )
    con.execute(
        "insert into recommendation(document_id, number, text, kind, urgent, articles, user_edited, uuid, created_at, updated_at, version)"
        " values (1, 7, 'The Committee recommends birth registration.', 'recommendation', 0, '', 0, 'u-2', '2020-01-01', '2020-01-01', 1)"
    )
    con.commit()
    con.close()

    s = open_store(path, user="u")
    try:
        assert migrate.current_revision(s.engine) == migrate.head_revision()
        backups = list((tmp_path / "backups").glob("old_*_before-upgrade-0001.sqlite"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as b:
            assert b.execute("select version_num from alembic_version").fetchone() == ("0001",)
            assert b.execute("select count(*) from recommendation").fetchone() == (1,)
        # the upgraded store kept the data and indexed it for search
        from crc_reporter.services.search import search_recommendation_ids

        with s.session() as session:
            assert session.scalar(select(Document.symbol)) == "CRC/C/XMP/CO/1"
            assert len(search_recommendation_ids(session, "birth regis")) == 1
    finally:
        s.close()


def test_empty_store_needs_no_backup(tmp_path: Path) -> None:
    s = open_store(tmp_path / "new.sqlite")
    s.close()
    assert not (tmp_path / "backups").exists()


def test_store_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerStoreError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before


def test_audit_trail_records_author_and_changes(store: Store) -> None:
    with store.session() as s:
        doc = create_document(s, "CRC/C/XMP/CO/5-6", title="First")
        uuid = doc.uuid
    with store.session() as s:
        s.scalar(select(Document)).title = "Second"  # type: ignore[union-attr]
    with store.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.id)))
    assert [e.operation for e in entries] == ["insert", "update"]
    assert all(e.user == "tester" for e in entries)
    assert json.loads(entries[1].changes) == {"title": ["First", "Second"]}


def test_failed_unit_of_work_changes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as s:
        create_document(s, "CRC/C/XMP/CO/5-6")
        raise RuntimeError("boom")
    with store.session() as s:
        assert s.scalar(select(Document)) is None
        assert s.scalar(select(AuditEntry)) is None


def test_migration_files_follow_the_naming_convention() -> None:
    """The fast path at open reads the head revision from file names: keep them ``NNNN_name.py``."""
    assert migrate._cached_head_if_known() == migrate.head_revision()
