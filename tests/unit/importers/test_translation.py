"""Issue 18, item 2: a Khmer translation of the demo's concluding observations, brought in beside the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.importers import load_source
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.translations import import_translation, report_lines
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Document, Recommendation, RecommendationPart
from tests.khmer_translation import SYMBOL, as_docx, as_text, demo_paragraphs, paragraph_text, part_text

MISSING = 12


def _everything(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every stored value of every document, paragraph and part (translations apart)."""
    with store.session() as s:
        return {
            "documents": [tuple(r) for r in s.execute(select(Document.symbol, Document.title, Document.date))],
            "recommendations": [
                tuple(r)
                for r in s.execute(
                    select(
                        Recommendation.number,
                        Recommendation.text,
                        Recommendation.kind,
                        Recommendation.cluster,
                        Recommendation.urgent,
                        Recommendation.articles,
                        Recommendation.user_edited,
                    ).order_by(Recommendation.id)
                )
            ],
            "parts": [
                tuple(r)
                for r in s.execute(
                    select(RecommendationPart.label, RecommendationPart.text, RecommendationPart.position).order_by(
                        RecommendationPart.id
                    )
                )
            ],
        }


def _translations(store: Store) -> dict[int, tuple[str | None, str | None, list[str | None]]]:
    with store.session() as s:
        doc = s.scalar(select(Document).where(Document.symbol == SYMBOL))
        assert doc is not None
        return {
            rec.number: (rec.translation, rec.translation_lang, [p.translation for p in rec.parts])
            for rec in doc.recommendations
        }


@pytest.mark.parametrize("form", ["docx", "text"])
def test_khmer_translation_fills_every_matched_paragraph(demo_store: Store, tmp_path: Path, form: str) -> None:
    source = (
        load_source(as_docx(tmp_path / "km.docx", MISSING))
        if form == "docx"
        else load_source(as_text(MISSING).encode("utf-8"), name="km.txt")
    )
    assert source.documents[0].language == "km"  # recognised by its script
    before, earlier = _everything(demo_store), _translations(demo_store)
    with demo_store.session() as s:
        report = import_translation(s, source, SYMBOL, "km")

    numbers = [p["number"] for p in demo_paragraphs()]
    assert report.missing == (MISSING,)  # reported, not silently skipped
    assert report.matched == tuple(n for n in numbers if n != MISSING)
    assert report.unknown == () and report.unmatched_parts == ()
    assert report.replaced == tuple(n for n, (text, _l, _p) in earlier.items() if text and n != MISSING)
    head, warnings = report_lines(report)
    assert f"{len(numbers) - 1} paragraphs" in head and any(str(MISSING) in w for w in warnings)

    after = _translations(demo_store)
    for para in demo_paragraphs():
        number, parts = para["number"], para.get("parts", [])
        if number == MISSING:
            assert after[number] == earlier[number]
            continue
        text, lang, part_translations = after[number]
        assert lang == "km"
        assert text is not None and text.startswith(paragraph_text(number, bool(parts)).replace("\u200b", ""))
        assert part_translations == [part_text(number, i).replace("\u200b", "") for i in range(len(parts))]
    assert _everything(demo_store) == before  # nothing else of the original changed


def test_the_translation_needs_a_stored_document_and_a_known_language(demo_store: Store) -> None:
    source = load_source(as_text(MISSING).encode("utf-8"), name="km.txt")
    with pytest.raises(NotFoundError), demo_store.session() as s:
        import_translation(s, source, "CRC/C/XMP/CO/9", "km")
    with pytest.raises(ValidationError), demo_store.session() as s:
        import_translation(s, source, SYMBOL, "xx")


def test_a_dry_run_writes_nothing(demo_store: Store) -> None:
    earlier = _translations(demo_store)
    with demo_store.session() as s:
        report = import_translation(
            s, load_source(as_text(MISSING).encode("utf-8"), name="km.txt"), SYMBOL, "km", apply=False
        )
    assert not report.applied and report.missing == (MISSING,)
    assert _translations(demo_store) == earlier
