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

import json
import os
import secrets
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from crc_reporter.services.exchange.snapshot import Snapshot, content_hash
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import SyncAlias, SyncRecord, SyncReplica, Tombstone

VV = dict[str, int]
REPLICA_KEY = "self"
CHUNK = 500


def vv_load(raw: str) -> VV:
    return {str(k): int(v) for k, v in json.loads(raw).items()}


def vv_dump(vv: VV) -> str:
    return json.dumps(vv, sort_keys=True, separators=(",", ":"))


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


def replica_id(session: Session) -> str:
    """This copy's replica id; a new one when the store was copied, moved or restored."""
    if session.get_bind().dialect.name == "postgresql":
        # exchanges on a shared server run one at a time (no table privilege needed for this lock)
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('crc_reporter_exchange'))"))
    row = session.get(SyncReplica, REPLICA_KEY)
    binding = _binding(session)
    if row is not None and row.binding == binding:
        return row.replica
    rid = secrets.token_hex(8)
    if row is None:
        session.add(SyncReplica(key=REPLICA_KEY, replica=rid, binding=binding))
    else:
        row.replica, row.binding = rid, binding
    session.flush()
    return rid


def peek_replica_id(session: Session) -> str | None:
    """The replica id without claiming or changing it (for a read-only look)."""
    row = session.get(SyncReplica, REPLICA_KEY)
    return row.replica if row is not None else None


# --- the state itself ------------------------------------------------------------------------


@dataclass
class SyncState:
    replica: str
    live: dict[str, tuple[str, VV, str]] = field(default_factory=dict)  # uuid -> (table, vv, hash)
    dead: dict[str, tuple[str, VV]] = field(default_factory=dict)  # uuid -> (table, vv)
    alias: dict[str, str] = field(default_factory=dict)  # another copy's uuid -> ours
    _live_dirty: set[str] = field(default_factory=set)
    _dead_dirty: set[str] = field(default_factory=set)
    _alias_new: dict[str, str] = field(default_factory=dict)

    def resolve(self, uuid: str) -> str:
        return self.alias.get(uuid, uuid)

    def set_live(self, uuid: str, table: str, vv: VV, digest: str) -> None:
        self.live[uuid] = (table, vv, digest)
        self._live_dirty.add(uuid)
        if self.dead.pop(uuid, None) is not None:
            self._dead_dirty.add(uuid)

    def set_dead(self, uuid: str, table: str, vv: VV) -> None:
        self.dead[uuid] = (table, vv)
        self._dead_dirty.add(uuid)
        if self.live.pop(uuid, None) is not None:
            self._live_dirty.add(uuid)

    def add_alias(self, foreign: str, ours: str) -> None:
        if foreign != ours and self.alias.get(foreign) != ours:
            self.alias[foreign] = ours
            self._alias_new[foreign] = ours

    @property
    def dirty(self) -> bool:
        return bool(self._live_dirty or self._dead_dirty or self._alias_new)

    def save(self, session: Session) -> None:
        """Write what changed since loading (delete-then-insert in bulk)."""
        live = sorted(self._live_dirty)
        for part in chunks(live):
            session.execute(delete(SyncRecord).where(SyncRecord.uuid.in_(part)))
        rows = [
            {"uuid": u, "table_name": self.live[u][0], "vv": vv_dump(self.live[u][1]), "hash": self.live[u][2]}
            for u in live
            if u in self.live
        ]
        if rows:
            session.execute(insert(SyncRecord), rows)
        dead = sorted(self._dead_dirty)
        for part in chunks(dead):
            session.execute(delete(Tombstone).where(Tombstone.uuid.in_(part)))
        now = utcnow()
        rows = [
            {"uuid": u, "table_name": self.dead[u][0], "vv": vv_dump(self.dead[u][1]), "deleted_at": now}
            for u in dead
            if u in self.dead
        ]
        if rows:
            session.execute(insert(Tombstone), rows)
        news = sorted(self._alias_new)
        for part in chunks(news):
            session.execute(delete(SyncAlias).where(SyncAlias.uuid.in_(part)))
        if news:
            session.execute(insert(SyncAlias), [{"uuid": u, "target": self._alias_new[u]} for u in news])
        self._live_dirty.clear()
        self._dead_dirty.clear()
        self._alias_new.clear()


def load_state(session: Session, replica: str) -> SyncState:
    state = SyncState(replica=replica)
    for uuid, table, raw, digest in session.execute(
        select(SyncRecord.uuid, SyncRecord.table_name, SyncRecord.vv, SyncRecord.hash)
    ):
        state.live[uuid] = (table, vv_load(raw), digest)
    for uuid, table, raw in session.execute(select(Tombstone.uuid, Tombstone.table_name, Tombstone.vv)):
        state.dead[uuid] = (table, vv_load(raw))
    state.alias = {u: t for u, t in session.execute(select(SyncAlias.uuid, SyncAlias.target))}
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
    for name, rows in snap.tables.items():
        for uuid, data in rows.data.items():
            present.add(uuid)
            digest = content_hash(data)
            current = state.live.get(uuid)
            if current is None:
                dead = state.dead.get(uuid)
                state.set_live(uuid, name, vv_inc(dead[1] if dead else {}, state.replica), digest)
                new += 1
            elif current[2] != digest:
                state.set_live(uuid, name, vv_inc(current[1], state.replica), digest)
                changed += 1
    hidden = set(hidden_tables)
    vanished = [u for u, (table, _vv, _h) in state.live.items() if u not in present and table not in hidden]
    for uuid in vanished:
        table, vv, _digest = state.live[uuid]
        state.set_dead(uuid, table, vv_inc(vv, state.replica))
    return RefreshReport(new=new, changed=changed, deleted=len(vanished))
