"""Merging a package into a store: preview, merge, conflicts for a person to decide.

The flow a window or the command line follows::

    package = open_package(path)                     # checked: seal, zip safety, hashes, signature, records
    info = describe_package(session, package.info)   # what it holds, who signed it, is the key trusted
    result = preview_merge(session, package)         # what would change, and the conflicts; writes nothing
    result = merge_package(session, package)         # one transaction, a backup first; conflicts left as they are
    result = merge_package(session, package, {c.uuid: Resolution.KEEP_MINE for c in result.conflicts})

Conflicts are never settled silently: an unresolved conflict leaves both
records as they are here, and merging the same package again with a choice per
conflict applies just those choices (merging is idempotent, so nothing else
happens twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from crc_reporter import untrusted
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.services.backups import backup_before
from crc_reporter.services.errors import ImportCancelledError, NotAllowedError, ValidationError
from crc_reporter.services.exchange import signing
from crc_reporter.services.exchange.apply import Writer, require_writable
from crc_reporter.services.exchange.bulk import large_cache
from crc_reporter.services.exchange.gc_pause import without_collector
from crc_reporter.services.exchange.labels import Lookup, describe, readable
from crc_reporter.services.exchange.package import Package, PackageError, PackageInfo, read_package
from crc_reporter.services.exchange.plan import Planner
from crc_reporter.services.exchange.plan_types import (
    DELETE,
    INSERT,
    STAMP_DEAD,
    STAMP_LIVE,
    UPDATE,
    ConflictKind,
    Plan,
    Resolution,
)
from crc_reporter.services.exchange.session import Prepared, prepare
from crc_reporter.services.exchange.state import replica_id
from crc_reporter.services.exchange.trust_setting import require_trusted_packages
from crc_reporter.services.permissions import may_see_confidential, session_role
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import Cluster, SyncPeer
from crc_reporter.untrusted import SourceError


@dataclass(frozen=True)
class Conflict:
    """One record both sides changed; ``mine`` and ``theirs`` are readable versions (None = deleted)."""

    uuid: str  # pass it back with a Resolution
    table: str
    kind: ConflictKind
    label: str  # "paragraph 17 of CRC/C/KHM/CO/4-6"
    mine: dict[str, object] | None
    theirs: dict[str, object] | None
    fields: tuple[str, ...]  # the fields that differ (both present)
    waiting: tuple[str, ...]  # their records (our uuids) that wait on this decision
    choices: tuple[Resolution, ...]
    other: str | None = None  # for a clash: the record here that holds the symbol, name or number


@dataclass(frozen=True)
class MergeResult:
    package: PackageInfo
    applied: bool
    added: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
    conflicts: tuple[Conflict, ...]
    skipped: int  # records that point at records the package does not carry
    backup: Path | None = None
    deletions: tuple[str, ...] = ()  # what the package deletes here (readable labels), chosen or not
    deletions_held: bool = False  # more than allowed: nothing was written, a person must agree first
    forged: tuple[str, ...] = ()  # records whose version claims changes made here that this copy never made
    unknown_deletions: int = 0  # deletions of records never seen here: ignored, neither kept nor forwarded

    @property
    def changes(self) -> int:
        return sum(self.added.values()) + sum(self.updated.values()) + sum(self.deleted.values())

    def resolve_all(self, choice: Resolution) -> dict[str, Resolution]:
        return {c.uuid: choice for c in self.conflicts if choice in c.choices}


FEW_DELETIONS = 5  # a merge deleting more records here waits for a person's consent (allow_deletions)


def deletions_to_confirm(result: MergeResult) -> int:
    """How many deletions a person must agree to before :func:`merge_package` applies them (0: none)."""
    return len(result.deletions) if len(result.deletions) > FEW_DELETIONS else 0


def open_package(path: Path | str, *, with_records: bool = True) -> Package:
    """Read and check a package file (raises :class:`PackageError` or a one-line SourceError)."""
    try:
        data, label = untrusted.read_input(Path(path))
    except SourceError as exc:
        raise PackageError(str(exc)) from None
    return read_package(data, label, with_records=with_records)


def describe_package(session: Session | None, info: PackageInfo) -> PackageInfo:
    """The package's info with its signer looked up among this store's trusted keys."""
    if info.signer is None or session is None:
        return info
    trusted = signing.trusted_name(session, info.signer.fingerprint)
    return replace(info, signer=replace(info.signer, trusted_as=trusted))


def _check(session: Session, package: Package, require_trusted: bool, allow_untrusted: bool = False) -> PackageInfo:
    """``require_trusted`` forces the check on; ``allow_untrusted`` (one package, asked for) skips the store's setting."""
    info = describe_package(session, package.info)
    by_setting = not require_trusted and not allow_untrusted and require_trusted_packages(session)
    if require_trusted or by_setting:
        _check_trusted(info, by_setting)
    if info.confidential and not may_see_confidential(session):
        raise NotAllowedError(
            _("{name} holds confidential actions, which your role may not record").format(name=info.name)
        )
    if not session_role(session).at_least(Role.COORDINATOR) and any(
        r.data["approved"] for r in package.records.get("assessment", ())
    ):  # the server would refuse the column; the merge must not drop the approval silently either
        raise NotAllowedError(
            _("{name} holds approved assessments; only a coordinator may merge it").format(name=info.name)
        )
    known = {key for (key,) in session.query(Cluster.key)}
    for rec in package.records.get("recommendation", ()):
        if rec.data["cluster"] is not None and rec.data["cluster"] not in known:
            raise PackageError(
                _("{name} uses a cluster this version does not know ({cluster}); update CRC Reporter").format(
                    name=info.name, cluster=rec.data["cluster"]
                )
            )
    return info


