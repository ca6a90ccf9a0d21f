"""The tables of exchanges between copies of a store (see :mod:`crc_reporter.services.exchange`).

Kept apart from :mod:`crc_reporter.store.models` (the records people make), which re-exports them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crc_reporter.store.base import Base, utcnow


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
