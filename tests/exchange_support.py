"""Helpers for the exchange tests: a small base store, random edits, exchanging, comparing copies.

Copies are compared by content, with the records' UUIDs (and the UUIDs inside
their content) mapped through both copies' aliases, so that a document added on
both laptops and recognised as one counts as the same record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import assessments as assess_svc
from crc_reporter.services import documents as doc_svc
from crc_reporter.services import exchange as ex
from crc_reporter.services import indicators as ind_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange.schema import BY_NAME
from crc_reporter.services.exchange.snapshot import read_snapshot
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action, ActionLink, Actor, AuditEntry, Document, Recommendation, SyncAlias
from crc_reporter.store.open import open_store

SYMBOLS = ["CRC/C/KHM/CO/4-6", "CRC/C/KHM/CO/2-3", "CRC/C/OPAC/KHM/CO/1"]
ACTORS = ["Ministry of Justice", "Child Rights Coalition", "UNICEF Cambodia"]
TEXTS = ["Strengthen birth registration.", "Adopt the juvenile justice law.", "Train judges and prosecutors."]
TITLES = ["Diversion programme", "Training of police", "Legal aid for children"]
STATUSES = ["planned", "ongoing", "completed", "cancelled"]
CLUSTERS = [None, "violence", "general_measures"]


def build_base(session: Session) -> None:
    doc_svc.create_document(session, SYMBOLS[0])
    actor_svc.create_actor(session, ACTORS[0], "government")
    actor_svc.create_actor(session, ACTORS[1], "coalition")
    for number in (1, 2, 3):
        rec_svc.create_recommendation(
            session,
            SYMBOLS[0],
            number,
            TEXTS[number - 1],
            parts=[("a", "first part"), ("b", "second part")] if number == 2 else (),
            themes=["justice"],
            responsible=[ACTORS[0]],
        )
    recs = list(session.scalars(select(Recommendation).order_by(Recommendation.number)))
    minister = session.scalar(select(Actor).where(Actor.name == ACTORS[0]))
    assert minister is not None
    first = action_svc.create_action(session, TITLES[0], actor_id=minister.id, sources=[("Decree 12", None)])
    second = action_svc.create_action(session, TITLES[1], confidential=True)
    action_svc.link_action(session, first.id, recs[0].id)
    action_svc.link_action(session, second.id, recs[1].id, recs[1].parts[0].id)
    assess_svc.record_assessment(session, recs[0].id, "government", "in_progress", assessed_on="2024-01-10")
    ind = ind_svc.create_indicator(session, "Children in detention", unit="children")
    ind_svc.set_value(session, ind.id, 2020, 826.0)
    ind_svc.link_recommendation(session, ind.id, recs[0].id)


def _pick(session: Session, model: Any, index: int, order: Any = None) -> Any | None:
    rows = list(session.scalars(select(model).order_by(order if order is not None else model.id)))
    return rows[index % len(rows)] if rows else None


Edit = tuple[str, int, int, int]


def apply_edit(session: Session, edit: Edit) -> None:
    """One random edit through the services (edits the services refuse are simply skipped)."""
    kind, i, j, k = edit
    rec = _pick(session, Recommendation, i)
    action = _pick(session, Action, j)
    actor = _pick(session, Actor, k)
    ops: dict[str, Callable[[], object]] = {
        "document": lambda: doc_svc.create_document(session, SYMBOLS[i % 3]),
        "delete_document": lambda: doc_svc.delete_document(session, _pick(session, Document, i).symbol),
        "recommendation": lambda: rec_svc.create_recommendation(
            session,
            _pick(session, Document, j).symbol,
            1 + k % 5,
            TEXTS[i % 3],
            parts=[("a", TEXTS[j % 3])] if i % 2 else (),
        ),
        "edit_recommendation": lambda: rec_svc.update_recommendation(
            session, rec.id, text=TEXTS[j % 3] + " " + str(k), cluster=CLUSTERS[k % 3]
        ),
        "delete_recommendation": lambda: rec_svc.delete_recommendation(session, rec.id),
        "actor": lambda: actor_svc.create_actor(session, ACTORS[i % 3], "ngo"),
        "rename_actor": lambda: actor_svc.update_actor(
            session, actor.id, name=ACTORS[j % 3] + ("" if k % 2 else " (2)")
        ),
        "delete_actor": lambda: actor_svc.delete_actor(session, actor.id),
        "action": lambda: action_svc.create_action(
            session, TITLES[i % 3], actor_id=actor.id if actor and j % 2 else None, confidential=k == 3
        ),
        "edit_action": lambda: action_svc.update_action(
            session, action.id, status=STATUSES[i % 4], title=TITLES[k % 3]
        ),
        "delete_action": lambda: action_svc.delete_action(session, action.id),
        "link": lambda: action_svc.link_action(
            session, action.id, rec.id, rec.parts[k % len(rec.parts)].id if rec.parts and k % 2 else None
        ),
        "unlink": lambda: _unlink(session, i),
        "assess": lambda: assess_svc.record_assessment(
            session, rec.id, ("government", "civil_society")[j % 2], ("not_implemented", "implemented")[k % 2]
        ),
        "responsible": lambda: rec_svc.set_responsible(session, rec.id, [actor.id] if k % 2 else []),
        "tags": lambda: rec_svc.set_tags(session, rec.id, "theme", [["justice", "health", "birth"][j % 3]]),
        "indicator_link": lambda: ind_svc.link_action(session, 1, action.id, linked=bool(k % 2)),
    }
    try:
        with session.begin_nested():
            ops[kind]()
    except (ServiceError, AttributeError, ZeroDivisionError):
        pass  # the target does not exist (any more), or the services refuse: nothing happened


def _unlink(session: Session, index: int) -> None:
    link = _pick(session, ActionLink, index)
    if link is not None:
        action_svc.unlink_action(session, link.action_id, link.recommendation_id, link.part_id)


EDIT_KINDS = [
    "document",
    "delete_document",
    "recommendation",
    "edit_recommendation",
    "delete_recommendation",
    "actor",
    "rename_actor",
    "delete_actor",
    "action",
    "edit_action",
    "delete_action",
    "link",
    "unlink",
    "assess",
    "responsible",
    "tags",
    "indicator_link",
]


# --- exchanging ------------------------------------------------------------------------------


def open_taking_unsigned(path: Path, **options: Any) -> Store:
    """``open_store``, with "require trusted packages" turned off through the service.

    For tests of what a merge does (not of whose packages a store takes; that is
    tests/integration/test_require_trusted.py): their packages are unsigned.
    """
    store = open_store(path, **options)
    with store.session() as session:
        ex.set_require_trusted_packages(session, False)
    return store


def export(store: Store, path: Path, **options: Any) -> ex.Package:
    options.setdefault("include_confidential", True)
    with store.session() as session:
        ex.export_package(session, path, **options)
    return ex.open_package(path)


AGREED = 10**6  # a person agreed to every deletion (the tests of that question are in test_forgery.py)


def merge(store: Store, package: ex.Package, policy: ex.Resolution | None = None) -> ex.MergeResult:
    """Merge; with a policy, settle every conflict that way (repeating while choices uncover new ones)."""
    with store.session() as session:
        result = ex.merge_package(session, package, backup=False, allow_deletions=AGREED)
    rounds = 0
    while policy is not None and result.conflicts and rounds < 6:
        choices = result.resolve_all(policy) or result.resolve_all(ex.Resolution.KEEP_MINE)
        with store.session() as session:
            result = ex.merge_package(session, package, choices, backup=False, allow_deletions=AGREED)
        rounds += 1
    return result


def audit_count(store: Store) -> int:
    with store.session() as session:
        return len(session.scalars(select(AuditEntry.id)).all())


# --- comparing copies --------------------------------------------------------------------------


def alias_map(*stores: Store) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(u: str) -> str:
        while parent.get(u, u) != u:
            u = parent[u]
        return u

    for store in stores:
        with store.session() as session:
            for foreign, ours in session.execute(select(SyncAlias.uuid, SyncAlias.target)):
                a, b = find(foreign), find(ours)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {u: find(u) for u in parent}


def contents(store: Store, aliases: dict[str, str] | None = None) -> dict[str, tuple[str, dict[str, Any]]]:
    """uuid -> (table, content), UUIDs mapped to one representative per aliased record."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    with store.session() as session:
        snap = read_snapshot(session)
    for name, rows in snap.tables.items():
        for uuid, data in rows.data.items():
            out[uuid] = (name, data)
    return remap(out, aliases or {})


def remap(raw: dict[str, tuple[str, dict[str, Any]]], aliases: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    def canon(u: Any) -> Any:
        return aliases.get(u, u) if isinstance(u, str) else u

    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for uuid, (name, data) in raw.items():
        spec = BY_NAME[name]
        data = dict(data)
        for ref in spec.refs:
            data[ref.field] = canon(data[ref.field])
        for coll in spec.collections:
            if coll.kind == "uuids":
                data[coll.field] = sorted(canon(u) for u in data[coll.field])
        out[canon(uuid)] = (name, data)
    return out


def compare(a: Store, b: Store) -> tuple[dict[str, Any], dict[str, Any]]:
    aliases = alias_map(a, b)
    return contents(a, aliases), contents(b, aliases)
