"""What an export would carry, before anything is written: for a window that lets a person choose.

The "Send my work" dialog offers the documents, clusters and actors a
selection can name, and says how many records and confidential actions the
chosen selection means, so that ticking "include confidential actions" is an
informed choice. Reads only; the same rules as :func:`export_package`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crc_reporter.domain.clusters import cluster_position
from crc_reporter.services.exchange.select import Selection, choose
from crc_reporter.services.exchange.session import check_may_exchange
from crc_reporter.services.exchange.snapshot import read_snapshot
from crc_reporter.store.models import Action, Actor, Document, Recommendation


@dataclass(frozen=True)
class SelectionChoices:
    documents: tuple[str, ...]  # symbols, as stored
    clusters: tuple[str, ...]  # cluster keys that have at least one paragraph, in the Committee's order
    actors: tuple[tuple[str, int], ...]  # (name, number of actions), actors with actions only


@dataclass(frozen=True)
class Outline:
    counts: dict[str, int]  # records per kind that would go (confidential actions left out)
    counts_with_confidential: dict[str, int]  # the same with the confidential actions included
    confidential: int  # confidential actions in the selection: sent only when the person includes them
    indicators_left_out: int  # indicators that stay out with the confidential actions they point at

    def records(self, include_confidential: bool = False) -> int:
        return sum((self.counts_with_confidential if include_confidential else self.counts).values())


def selection_choices(session: Session) -> SelectionChoices:
    documents = tuple(session.scalars(select(Document.symbol).order_by(Document.symbol)))
    keys = session.scalars(select(Recommendation.cluster).where(Recommendation.cluster.is_not(None)).distinct())
    clusters = tuple(sorted((k for k in keys if k), key=cluster_position))
    rows = session.execute(
        select(Actor.name, func.count(Action.id))
        .join(Action, Action.actor_id == Actor.id)
        .group_by(Actor.id, Actor.name)
        .order_by(Actor.name)
    )
    return SelectionChoices(documents, clusters, tuple((name, int(n)) for name, n in rows))


def outline(session: Session, selection: Selection | None = None) -> Outline:
    """How much a package of ``selection`` would hold; raises the selection's own one-line errors."""
    check_may_exchange(session)
    snap = read_snapshot(session)
    selection = selection or Selection()
    without = choose(snap, selection, include_confidential=False)
    with_all = choose(snap, selection, include_confidential=True)
    return Outline(
        counts={table: len(uuids) for table, uuids in without.uuids.items() if uuids},
        counts_with_confidential={table: len(uuids) for table, uuids in with_all.uuids.items() if uuids},
        confidential=without.left_out_confidential,
        indicators_left_out=without.left_out_indicators,
    )


def confidential_actions(session: Session) -> int:
    """Confidential actions in the whole store (what an export for other tools leaves out unless asked)."""
    return int(session.scalar(select(func.count(Action.id)).where(Action.confidential.is_(True))) or 0)
