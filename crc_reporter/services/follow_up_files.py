"""The files of the follow-up cycle: an update request (``.crcrequest``) and a reply (``.crcreply``).

Both are sealed, signed zips like exchange packages (see
:mod:`crc_reporter.services.exchange.package`): ``manifest.json`` (format,
version, what kind, time, the SHA-256 of ``content.json``), ``signature.json``
(Ed25519 over the manifest) and ``content.json``; the zip's comment seals every
byte before it. A file with one byte changed, a bad signature or an unexpected
member is refused with one line before anything is read into a store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crc_reporter import __version__, untrusted
from crc_reporter.domain.text import clean_text
from crc_reporter.i18n import _
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.exchange import signing
from crc_reporter.services.exchange.validate import PackageError
from crc_reporter.untrusted import SourceError

FORMAT = "crc-reporter-follow-up"
VERSION = 1
REQUEST = "update-request"
REPLY = "update-reply"
REQUEST_SUFFIX = ".crcrequest"
REPLY_SUFFIX = ".crcreply"
SEAL_PREFIX = b"crcf-seal:"
SEAL_LEN = len(SEAL_PREFIX) + 64
MANIFEST, SIGNATURE, CONTENT = "manifest.json", "signature.json", "content.json"
MAX_CONTENT = 50 * 1024 * 1024


@dataclass(frozen=True)
class SignedFile:
    kind: str  # REQUEST or REPLY
    content: dict[str, Any]
    signer_fingerprint: str | None
    signer_name: str
    public_key: str
    created_at: dt.datetime


def build(kind: str, content: dict[str, Any], key: Ed25519PrivateKey | None, signer_name: str) -> bytes:
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    created = dt.datetime.now(dt.UTC)
    manifest = {
        "format": FORMAT,
        "format_version": VERSION,
        "kind": kind,
        "created_at": created.isoformat(),
        "app_version": __version__,
        "members": {CONTENT: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo(MANIFEST, stamp), manifest_bytes, zipfile.ZIP_DEFLATED)
        if key is not None:
            public, signature = signing.sign(key, manifest_bytes)
            sig = {"algorithm": "Ed25519", "public_key": public, "name": signer_name, "signature": signature}
            zf.writestr(zipfile.ZipInfo(SIGNATURE, stamp), json.dumps(sig).encode("utf-8"), zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo(CONTENT, stamp), body, zipfile.ZIP_DEFLATED)
        zf.comment = b"\0" * SEAL_LEN
    data = buffer.getvalue()[:-SEAL_LEN]
    return data + SEAL_PREFIX + hashlib.sha256(data).hexdigest().encode("ascii")


def _refuse(name: str, reason: str) -> PackageError:
    return PackageError(_("{name} was refused: {reason}; nothing was changed").format(name=name, reason=reason))


def _json(zf: zipfile.ZipFile, member: str, name: str, limit: int) -> tuple[Any, bytes]:
    try:
        raw = untrusted.read_member(zf, member, name, limit)
    except SourceError as exc:
        raise PackageError(str(exc) + "; " + _("nothing was changed")) from None
    try:
        return json.loads(raw.decode("utf-8")), raw
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _refuse(name, _("{member} is not valid JSON").format(member=member)) from None


def looks_like(data: bytes) -> bool:
    return data.startswith(untrusted.ZIP_MAGIC) and data[-SEAL_LEN:].startswith(SEAL_PREFIX)


def read(data: bytes, name: str, kind: str) -> SignedFile:
    """Check the seal, the members, the signature and the content's hash; raises one-line PackageError."""
    what = _("an update request") if kind == REQUEST else _("a reply to an update request")
    if len(data) < SEAL_LEN + 22 or not looks_like(data):
        raise _refuse(name, _("it is not {what} made by CRC Reporter").format(what=what))
    if hashlib.sha256(data[:-SEAL_LEN]).hexdigest().encode("ascii") != data[-SEAL_LEN:][len(SEAL_PREFIX) :]:
        raise _refuse(name, _("it is damaged or was altered after it was made (its checksum does not match)"))
    try:
        zf = untrusted.open_zip(data, name)
    except SourceError as exc:
        raise PackageError(str(exc) + "; " + _("nothing was changed")) from None
    with zf:
        members = set(zf.namelist())
        if not members <= {MANIFEST, SIGNATURE, CONTENT} or not {MANIFEST, CONTENT} <= members:
            raise _refuse(name, _("it holds an unexpected file"))
        manifest, manifest_raw = _json(zf, MANIFEST, name, 64 * 1024)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("kind") != kind:
            raise _refuse(name, _("it is not {what} made by CRC Reporter").format(what=what))
        version = manifest.get("format_version")
        if type(version) is not int or version > VERSION:
            raise _refuse(name, _("it was made by a newer version of CRC Reporter; update CRC Reporter"))
        fingerprint, signer_name, public = None, "", ""
        if SIGNATURE in members:
            sig, _raw = _json(zf, SIGNATURE, name, 64 * 1024)
            if not isinstance(sig, dict):
                raise _refuse(name, _("its signature is malformed"))
            public = str(sig.get("public_key", ""))
            try:
                fingerprint = signing.verify(public, str(sig.get("signature", "")), manifest_raw)
            except ValidationError:
                raise _refuse(name, _("its signature does not match its content (bad signature)")) from None
            signer_name = " ".join(clean_text(str(sig.get("name") or "")).split())[:200]
        content, raw = _json(zf, CONTENT, name, MAX_CONTENT)
        listed = manifest.get("members")
        expected = listed.get(CONTENT, {}).get("sha256") if isinstance(listed, dict) else None
        if not isinstance(expected, str) or hashlib.sha256(raw).hexdigest() != expected:
            raise _refuse(name, _("its content does not match its manifest"))
        if not isinstance(content, dict):
            raise _refuse(name, _("its content is malformed"))
        try:
            created = dt.datetime.fromisoformat(str(manifest.get("created_at")))
        except ValueError:
            raise _refuse(name, _("its manifest is malformed")) from None
    return SignedFile(kind, content, fingerprint, signer_name, public, created)
