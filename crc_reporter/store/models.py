"""The store's tables.

Every record users create carries a UUID (see :class:`Synced`); association
rows that users create (links between actions and recommendations) do too,
because they travel in exchange packages. Reference data (treaties, articles,
clusters) is seeded from ``resources/reference``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crc_reporter.store.base import Base, Synced, utcnow

# --- reference data -----------------------------------------------------------------


class Treaty(Base):
    __tablename__ = "treaty"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    short_title: Mapped[str] = mapped_column(Text)
    reporting_article: Mapped[str | None] = mapped_column(String(16))
    articles: Mapped[list[Article]] = relationship(back_populates="treaty", order_by="Article.position")


class Article(Base):
    __tablename__ = "article"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    treaty_code: Mapped[str] = mapped_column(ForeignKey("treaty.code", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    treaty: Mapped[Treaty] = relationship(back_populates="articles")
    __table_args__ = (UniqueConstraint("treaty_code", "number"),)


class Cluster(Base):
    __tablename__ = "cluster"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    articles_text: Mapped[str] = mapped_column(Text)
    articles: Mapped[str] = mapped_column(Text)  # comma-separated, e.g. "4,42,44(6)"


# --- documents and recommendations ---------------------------------------------------


class Document(Synced, Base):
    __tablename__ = "document"
    symbol: Mapped[str] = mapped_column(String(64), unique=True)
    treaty_code: Mapped[str] = mapped_column(ForeignKey("treaty.code"))
    doc_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(3))
    date: Mapped[dt.date | None] = mapped_column(Date)
    next_report_due: Mapped[dt.date | None] = mapped_column(Date)
    next_report_word_limit: Mapped[int | None] = mapped_column(Integer)
    next_report_title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    source_file: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")

    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Recommendation.number"
    )


recommendation_tag = Table(
    "recommendation_tag",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)

responsible_body = Table(
    "responsible_body",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True),
)


class Recommendation(Synced, Base):
    """A numbered paragraph of concluding observations."""

    __tablename__ = "recommendation"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="recommendation")
    cluster: Mapped[str | None] = mapped_column(ForeignKey("cluster.key"))
    subheading: Mapped[str | None] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    articles: Mapped[str] = mapped_column(Text, default="")  # comma-separated, e.g. "4,44(6)"
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)
    # the paragraph in another language, typed by a person (usually Khmer), and that language's code
    translation: Mapped[str | None] = mapped_column(Text)
    translation_lang: Mapped[str | None] = mapped_column(String(8))

    document: Mapped[Document] = relationship(back_populates="recommendations")
    parts: Mapped[list[RecommendationPart]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="RecommendationPart.position"
    )
    previous: Mapped[list[PreviousReference]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="PreviousReference.id"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=recommendation_tag)
    responsible: Mapped[list[Actor]] = relationship(secondary=responsible_body)
    __table_args__ = (
        UniqueConstraint("document_id", "number"),
        Index("ix_recommendation_cluster", "cluster"),
    )


class RecommendationPart(Synced, Base):
    """A lettered sub-paragraph, tracked on its own."""

    __tablename__ = "recommendation_part"
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    #: the part in the language of its paragraph's ``translation_lang`` (an imported translation)
    translation: Mapped[str | None] = mapped_column(Text)
    recommendation: Mapped[Recommendation] = relationship(back_populates="parts")
    __table_args__ = (UniqueConstraint("recommendation_id", "label"),)


class PreviousReference(Base):
    """ "Recalling its previous recommendations (CRC/C/KHM/CO/2-3, para. 28)"."""

    __tablename__ = "previous_reference"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    symbol: Mapped[str] = mapped_column(String(64))
    paragraph: Mapped[int] = mapped_column(Integer)
    recommendation: Mapped[Recommendation] = relationship(back_populates="previous")


class Tag(Base):
    """Themes, affected groups and SDG targets."""

    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    __table_args__ = (UniqueConstraint("kind", "name"),)


# --- actors and actions --------------------------------------------------------------

coalition_member = Table(
    "coalition_member",
    Base.metadata,
    Column("coalition_id", ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True),
)


class Actor(Synced, Base):
    __tablename__ = "actor"
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40))
    actor_type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3))
    contact: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[list[Actor]] = relationship(
        secondary=coalition_member,
        primaryjoin=lambda: Actor.id == coalition_member.c.coalition_id,
        secondaryjoin=lambda: Actor.id == coalition_member.c.member_id,
    )


class Action(Synced, Base):
    """What an actor did or plans to do about one or more recommendations."""

    __tablename__ = "action"
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    action_type: Mapped[str] = mapped_column(String(16), default="other")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # completion or target date
    outcome: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)

    actor: Mapped[Actor | None] = relationship()
    sources: Mapped[list[Source]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="Source.id"
    )
    links: Mapped[list[ActionLink]] = relationship(back_populates="action", cascade="all, delete-orphan")


class Source(Synced, Base):
    """Evidence for an action: a report, a law, a web page or a file."""

    __tablename__ = "source"
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    file_ref: Mapped[str | None] = mapped_column(Text)
    action: Mapped[Action] = relationship(back_populates="sources")


class ActionLink(Synced, Base):
    """An action answers a recommendation, or one lettered part of it."""

    __tablename__ = "action_link"
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    part_id: Mapped[int | None] = mapped_column(ForeignKey("recommendation_part.id", ondelete="CASCADE"))
    action: Mapped[Action] = relationship(back_populates="links")
    recommendation: Mapped[Recommendation] = relationship()
    part: Mapped[RecommendationPart | None] = relationship()
    __table_args__ = (UniqueConstraint("action_id", "recommendation_id", "part_id"),)


# --- assessments -----------------------------------------------------------------------


class Assessment(Synced, Base):
    """One side's view of how far a recommendation (or part) is implemented, at a date.

    Rows are only added, never overwritten: the latest per side is the current
    status, the others are its history.
    """

    __tablename__ = "assessment"
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"))
    part_id: Mapped[int | None] = mapped_column(ForeignKey("recommendation_part.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    # no client-side default: an INSERT must not name this column, which only coordinators may write
    approved: Mapped[bool] = mapped_column(Boolean, server_default=false())

    recommendation: Mapped[Recommendation] = relationship()
    part: Mapped[RecommendationPart | None] = relationship()
    assessor: Mapped[Actor | None] = relationship()
    __table_args__ = (Index("ix_assessment_rec_side", "recommendation_id", "side", "assessed_on"),)


class CoalitionInput(Synced, Base):
    """A question for the list of issues or a proposed recommendation a coalition enters.

    Attached to one paragraph of concluding observations (``recommendation_id``)
    or to a whole cluster of them (``cluster``, with the paragraph left empty);
    the alternative report prints them per cluster, numbered.
    """

    __tablename__ = "coalition_input"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"))
    cluster: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # "question" or "recommendation"
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class SubheadingTranslation(Synced, Base):
    """A drafter's wording of a sub-heading outside the standard glossary, in one language (typed once)."""

    __tablename__ = "subheading_translation"
    subheading: Mapped[str] = mapped_column(String(300))  # as the store has it on its paragraphs
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("subheading", "lang"),)