def _plan(prepared: Prepared, package: Package, resolutions: dict[str, Resolution]) -> Plan:
    planner = Planner(prepared.snapshot, prepared.state, package, resolutions)
    for table, records in package.records.items():
        for rec in records:
            ours = prepared.state.resolve(rec.uuid)
            where = planner.local.get(ours) or (prepared.state.dead.get(ours) or (table,))[0]
            if where != table:
                raise PackageError(
                    _("{name} is malformed: record {uuid} is a {kind} here; nothing was changed").format(
                        name=package.info.name, uuid=rec.uuid, kind=where
                    )
                )
    planner.decide()
    return planner.settle()


def _lookup(prepared: Prepared, plan: Plan) -> Lookup:
    located = prepared.snapshot.locate()
    their_tables = {u: op.table for u, op in plan.ops.items()}

    def lookup(uuid: str) -> tuple[str, dict[str, object]] | None:
        if uuid in located:
            return located[uuid], prepared.snapshot.tables[located[uuid]].data[uuid]
        if uuid in plan.their_data:
            return their_tables[uuid], plan.their_data[uuid]
        return None

    return lookup


def _deletions(plan: Plan) -> list[tuple[str, str]]:
    """(table, our uuid) of every record the plan deletes here."""
    return sorted((op.table, uuid) for uuid, op in plan.ops.items() if op.kind == DELETE)


def _labels(prepared: Prepared, lookup: Lookup, items: list[tuple[str, str]]) -> tuple[str, ...]:
    tables = prepared.snapshot.tables
    return tuple(
        describe(table, tables[table].data[uuid], lookup) if uuid in tables[table].data else uuid
        for table, uuid in items
    )


def _result(
    prepared: Prepared, plan: Plan, info: PackageInfo, applied: bool, backup: Path | None, *, held: bool = False
) -> MergeResult:
    counts: dict[str, dict[str, int]] = {INSERT: {}, UPDATE: {}, DELETE: {}}
    for op in plan.ops.values():
        if op.kind in counts:
            counts[op.kind][op.table] = counts[op.kind].get(op.table, 0) + 1
    lookup = _lookup(prepared, plan)
    deletions = _labels(prepared, lookup, _deletions(plan))
    forged = _labels(prepared, lookup, sorted((t, u) for u, t in plan.forged.items()))
    conflicts = []
    for uuid, draft in sorted(plan.conflicts.items(), key=lambda kv: (kv[1].table, kv[0])):
        data = draft.mine or draft.theirs
        label = describe(draft.table, data, lookup)
        mine, theirs = readable(draft.table, draft.mine, lookup), readable(draft.table, draft.theirs, lookup)
        fields = tuple(k for k in (mine or {}) if theirs is not None and mine is not None and mine[k] != theirs[k])
        choices = (
            (Resolution.KEEP_MINE,)
            if draft.kind is ConflictKind.CLASH or draft.theirs is None and draft.kind is ConflictKind.DELETED_HERE
            else (Resolution.KEEP_MINE, Resolution.TAKE_THEIRS)
        )
        other = None
        if draft.other is not None:
            found = lookup(draft.other)
            other = describe(found[0], found[1], lookup) if found else None
        conflicts.append(
            Conflict(
                uuid, draft.table, draft.kind, label, mine, theirs, fields, tuple(sorted(draft.blocked)), choices, other
            )
        )
    return MergeResult(
        package=info,
        applied=applied,
        added=counts[INSERT],
        updated=counts[UPDATE],
        deleted=counts[DELETE],
        conflicts=tuple(conflicts),
        skipped=len(plan.skipped),
        backup=backup,
        deletions=deletions,
        deletions_held=held,
        forged=forged,
        unknown_deletions=len(plan.unknown_deaths),
    )


