"""What changed in the store, announced to whoever shows it.

One :class:`StoreEvents` object is created per open store and handed to every
page and command (never looked up globally). Commands and background tasks
announce what they changed; each page refreshes only that. An empty id list
means "anything may have changed" (after an import, for instance).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class StoreEvents(QObject):
    recommendations_changed = Signal(list)  # recommendation ids: text, tags, bodies, links, statuses
    assessments_changed = Signal(list)  # recommendation ids whose assessments changed
    actions_changed = Signal(list)  # action ids
    actors_changed = Signal()
    documents_changed = Signal()
    indicators_changed = Signal(list)  # indicator ids
    coalition_changed = Signal()  # a coalition's questions or proposed recommendations
    store_reloaded = Signal()  # bulk change (import, demo data): every page reloads

    def announce_recommendations(self, ids: Iterable[int] = ()) -> None:
        self.recommendations_changed.emit(sorted(set(ids)))

    def announce_assessments(self, rec_ids: Iterable[int]) -> None:
        self.assessments_changed.emit(sorted(set(rec_ids)))

    def announce_actions(self, ids: Iterable[int] = ()) -> None:
        self.actions_changed.emit(sorted(set(ids)))

    def announce_indicators(self, ids: Iterable[int] = ()) -> None:
        self.indicators_changed.emit(sorted(set(ids)))
