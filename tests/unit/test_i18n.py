"""Languages below the interface: switching, the pseudo-locale, Khmer digits, sort keys, migration 0007."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from crc_reporter import i18n
from crc_reporter.i18n import pseudo as pseudo_module
from crc_reporter.services.search import search_recommendation_ids, spellings
from crc_reporter.store import migrate
from crc_reporter.store.open import open_store


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_khmer_digits(False)


def test_switching_the_language_translates_at_once(language: None) -> None:
    i18n.set_language("km")
    assert i18n._("Recommendations") == "អនុសាសន៍"
    assert i18n.current_locale() == "km_KH"
    i18n.set_language("fr")
    assert i18n._("Recommendations") == "Recommandations"
    assert i18n.ngettext("{n} day left", "{n} days left", 2).format(n=2) == "2 jours restants"
    assert i18n.set_language("de") == "en"  # a language we do not ship falls back to English
    assert i18n._("Recommendations") == "Recommendations"


def test_environment_forces_a_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRC_REPORTER_LANG", "xx")
    assert i18n.forced_language() == "xx" and i18n.initial_language() == "xx"
    monkeypatch.setenv("CRC_REPORTER_LANG", "tlh")
    assert i18n.forced_language() is None


def test_pseudo_locale_is_made_on_the_fly(language: None) -> None:
    i18n.set_language("xx")
    text = i18n._("Save changes")
    assert text.startswith("[") and text.endswith("]") and "Save" not in text
    assert len(text) >= len("Save changes") * 1.35
    assert i18n._("{count} in {folder}").format(count=3, folder="/tmp").count("3") == 1  # fields survive
    assert pseudo_module.pseudo("QT_LAYOUT_DIRECTION") == "QT_LAYOUT_DIRECTION"  # Qt must still read LTR
    assert not (i18n.translations_path("xx")).exists()  # no catalog is committed for it


def test_khmer_digits_only_in_the_khmer_interface(language: None) -> None:
    from crc_reporter.ui.formatting import integer, long_date, number, short_date

    day = dt.date(2023, 6, 30)
    i18n.set_language("km")
    assert number(21200) == "21,200" and long_date(day) == "30 មិថុនា 2023"
    i18n.set_khmer_digits(True)
    assert number(21200) == "២១,២០០"
    assert long_date(day) == "៣០ មិថុនា ២០២៣"
    assert short_date(day) == "២០២៣-០៦-៣០" and integer(57) == "៥៧"
    i18n.set_language("fr")  # the setting waits for the Khmer interface
    assert long_date(day) == "30 juin 2023" and number(36.5, 1) == "36,5"


def test_sort_key_puts_accented_words_in_place() -> None:
    names = ["Zèbre", "École", "Éducation", "Ministère", "ក្រសួងយុត្តិធម៌", "ក្រសួងអប់រំ", "eau"]
    assert sorted(names, key=i18n.sort_key)[:5] == ["eau", "École", "Éducation", "Ministère", "Zèbre"]
    # Khmer keeps its vowel signs and subscripts: two different ministries stay apart, in code-point order
    assert i18n.sort_key("ក្រសួងយុត្តិធម៌") != i18n.sort_key("ក្រសួងអប់រំ")
    assert sorted(names, key=i18n.sort_key)[5:] == ["ក្រសួងយុត្តិធម៌", "ក្រសួងអប់រំ"]


def test_khmer_spellings_of_one_word() -> None:
    assert set(spellings("ស្តី")) == {"ស្តី", "ស្ដី"}
    assert spellings("justice") == ["justice"]


def _store_at(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _insert_paragraph(path: Path, text: str) -> None:
    con = sqlite3.connect(path)
    con.execute("insert or ignore into treaty(code, title, short_title) values ('CRC', 'Convention', 'Convention')")
    con.execute(
        "insert into document(symbol, treaty_code, doc_type, title, language, notes, uuid, created_at, updated_at, "
        "version) values ('CRC/C/XMP/CO/1', 'CRC', 'concluding_observations', 't', 'en', '', 'u-1', '2020-01-01', "
        "'2020-01-01', 1)"
    )
    con.execute(
        "insert into recommendation(document_id, number, text, kind, urgent, articles, user_edited, uuid, "
        "created_at, updated_at, version) values (1, 7, ?, 'recommendation', 0, '', 0, 'u-2', '2020-01-01', "
        "'2020-01-01', 1)",
        (text,),
    )
    con.commit()
    con.close()


def test_migration_0007_indexes_existing_khmer_text(tmp_path: Path) -> None:
    """A store of revision 0005 holding Khmer text: after the upgrade, a word inside it is found."""
    path = tmp_path / "old.sqlite"
    _store_at(path, "0005")
    _insert_paragraph(path, "គណៈកម្មាធិការផ្តល់អនុសាសន៍ឱ្យពង្រឹងប្រព័ន្ធយុត្តិធម៌")
    s = open_store(path, user="u")
    try:
        assert migrate.current_revision(s.engine) == migrate.head_revision()
        with s.session() as session:
            assert len(search_recommendation_ids(session, "ប្រព័ន្ធ")) == 1  # indexed by the migration itself
            assert len(search_recommendation_ids(session, "recommends")) == 0
    finally:
        s.close()


def test_migration_0007_goes_down_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    _store_at(path, "head")
    _insert_paragraph(path, "The Committee recommends birth registration.")
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    engine.dispose()
    con = sqlite3.connect(path)
    try:
        columns = {row[1] for row in con.execute("PRAGMA table_info(recommendation)")}
        assert "translation" not in columns and "translation_lang" not in columns
        tables = {row[0] for row in con.execute("select name from sqlite_master")}
        assert "recommendation_trgm_fts" not in tables and "action_trgm_fts" not in tables
        assert con.execute("select rowid from recommendation_fts where recommendation_fts match 'birth'").fetchall()
    finally:
        con.close()


def test_compiled_catalog_is_cached_between_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing a .po file costs about 0.25 s at every start; the compiled form is kept in the user's cache."""
    from babel.messages import pofile

    from crc_reporter.paths import user_data_dir

    i18n.translator.cache_clear()
    try:
        assert i18n.translator("fr").gettext("Dashboard") == "Tableau de bord"
        cached = list((user_data_dir() / "cache").glob("messages-fr-*.mo"))
        assert len(cached) == 1
        i18n.translator.cache_clear()

        def no_parsing(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("the .po file was parsed again")

        monkeypatch.setattr(pofile, "read_po", no_parsing)
        assert i18n.translator("fr").gettext("Dashboard") == "Tableau de bord"  # from the cache
    finally:
        i18n.translator.cache_clear()
