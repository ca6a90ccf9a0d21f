"""What travels in an exchange package, table by table.

Each synced table is described once here: the columns that make up a record's
content, its references to other records (by UUID, never by local id), the
collections folded into it (tags, responsible bodies, coalition members,
indicator links), and the natural key by which a record added on both sides
(the same document imported twice, the same ministry typed twice) is
recognised as one. Everything else in the package code is generic over these
specs, so a new synced table is one more entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

from sqlalchemy import Table

from crc_reporter.domain.enums import (
    ActionStatus,
    ActionType,
    ActorType,
    AssessmentSide,
    DocumentType,
    ImplementationStatus,
    Mechanism,
    RecommendationKind,
    UprPosition,
)
from crc_reporter.store import models as m

#: Version of the package layout and record format; a newer one is refused with a clear message.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Ref:
    """A column holding another record's local id, exchanged as that record's UUID."""

    field: str  # key in the record's content
    column: str  # the foreign-key column
    target: str  # table it points to
    required: bool  # NOT NULL (ON DELETE CASCADE) rather than optional (ON DELETE SET NULL)


@dataclass(frozen=True)
class Collection:
    """A many-to-many relation folded into one record's content."""

    field: str
    kind: str  # "uuids": sorted UUIDs of ``target``; "tags": sorted [kind, name]; "previous": [symbol, paragraph]
    target: str | None = None


@dataclass(frozen=True)
class TableSpec:
    name: str
    table: Table
    fields: tuple[str, ...]  # plain columns, exchanged as they are
    dates: tuple[str, ...] = ()  # date columns, exchanged as ISO text
    refs: tuple[Ref, ...] = ()
    collections: tuple[Collection, ...] = ()
    natural_key: tuple[str, ...] = ()  # content keys that are unique in a store
    enums: tuple[tuple[str, frozenset[str]], ...] = ()
    #: fields (among ``fields``) a later version added, with the value every record had before them.
    #: A package without them (from an older version) still merges, its records taking these values;
    #: a record whose extras are all at these values keeps the content hash it had before.
    extras: tuple[tuple[str, object], ...] = ()

    @property
    def content_keys(self) -> tuple[str, ...]:
        return (
            *self.fields,
            *self.dates,
            *(r.field for r in self.refs),
            *(c.field for c in self.collections),
        )

    @cached_property
    def content_of(self) -> Callable[[dict[str, object]], tuple[object, ...]]:
        """The content values of a record in ``content_keys`` order, as a tuple."""
        keys = self.content_keys
        if len(keys) == 1:
            key = keys[0]
            return lambda data: (data[key],)
        return itemgetter(*keys)

    @cached_property
    def legacy_keys(self) -> tuple[str, ...]:
        """``content_keys`` without the extras: what a package of the previous version lists."""
        names = {name for name, _default in self.extras}
        return tuple(k for k in self.content_keys if k not in names)

    @cached_property
    def hash_values(self) -> Callable[[dict[str, object]], tuple[object, ...]]:
        """What the content hash is made of: the legacy content, then the extras that differ from their default."""
        if not self.extras:
            return self.content_of
        legacy, extras = self.legacy_keys, self.extras

        def values(data: dict[str, object]) -> tuple[object, ...]:
            base = tuple(data[k] for k in legacy)
            changed = tuple((k, data[k]) for k, default in extras if data[k] != default)
            return base + changed if changed else base

        return values

    def ref(self, field: str) -> Ref | None:
        return next((r for r in self.refs if r.field == field), None)


def _values(enum: type) -> frozenset[str]:
    return frozenset(member.value for member in enum)  # type: ignore[attr-defined]


def _present(model: type, *columns: str) -> tuple[str, ...]:
    """Columns a newer schema adds travel once the model has them (a paragraph's typed translation)."""
    table = _t(model)
    return tuple(c for c in columns if c in table.c)


