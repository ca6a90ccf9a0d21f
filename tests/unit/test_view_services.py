"""The read-only services behind the window: table rows, filters, dashboard figures, usage counts."""

from __future__ import annotations

import datetime as dt

from crc_reporter.services.dashboard import dashboard_figures, default_scope
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.services.recommendation_rows import (
    filter_choices,
    filter_rows,
    recommendation_id_at,
    recommendation_rows,
)
from crc_reporter.services.search import search_recommendation_ids
from crc_reporter.services.usage import actor_usage, document_usage, find_recommendation_rows, responsible_for
from crc_reporter.store.engine import Store

CO = "CRC/C/XMP/CO/5-6"


def test_rows_agree_with_the_full_records(demo_store: Store) -> None:
    with demo_store.session() as s:
        rows = recommendation_rows(s)
        full = list_recommendations(s)
    assert [r.id for r in rows] == [f.id for f in full]
    for row, rec in zip(rows, full, strict=True):
        assert (row.document, row.number, row.cluster, row.urgent) == (
            rec.document,
            rec.number,
            rec.cluster,
            rec.urgent,
        )
        assert (row.government_status, row.civil_society_status) == (rec.government_status, rec.civil_society_status)
        assert row.action_count == rec.action_count
        assert row.responsible == rec.responsible
        assert rec.text.startswith(row.text[:50])


def test_filters_in_memory_match_the_store_query(demo_store: Store) -> None:
    filters = [
        RecommendationFilter(document=CO, urgent=True),
        RecommendationFilter(cluster="special_protection", kind="recommendation"),
        RecommendationFilter(cluster="none"),
        RecommendationFilter(government_status="partially_implemented"),
        RecommendationFilter(civil_society_status="not_assessed", treaty="OPAC"),
        RecommendationFilter(responsible="Ministry of Justice"),
        RecommendationFilter(tag="16.9"),
        RecommendationFilter(query="juvenile justice"),
    ]
    with demo_store.session() as s:
        rows = recommendation_rows(s)
        for flt in filters:
            expected = [r.id for r in list_recommendations(s, flt)]
            matching = set(search_recommendation_ids(s, flt.query)) if flt.query else None
            got = [r.id for r in filter_rows(rows, flt, matching)]
            assert got == expected, flt
            assert expected, f"the demo data should exercise {flt}"


def test_rows_for_some_ids_and_previous_references(demo_store: Store) -> None:
    with demo_store.session() as s:
        rec_id = recommendation_id_at(s, "CRC/C/XMP/CO/3-4", 70)
        assert rec_id is not None
        assert [r.number for r in recommendation_rows(s, [rec_id])] == [70]
        assert recommendation_rows(s, []) == []
        assert recommendation_id_at(s, "CRC/C/XMP/CO/1", 3) is None
        choices = filter_choices(s)
    assert CO in choices.documents and "CRC/C/XMP/5-6" not in choices.documents  # only documents with paragraphs
    assert "Ministry of Justice" in choices.responsible
    assert set(choices.treaties) == {"CRC", "OPAC", "OPSC"}


def test_dashboard_figures_of_the_demo(demo_store: Store) -> None:
    today = dt.date(2026, 1, 1)
    with demo_store.session() as s:
        scope = default_scope(s)
        figures = dashboard_figures(s, scope, today=today)
        everything = dashboard_figures(s, None, today=today)
    assert scope == CO
    assert figures.paragraphs == sum(c.total for c in figures.clusters) > 0
    assert all(sum(c.government.values()) == sum(c.civil_society.values()) == c.total for c in figures.clusters)
    assert 0 < figures.assessed_government <= figures.paragraphs
    assert figures.next_report is not None
    assert figures.next_report.due == dt.date(2028, 7, 1)
    assert figures.next_report.days_left == (dt.date(2028, 7, 1) - today).days
    assert figures.urgent and all(u.document == CO for u in figures.urgent)
    assert figures.actions_by_actor[0].total >= figures.actions_by_actor[-1].total
    assert figures.overdue_count >= len(figures.overdue)
    assert all(o.end_date < today and o.status in ("planned", "ongoing") for o in figures.overdue)
    assert figures.trends and all(len(t.points) >= 2 for t in figures.trends)
    assert everything.paragraphs > figures.paragraphs


def test_usage_counts(demo_store: Store) -> None:
    with demo_store.session() as s:
        actors = actor_usage(s)
        docs = document_usage(s)
        found = find_recommendation_rows(s, RecommendationFilter(document=CO, query="detention"))
        moj = next(a for a in actors.values() if a.responsible_for and a.actions)
        rows = responsible_for(s, moj.actor_id)
    assert len(rows) == moj.responsible_for
    assert found and all(r.document == CO for r in found)
    assert sum(d.paragraphs for d in docs.values()) == 123
