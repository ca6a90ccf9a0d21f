"""Importing concluding observations and writing the drafts give the same result on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument

from crc_reporter.importers.registry import load_source
from crc_reporter.reports.api import generate_report
from crc_reporter.reports.context import ReportOptions
from crc_reporter.services import actions as action_svc
from crc_reporter.services.importing import apply_import
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.store.engine import Store
from tests.co_content import co_2014
from tests.co_documents import build_docx


@pytest.fixture(scope="module")
def co_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx(co_2014(), tmp_path_factory.mktemp("co") / "co.docx", numbering="auto", letters="restart")


def test_import_reimport_keeps_links(store: Store, co_file: Path) -> None:
    source = load_source(co_file)
    with store.session() as session:
        first = apply_import(session, source)
    assert first.paragraphs > 20 and first.urgent > 0
    symbol = first.documents[0].symbol
    with store.session() as session:
        recs = list_recommendations(session, RecommendationFilter(document=symbol))
        target = next(r for r in recs if r.parts)
        action = action_svc.create_action(session, "Birth registration campaign")
        action_svc.link_action(session, action.id, target.id, target.parts[0].id)
        clusters = {r.cluster for r in recs}
    assert "violence" in clusters and "special_protection" in clusters
    with store.session() as session:  # the same file again: nothing duplicated, the link survives
        again = apply_import(session, load_source(co_file))
        recs_after = list_recommendations(session, RecommendationFilter(document=symbol))
    assert again.paragraphs == first.paragraphs
    assert len(recs_after) == len(recs)
    assert next(r for r in recs_after if r.id == target.id).action_count == 1
    with store.session() as session:
        assert list_recommendations(session, RecommendationFilter(document=symbol, query="registration"))


@pytest.mark.parametrize("kind", ["state", "matrix", "alternative"])
def test_reports_from_the_demo_store(demo_store: Store, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.docx"
    with demo_store.session() as session:
        result = generate_report(session, ReportOptions(kind=kind, document="CRC/C/XMP/CO/5-6", out=out))
    assert result.path == out and result.words > 1000
    text = "\n".join(p.text for p in WordDocument(str(out)).paragraphs)
    assert "CRC/C/XMP/CO/5-6" in text or kind == "matrix"
    if kind != "matrix":
        assert "Violence against children" in text
