"""Forged version vectors and tombstones never overwrite or delete work here without a person (issue 21, 4)."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crc_reporter.services import actions as action_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.exchange.state import replica_id
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, Recommendation, SyncRecord, Tombstone
from tests.exchange_forgery import forge
from tests.exchange_support import build_base, export, open_taking_unsigned

FORGED = 10**6  # far more changes than any copy ever made


@pytest.fixture
def trio(tmp_path: Path) -> tuple[Store, Store, Store]:
    """``a`` made the base, ``b`` merged it; ``c`` is a third copy."""
    a = open_taking_unsigned(tmp_path / "a.sqlite", user="alice")
    with a.session() as session:
        build_base(session)
    b = open_taking_unsigned(tmp_path / "b.sqlite", user="bob")
    with b.session() as session:
        ex.merge_package(session, export(a, tmp_path / "base.crcx"), backup=False)
    c = open_taking_unsigned(tmp_path / "c.sqlite", user="carol")
    yield a, b, c
    for store in (a, b, c):
        store.close()


def _replica(store: Store) -> str:
    with store.session() as session:
        return replica_id(session)


def _first_text(store: Store) -> str:
    with store.session() as session:
        return str(session.scalar(select(Recommendation.text).order_by(Recommendation.number)))


def _edit_first(store: Store, text: str) -> None:
    with store.session() as session:
        rec = session.scalars(select(Recommendation).order_by(Recommendation.number)).first()
        assert rec is not None
        rec_svc.update_recommendation(session, rec.id, text=text)


def test_a_vector_claiming_more_of_our_changes_than_we_made_is_a_conflict(
    trio: tuple[Store, Store, Store], tmp_path: Path
) -> None:
    a, b, _c = trio
    victim = _replica(b)  # in every package b ever sent
    _edit_first(b, "Bob's work of a week.")
    _edit_first(a, "Alice's version, which never saw Bob's.")
    sent = export(a, tmp_path / "a.crcx")

    def claim(_table: str, _uuid: str, vv: dict[str, int]) -> dict[str, int]:
        return {**vv, victim: FORGED}

    forged = forge(sent, tmp_path / "forged.crcx", vv=claim)
    with b.session() as session:
        result = ex.merge_package(session, forged)
    assert _first_text(b) == "Bob's work of a week."
    assert [c.kind for c in result.conflicts] == [ex.ConflictKind.BOTH_CHANGED]
    assert any("paragraph 1 " in label for label in result.forged)  # every record carried the claim
    # the person may still take their version: it wins with a vector that claims nothing false
    with b.session() as session:
        chosen = ex.merge_package(session, forged, result.resolve_all(ex.Resolution.TAKE_THEIRS), backup=False)
    assert not chosen.conflicts
    assert _first_text(b) == "Alice's version, which never saw Bob's."
    with b.session() as session:
        vectors = list(session.scalars(select(SyncRecord.vv))) + list(session.scalars(select(Tombstone.vv)))
    assert vectors and not any(f"{victim}:{FORGED}" in v for v in vectors)


def test_a_forged_vector_on_a_record_unchanged_here_takes_their_change_without_adopting_the_claim(
    trio: tuple[Store, Store, Store], tmp_path: Path
) -> None:
    a, b, _c = trio
    victim = _replica(b)
    _edit_first(a, "Alice's change.")
    sent = export(a, tmp_path / "a.crcx")
    forged = forge(sent, tmp_path / "forged.crcx", vv=lambda _t, _u, vv: {**vv, victim: FORGED})
    with b.session() as session:
        result = ex.merge_package(session, forged)
    assert len(result.conflicts) == 1  # b's own count is cut back; the claim cannot win alone
    assert _first_text(b) != "Alice's change."


def test_forged_tombstones_for_our_records_are_conflicts_and_many_deletions_wait_for_consent(
    trio: tuple[Store, Store, Store], tmp_path: Path
) -> None:
    a, b, _c = trio
    victim = _replica(b)
    with b.session() as session:
        for n in range(12):
            action_svc.create_action(session, f"Bob's action {n}")
    bob_pkg = export(b, tmp_path / "b.crcx")  # what the attacker received from b
    theirs = [r for r in bob_pkg.records["action"] if r.vv.startswith(victim) or f",{victim}:" in r.vv]
    sent = export(a, tmp_path / "a.crcx")
    # forged: a deletion claiming to have seen far more of b's changes than b made
    lies = [[r.uuid, "action", ",".join(sorted([f"{victim}:{FORGED}", "ffff:1"]))] for r in theirs]
    forged = forge(sent, tmp_path / "forged.crcx", tombstones=lies)
    with b.session() as session:
        result = ex.merge_package(session, forged)
    assert not result.deletions and len(result.forged) == len(theirs) >= 12
    assert {c.kind for c in result.conflicts} == {ex.ConflictKind.DELETED_THERE}
    with b.session() as session:
        assert session.scalar(select(func.count()).select_from(Action)) >= 12 + 2
    # honest-looking deletions (a vector that merely adds one change of theirs) wait for a person
    honest = [[r.uuid, "action", ",".join(sorted([r.vv, "zz:1"]))] for r in theirs]
    forged = forge(sent, tmp_path / "deletes.crcx", tombstones=honest)
    with b.session() as session:
        held = ex.merge_package(session, forged)
        session.commit()
    assert held.deletions_held and not held.applied and len(held.deletions) == len(theirs)
    assert ex.deletions_to_confirm(held) == len(theirs)
    assert any("Bob's action" in label for label in held.deletions)
    with b.session() as session:
        assert session.scalar(select(func.count()).select_from(Action)) >= 12 + 2
    with b.session() as session:
        done = ex.merge_package(session, forged, allow_deletions=len(held.deletions), backup=False)
    assert done.applied and sum(done.deleted.values()) == len(theirs)


def test_a_tombstone_for_a_record_never_seen_is_listed_not_kept_and_does_not_block_it(
    trio: tuple[Store, Store, Store], tmp_path: Path
) -> None:
    a, b, c = trio
    with c.session() as session:
        action_svc.create_action(session, "Carol's action")
    carol = export(c, tmp_path / "c.crcx")
    (target,) = [r.uuid for r in carol.records["action"]]
    stranger = str(uuid_mod.uuid4())
    lies = [[target, "action", "ffff:3"], [stranger, "document", "ffff:1"]]
    forged = forge(export(a, tmp_path / "a.crcx"), tmp_path / "forged.crcx", tombstones=lies)
    with b.session() as session:
        result = ex.merge_package(session, forged)
    assert result.unknown_deletions == 2 and not result.deletions
    with b.session() as session:
        assert session.scalar(select(func.count()).select_from(Tombstone)) == 0
    # the real owner sends it: it arrives
    with b.session() as session:
        arrived = ex.merge_package(session, carol)
    assert arrived.added.get("action") == 1
    with b.session() as session:
        assert session.scalar(select(Action.title).where(Action.uuid == target)) == "Carol's action"
    # and b's next full package does not pass the lie on as its own
    onward = export(b, tmp_path / "onward.crcx")
    assert not {u for u, _t, _v in onward.tombstones} & {target, stranger}


def test_the_manifests_count_of_confidential_actions_must_match_its_records(
    trio: tuple[Store, Store, Store], tmp_path: Path
) -> None:
    a, _b, _c = trio
    sent = export(a, tmp_path / "a.crcx")
    assert sent.info.confidential == 1  # the base holds one confidential action
    with pytest.raises(ex.PackageError, match="confidential actions does not match"):
        forge(sent, tmp_path / "hidden.crcx", confidential=0)  # "nothing confidential inside"


def test_an_unknown_key_is_shown_by_its_fingerprint_and_its_name_as_a_claim() -> None:
    from crc_reporter.cli.exchange_output import signer_line
    from crc_reporter.ui.exchange_texts import signer_text

    info = ex.PackageInfo(
        name="p.crcx",
        package_id="x",
        format_version=1,
        created_at=dt.datetime(2026, 1, 1),
        creator="m",
        replica="ffff",
        store="s",
        app_version="1",
        selection={},
        include_confidential=False,
        counts={},
        tombstones=0,
        confidential=0,
        signer=ex.Signer(fingerprint="SHA256:abc", name="The Minister"),
        size=1,
    )
    for line in (signer_line(info), signer_text(info)):
        assert line.index("SHA256:abc") < line.index("The Minister")
    assert "proves nothing" in signer_line(info) and "anyone can write any name" in signer_text(info)
