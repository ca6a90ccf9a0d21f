"""Issue 18, item 7: a weaker copy (PDF, pasted text) never quietly overwrites one imported from a better form."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.importers import load_source
from crc_reporter.services.errors import WeakerSourceError
from crc_reporter.services.importing import apply_import, preview_import
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Document, Recommendation
from tests.co_content import co_2014
from tests.co_documents import build_docx
from tests.unit.importers.test_pdf_and_text import PASTED

SYMBOL = "CRC/C/KHM/CO/4-6"  # the symbol of the pasted text


def _snapshot(store: Store) -> list[tuple[int, str, str, str | None]]:
    with store.session() as s:
        rows = s.execute(
            select(Recommendation.number, Recommendation.text, Recommendation.kind, Recommendation.cluster).order_by(
                Recommendation.number
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _source_file(store: Store) -> str | None:
    with store.session() as s:
        return s.scalar(select(Document.source_file).where(Document.symbol == SYMBOL))


@pytest.fixture()
def from_word(store: Store, tmp_path: Path) -> Store:
    path = build_docx(co_2014(country="Cambodia", code="KHM"), tmp_path / "co.docx")
    with store.session() as s:
        apply_import(s, load_source(path))
    return store


def test_pasted_text_over_a_word_copy_is_refused_unless_replaced(from_word: Store) -> None:
    before = _snapshot(from_word)
    pasted = load_source(PASTED.encode("utf-8"), name="pasted text")
    with from_word.session() as s:
        preview = preview_import(s, pasted).documents[0]
    assert preview.weaker_than == "docx"
    assert preview.changed_numbers  # the preview lists what would change
    with pytest.raises(WeakerSourceError) as refused, from_word.session() as s:
        apply_import(s, pasted)
    message = str(refused.value)
    assert "\n" not in message and SYMBOL in message and "Word" in message
    assert refused.value.numbers == preview.changed_numbers
    assert _snapshot(from_word) == before and _source_file(from_word) == "co.docx"  # nothing changed

    with from_word.session() as s:
        applied = apply_import(s, pasted, replace=True)  # the person chose the pasted copy
    assert applied.applied and _snapshot(from_word) != before
    assert _source_file(from_word) == "pasted text"


def test_a_better_copy_replaces_a_weaker_one_without_asking(store: Store, tmp_path: Path) -> None:
    with store.session() as s:
        apply_import(s, load_source(PASTED.encode("utf-8"), name="pasted text"))
    path = build_docx(co_2014(country="Cambodia", code="KHM"), tmp_path / "co.docx")
    with store.session() as s:
        report = apply_import(s, load_source(path))
    assert report.documents[0].weaker_than is None and _source_file(store) == "co.docx"
