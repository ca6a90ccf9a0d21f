"""Edits of actors, documents and recommendations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from crc_reporter.domain.records import DocumentInfo
from crc_reporter.i18n import N_, _
from crc_reporter.services import actors as actor_svc
from crc_reporter.services import documents as doc_svc
from crc_reporter.services import recommendations as rec_svc
from crc_reporter.services.common import document_by_symbol, recommendation_by_id
from crc_reporter.services.document_merge import DocumentMerge, merge_documents, undo_document_merge
from crc_reporter.services.merging import ActorMerge, merge_actors_recorded, undo_actor_merge
from crc_reporter.services.restore import (
    ActorSnapshot,
    delete_actor_recorded,
    delete_document_recorded,
    restore_actor,
    restore_document,
)
from crc_reporter.ui.commands.versioned import VersionedEdit
from crc_reporter.ui.events import StoreEvents
from crc_reporter.ui.undo import StoreCommand

ACTOR = "actor"


def _announce_actor_change(events: StoreEvents) -> None:
    # names and short names show in the recommendations table and the action lists
    events.actors_changed.emit()
    events.announce_recommendations()
    events.announce_actions()


class CreateActor(StoreCommand):
    def __init__(self, name: str, actor_type: str, short_name: str | None = None) -> None:
        super().__init__(_("New actor “{name}”").format(name=name.strip()))
        self.name, self.actor_type, self.short_name = name, actor_type, short_name
        self.actor_id: int | None = None
        self._snapshot: ActorSnapshot | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:
            self.actor_id = restore_actor(session, self._snapshot)
            self.remap(ACTOR, self._snapshot.id, self.actor_id)
            return
        self.actor_id = actor_svc.create_actor(session, self.name, self.actor_type, short_name=self.short_name).id

    def revert(self, session: Session) -> None:
        assert self.actor_id is not None
        self._snapshot = delete_actor_recorded(session, self.resolve(ACTOR, self.actor_id))

    def announce(self, events: StoreEvents) -> None:
        events.actors_changed.emit()


class EditActor(VersionedEdit):
    what = N_("this actor")

    def __init__(
        self,
        actor_id: int,
        fields: dict[str, object],
        members: Sequence[int] | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(_("Edit actor"), fields, expected_version)
        self.actor_id = actor_id
        self.members = list(members) if members is not None else None
        self._previous_members: list[int] | None = None

    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        return actor_svc.update_actor(
            session, self.resolve(ACTOR, self.actor_id), expected_version=expected_version, **fields
        )

    def record(self, session: Session) -> Any:
        return actor_svc.get_actor(session, self.resolve(ACTOR, self.actor_id))

    def record_key(self) -> object:
        return self.resolve(ACTOR, self.actor_id)

    def apply_more(self, session: Session) -> None:
        if self.members is not None:
            self._previous_members = actor_svc.set_members(session, self.resolve(ACTOR, self.actor_id), self.members)

    def revert_more(self, session: Session) -> None:
        if self._previous_members is not None:
            actor_svc.set_members(session, self.resolve(ACTOR, self.actor_id), self._previous_members)

    def announce(self, events: StoreEvents) -> None:
        _announce_actor_change(events)


class DeleteActor(StoreCommand):
    def __init__(self, actor_id: int, name: str) -> None:
        super().__init__(_("Delete actor “{name}”").format(name=name))
        self.actor_id = actor_id
        self._snapshot: ActorSnapshot | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = delete_actor_recorded(session, self.resolve(ACTOR, self.actor_id))

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        self.remap(ACTOR, self._snapshot.id, restore_actor(session, self._snapshot))

    def announce(self, events: StoreEvents) -> None:
        _announce_actor_change(events)


class MergeActors(StoreCommand):
    def __init__(self, keep_id: int, duplicate_id: int, keep_name: str, duplicate_name: str) -> None:
        super().__init__(_("Merge “{duplicate}” into “{keep}”").format(duplicate=duplicate_name, keep=keep_name))
        self.keep_id, self.duplicate_id = keep_id, duplicate_id
        self._record: ActorMerge | None = None

    def apply(self, session: Session) -> None:
        self._record = merge_actors_recorded(
            session, self.resolve(ACTOR, self.keep_id), self.resolve(ACTOR, self.duplicate_id)
        )

    def revert(self, session: Session) -> None:
        assert self._record is not None
        self.remap(ACTOR, self._record.duplicate.id, undo_actor_merge(session, self._record))

    def announce(self, events: StoreEvents) -> None:
        _announce_actor_change(events)
        events.assessments_changed.emit([])


class CreateDocument(StoreCommand):
    def __init__(self, symbol: str, fields: dict[str, object]) -> None:
        super().__init__(_("New document {symbol}").format(symbol=symbol))
        self.symbol, self.fields = symbol, dict(fields)
        self.created: str | None = None
        self._snapshot: DocumentInfo | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:
            restore_document(session, self._snapshot)
            return
        self.created = doc_svc.create_document(session, self.symbol, **self.fields).symbol  # type: ignore[arg-type]

    def revert(self, session: Session) -> None:
        assert self.created is not None
        self._snapshot = delete_document_recorded(session, self.created)

    def announce(self, events: StoreEvents) -> None:
        events.documents_changed.emit()


class EditDocument(VersionedEdit):
    what = N_("this document")

    def __init__(self, symbol: str, fields: dict[str, object], expected_version: int | None = None) -> None:
        super().__init__(_("Edit {symbol}").format(symbol=symbol), fields, expected_version)
        self.symbol = symbol

    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        return doc_svc.update_document(session, self.symbol, expected_version=expected_version, **fields)

    def record(self, session: Session) -> Any:
        return document_by_symbol(session, self.symbol)

    def record_key(self) -> object:
        return self.symbol

    def announce(self, events: StoreEvents) -> None:
        events.documents_changed.emit()


class DeleteDocument(StoreCommand):
    def __init__(self, symbol: str) -> None:
        super().__init__(_("Delete {symbol}").format(symbol=symbol))
        self.symbol = symbol
        self._snapshot: DocumentInfo | None = None

    def apply(self, session: Session) -> None:
        self._snapshot = delete_document_recorded(session, self.symbol)

    def revert(self, session: Session) -> None:
        assert self._snapshot is not None
        restore_document(session, self._snapshot)

    def announce(self, events: StoreEvents) -> None:
        events.documents_changed.emit()


class MergeDocuments(StoreCommand):
    def __init__(self, keep: str, duplicate: str) -> None:
        super().__init__(_("Merge {duplicate} into {keep}").format(duplicate=duplicate, keep=keep))
        self.keep, self.duplicate = keep, duplicate
        self._record: DocumentMerge | None = None

    def apply(self, session: Session) -> None:
        self._record = merge_documents(session, self.keep, self.duplicate)

    def revert(self, session: Session) -> None:
        assert self._record is not None
        undo_document_merge(session, self._record)

    def announce(self, events: StoreEvents) -> None:
        events.documents_changed.emit()
        events.store_reloaded.emit()  # paragraphs, links and assessments all moved


class EditRecommendation(VersionedEdit):
    """Change a paragraph's classification: fields, responsible bodies, tags of one kind."""

    what = N_("this recommendation")

    def __init__(
        self,
        rec_id: int,
        fields: dict[str, object] | None = None,
        responsible: Sequence[int] | None = None,
        tags: dict[str, list[str]] | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(_("Edit recommendation"), dict(fields or {}), expected_version)
        self.rec_id = rec_id
        self.responsible = list(responsible) if responsible is not None else None
        self.tags = dict(tags or {})
        self._previous_responsible: list[int] | None = None
        self._previous_tags: dict[str, list[str]] = {}

    def update(self, session: Session, fields: dict[str, object], expected_version: int | None) -> dict[str, object]:
        return rec_svc.update_recommendation(session, self.rec_id, expected_version=expected_version, **fields)

    def record(self, session: Session) -> Any:
        return recommendation_by_id(session, self.rec_id)

    def record_key(self) -> object:
        return self.rec_id

    def apply_more(self, session: Session) -> None:
        if self.responsible is not None:
            self._previous_responsible = rec_svc.set_responsible(session, self.rec_id, self.responsible)
        self._previous_tags = {
            kind: rec_svc.set_tags(session, self.rec_id, kind, names) for kind, names in self.tags.items()
        }

    def revert_more(self, session: Session) -> None:
        if self._previous_responsible is not None:
            rec_svc.set_responsible(session, self.rec_id, self._previous_responsible)
        for kind, names in self._previous_tags.items():
            rec_svc.set_tags(session, self.rec_id, kind, names)

    def announce(self, events: StoreEvents) -> None:
        events.announce_recommendations([self.rec_id])


class SetTranslation(StoreCommand):
    """Keep (or clear) the translation typed beside a paragraph's text."""

    def __init__(self, rec_id: int, text: str | None, lang: str | None, label_text: str) -> None:
        super().__init__(_("Translation of {target}").format(target=label_text))
        # not ``self.text``: that is QUndoCommand's own text() method
        self.rec_id, self.translation, self.lang = rec_id, text, lang
        self._previous: dict[str, object] = {}

    def apply(self, session: Session) -> None:
        self._previous = rec_svc.set_translation(session, self.rec_id, self.translation, self.lang)

    def revert(self, session: Session) -> None:
        previous = self._previous
        rec_svc.set_translation(session, self.rec_id, previous["translation"], previous["translation_lang"])  # type: ignore[arg-type]

    def announce(self, events: StoreEvents) -> None:
        events.announce_recommendations([self.rec_id])
