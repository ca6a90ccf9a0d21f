"""Issue 22, items 3 and 4 on SQLite and PostgreSQL: filters on the new fields, placing, related links (with the
server's audit and version triggers of revision 0014), the dashboard's count and a report citing them."""

from __future__ import annotations

from crc_reporter.services.cluster_placement import place_in_cluster, propose_clusters
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.dashboard import dashboard_figures
from crc_reporter.services.other_mechanisms import with_other_mechanisms
from crc_reporter.services.recommendation_queries import RecommendationFilter, list_recommendations
from crc_reporter.services.recommendation_rows import filter_choices, filter_rows, recommendation_rows
from crc_reporter.services.related_recommendations import (
    delete_relation,
    list_relations,
    propose_related,
    recommendation_at,
    restore_relation,
    set_relation,
)
from crc_reporter.services.report_data import gather_report_data
from crc_reporter.store.engine import Store
from tests.mechanisms_fixture import CO, UPR, add_other_mechanisms


def test_other_mechanisms_on_both_backends(demo_store: Store) -> None:
    with demo_store.session() as s:
        add_other_mechanisms(s)
    with demo_store.session() as s:
        # filters: in the store's query and over the loaded rows alike
        flt = RecommendationFilter(treaty="UPR", recommending_state="Uruguay", position="noted")
        assert [r.reference for r in list_recommendations(s, flt)] == ["110.50"]
        assert [r.label for r in filter_rows(recommendation_rows(s), flt)] == ["110.50"]
        assert not list_recommendations(s, RecommendationFilter(recommending_state="Urug"))  # a whole name only
        assert "Uruguay" in filter_choices(s).recommending_states
        # placing and the dashboard's count
        proposals = {p.rec.reference: p.proposed for p in propose_clusters(s, mechanism="UPR")}
        assert proposals["110.47"] == "special_protection"
        place_in_cluster(s, recommendation_at(s, UPR, "110.47"), "special_protection")
        figures = dashboard_figures(s, CO)
        special = next(m for m in figures.mechanisms if m.cluster == "special_protection" and m.placed)
        assert special.by_mechanism.get("UPR") == 1 and special.by_mechanism["CRC"] > 0
        assert next(m for m in figures.mechanisms if not m.placed).by_mechanism["UPR"] == 12
        # related links: proposed, linked, deleted and restored with the same UUID
        crc = recommendation_by_ref(s, CO, 57).id
        upr = recommendation_at(s, UPR, "110.47")
        assert any({p.left.id, p.right.id} == {crc, upr} for p in propose_related(s, only=[crc]))
        relation, _previous = set_relation(s, crc, upr, score=0.5)
    with demo_store.session() as s:
        data = with_other_mechanisms(s, gather_report_data(s, CO))
        assert data.other_mechanisms is not None
        assert [o.rec.reference for o in data.other_mechanisms.by_recommendation[crc]] == ["110.47"]
        snapshot = delete_relation(s, relation.id)
    with demo_store.session() as s:
        restore_relation(s, snapshot)
    with demo_store.session() as s:
        assert [(r.uuid, r.status) for r in list_relations(s, crc)] == [(relation.uuid, "linked")]
        set_relation(s, upr, crc, "rejected")  # an update: the server's version trigger bumps it
    with demo_store.session() as s:
        rows = list_relations(s, crc, status=None)
        assert [(r.status, r.version) for r in rows] == [("rejected", 2)]
