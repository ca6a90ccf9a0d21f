"""Issue 22, items 3 and 4 in the services: cluster placement, related recommendations, what the reports cite."""

from __future__ import annotations

import pytest

from crc_reporter.domain.related import compress_references
from crc_reporter.services.actions import create_action, link_action
from crc_reporter.services.cluster_placement import place_in_cluster, propose_clusters
from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.services.other_mechanisms import ALL_MECHANISMS, with_mechanism, with_other_mechanisms
from crc_reporter.services.recommendation_queries import get_recommendation_info
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
from crc_reporter.store.models import RecommendationRelation
from tests.mechanisms_fixture import CEDAW, CO, UPR, add_other_mechanisms


@pytest.fixture
def mixed(demo_store: Store) -> Store:
    with demo_store.session() as s:
        add_other_mechanisms(s)
    return demo_store


def test_compress_references() -> None:
    assert compress_references(["110.47", "110.45", "110.46", "110.52"]) == ["110.45–110.47", "110.52"]
    assert compress_references(["38", "39", "41", "38"]) == ["38–39", "41"]
    assert compress_references(["110.9", "111.10", "A"]) == ["110.9", "111.10", "A"]


def test_clusters_proposed_for_other_mechanisms_then_confirmed(mixed: Store) -> None:
    with mixed.session() as s:
        proposals = {p.rec.reference: p for p in propose_clusters(s, mechanism="UPR")}
        assert set(proposals) == {f"110.{i}" for i in range(40, 53)}  # none confirmed yet; CRC rows never listed
        assert proposals["110.45"].proposed == "special_protection"
        assert "Juvenile justice" in proposals["110.45"].reasons
        assert proposals["110.40"].proposed == "civil_rights"
        assert proposals["110.51"].proposed == "special_protection"
        assert proposals["110.52"].proposed is None  # nothing about children's rights to go on
        cedaw = {p.rec.reference: p.proposed for p in propose_clusters(s, document=CEDAW)}
        assert cedaw == {"38": "definition", "39": "special_protection"}
        rec_id = proposals["110.45"].rec.id
        previous = place_in_cluster(s, rec_id, "special_protection")
        assert previous == {"cluster": None, "cluster_confirmed": False}
        info = get_recommendation_info(s, rec_id)
        assert info is not None and info.cluster == "special_protection" and info.cluster_confirmed
        # a confirmed one is not proposed again, unless asked for
        assert rec_id not in {p.rec.id for p in propose_clusters(s, mechanism="UPR")}
        assert rec_id in {p.rec.id for p in propose_clusters(s, mechanism="UPR", include_confirmed=True)}
        with pytest.raises(ValidationError):
            place_in_cluster(s, rec_id, "bogus")


def test_related_proposed_across_mechanisms_linked_rejected_and_restored(mixed: Store) -> None:
    with mixed.session() as s:
        crc_justice = recommendation_by_ref(s, CO, 57).id  # diversion, restorative justice
        proposals = propose_related(s)
        assert proposals and all(p.left.mechanism != p.right.mechanism for p in proposals)
        assert all(
            p.left.document.startswith("CRC/") for p in proposals if "CRC/" in p.right.document + p.left.document
        )
        pair = next(p for p in proposals if p.right.reference == "110.47" and p.left.id == crc_justice)
        assert 0 < pair.score <= 1 and "diversion" in pair.shared
        assert all(p.right.reference != "110.52" and p.left.reference != "110.52" for p in proposals)

        relation, previous = set_relation(s, pair.left.id, pair.right.id, score=pair.score)
        assert previous is None and relation.status == "linked" and relation.other(crc_justice).reference == "110.47"
        rejected = next(p for p in propose_related(s) if {p.left.id, p.right.id} != {pair.left.id, pair.right.id})
        set_relation(s, rejected.right.id, rejected.left.id, "rejected")  # either order
        again = {(p.left.id, p.right.id) for p in propose_related(s)}
        assert (pair.left.id, pair.right.id) not in again and (rejected.left.id, rejected.right.id) not in again
        assert [r.id for r in list_relations(s, crc_justice)] == [relation.id]
        assert len(list_relations(s, status=None)) == 2

        snapshot = delete_relation(s, relation.id)
        assert list_relations(s, crc_justice) == []
        restored = restore_relation(s, snapshot)
        assert s.get(RecommendationRelation, restored).uuid == relation.uuid  # type: ignore[union-attr]
        _again, previous = set_relation(s, pair.right.id, pair.left.id, "rejected")
        assert previous == ("linked", pair.score)
        with pytest.raises(ValidationError):
            set_relation(s, crc_justice, crc_justice)
        with pytest.raises(ValidationError):
            set_relation(s, crc_justice, pair.right.id, "maybe")
        with pytest.raises(NotFoundError):
            set_relation(s, crc_justice, 10**9)


def test_recommendation_at_reads_printed_numbers(mixed: Store) -> None:
    with mixed.session() as s:
        upr = recommendation_at(s, UPR, "110.45")
        assert get_recommendation_info(s, upr).reference == "110.45"  # type: ignore[union-attr]
        assert get_recommendation_info(s, recommendation_at(s, CO, "57")).number == 57  # type: ignore[union-attr]
        with pytest.raises(NotFoundError):
            recommendation_at(s, UPR, "110.99")
        with pytest.raises(NotFoundError):
            recommendation_at(s, "A/HRC/1/1", "1")


def test_report_data_cites_linked_and_placed_recommendations(mixed: Store) -> None:
    with mixed.session() as s:
        crc = recommendation_by_ref(s, CO, 57).id
        upr = {ref: recommendation_at(s, UPR, ref) for ref in ("110.45", "110.46", "110.47", "110.50", "110.51")}
        for ref in ("110.45", "110.46", "110.47"):
            set_relation(s, crc, upr[ref])
        for ref in ("110.47", "110.50", "110.51"):
            place_in_cluster(s, upr[ref], "special_protection")
        action = create_action(s, "Juvenile courts in four provinces", status="ongoing")
        link_action(s, action.id, upr["110.46"])
        hidden = create_action(s, "Confidential review of detention", confidential=True)
        link_action(s, hidden.id, upr["110.50"])
        data = with_other_mechanisms(s, gather_report_data(s, CO))
        others = data.other_mechanisms
        assert others is not None
        assert [o.rec.reference for o in others.by_recommendation[crc]] == ["110.45", "110.46", "110.47"]
        assert [a.action.title for a in others.by_recommendation[crc][1].actions] == [action.title]
        # placed and not already cited under a paragraph: 110.50 and 110.51 (110.47 is cited under para. 57)
        assert [o.rec.reference for o in others.by_cluster["special_protection"]] == ["110.50", "110.51"]
        assert others.by_cluster["special_protection"][0].actions == ()
        assert data.confidential_left_out >= 1


def test_matrix_data_for_all_mechanisms_or_one(mixed: Store) -> None:
    with mixed.session() as s:
        base = gather_report_data(s, CO)
        assert with_mechanism(s, base, None) is base and with_mechanism(s, base, "CRC") is base
        every = with_mechanism(s, base, ALL_MECHANISMS)
        assert [p.document.symbol for p in every.protocols] == [UPR, CEDAW] and every.items == base.items
        upr = with_mechanism(s, base, "UPR")
        assert upr.items == () and [p.document.symbol for p in upr.protocols] == [UPR]
        assert [i.recommendation.reference for i in upr.protocols[0].items][:2] == ["110.40", "110.41"]
        assert with_mechanism(s, base, "CRPD").protocols == ()
