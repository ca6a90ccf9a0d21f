"""Related recommendations (issue 22, revision 0014) travel in exchange packages, links and rejections alike."""

from __future__ import annotations

from pathlib import Path

from crc_reporter.services.common import recommendation_by_ref
from crc_reporter.services.related_recommendations import list_relations, recommendation_at, set_relation
from crc_reporter.store.engine import Store
from tests.exchange_support import export, merge, open_taking_unsigned
from tests.mechanisms_fixture import CO, UPR, add_other_mechanisms


def test_links_and_rejections_travel(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as s:
        add_other_mechanisms(s)
        crc = recommendation_by_ref(s, CO, 57).id
        set_relation(s, crc, recommendation_at(s, UPR, "110.47"), score=0.48)
        set_relation(s, recommendation_at(s, UPR, "110.50"), crc, "rejected")
    package = export(demo_store, tmp_path / "full.crcx")
    other = open_taking_unsigned(tmp_path / "other.sqlite", user="other")
    try:
        result = merge(other, package)
        assert not result.conflicts
        with other.session() as s:
            got = sorted(
                (r.left.reference, r.right.reference, r.status, r.score) for r in list_relations(s, status=None)
            )
        assert got == [("110.50", "57", "rejected", None), ("57", "110.47", "linked", 0.48)]
    finally:
        other.close()
