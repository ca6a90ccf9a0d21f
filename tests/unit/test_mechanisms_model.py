"""Issue 22, the model: documents of every mechanism, UPR fields on recommendations, the 0014 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from crc_reporter.domain.enums import DocumentType, Mechanism
from crc_reporter.domain.symbols import SymbolError, is_addendum, parse_symbol
from crc_reporter.services.documents import create_document, get_document, list_documents
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.recommendation_queries import get_recommendation_info
from crc_reporter.services.recommendation_rows import recommendation_rows
from crc_reporter.services.recommendations import create_recommendation, update_recommendation
from crc_reporter.store import migrate
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store


@pytest.mark.parametrize(
    ("symbol", "mechanism", "doc_type", "country"),
    [
        ("CEDAW/C/KHM/CO/6", Mechanism.CEDAW, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("crpd/c/khm/co/1", Mechanism.CRPD, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("CAT/C/KHM/CO/3", Mechanism.CAT, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("E/C.12/KHM/CO/1", Mechanism.CESCR, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("CCPR/C/KHM/CO/3", Mechanism.CCPR, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
        ("A/HRC/56/17", Mechanism.UPR, DocumentType.UPR_REPORT, None),
        ("CRC/C/OPAC/KHM/CO/1", Mechanism.OPAC, DocumentType.CONCLUDING_OBSERVATIONS, "KHM"),
    ],
)
def test_symbols_of_every_mechanism(symbol: str, mechanism: Mechanism, doc_type: DocumentType, country: str) -> None:
    info = parse_symbol(symbol)
    assert (info.treaty, info.doc_type, info.country) == (mechanism, doc_type, country)


def test_addenda_and_strangers() -> None:
    assert is_addendum("A/HRC/56/17/Add.1") and not is_addendum("A/HRC/56/17")
    assert parse_symbol("a/hrc/56/17/add.1").symbol == "A/HRC/56/17/Add.1"
    for bad in ("HRC/56/17", "XYZ/C/KHM/CO/1", "A/HRC/x/17"):
        with pytest.raises(SymbolError):
            parse_symbol(bad)


def test_upr_recommendation_fields_are_written_and_read(store: Store) -> None:
    with store.session() as s:
        doc = create_document(s, "A/HRC/56/17", country="KHM")
        assert doc.treaty_code == "UPR" and doc.doc_type == "upr_report"
        rec = create_recommendation(
            s,
            "A/HRC/56/17",
            45,
            "Strengthen the juvenile justice system.",
            label="110.45",
            recommending_states=["Chile", " Mexico ", "Chile"],
            position="supported_in_part",
            upr_session="46",
            upr_cycle=4,
            cluster="special_protection",
            cluster_confirmed=False,
        )
        rec_id = rec.id
    with store.session() as s:
        info = get_recommendation_info(s, rec_id)
        assert info is not None
        assert (info.mechanism, info.reference, info.recommending_states) == ("UPR", "110.45", ("Chile", "Mexico"))
        assert (info.position, info.upr_session, info.upr_cycle) == ("supported_in_part", "46", 4)
        assert (info.cluster, info.cluster_confirmed) == ("special_protection", False)
        row = next(r for r in recommendation_rows(s) if r.id == rec_id)
        assert (row.treaty, row.label, row.recommending_states, row.position) == (
            "UPR",
            "110.45",
            ("Chile", "Mexico"),
            "supported_in_part",
        )
        assert get_document(s, "A/HRC/56/17").mechanism == "UPR"
        previous = update_recommendation(
            s, rec_id, position="noted", cluster_confirmed=True, recommending_states=["Peru"]
        )
        assert previous["position"] == "supported_in_part"
        with pytest.raises(ValidationError, match="position"):
            update_recommendation(s, rec_id, position="accepted")
        with pytest.raises(ValidationError, match="cycle"):
            update_recommendation(s, rec_id, upr_cycle="four")
    with store.session() as s:
        info = get_recommendation_info(s, rec_id)
        assert info is not None and (info.position, info.cluster_confirmed, info.recommending_states) == (
            "noted",
            True,
            ("Peru",),
        )


def test_a_store_of_revision_0013_upgrades_and_stays_all_crc(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0013")
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute("insert into treaty(code, title, short_title) values ('CRC', 'Convention', 'Convention')")
        con.execute(
            "insert into cluster(key, position, title, articles_text, articles)"
            " values ('special_protection', 8, 't', '', '')"
        )
        con.execute(
            "insert into document(symbol, treaty_code, doc_type, title, language, notes, uuid, created_at,"
            " updated_at, version) values ('CRC/C/XMP/CO/1', 'CRC', 'concluding_observations', 't', 'en', '',"
            " 'u-1', '2020-01-01', '2020-01-01', 1)"
        )
        con.execute(
            "insert into recommendation(document_id, number, text, kind, urgent, articles, user_edited, uuid,"
            " created_at, updated_at, version, cluster) values (1, 7, 'Register every birth.', 'recommendation', 0,"
            " '', 0, 'u-2', '2020-01-01', '2020-01-01', 1, 'special_protection')"
        )
    con.close()
    store = open_store(path, user="u")
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.session() as s:
            assert [d.mechanism for d in list_documents(s)] == ["CRC"]
            info = get_recommendation_info(s, 1)
            assert info is not None
            assert (info.mechanism, info.label, info.reference, info.recommending_states) == ("CRC", None, "7", ())
            assert (info.position, info.upr_session, info.upr_cycle) == (None, None, None)
            assert (info.cluster, info.cluster_confirmed) == ("special_protection", True)
            create_document(s, "CEDAW/C/XMP/CO/6")  # the other mechanisms are in the reference data
    finally:
        store.close()
