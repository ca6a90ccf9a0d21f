"""What a merge plan is made of: its decisions, conflicts and result (see :mod:`~crc_reporter.services.exchange.plan`).

A leaf module: the planner, its consistency rules and the code that applies a
plan all use these types without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from crc_reporter.services.exchange.snapshot import Content
from crc_reporter.services.exchange.state import VV
from crc_reporter.services.exchange.validate import IncomingRecord


class Resolution(StrEnum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"


class ConflictKind(StrEnum):
    BOTH_CHANGED = "both_changed"  # changed (or added) on both sides, differently
    DELETED_HERE = "deleted_here"  # deleted here; changed there, or still used by their records
    DELETED_THERE = "deleted_there"  # deleted there; changed here, or still used by records added here
    CLASH = "clash"  # their version would take a symbol, name or number another record holds here


INSERT, UPDATE, DELETE, STAMP_LIVE, STAMP_DEAD = "insert", "update", "delete", "stamp_live", "stamp_dead"
CONFLICT, BLOCKED, SKIP = "conflict", "blocked", "skip"
APPLIED = {INSERT, UPDATE, STAMP_LIVE}


@dataclass(slots=True)
class Op:
    kind: str
    table: str
    uuid: str  # our uuid
    vv: VV | str  # the resulting version vector (as text when taken unchanged from the package)
    data: Content | None = None  # what to write (insert / update)
    incoming: IncomingRecord | None = None
    note: str = ""


@dataclass
class ConflictDraft:
    kind: ConflictKind
    table: str
    uuid: str
    mine: Content | None
    theirs: Content | None
    blocked: set[str] = field(default_factory=set)
    other: str | None = None  # for a clash: our record that holds the symbol, name or number


@dataclass
class Plan:
    ops: dict[str, Op]
    conflicts: dict[str, ConflictDraft]
    aliases: dict[str, str]  # their uuid -> ours, new in this merge
    skipped: list[tuple[str, str, str]]  # (table, uuid, reason key)
    their_data: dict[str, Content]  # our uuid -> their content (refs mapped to our uuids)
    forged: dict[str, str] = field(default_factory=dict)  # our uuid -> table (see Planner._guard_vv)
    unknown_deaths: list[tuple[str, str]] = field(default_factory=list)  # (table, their uuid)
