"""Writing an exchange package: everything, or a selection, optionally signed."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from crc_reporter.i18n import _
from crc_reporter.safe_io import atomic_write_bytes
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange import package as pkg
from crc_reporter.services.exchange import signing
from crc_reporter.services.exchange.gc_pause import without_collector
from crc_reporter.services.exchange.schema import ORDER
from crc_reporter.services.exchange.select import Selection, choose
from crc_reporter.services.exchange.session import prepare

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    counts: dict[str, int]
    tombstones: int
    confidential_sent: int
    left_out_confidential: int  # confidential actions not sent
    left_out_indicators: int  # indicators left out because they point at confidential actions
    signer: str | None  # fingerprint of the signing key
    size: int

    @property
    def records(self) -> int:
        return sum(self.counts.values())


@without_collector
def export_package(
    session: Session,
    out: Path,
    *,
    selection: Selection | None = None,
    include_confidential: bool = False,
    key_file: Path | None = None,
    signer_name: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a package of this store (or of a selection) to ``out``, atomically.

    Counts every change made here since the last exchange first (see ``state.refresh``),
    so the session must be able to write that bookkeeping; the records themselves are not changed.
    """
    selection = selection or Selection()
    key = signing.load_private_key(key_file) if key_file is not None else None
    if key is not None and signer_name is None:
        pub = key_file.with_name(key_file.name + ".pub") if key_file is not None else None
        if pub is not None and pub.exists():
            signer_name = signing.read_public_key(pub).name
    if progress:
        progress(0, 3, _("Reading the store"))
    prepared = prepare(session, write=True)
    snap, state = prepared.snapshot, prepared.state
    chosen = choose(snap, selection, include_confidential)
    if progress:
        progress(1, 3, _("Writing the package"))
    records: dict[str, list[list[object]]] = {}
    for table in ORDER:
        rows = snap.tables[table]
        content, live, times, data = rows.spec.content_of, state.live, rows.times, rows.data
        records[table] = [
            [uuid, live[uuid][1], *times[uuid], *content(data[uuid])] for uuid in sorted(chosen.uuids[table])
        ]
    tombstones: list[list[object]] = []
    if selection.is_full:  # a selection carries additions and changes; deletions travel in full packages
        tombstones = [[u, t, vv] for u, (t, vv) in sorted(state.dead.items())]
    store = session.info.get("store")
    store_label = getattr(getattr(store, "path", None), "name", None) or _("shared server")
    blob, package_id = pkg.build(
        records=records,
        tombstones=tombstones,
        creator=str(session.info.get("user") or ""),
        replica=state.replica,
        store=f"{store_label} ({socket.gethostname()})",
        selection=selection.as_dict(),
        include_confidential=include_confidential,
        confidential=chosen.confidential_sent,
        key=key,
        signer_name=signer_name or "",
    )
    try:
        atomic_write_bytes(out, blob)
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    if progress:
        progress(3, 3, _("Done"))
    fp = signing.key_fingerprint(key) if key is not None else None
    return ExportResult(
        path=out,
        package_id=package_id,
        counts={t: len(r) for t, r in records.items() if r},
        tombstones=len(tombstones),
        confidential_sent=chosen.confidential_sent,
        left_out_confidential=chosen.left_out_confidential,
        left_out_indicators=chosen.left_out_indicators,
        signer=fp,
        size=len(blob),
    )
