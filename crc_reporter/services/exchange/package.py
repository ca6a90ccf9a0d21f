"""The exchange package (``.crcx``): one zip file, checked end to end before it is used.

Layout::

    manifest.json          format and version, package id, creator, time, selection,
                           record counts, and the SHA-256 and size of every other member
    signature.json         optional: Ed25519 public key, signer's name, signature of manifest.json
    records/<table>.json   the records of one table: {"fields": [content keys],
                           "records": [[uuid, vv, created_at, updated_at, value, value, …], …]}
    tombstones.json        deleted records: [[uuid, table, vv], …]

A version vector ``vv`` is written ``replica:count,replica:count`` (see
``state.vv_dump``); references to other records are their UUIDs.

The zip's comment is a *seal*: ``crcx-seal:`` and the SHA-256 of every byte of
the file before it. Any single changed byte (in a member, in the zip's own
headers, or in the seal) breaks the seal, and the package is refused before
anything else is read; the manifest's member hashes then tie every member to the
signature. Zip safety (bombs, encryption, member sizes) is checked with the
importers' helpers, and only the members the manifest names are read: no path
from the archive ever touches the file system.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crc_reporter import __version__, untrusted
from crc_reporter.domain.parsed import PayloadKind
from crc_reporter.domain.text import clean_text
from crc_reporter.i18n import _
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.exchange import signing, stream
from crc_reporter.services.exchange.gc_pause import without_collector
from crc_reporter.services.exchange.schema import BY_NAME, FORMAT_VERSION, ORDER
from crc_reporter.services.exchange.validate import IncomingRecord, PackageError
from crc_reporter.untrusted import SourceError

FORMAT = "crc-reporter-exchange"
SUFFIX = ".crcx"
SEAL_PREFIX = b"crcx-seal:"
SEAL_LEN = len(SEAL_PREFIX) + 64
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
TOMBSTONES = "tombstones.json"
MAX_MANIFEST = 1024 * 1024
MAX_MEMBER = untrusted.MAX_MEMBER_BYTES
LEVEL = 1  # deflate level: three times faster than the default, packages about a fifth larger
_MEMBER_NAME = re.compile(r"^(records/[a-z_]{1,40}\.json|tombstones\.json)$")


@dataclass(frozen=True)
class Signer:
    fingerprint: str
    name: str  # as the package says; a trusted key's name in this store wins (see inspect)
    trusted_as: str | None = None  # the name this store trusts the key under, None when unknown
    public_key: str = ""  # base64 of the raw key, so that a person can trust it from the package


@dataclass(frozen=True)
class PackageInfo:
    """What a package says about itself, after its seal, hashes and signature were checked."""

    name: str
    package_id: str
    format_version: int
    created_at: dt.datetime
    creator: str
    replica: str
    store: str
    app_version: str
    selection: dict[str, str | None]
    include_confidential: bool
    counts: dict[str, int]
    tombstones: int
    confidential: int  # confidential actions inside
    signer: Signer | None
    size: int

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def is_selection(self) -> bool:
        return any(self.selection.values())


@dataclass
class Package:
    kind: ClassVar[PayloadKind] = PayloadKind.PACKAGE
    info: PackageInfo
    records: dict[str, list[IncomingRecord]] = field(default_factory=dict)
    tombstones: list[tuple[str, str, str]] = field(default_factory=list)  # (uuid, table, vv)


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build(
    *,
    records: dict[str, list[list[Any]]],
    tombstones: list[list[Any]],
    creator: str,
    replica: str,
    store: str,
    selection: dict[str, str | None],
    include_confidential: bool,
    confidential: int,
    key: Ed25519PrivateKey | None = None,
    signer_name: str = "",
    now: dt.datetime | None = None,
) -> tuple[bytes, str]:
    """The bytes of a sealed package, and its id."""
    import uuid as uuid_mod

    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    members: dict[str, bytes] = {}
    for table in ORDER:
        if records.get(table):
            content = {"fields": list(BY_NAME[table].content_keys), "records": records[table]}
            members[f"records/{table}.json"] = _json_bytes(content)
    if tombstones:
        members[TOMBSTONES] = _json_bytes(tombstones)
    package_id = str(uuid_mod.uuid4())
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "package_id": package_id,
        "created_at": created.isoformat(),
        "creator": {"user": creator, "replica": replica, "store": store},
        "app_version": __version__,
        "selection": selection,
        "include_confidential": include_confidential,
        "counts": {t: len(records.get(t, ())) for t in ORDER if records.get(t)},
        "tombstones": len(tombstones),
        "confidential": confidential,
        "members": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo(MANIFEST, stamp), manifest_bytes, zipfile.ZIP_DEFLATED, LEVEL)
        if key is not None:
            public, signature = signing.sign(key, manifest_bytes)
            sig = {"algorithm": "Ed25519", "public_key": public, "name": signer_name, "signature": signature}
            zf.writestr(zipfile.ZipInfo(SIGNATURE, stamp), _json_bytes(sig), zipfile.ZIP_DEFLATED, LEVEL)
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED, LEVEL)
        zf.comment = b"\0" * SEAL_LEN  # placeholder of the seal's length: the end record states it
    body = buffer.getvalue()[:-SEAL_LEN]
    return body + SEAL_PREFIX + hashlib.sha256(body).hexdigest().encode("ascii"), package_id


def looks_like_package(head: bytes, members: frozenset[str]) -> bool:
    return (
        head.startswith(untrusted.ZIP_MAGIC)
        and MANIFEST in members
        and any(n.startswith("records/") or n == TOMBSTONES for n in members)
    )


def _refuse(name: str, reason: str) -> PackageError:
    return PackageError(_("{name} was refused: {reason}; nothing was changed").format(name=name, reason=reason))


def check_seal(data: bytes, name: str) -> None:
    if len(data) < SEAL_LEN + 22 or not data.startswith(untrusted.ZIP_MAGIC):
        raise _refuse(name, _("it is not a CRC Reporter exchange package"))
    seal = data[-SEAL_LEN:]
    if not seal.startswith(SEAL_PREFIX):
        raise _refuse(name, _("it is damaged or was altered (its seal is missing)"))
    if hashlib.sha256(data[:-SEAL_LEN]).hexdigest().encode("ascii") != seal[len(SEAL_PREFIX) :]:
        raise _refuse(name, _("it is damaged or was altered after it was made (its checksum does not match)"))


def _load_json(raw: bytes, name: str, member: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _refuse(name, _("{member} is not valid JSON").format(member=member)) from None


def _read(zf: zipfile.ZipFile, member: str, name: str, limit: int) -> bytes:
    try:
        return untrusted.read_member(zf, member, name, limit)
    except SourceError as exc:
        raise PackageError(str(exc) + "; " + _("nothing was changed")) from None


def _manifest(zf: zipfile.ZipFile, name: str) -> tuple[dict[str, Any], bytes]:
    raw = _read(zf, MANIFEST, name, MAX_MANIFEST)
    manifest = _load_json(raw, name, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(name, _("it is not a CRC Reporter exchange package"))
    version = manifest.get("format_version")
    if type(version) is not int or version < 1:
        raise _refuse(name, _("its manifest is malformed"))
    if version > FORMAT_VERSION:
        raise _refuse(
            name,
            _("it was made by a newer version of CRC Reporter (package format {v}); update CRC Reporter").format(
                v=version
            ),
        )
    return manifest, raw


def _signer(zf: zipfile.ZipFile, name: str, manifest_raw: bytes) -> Signer | None:
    if SIGNATURE not in zf.namelist():
        return None
    sig = _load_json(_read(zf, SIGNATURE, name, 64 * 1024), name, SIGNATURE)
    if not isinstance(sig, dict) or sig.get("algorithm") != "Ed25519":
        raise _refuse(name, _("its signature is malformed"))
    try:
        fp = signing.verify(str(sig.get("public_key", "")), str(sig.get("signature", "")), manifest_raw)
    except ValidationError:
        raise _refuse(name, _("its signature does not match its content (bad signature)")) from None
    signer_name = " ".join(clean_text(str(sig.get("name") or "")).split())[:200]
    return Signer(fingerprint=fp, name=signer_name, public_key=str(sig.get("public_key", "")))


def _info(manifest: dict[str, Any], name: str, signer: Signer | None, size: int) -> PackageInfo:
    try:
        creator = manifest["creator"]
        selection = manifest.get("selection") or {}
        created = dt.datetime.fromisoformat(str(manifest["created_at"]))
        counts = {str(k): int(v) for k, v in dict(manifest.get("counts") or {}).items()}
        return PackageInfo(
            name=name,
            package_id=str(manifest["package_id"])[:64],
            format_version=int(manifest["format_version"]),
            created_at=created,
            creator=clean_text(str(creator.get("user") or ""))[:200],
            replica=clean_text(str(creator.get("replica") or ""))[:32],
            store=clean_text(str(creator.get("store") or ""))[:300],
            app_version=clean_text(str(manifest.get("app_version") or ""))[:40],
            selection={
                k: (clean_text(str(v))[:300] if v else None)
                for k, v in dict(selection).items()
                if k in ("document", "cluster", "actor")
            },
            include_confidential=bool(manifest.get("include_confidential")),
            counts=counts,
            tombstones=int(manifest.get("tombstones") or 0),
            confidential=int(manifest.get("confidential") or 0),
            signer=signer,
            size=size,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _refuse(name, _("its manifest is malformed")) from None


@without_collector
def read_package(data: bytes, name: str, *, with_records: bool = True) -> Package:
    """Check a package (seal, zip safety, member list and hashes, signature, every record) and read it.

    Raises :class:`PackageError` with one line; reads nothing into any store.
    """
    check_seal(data, name)
    try:
        zf = untrusted.open_zip(data, name)
    except SourceError as exc:
        raise PackageError(str(exc) + "; " + _("nothing was changed")) from None
    with zf:
        manifest, manifest_raw = _manifest(zf, name)
        signer = _signer(zf, name, manifest_raw)
        listed = manifest.get("members")
        if not isinstance(listed, dict) or not all(isinstance(v, dict) for v in listed.values()):
            raise _refuse(name, _("its manifest is malformed"))
        present = set(zf.namelist()) - {MANIFEST, SIGNATURE}
        for member in sorted(present | set(listed)):
            if member not in listed:
                raise _refuse(
                    name, _("it holds a file its manifest does not list ({member})").format(member=member[:80])
                )
            if member not in present:
                raise _refuse(name, _("{member} is missing").format(member=member[:80]))
            if not _MEMBER_NAME.match(member):
                raise _refuse(name, _("it holds an unexpected file ({member})").format(member=member[:80]))
        info = _info(manifest, name, signer, len(data))
        for table, count in info.counts.items():
            if count > stream.MAX_RECORDS.get(table, 0):
                raise _refuse(name, stream.too_many(table, stream.MAX_RECORDS.get(table, 0)))
        package = Package(info=info)
        if not with_records:
            return package
        budget = stream.Budget(lambda reason: _refuse(name, reason))
        for member in sorted(listed):
            table = member[len("records/") : -len(".json")]
            if member != TOMBSTONES and table not in BY_NAME:
                raise _refuse(name, _("it holds records of an unknown kind ({table})").format(table=table))
            expected = listed[member].get("sha256")
            content = stream.read_member(zf, member, expected, lambda reason: _refuse(name, reason), budget)
            if member == TOMBSTONES:
                package.tombstones = content  # type: ignore[assignment]
            else:
                package.records[table] = content  # type: ignore[assignment]
    counted = {t: len(rs) for t, rs in package.records.items() if rs}
    if counted != {t: n for t, n in info.counts.items() if n} or len(package.tombstones) != info.tombstones:
        raise _refuse(name, _("its record counts do not match its manifest"))
    confidential = sum(1 for r in package.records.get("action", ()) if r.data["confidential"])
    if confidential != info.confidential:  # the number a person is shown before merging must be the truth
        raise _refuse(name, _("its count of confidential actions does not match its records"))
    return package
