"""Issue 19, item 8: a sub-heading outside the glossary gets the French or Khmer wording a drafter typed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.subheading_translations import (
    set_subheading_translation,
    stored_subheadings,
    subheading_translations,
)
from crc_reporter.store.engine import Store
from tests.unit.reports.conftest import CO, body_text, headings, open_docx, write

OWN = "Children living near the border crossings"


def _own_subheading(store: Store) -> None:
    with store.session() as session:
        recommendation_by_ref(session, CO, 12).subheading = OWN


def test_french_and_khmer_drafts_use_the_wording_typed_once(demo_store: Store, tmp_path: Path) -> None:
    _own_subheading(demo_store)
    before = headings(open_docx(write(demo_store, tmp_path, "alternative", name="a.docx", lang="fr").path), 2)  # type: ignore[arg-type]
    assert f"Paragraphe 12\u00a0: {OWN}" in before  # untranslated: written as stored
    with demo_store.session() as session:
        assert OWN in stored_subheadings(session)
        assert (
            set_subheading_translation(session, f"  {OWN} ", "fr", "Enfants vivant près des postes-frontières") is None
        )
        set_subheading_translation(session, OWN, "km", "កុមាររស់នៅជិតច្រកព្រំដែន")
        assert subheading_translations(session, "fr") == {OWN: "Enfants vivant près des postes-frontières"}
    for kind in ("alternative", "state"):
        french = headings(open_docx(write(demo_store, tmp_path, kind, name=f"{kind}.docx", lang="fr").path), 2)  # type: ignore[arg-type]
        assert not any(OWN in h for h in french)
        assert any("Enfants vivant près des postes-frontières" in h for h in french)
    khmer = body_text(open_docx(write(demo_store, tmp_path, "alternative", name="km.docx", lang="km").path))  # type: ignore[arg-type]
    assert "កុមាររស់នៅជិតច្រកព្រំដែន" in khmer and OWN not in khmer
    english = body_text(open_docx(write(demo_store, tmp_path, "alternative", name="en.docx").path))  # type: ignore[arg-type]
    assert OWN in english  # English drafts keep the stored wording
    with demo_store.session() as session:
        assert set_subheading_translation(session, OWN, "fr", "") == "Enfants vivant près des postes-frontières"
        assert subheading_translations(session, "fr") == {}
        for bad in (("", "fr", "x"), (OWN, "en", "x"), (OWN, "de", "x"), (OWN, "fr", "x" * 301)):
            with pytest.raises(ValidationError):
                set_subheading_translation(session, *bad)


def test_the_wording_travels_in_exchange_packages(demo_store: Store, tmp_path: Path) -> None:
    import shutil

    from tests.exchange_support import export, merge, open_taking_unsigned

    path = Path(str(demo_store.engine.url.database))
    demo_store.close()
    shutil.copy(path, tmp_path / "other.sqlite")
    mine, theirs = open_taking_unsigned(path, user="mine"), open_taking_unsigned(tmp_path / "other.sqlite", user="b")
    try:
        with theirs.session() as session:
            set_subheading_translation(session, OWN, "fr", "Enfants vivant près des postes-frontières")
        merge(mine, export(theirs, tmp_path / "p.crcx"))
        with mine.session() as session:
            assert subheading_translations(session, "fr") == {OWN: "Enfants vivant près des postes-frontières"}
    finally:
        mine.close()
        theirs.close()
