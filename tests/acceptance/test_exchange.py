"""Working together offline, on SQLite and PostgreSQL (and across the two).

``demo_store`` and ``store`` are each parametrised by backend, so the exchange
tests run every pairing: a ministry laptop (SQLite) and a coalition server
(PostgreSQL) exchange packages exactly as two laptops do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crc_reporter.services import actions as action_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.interchange.impact_export import export_impact
from crc_reporter.services.interchange.tracker_apply import apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import read_tracker
from crc_reporter.services.recommendation_queries import list_recommendations
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Recommendation
from tests.exchange_support import audit_count, compare, export, merge


@pytest.fixture
def signed(demo_store: Store, store: Store, tmp_path: Path) -> Path:
    """A signing key both copies trust: new stores take only packages signed by a trusted key."""
    key = tmp_path / "exchange.key"
    public = ex.generate_keypair(key, "Focal point")
    for copy in (demo_store, store):
        with copy.session() as session:
            ex.trust_key(session, public)
    return key


def _paragraph(store: Store, number: int) -> str:
    with store.session() as session:
        uuid = session.scalar(
            select(Recommendation.uuid).where(Recommendation.number == number).order_by(Recommendation.id)
        )
        assert uuid is not None
        return uuid


def _edit_text(store: Store, uuid: str, text: str) -> str:
    with store.session() as session:
        rec = session.scalar(select(Recommendation).where(Recommendation.uuid == uuid))
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, text=text)
        return uuid


def test_two_copies_exchange_both_ways_and_conflicts_wait_for_a_person(
    demo_store: Store, store: Store, tmp_path: Path, signed: Path
) -> None:
    a, b = demo_store, store
    merged = merge(b, export(a, tmp_path / "first.crcx", key_file=signed))
    assert merged.added["action"] == 50 and not merged.conflicts
    same_a, same_b = compare(a, b)
    assert same_a == same_b

    # each side works offline; both change paragraph 20, each changes something else too
    conflicted = _edit_text(a, _paragraph(a, 20), "Ministry's wording of paragraph 20.")
    _edit_text(b, conflicted, "Coalition's wording of paragraph 20.")
    _edit_text(a, _paragraph(a, 21), "Only the ministry changed paragraph 21.")
    with b.session() as session:
        action_svc.create_action(session, "Coalition monitoring visit", status="ongoing")

    into_b = merge(b, export(a, tmp_path / "a.crcx", key_file=signed))
    (conflict,) = into_b.conflicts
    assert conflict.uuid == conflicted and conflict.kind is ex.ConflictKind.BOTH_CHANGED
    assert conflict.mine is not None and conflict.mine["text"] == "Coalition's wording of paragraph 20."
    assert conflict.theirs is not None and conflict.theirs["text"] == "Ministry's wording of paragraph 20."
    assert conflict.fields == ("text",)
    into_a = merge(a, export(b, tmp_path / "b.crcx", key_file=signed))
    assert [c.uuid for c in into_a.conflicts] == [conflicted]
    assert into_a.added == {"action": 1}

    final_a, final_b = compare(a, b)
    differing = {u for u in set(final_a) | set(final_b) if final_a.get(u) != final_b.get(u)}
    assert differing == {conflicted}  # everything else is the same on both sides
    assert final_b[conflicted][1]["text"] == "Coalition's wording of paragraph 20."  # never silently overwritten

    # the coalition takes the ministry's wording; after one more round both copies are equal
    merge(b, export(a, tmp_path / "a2.crcx", key_file=signed), ex.Resolution.TAKE_THEIRS)
    assert not merge(a, export(b, tmp_path / "b2.crcx", key_file=signed)).conflicts
    final_a, final_b = compare(a, b)
    assert final_a == final_b and final_a[conflicted][1]["text"] == "Ministry's wording of paragraph 20."


def test_merging_the_same_package_twice_changes_nothing(
    demo_store: Store, store: Store, tmp_path: Path, signed: Path
) -> None:
    package = export(demo_store, tmp_path / "p.crcx", key_file=signed)
    merge(store, package)
    before, marks = compare(demo_store, store)[1], audit_count(store)
    again = merge(store, package)
    assert again.changes == 0 and not again.conflicts
    assert audit_count(store) == marks and compare(demo_store, store)[1] == before


def test_deletions_travel_and_a_tampered_package_changes_nothing(
    demo_store: Store, store: Store, tmp_path: Path, signed: Path
) -> None:
    merge(store, export(demo_store, tmp_path / "p.crcx", key_file=signed))
    with demo_store.session() as session:
        action = session.scalar(select(Action).order_by(Action.id))
        assert action is not None
        gone = action.uuid
        action_svc.delete_action(session, action.id)
    export(demo_store, tmp_path / "d.crcx", key_file=signed)
    data = bytearray((tmp_path / "d.crcx").read_bytes())
    data[len(data) // 3] ^= 0x20
    (tmp_path / "bad.crcx").write_bytes(bytes(data))
    marks = audit_count(store)
    with pytest.raises(ex.PackageError, match="altered"):
        ex.open_package(tmp_path / "bad.crcx")
    assert audit_count(store) == marks
    result = merge(store, ex.open_package(tmp_path / "d.crcx"))
    assert result.deleted.get("action") == 1
    with store.session() as session:
        assert session.scalar(select(Action).where(Action.uuid == gone)) is None


def test_tracker_and_impact_exports_on_every_backend(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        tracker = export_tracker(session, tmp_path / "t.xlsx")
        impact = export_impact(session, tmp_path / "i.csv")
        recs = list_recommendations(session)
    sent = [r for r in recs if r.kind == "recommendation"]  # the others only with include_concerns
    assert tracker.rows["recommendations"] == len(recs) == 123
    assert impact.recommendation_rows == len(sent) + sum(len(r.parts) for r in sent)  # parts travel on their own
    with demo_store.session() as session:
        report = apply_tracker(session, read_tracker((tmp_path / "t.xlsx").read_bytes(), "t.xlsx"))
    assert not report.changes and not report.problems and not report.unknown_rows


def test_upr_fields_travel_and_read_back_on_every_backend(
    demo_store: Store, store: Store, tmp_path: Path, signed: Path
) -> None:
    """Issue 22 on SQLite and PostgreSQL: a UPR recommendation's fields in a package, the tracker and IMPACT."""
    from crc_reporter.services import documents as doc_svc

    with demo_store.session() as session:
        doc_svc.create_document(session, "A/HRC/56/17", country="KHM", date="2024-04-04")
        rec_svc.create_recommendation(
            session,
            "A/HRC/56/17",
            45,
            "Raise the minimum age of criminal responsibility.",
            label="110.45",
            recommending_states=["Chile", "Mexico"],
            position="supported_in_part",
            upr_session="46",
            upr_cycle=4,
            cluster="special_protection",
            cluster_confirmed=False,
        )
    merge(store, export(demo_store, tmp_path / "p.crcx", key_file=signed))
    with store.session() as session:
        [rec] = [r for r in list_recommendations(session) if r.document == "A/HRC/56/17"]
        assert (rec.mechanism, rec.reference, rec.recommending_states, rec.position) == (
            "UPR",
            "110.45",
            ("Chile", "Mexico"),
            "supported_in_part",
        )
        assert (rec.upr_session, rec.upr_cycle, rec.cluster, rec.cluster_confirmed) == (
            "46",
            4,
            "special_protection",
            False,
        )
        result = export_impact(session, tmp_path / "impact.csv")
        export_tracker(session, tmp_path / "t.xlsx")
    import csv

    with result.recommendations.open(encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Reference [database:reference]"] == "A/HRC/56/17 para 45")
    support = next(h for h in row if "[database:support_level]" in h)
    assert row[support] == "1" and "UPR" in row["category-short-title [rel:category-short-title]"].split(",")
    tracker = read_tracker((tmp_path / "t.xlsx").read_bytes(), "t.xlsx")
    with store.session() as session:
        assert not apply_tracker(session, tracker).changes  # read back unchanged
