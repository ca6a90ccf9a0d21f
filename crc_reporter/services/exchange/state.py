"""What this copy knows about the history of every record: version vectors, tombstones, aliases.

Each copy of a store is a *replica* with its own id. Every record carries a
version vector ``{replica: counter}``: the number of changes each replica made
to it that this copy has seen. Comparing two vectors tells whether one copy's
version already includes the other's (take the newer one) or whether both
changed the record independently (a conflict for a person to decide). This
works whatever route packages take between copies (USB stick to the
coordinator, e-mail from the coordinator to everyone, directly between two
members), and merging the same package twice changes nothing, because a vector
the store already has is never newer than itself.

Changes are counted lazily: the state remembers a hash of each record's
content as last stamped; :func:`refresh` (run before every export and merge)
finds the records whose content no longer matches — whatever changed them,
the GUI, an import, a cascade in the database, an undo — and counts one change
for this replica. Records that disappeared become tombstones.

A copy of a store must not go on counting under the same replica id as the
original (the two would hand out the same counters for different changes), so
the id is bound to where the store lives: for a file, the machine, the path and
the file's identity (a restored backup is a new file); for a database server,
the server, the database and its oid (a database made from a template or
restored from a dump differs). A copied, moved or restored store gets a new id;
that is always safe, it only adds an entry to the vectors.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from crc_reporter.services.exchange.bulk import insert_rows
from crc_reporter.services.exchange.schema import _t
from crc_reporter.services.exchange.snapshot import Snapshot, content_hash, fetch_all
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import SyncAlias, SyncRecord, SyncReplica, Tombstone

VV = dict[str, int]
RowMaker = Callable[[list[str]], tuple[list[str], list[tuple[Any, ...]]]]
REPLICA_KEY = "self"
CHUNK = 500


def vv_load(text: str) -> VV:
    """``"a1b2:3,c3d4:1"`` -> ``{"a1b2": 3, "c3d4": 1}`` (replica ids hold no ``:`` or ``,``)."""
    out: VV = {}
    for part in text.split(","):
        key, _sep, count = part.partition(":")
        out[key] = int(count)
    return out


def vv_dump(vv: VV | str) -> str:
    """The text form, sorted by replica: equal vectors have equal text, so most comparisons are string ones."""
    if isinstance(vv, str):
        return vv
    return ",".join(f"{k}:{vv[k]}" for k in sorted(vv))


def as_vv(vv: VV | str) -> VV:
    return vv_load(vv) if isinstance(vv, str) else vv


def dominates(a: VV, b: VV) -> bool:
    """``a`` has seen every change ``b`` has (a ≥ b)."""
    return all(a.get(k, 0) >= v for k, v in b.items())


def vv_max(a: VV, b: VV) -> VV:
    out = dict(a)
    for k, v in b.items():
        if v > out.get(k, 0):
            out[k] = v
    return out


def vv_inc(vv: VV, replica: str) -> VV:
    out = dict(vv)
    out[replica] = out.get(replica, 0) + 1
    return out


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- this copy's replica id ---------------------------------------------------------------


def _binding(session: Session) -> str:
    store = session.info.get("store")
    path = getattr(store, "path", None)
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # a database made from a template, or restored from a dump, gets another oid (or server)
        row = session.execute(
            text(
                "SELECT current_database(), d.oid, coalesce(host(inet_server_addr()), 'local'), "
                "coalesce(inet_server_port(), 0) FROM pg_database d WHERE d.datname = current_database()"
            )
        ).one()
        return "pg;" + ";".join(str(v) for v in row)
    if path is None:
        return f"memory;{id(bind)}"
    try:
        st = os.stat(path)
    except OSError:
        return f"{socket.gethostname()};{path}"
    return f"{socket.gethostname()};{path};{st.st_dev};{st.st_ino}"


def replica_id(session: Session, *, claim: bool = True) -> str:
    """This copy's replica id; a new one when the store was copied, moved or restored.

    ``claim=False`` only looks (nothing is written): the id the next claim in this
    session will write, so that a merge can plan with it before it writes anything.
    """
    planned = session.info.get("exchange_replica")
    row = session.get(SyncReplica, REPLICA_KEY)
    binding = _binding(session)
    if row is not None and row.binding == binding:
        return row.replica
    if planned is None:
        planned = session.info["exchange_replica"] = secrets.token_hex(8)
    if not claim:
        return str(planned)
    if session.get_bind().dialect.name == "postgresql":
        # two exchanges on a shared server claim one id (no table privilege needed for this lock)
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('crc_reporter_exchange'))"))
    if row is None:
        session.add(SyncReplica(key=REPLICA_KEY, replica=planned, binding=binding))
    else:
        row.replica, row.binding = planned, binding
    session.flush()
    session.info.pop("exchange_replica", None)
    return str(planned)


# --- the state itself ------------------------------------------------------------------------


@dataclass
class SyncState:
    replica: str
    live: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # uuid -> (table, vv as text, hash)
    dead: dict[str, tuple[str, str]] = field(default_factory=dict)  # uuid -> (table, vv as text)
    alias: dict[str, str] = field(default_factory=dict)  # another copy's uuid -> ours
    _live_dirty: set[str] = field(default_factory=set)
    _dead_dirty: set[str] = field(default_factory=set)
    _alias_new: dict[str, str] = field(default_factory=dict)
    _loaded_live: set[str] = field(default_factory=set)  # rows that exist in the tables
    _loaded_dead: set[str] = field(default_factory=set)
    _loaded_alias: set[str] = field(default_factory=set)

    def resolve(self, uuid: str) -> str:
        return self.alias.get(uuid, uuid)

    def set_live(self, uuid: str, table: str, vv: VV | str, digest: str) -> None:
        self.live[uuid] = (table, vv_dump(vv), digest)
        self._live_dirty.add(uuid)
        if self.dead.pop(uuid, None) is not None:
            self._dead_dirty.add(uuid)

    def set_live_many(self, items: Iterable[tuple[str, str, VV | str, str]]) -> None:
        """:meth:`set_live` for many records (what a merge wrote)."""
        live, dead, live_dirty = self.live, self.dead, self._live_dirty
        for uuid, table, vv, digest in items:
            live[uuid] = (table, vv_dump(vv), digest)
            live_dirty.add(uuid)
            if uuid in dead:
                del dead[uuid]
                self._dead_dirty.add(uuid)

    def set_dead(self, uuid: str, table: str, vv: VV | str) -> None:
        self.dead[uuid] = (table, vv_dump(vv))
        self._dead_dirty.add(uuid)
        if self.live.pop(uuid, None) is not None:
            self._live_dirty.add(uuid)

    def live_vv(self, uuid: str) -> VV:
        return vv_load(self.live[uuid][1])

    def dead_vv(self, uuid: str) -> VV:
        return vv_load(self.dead[uuid][1])

    def add_alias(self, foreign: str, ours: str) -> None:
        if foreign != ours and self.alias.get(foreign) != ours:
            self.alias[foreign] = ours
            self._alias_new[foreign] = ours

    @property
    def dirty(self) -> bool:
        return bool(self._live_dirty or self._dead_dirty or self._alias_new)

    def save(self, session: Session) -> None:
        """Write what changed since loading, in bulk (rows that existed are replaced, new ones inserted)."""
        conn = session.connection()
        self._replace(session, _t(SyncRecord), sorted(self._live_dirty), self._loaded_live, self._live_rows)
        self._replace(session, _t(Tombstone), sorted(self._dead_dirty), self._loaded_dead, self._dead_rows)
        news = sorted(self._alias_new)
        alias = _t(SyncAlias)
        for part in chunks([u for u in news if u in self._loaded_alias]):
            conn.execute(delete(alias).where(alias.c.uuid.in_(part)))
        if news:
            conn.execute(insert(alias), [{"uuid": u, "target": self._alias_new[u]} for u in news])
        self._loaded_live |= self._live_dirty
        self._loaded_dead |= self._dead_dirty
        self._loaded_alias |= set(news)
        self._live_dirty.clear()
        self._dead_dirty.clear()
        self._alias_new.clear()

    @staticmethod
    def _replace(session: Session, table: Table, dirty: list[str], loaded: set[str], make: RowMaker) -> None:
        conn = session.connection()
        for part in chunks([u for u in dirty if u in loaded]):
            conn.execute(delete(table).where(table.c.uuid.in_(part)))
        columns, rows = make(dirty)
        insert_rows(session, table, columns, rows)

    def _live_rows(self, dirty: list[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
        live = self.live
        rows = [(u, live[u][0], live[u][1], live[u][2]) for u in dirty if u in live]
        return ["uuid", "table_name", "vv", "hash"], rows

    def _dead_rows(self, dirty: list[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
        now = utcnow()
        rows = [(u, self.dead[u][0], self.dead[u][1], now) for u in dirty if u in self.dead]
        return ["uuid", "table_name", "vv", "deleted_at"], rows


def load_state(session: Session, replica: str) -> SyncState:
    state = SyncState(replica=replica)
    live, dead, alias = _t(SyncRecord), _t(Tombstone), _t(SyncAlias)
    for uuid, table, vv, digest in fetch_all(session, select(live.c.uuid, live.c.table_name, live.c.vv, live.c.hash)):
        state.live[uuid] = (table, vv, digest)
    for uuid, table, vv in fetch_all(session, select(dead.c.uuid, dead.c.table_name, dead.c.vv)):
        state.dead[uuid] = (table, vv)
    state.alias = {str(u): str(t) for u, t in fetch_all(session, select(alias.c.uuid, alias.c.target))}
    state._loaded_live = set(state.live)
    state._loaded_dead = set(state.dead)
    state._loaded_alias = set(state.alias)
    return state


@dataclass(frozen=True)
class RefreshReport:
    new: int
    changed: int
    deleted: int

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.deleted)


def refresh(snap: Snapshot, state: SyncState, *, hidden_tables: Iterable[str] = ()) -> RefreshReport:
    """Count every change made here since the last stamp (see the module's docstring).

    ``hidden_tables``: tables this session cannot fully see; their missing records are not deletions.
    """
    new = changed = 0
    present: set[str] = set()
    replica = state.replica
    first = vv_dump({replica: 1})  # a record never seen before: one change, ours
    live, dead = state.live, state.dead
    stamped: list[tuple[str, str, VV | str, str]] = []
    for name, rows in snap.tables.items():
        spec = rows.spec
        present.update(rows.data)
        for uuid, data in rows.data.items():
            digest = content_hash(spec, data)
            current = live.get(uuid)
            if current is None:
                gone = dead.get(uuid)
                stamped.append((uuid, name, vv_inc(vv_load(gone[1]), replica) if gone else first, digest))
                new += 1
            elif current[2] != digest:
                stamped.append((uuid, name, vv_inc(vv_load(current[1]), replica), digest))
                changed += 1
    state.set_live_many(stamped)
    hidden = set(hidden_tables)
    vanished = [u for u, (table, _vv, _h) in state.live.items() if u not in present and table not in hidden]
    for uuid in vanished:
        table, vv, _digest = state.live[uuid]
        state.set_dead(uuid, table, vv_inc(vv_load(vv), replica))
    return RefreshReport(new=new, changed=changed, deleted=len(vanished))
