"""The tables of the follow-up cycle: update requests, what they ask, and the changes bodies propose.

Kept apart from :mod:`crc_reporter.store.models` (which imports this module at
its end, so ``Base.metadata`` always holds these tables). The vocabularies are
in :mod:`crc_reporter.domain.follow_up`. None of these tables travels in
exchange packages: a request and its replies are files of their own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crc_reporter.store.base import Base, Synced, utcnow


class UpdateRequest(Synced, Base):
    """A coordinator's request to one responsible body for updates, by a due date."""

    __tablename__ = "update_request"
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    recipient_name: Mapped[str] = mapped_column(String(300))  # kept should the actor be deleted
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    sent_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(16))  # domain.follow_up.RequestForm
    language: Mapped[str] = mapped_column(String(8), default="en")
    asks: Mapped[str] = mapped_column(Text, default="{}")  # JSON of domain.follow_up.Asks
    answer: Mapped[str | None] = mapped_column(String(16))  # domain.follow_up.Answer, set when a reply is merged
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    reminder_of_id: Mapped[int | None] = mapped_column(ForeignKey("update_request.id", ondelete="SET NULL"))
    created_by: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list[RequestItem]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestItem.position"
    )


class RequestItem(Synced, Base):
    """One thing a request asks for (kind: domain.follow_up.UpdateKind)."""

    __tablename__ = "request_item"
    request_id: Mapped[int] = mapped_column(ForeignKey("update_request.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    target_uuid: Mapped[str] = mapped_column(String(36))  # a recommendation, action or indicator
    part_uuid: Mapped[str | None] = mapped_column(String(36))
    year: Mapped[int | None] = mapped_column(Integer)  # for indicator values
    label: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    request: Mapped[UpdateRequest] = relationship(back_populates="items")


class ProposedChange(Synced, Base):
    """A change a body proposes, waiting for (or decided by) a coordinator.

    Its ``uuid`` is the reply's own id for the change, so a reply merged twice
    adds nothing. ``state``, ``decided_*``, ``note`` and ``result_uuid`` have no
    client-side default: on a shared server only coordinators may write them
    (an editor's INSERT must not name them).
    """

    __tablename__ = "proposed_change"
    request_id: Mapped[int | None] = mapped_column(ForeignKey("update_request.id", ondelete="SET NULL"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("request_item.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(24))
    target_uuid: Mapped[str | None] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the proposed values
    previous: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the record's values when proposed
    origin: Mapped[str] = mapped_column(String(16), default="package")  # domain.follow_up.RequestForm
    proposed_by: Mapped[str | None] = mapped_column(String(120))
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(16), server_default=text("'proposed'"))
    # DEFAULT NULL on the server, so that an INSERT that does not set them leaves them out
    decided_by: Mapped[str | None] = mapped_column(String(120), server_default=text("NULL"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, server_default=text("NULL"))
    note: Mapped[str | None] = mapped_column(Text, server_default=text("NULL"))
    result_uuid: Mapped[str | None] = mapped_column(String(36), server_default=text("NULL"))

    request: Mapped[UpdateRequest | None] = relationship()
    item: Mapped[RequestItem | None] = relationship()


#: columns only a coordinator may write on a shared server
DECISION_COLUMNS = ("state", "decided_by", "decided_at", "note", "result_uuid")
