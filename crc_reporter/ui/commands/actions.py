"""Edits of actions: create, change, delete, sources, links to recommendations and parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from crc_reporter.i18n import N_, _
from crc_reporter.services import actions as action_svc
from crc_reporter.services import actors as actor_svc
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.restore import ActionSnapshot, delete_action_recorded, restore_action
from crc_reporter.services.usage import is_linked
from crc_reporter.ui.commands.versioned import VersionedEdit
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand

ACTION = "action"


@dataclass
class ActionDraft:
    """What the editor collects for a new action."""

    title: str
    actor_id: int | None = None
    action_type: str = "other"
    status: str = "planned"
    description: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    outcome: str = ""
    confidential: bool = False
    sources: list[tuple[str, str | None]] = field(default_factory=list)
    links: list[tuple[int, int | None]] = field(default_factory=list)  # (recommendation id, part id)


class CreateAction(StoreCommand):
    def __init__(self, draft: ActionDraft) -> None:
        super().__init__(_("New action “{title}”").format(title=draft.title.strip()))
        self.draft = draft
        self.action_id: int | None = None
        self._snapshot: ActionSnapshot | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:  # redo: bring back the same record
            new_id = restore_action(session, self._snapshot)
            self.remap(ACTION, self._snapshot.info.id, new_id)
            self.action_id = new_id
            return
        d = self.draft
        action = action_svc.create_action(
            session,
            d.title,
            actor_id=d.actor_id,
            action_type=d.action_type,
            status=d.status,
            description=d.description,
            start_date=d.start_date,
            end_date=d.end_date,
            outcome=d.outcome,
            confidential=d.confidential,
            sources=d.sources,
        )
        for rec_id, part_id in d.links:
            action_svc.link_action(session, action.id, rec_id, part_id)
        self.action_id = action.id

    def revert(self, session: Session) -> None:
        assert self.action_id is not None
        self._snapshot = delete_action_recorded(session, self.resolve(ACTION, self.action_id))

    def announce(self, events: StoreEvents) -> None:
        events.announce_actions([self.action_id] if self.action_id else [])
        events.announce_recommendations(rec for rec, _part in self.draft.links)


class DeleteAction(StoreCommand):
    def __init__(self, action_id: int, title: str) -> None:
        super().__init__(_("Delete action “{title}”").format(title=title))
        self.action_id = action_id
        self._snapshot: ActionSnapshot | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = delete_action_recorded(session, self.resolve(ACTION, self.action_id))

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        new_id = restore_action(session, self._snapshot)
        self.remap(ACTION, self._snapshot.info.id, new_id)

    def announce(self, events: StoreEvents) -> None:
        events.announce_actions([self.resolve(ACTION, self.action_id)])
        if self._snapshot:
            events.announce_recommendations(rec for rec, _part in self._snapshot.links)


class EditAction(VersionedEdit):
    """Change some fields of an action (and, optionally, its list of sources)."""

    what = N_("this action")

    def __init__(
        self,
        action_id: int,
        fields: dict[str, object],
        sources: Sequence[tuple[str, str | None]] | None = None,
        text: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(text or _("Edit action"), fields, expected_version)
        self.action_id = action_id
        self.sources = list(sources) if sources is not None else None
        self._previous_sources: list[tuple[str, str | None]] | None = None

    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        action_id = self.resolve(ACTION, self.action_id)
        return action_svc.update_action(session, action_id, expected_version=expected_version, **fields)

    def record(self, session: Session) -> Any:
        return action_svc.get_action(session, self.resolve(ACTION, self.action_id))

    def record_key(self) -> object:
        return self.resolve(ACTION, self.action_id)

    def describe(self, session: Session, key: str, value: object) -> str:
        if key == "actor_id" and isinstance(value, int):
            with suppress(ServiceError):
                return actor_svc.get_actor(session, value).name
        return super().describe(session, key, value)

    def apply_more(self, session: Session) -> None:
        if self.sources is not None:
            action_id = self.resolve(ACTION, self.action_id)
            self._previous_sources = action_svc.set_sources(session, action_id, self.sources)

    def revert_more(self, session: Session) -> None:
        if self._previous_sources is not None:
            action_svc.set_sources(session, self.resolve(ACTION, self.action_id), self._previous_sources)

    def announce(self, events: StoreEvents) -> None:
        events.announce_actions([self.resolve(ACTION, self.action_id)])


class LinkAction(StoreCommand):
    """Link (or with ``link=False`` unlink) an action and a recommendation or one of its parts."""

    def __init__(
        self, action_id: int, rec_id: int, part_id: int | None = None, *, link: bool = True, label: str = ""
    ) -> None:
        template = _("Link action to {target}") if link else _("Unlink action from {target}")
        super().__init__(template.format(target=label or _("recommendation")))
        self.action_id, self.rec_id, self.part_id, self.link = action_id, rec_id, part_id, link
        self._changed = False

    def _set(self, session: Session, linked: bool) -> None:
        action_id = self.resolve(ACTION, self.action_id)
        if linked:
            action_svc.link_action(session, action_id, self.rec_id, self.part_id)
        else:
            action_svc.unlink_action(session, action_id, self.rec_id, self.part_id)

    def apply(self, session: Session) -> None:
        # undo must not remove a link that existed before (or add back one that never did)
        self._changed = is_linked(session, self.resolve(ACTION, self.action_id), self.rec_id, self.part_id) != self.link
        if self._changed:
            self._set(session, self.link)

    def revert(self, session: Session) -> None:
        if self._changed:
            self._set(session, not self.link)

    def announce(self, events: StoreEvents) -> None:
        events.announce_actions([self.resolve(ACTION, self.action_id)])
        events.announce_recommendations([self.rec_id])
