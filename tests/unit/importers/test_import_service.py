"""Preview and apply: in-place re-import that keeps the person's work, one transaction, honest reports."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crc_reporter.domain.parsed import ParsedSource
from crc_reporter.importers import load_source
from crc_reporter.services.actions import create_action, link_action
from crc_reporter.services.actors import create_actor
from crc_reporter.services.assessments import assessment_history, record_assessment
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.importing import ImportCancelledError, apply_import, preview_import
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.services.recommendations import set_responsible, set_tags, update_recommendation
from crc_reporter.store.engine import Store
from crc_reporter.store.models import AuditEntry, Document, Recommendation, RecommendationPart
from tests.co_content import Spec, co_2014
from tests.co_documents import build_docx
from tests.uhri_fixture import build_uhri_xlsx

SYMBOL = "CRC/C/XLM/CO/4-6"


@pytest.fixture(scope="module")
def co_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Spec, ParsedSource]:
    spec = co_2014()
    path = build_docx(spec, tmp_path_factory.mktemp("svc") / "co.docx", numbering="auto", letters="level")
    return spec, load_source(path)


def _counts(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Document)) or 0,
            s.scalar(select(func.count()).select_from(Recommendation)) or 0,
            s.scalar(select(func.count()).select_from(RecommendationPart)) or 0,
        )


def test_preview_changes_nothing(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    spec, source = co_source
    with store.session() as s:
        report = preview_import(s, source)
    doc = report.documents[0]
    assert not report.applied and not doc.exists
    assert doc.paragraphs == len(spec.paragraphs) == doc.count("added")
    assert doc.recommendations == sum(p.kind == "recommendation" for p in spec.paragraphs)
    assert doc.urgent == sum(p.urgent for p in spec.paragraphs) == report.urgent
    assert _counts(store) == (0, 0, 0)


def test_apply_writes_everything_the_document_says(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    spec, source = co_source
    with store.session() as s:
        report = apply_import(s, source)
    assert report.applied and report.documents[0].count("added") == len(spec.paragraphs)
    with store.session() as s:
        doc = s.scalar(select(Document).where(Document.symbol == SYMBOL))
        assert doc is not None and doc.treaty_code == "CRC" and doc.country == "XLM"
        assert str(doc.date) == "2022-06-27" and str(doc.next_report_due) == "2027-11-14"
        assert doc.next_report_word_limit == 21200
        assert doc.next_report_title == "combined seventh and eighth periodic reports"
        recs = {r.number: r for r in list_recommendations(s, RecommendationFilter(document=SYMBOL))}
    for want in spec.paragraphs:
        got = recs[want.number]
        assert (got.kind, got.cluster, got.urgent) == (want.kind, want.cluster, want.urgent)
        assert len(got.parts) == len(want.parts)
        assert sorted(got.sdg_targets) == sorted(want.sdg)
        assert sorted((p.document, p.paragraph) for p in got.previous) == sorted(want.previous)


def _work_on_it(store: Store) -> dict[str, int]:
    """What a person does after the first import: links, assessments, bodies, tags, an edit."""
    with store.session() as s:
        ministry = create_actor(s, "Ministry of Justice", "government")
        action = create_action(s, "Draft child protection law", actor_id=ministry.id)
        p7 = recommendation_by_ref(s, SYMBOL, 7)
        link_action(s, action.id, p7.id, p7.parts[1].id)
        record_assessment(s, p7.id, "government", "in_progress", part="c")
        record_assessment(s, p7.id, "civil_society", "not_implemented")
        p9 = recommendation_by_ref(s, SYMBOL, 9)
        set_responsible(s, p9.id, [ministry.id])
        set_tags(s, p9.id, "theme", ["Budget"])
        p10 = recommendation_by_ref(s, SYMBOL, 10)
        update_recommendation(s, p10.id, text="Our own wording of paragraph 10.")
        return {"p7": p7.id, "p9": p9.id, "p10": p10.id, "action": action.id}


def test_reimport_updates_in_place_and_keeps_the_work(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    spec, source = co_source
    with store.session() as s:
        apply_import(s, source)
    ids = _work_on_it(store)
    before = _counts(store)

    changed = copy.deepcopy(source)
    paragraphs = changed.documents[0].paragraphs
    p7 = next(p for p in paragraphs if p.number == 7)
    p7.parts[1].text += " promptly"
    p7.text = p7.text.replace("relevant to children;", "relevant to children promptly;")
    del p7.parts[2]  # part (c) disappears from the source but carries an assessment
    p10 = next(p for p in paragraphs if p.number == 10)
    p10.text += " Changed upstream."
    last = paragraphs.pop()  # no longer in the source
    with store.session() as s:
        report = apply_import(s, changed)
    doc = report.documents[0]
    assert doc.exists
    assert doc.numbers("updated") == (7,) and doc.numbers("kept_edited") == (10,)
    assert doc.numbers("removed_from_source") == (last.number,)
    assert doc.count("unchanged") == len(spec.paragraphs) - 3
    assert doc.count("added") == 0
    assert any("part (c) of paragraph 7" in w for w in doc.warnings)
    assert _counts(store) == before  # nothing duplicated, nothing dropped

    with store.session() as s:
        p7_row = s.get(Recommendation, ids["p7"])
        assert p7_row is not None and [p.label for p in p7_row.parts] == ["a", "b", "c"]
        assert p7_row.parts[1].text.endswith("promptly")
        history = assessment_history(s, ids["p7"])
        assert {(a.side, a.part_label) for a in history} == {("government", "c"), ("civil_society", None)}
        recs = {r.number: r for r in list_recommendations(s, RecommendationFilter(document=SYMBOL))}
        assert recs[7].action_count == 1
        assert recs[9].responsible == ("Ministry of Justice",) and "Budget" in recs[9].themes
        assert recs[10].text == "Our own wording of paragraph 10."
        assert last.number in recs


def test_reimporting_the_same_file_changes_nothing(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    _spec, source = co_source
    with store.session() as s:
        apply_import(s, source)
    with store.session() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEntry))
    with store.session() as s:
        report = apply_import(s, source)
    assert report.documents[0].count("unchanged") == report.documents[0].paragraphs
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before  # not even a version bump


def test_prune_deletes_only_untouched_paragraphs(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    _spec, source = co_source
    with store.session() as s:
        apply_import(s, source)
    ids = _work_on_it(store)
    partial = copy.deepcopy(source)
    partial.documents[0].paragraphs = [p for p in partial.documents[0].paragraphs if p.number <= 5]
    with store.session() as s:
        report = apply_import(s, partial, prune=True)
    doc = report.documents[0]
    kept = set(doc.numbers("removed_from_source"))
    assert kept == {7, 9, 10}  # linked/assessed, with a responsible body, edited
    assert len(doc.numbers("deleted")) == len(source.documents[0].paragraphs) - 5 - 3
    with store.session() as s:
        assert s.get(Recommendation, ids["p7"]) is not None


def test_cancel_rolls_everything_back(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    _spec, source = co_source
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the first batch of paragraphs

    with pytest.raises(ImportCancelledError), store.session() as s:
        apply_import(s, source, cancel=cancel)
    assert _counts(store) == (0, 0, 0)


def test_missing_or_bad_symbol_is_refused(store: Store, co_source: tuple[Spec, ParsedSource]) -> None:
    _spec, source = co_source
    nameless = copy.deepcopy(source)
    nameless.documents[0].symbol = None
    with pytest.raises(ValidationError, match="symbol was not found"), store.session() as s:
        apply_import(s, nameless)
    with pytest.raises(ValidationError, match="not a document symbol"), store.session() as s:
        apply_import(s, source, symbol="HRC/41/17")
    assert _counts(store) == (0, 0, 0)
    with store.session() as s:
        report = apply_import(s, nameless, symbol="CRC/C/KHM/CO/4-6", treaty="crc")
    assert report.documents[0].symbol == "CRC/C/KHM/CO/4-6" and report.documents[0].country == "KHM"


def test_uhri_over_a_word_import_adds_tags_and_keeps_clusters(
    store: Store, tmp_path: Path, co_source: tuple[Spec, ParsedSource]
) -> None:
    _spec, source = co_source
    with store.session() as s:
        apply_import(s, source)
    uhri = load_source(build_uhri_xlsx(tmp_path / "export.xlsx"))
    with store.session() as s:
        report = apply_import(s, uhri)
    assert {d.symbol for d in report.documents} == {SYMBOL, "CRC/C/OPAC/XLM/CO/1", "A/HRC/41/17", "CEDAW/C/XLM/CO/6"}
    with store.session() as s:
        recs = {r.number: r for r in list_recommendations(s, RecommendationFilter(document=SYMBOL))}
        upr = list_recommendations(s, RecommendationFilter(document="A/HRC/41/17"))
    assert [(r.mechanism, r.reference, r.position, r.recommending_states) for r in upr] == [
        ("UPR", "112.45", "supported", ("Freedonia",)),
        ("UPR", "112.46", "noted", ("Utopia", "Iran (Islamic Republic of)")),
    ]
    assert recs[17].cluster is not None  # UHRI has no clusters: the Word import's stays
    assert "Birth registration" in recs[17].themes and "Children" in recs[17].affected_groups