# --- indicators -------------------------------------------------------------------------

indicator_recommendation = Table(
    "indicator_recommendation",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("recommendation_id", ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True),
)

indicator_action = Table(
    "indicator_action",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
)


class Indicator(Synced, Base):
    __tablename__ = "indicator"
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorValue.year"
    )
    recommendations: Mapped[list[Recommendation]] = relationship(secondary=indicator_recommendation)
    actions: Mapped[list[Action]] = relationship(secondary=indicator_action)


class IndicatorValue(Synced, Base):
    """One value of a time series, optionally for a disaggregation (sex, age group, province)."""

    __tablename__ = "indicator_value"
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    sex: Mapped[str | None] = mapped_column(String(16))
    age_group: Mapped[str | None] = mapped_column(String(32))
    province: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[Indicator] = relationship(back_populates="values")


# --- audit trail and metadata ----------------------------------------------------------


class AuditEntry(Base):
    """Who changed what, when. Written by the session hook in :mod:`crc_reporter.store.audit` on SQLite,
    by the server's triggers on PostgreSQL (migration 0009)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(120))
    operation: Mapped[str] = mapped_column(String(8))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    changes: Mapped[str] = mapped_column(Text, default="")  # JSON: {field: [old, new]}
    # about a confidential record when written: on a server, read only by ``_confidential`` members (RLS)
    confidential: Mapped[bool] = mapped_column(Boolean, server_default=false())


class StoreMeta(Base):
    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- exchange between copies (see crc_reporter/services/exchange) ----------------------


class SyncReplica(Base):
    """This copy's replica id, and where it was when it got it (a copied database gets a new one)."""

    __tablename__ = "sync_replica"
    key: Mapped[str] = mapped_column(String(16), primary_key=True)  # always "self"
    replica: Mapped[str] = mapped_column(String(32))
    binding: Mapped[str] = mapped_column(Text, default="")


class SyncRecord(Base):
    """What this copy last stamped for a live record: its version vector and a hash of its content.

    A record whose content no longer matches ``hash`` was changed here since then;
    the next exchange counts that change in ``vv`` (``{replica id: counter}``).
    """

    __tablename__ = "sync_record"
    __table_args__ = {"sqlite_with_rowid": False}
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    vv: Mapped[str] = mapped_column(Text)  # JSON {replica: counter}
    hash: Mapped[str] = mapped_column(String(32))


class Tombstone(Base):
    """A deleted record, so that its deletion travels to the other copies."""

    __tablename__ = "tombstone"
    __table_args__ = {"sqlite_with_rowid": False}
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    vv: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncAlias(Base):
    """Another copy's UUID for one of our records (both copies added the same document or actor)."""

    __tablename__ = "sync_alias"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    target: Mapped[str] = mapped_column(String(36), index=True)


class SyncPeer(Base):
    """The last exchange with another copy."""

    __tablename__ = "sync_peer"
    replica: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    last_package: Mapped[str | None] = mapped_column(String(64))
    last_merged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signer: Mapped[str | None] = mapped_column(String(80))  # key fingerprint of its last signed package


class TrustedKey(Base):
    """A public key whose signed packages this store trusts."""

    __tablename__ = "trusted_key"
    fingerprint: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    public_key: Mapped[str] = mapped_column(Text)  # base64 of the raw 32-byte Ed25519 key
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(120), default="")


class ExchangeSetting(Base):
    """A setting of how this store takes packages (``require_trusted``: "1" or "0")."""

    __tablename__ = "exchange_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# the follow-up cycle's tables live in their own module; imported here so the metadata always has them
from crc_reporter.store.follow_up_models import ProposedChange, RequestItem, UpdateRequest  # noqa: E402, F401