def _t(model: type) -> Table:
    """The Core table of a mapped class."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


#: issue 22 (migration 0014): other mechanisms' fields, and their values on every older record
_RECOMMENDATION_EXTRAS: tuple[tuple[str, object], ...] = (
    ("label", None),
    ("recommending_states", ""),
    ("position", None),
    ("upr_session", None),
    ("upr_cycle", None),
    ("cluster_confirmed", True),
)

SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "document",
        _t(m.Document),
        fields=("symbol", "treaty_code", "doc_type", "title", "country", "next_report_word_limit")
        + ("next_report_title", "language", "notes"),
        dates=("date", "next_report_due"),
        natural_key=("symbol",),
        enums=(("treaty_code", _values(Mechanism)), ("doc_type", _values(DocumentType))),
    ),
    TableSpec(
        "actor",
        _t(m.Actor),
        fields=("name", "short_name", "actor_type", "country", "contact"),
        collections=(Collection("members", "uuids", "actor"),),
        natural_key=("name",),
        enums=(("actor_type", _values(ActorType)),),
    ),
    TableSpec(
        "recommendation",
        _t(m.Recommendation),
        fields=("number", "text", "kind", "cluster", "subheading", "urgent", "articles", "user_edited")
        + _present(m.Recommendation, "translation", "translation_lang")
        + tuple(name for name, _default in _RECOMMENDATION_EXTRAS),
        refs=(Ref("document", "document_id", "document", True),),
        collections=(
            Collection("tags", "tags"),
            Collection("responsible", "uuids", "actor"),
            Collection("previous", "previous"),
        ),
        natural_key=("document", "number"),
        enums=(("kind", _values(RecommendationKind)), ("position", _values(UprPosition))),
        extras=_RECOMMENDATION_EXTRAS,
    ),
    TableSpec(
        "recommendation_part",
        _t(m.RecommendationPart),
        fields=("label", "text", "position") + _present(m.RecommendationPart, "translation"),
        refs=(Ref("recommendation", "recommendation_id", "recommendation", True),),
        natural_key=("recommendation", "label"),
    ),
    TableSpec(
        "action",
        _t(m.Action),
        fields=("title", "description", "action_type", "status", "outcome", "confidential"),
        dates=("start_date", "end_date"),
        refs=(Ref("actor", "actor_id", "actor", False),),
        enums=(("action_type", _values(ActionType)), ("status", _values(ActionStatus))),
    ),
    TableSpec(
        "source",
        _t(m.Source),
        fields=("title", "url", "file_ref"),
        refs=(Ref("action", "action_id", "action", True),),
    ),
    TableSpec(
        "action_link",
        _t(m.ActionLink),
        fields=(),
        refs=(
            Ref("action", "action_id", "action", True),
            Ref("recommendation", "recommendation_id", "recommendation", True),
            Ref("part", "part_id", "recommendation_part", False),
        ),
        natural_key=("action", "recommendation", "part"),
    ),
    TableSpec(
        "assessment",
        _t(m.Assessment),
        fields=("side", "status", "note", "evidence", "recorded_by", "approved"),
        dates=("assessed_on",),
        refs=(
            Ref("recommendation", "recommendation_id", "recommendation", True),
            Ref("part", "part_id", "recommendation_part", False),
            Ref("assessor", "assessor_id", "actor", False),
        ),
        enums=(("side", _values(AssessmentSide)), ("status", _values(ImplementationStatus))),
    ),
    TableSpec(
        "coalition_input",
        _t(m.CoalitionInput),
        fields=("cluster", "kind", "text", "position"),
        refs=(
            Ref("document", "document_id", "document", True),
            Ref("recommendation", "recommendation_id", "recommendation", False),
        ),
        enums=(("kind", frozenset({"question", "recommendation"})),),
    ),
    TableSpec(
        "recommendation_relation",
        _t(m.RecommendationRelation),
        fields=("status", "score"),
        refs=(
            Ref("recommendation", "recommendation_id", "recommendation", True),
            Ref("related", "related_id", "recommendation", True),
        ),
        natural_key=("recommendation", "related"),
        enums=(("status", frozenset({"linked", "rejected"})),),
    ),
    TableSpec(
        "subheading_translation",
        _t(m.SubheadingTranslation),
        fields=("subheading", "lang", "text"),
        natural_key=("subheading", "lang"),
    ),
    TableSpec(
        "indicator",
        _t(m.Indicator),
        fields=("name", "unit", "source", "description"),
        collections=(
            Collection("recommendations", "uuids", "recommendation"),
            Collection("actions", "uuids", "action"),
        ),
    ),
    TableSpec(
        "indicator_value",
        _t(m.IndicatorValue),
        fields=("year", "value", "sex", "age_group", "province", "note"),
        refs=(Ref("indicator", "indicator_id", "indicator", True),),
    ),
)

BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in SPECS}
#: Tables in the order parents come before children (inserts run in this order).
ORDER: tuple[str, ...] = tuple(spec.name for spec in SPECS)

#: Association tables behind the collections: (table, owner column, other column).
ASSOCIATIONS: dict[tuple[str, str], tuple[Table, str, str]] = {
    ("actor", "members"): (m.coalition_member, "coalition_id", "member_id"),
    ("recommendation", "responsible"): (m.responsible_body, "recommendation_id", "actor_id"),
    ("recommendation", "tags"): (m.recommendation_tag, "recommendation_id", "tag_id"),
    ("indicator", "recommendations"): (m.indicator_recommendation, "indicator_id", "recommendation_id"),
    ("indicator", "actions"): (m.indicator_action, "indicator_id", "action_id"),
}