def _check_trusted(info: PackageInfo, by_setting: bool) -> None:
    if info.signer is None:
        if by_setting:
            raise ValidationError(
                _(
                    "{name} is not signed; this store takes only packages signed by a trusted key "
                    '(turn off "Require trusted packages" in Settings > Trusted keys, or merge with --allow-untrusted)'
                ).format(name=info.name)
            )
        raise ValidationError(
            _("{name} is not signed; only signed packages from trusted keys are accepted").format(name=info.name)
        )
    if info.signer.trusted_as is None:
        if by_setting:
            raise ValidationError(
                _(
                    "{name} is signed by a key this store does not trust ({fp}); trust the sender's key "
                    "(Settings > Trusted keys, or 'crc-reporter trust-key') or turn off \"Require trusted packages\""
                ).format(name=info.name, fp=info.signer.fingerprint)
            )
        raise ValidationError(
            _("{name} is signed by a key this store does not trust ({fp})").format(
                name=info.name, fp=info.signer.fingerprint
            )
        )


@without_collector
def preview_merge(
    session: Session,
    package: Package,
    resolutions: dict[str, Resolution] | None = None,
    *,
    require_trusted: bool = False,
    allow_untrusted: bool = False,
) -> MergeResult:
    """What merging would change, with the conflicts; writes nothing."""
    info = _check(session, package, require_trusted, allow_untrusted)
    prepared = prepare(session, write=False)
    plan = _plan(prepared, package, dict(resolutions or {}))
    return _result(prepared, plan, info, applied=False, backup=None)


def _writes(plan: Plan, prepared: Prepared) -> bool:
    if prepared.state.dirty or plan.aliases:
        return True
    return any(op.kind in (INSERT, UPDATE, DELETE, STAMP_LIVE, STAMP_DEAD) for op in plan.ops.values())


Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


def _step(progress: Progress | None, cancel: CancelCheck | None, done: int, message: str) -> None:
    if cancel is not None and cancel():
        raise ImportCancelledError(_("merge cancelled; nothing was changed"))
    if progress is not None:
        progress(done, 4, message)


@without_collector
def merge_package(
    session: Session,
    package: Package,
    resolutions: dict[str, Resolution] | None = None,
    *,
    require_trusted: bool = False,
    allow_untrusted: bool = False,
    backup: bool = True,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    allow_deletions: int = FEW_DELETIONS,
) -> MergeResult:
    """Merge ``package`` into the store in the caller's transaction, after a checked backup.

    Changes that do not conflict are applied; conflicts without a choice in
    ``resolutions`` (our uuid -> choice) are returned and left as they are.
    ``progress(done, total, message)`` hears of each step; ``cancel()`` returning
    True stops before the writing starts (the caller's transaction rolls back).
    A package that would delete more than ``allow_deletions`` records here is not
    merged at all: the result lists the deletions (``deletions_held``) for a person
    to agree to, by merging again with ``allow_deletions`` at least their number.
    """
    info = _check(session, package, require_trusted, allow_untrusted)
    resolutions = dict(resolutions or {})
    _step(progress, cancel, 0, _("Reading this store"))
    prepared = prepare(session, write=False)
    _step(progress, cancel, 1, _("Comparing with the package"))
    plan = _plan(prepared, package, resolutions)
    if len(_deletions(plan)) > max(allow_deletions, 0):
        return _result(prepared, plan, info, applied=False, backup=None, held=True)
    taken: Path | None = None
    if _writes(plan, prepared) or _peer_changed(session, info, prepared.state.replica):
        require_writable(session)
        _step(progress, cancel, 2, _("Taking a backup"))
        if backup:
            made = backup_before(session, "merge")
            taken = made.path if made is not None else None
        if replica_id(session) != prepared.state.replica:  # a copied or moved store file: count under a new id
            prepared = prepare(session, write=False)
            plan = _plan(prepared, package, resolutions)
        _step(progress, cancel, 3, _("Writing the changes"))
        with large_cache(session):
            Writer(session, prepared.snapshot, prepared.state, plan).run()
            prepared.state.save(session)
        _record_peer(session, info, prepared.state.replica)
        session.flush()
    if progress is not None:
        progress(4, 4, _("Done"))
    return _result(prepared, plan, info, applied=True, backup=taken)


def _peer_changed(session: Session, info: PackageInfo, own: str) -> bool:
    if not info.replica or info.replica == own:
        return False
    peer = session.get(SyncPeer, info.replica)
    return peer is None or peer.last_package != info.package_id


def _record_peer(session: Session, info: PackageInfo, own: str) -> None:
    if not _peer_changed(session, info, own):
        return
    peer = session.get(SyncPeer, info.replica)
    if peer is None:
        peer = SyncPeer(replica=info.replica, name=info.creator)
        session.add(peer)
    peer.name = info.creator or peer.name
    peer.last_package = info.package_id
    peer.last_merged_at = utcnow()
    if info.signer is not None:
        peer.signer = info.signer.fingerprint


def last_exchanges(session: Session) -> list[tuple[str, str, dt.datetime | None, str | None]]:
    """(replica, name, last merged at, signer fingerprint) of every copy this store has merged from."""
    rows = session.query(SyncPeer).order_by(SyncPeer.last_merged_at.desc()).all()
    return [(p.replica, p.name, p.last_merged_at, p.signer) for p in rows]
