"""Edits of related recommendations across mechanisms: link, reject, unlink (all undoable)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crc_reporter.domain.related import LINKED, RelationSnapshot
from crc_reporter.i18n import _
from crc_reporter.services import related_recommendations as svc
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand

RELATION = "recommendation_relation"


class JudgeRelated(StoreCommand):
    """Link two recommendations of different mechanisms (``linked``), or reject a proposed pair (``rejected``)."""

    def __init__(self, a: int, b: int, status: str, score: float | None, names: str) -> None:
        text = _("Link {pair}") if status == LINKED else _("Reject {pair}")
        super().__init__(text.format(pair=names))
        self.a, self.b, self.status, self.score = a, b, status, score
        self.relation_id: int | None = None
        self._previous: tuple[str, float | None] | None = None
        self._snapshot: RelationSnapshot | None = None
        self._snapshot_id = 0

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:  # redo of a new relation: the same record again
            self.relation_id = svc.restore_relation(session, self._snapshot)
            self.remap(RELATION, self._snapshot_id, self.relation_id)
            return
        relation, self._previous = svc.set_relation(session, self.a, self.b, self.status, self.score)
        self.relation_id = relation.id

    def revert(self, session: Session) -> None:
        assert self.relation_id is not None
        if self._previous is None:
            self._snapshot_id = self.resolve(RELATION, self.relation_id)
            self._snapshot = svc.delete_relation(session, self._snapshot_id)
        else:
            svc.set_relation(session, self.a, self.b, *self._previous)

    def announce(self, events: StoreEvents) -> None:
        events.announce_recommendations([self.a, self.b])


class UnlinkRelated(StoreCommand):
    def __init__(self, relation_id: int, a: int, b: int, names: str) -> None:
        super().__init__(_("Unlink {pair}").format(pair=names))
        self.relation_id, self.a, self.b = relation_id, a, b
        self._snapshot: RelationSnapshot | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = svc.delete_relation(session, self.resolve(RELATION, self.relation_id))

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        self.remap(RELATION, self.relation_id, svc.restore_relation(session, self._snapshot))

    def announce(self, events: StoreEvents) -> None:
        events.announce_recommendations([self.a, self.b])
