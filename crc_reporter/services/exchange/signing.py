"""Ed25519 keys: who sent a package, and whether it was changed on the way.

A person makes a key pair once (``crc-reporter keygen KEYFILE``): the private
key stays on their laptop (a PEM file readable only by them), the public key
(``KEYFILE.pub``, one line of text) goes to the people they exchange with, who
add it to their store's trusted keys. A signed package carries the signature
over its manifest, which lists the SHA-256 of every other member; a package
whose signature does not verify is refused. A key is shown by its fingerprint,
``SHA256:`` and the base64 of the SHA-256 of the raw public key (as OpenSSH
shows keys), short enough to read out over the phone.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.safe_io import atomic_write_bytes
from crc_reporter.services.errors import NotFoundError, ServiceError, ValidationError
from crc_reporter.services.permissions import require_role
from crc_reporter.store.base import utcnow
from crc_reporter.store.models import TrustedKey

PUBLIC_PREFIX = "crc-reporter-ed25519"
MAX_KEY_FILE = 16 * 1024


@dataclass(frozen=True)
class PublicKeyInfo:
    name: str
    fingerprint: str
    public_key: str  # base64 of the raw 32 bytes


@dataclass(frozen=True)
class TrustedKeyInfo:
    fingerprint: str
    name: str
    added_at: dt.datetime
    added_by: str


def fingerprint(raw: bytes) -> str:
    return "SHA256:" + base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii").rstrip("=")


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_fingerprint(key: Ed25519PrivateKey) -> str:
    return fingerprint(_raw(key.public_key()))


def public_line(public: Ed25519PublicKey, name: str) -> str:
    clean = " ".join(name.split())
    return f"{PUBLIC_PREFIX} {base64.b64encode(_raw(public)).decode('ascii')} {clean}".rstrip() + "\n"


def generate_keypair(out: Path, name: str) -> PublicKeyInfo:
    """Write a new private key to ``out`` (owner-only) and its public key to ``out.pub``; never overwrite."""
    pub_path = out.with_name(out.name + ".pub")
    for path in (out, pub_path):
        if path.exists():
            raise ValidationError(_("{path} already exists; choose another file name").format(path=path))
    if not out.parent.is_dir():
        raise ValidationError(_("the folder {folder} does not exist").format(folder=out.parent))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        atomic_write_bytes(pub_path, public_line(key.public_key(), name).encode("utf-8"))
    except OSError as exc:
        with contextlib.suppress(OSError):
            out.unlink()
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    raw = _raw(key.public_key())
    return PublicKeyInfo(name=name, fingerprint=fingerprint(raw), public_key=base64.b64encode(raw).decode("ascii"))


def _read_small(path: Path, what: str) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise ServiceError(
            _("cannot read the {what} {path}: {reason}").format(what=what, path=path, reason=exc.strerror or exc)
        ) from exc
    if len(data) > MAX_KEY_FILE:
        raise ValidationError(_("{path} is too large to be a key").format(path=path))
    return data


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read_small(path, _("key file"))
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise ValidationError(
            _("{path} is not a private key made by 'crc-reporter keygen'").format(path=path)
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError(_("{path} is not an Ed25519 private key").format(path=path))
    return key


def parse_public_key(text: str) -> PublicKeyInfo:
    """A public key line (``crc-reporter-ed25519 BASE64 name``) or just the base64 of the raw key."""
    parts = text.strip().split(maxsplit=2)
    if parts and parts[0] == PUBLIC_PREFIX:
        parts = parts[1:]
    if not parts:
        raise ValidationError(_("this is not a public key made by 'crc-reporter keygen'"))
    try:
        raw = base64.b64decode(parts[0], validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise ValidationError(_("this is not a public key made by 'crc-reporter keygen'")) from None
    name = parts[1] if len(parts) > 1 else ""
    return PublicKeyInfo(name=name, fingerprint=fingerprint(raw), public_key=parts[0])


def read_public_key(path: Path) -> PublicKeyInfo:
    data = _read_small(path, _("public key file"))
    try:
        return parse_public_key(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError(_("{path} is not a public key made by 'crc-reporter keygen'").format(path=path)) from None


def sign(key: Ed25519PrivateKey, message: bytes) -> tuple[str, str]:
    """(base64 public key, base64 signature)."""
    raw = _raw(key.public_key())
    return base64.b64encode(raw).decode("ascii"), base64.b64encode(key.sign(message)).decode("ascii")


def verify(public_b64: str, signature_b64: str, message: bytes) -> str:
    """The signer's fingerprint; raises :class:`ValidationError` when the signature does not verify."""
    try:
        raw = base64.b64decode(public_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(signature_b64, validate=True), message)
    except (binascii.Error, ValueError, TypeError, InvalidSignature):
        raise ValidationError(_("bad signature")) from None
    return fingerprint(raw)


# --- the store's trusted keys ---------------------------------------------------------------


def trust_key(session: Session, key: PublicKeyInfo, name: str | None = None) -> TrustedKeyInfo:
    require_role(session, Role.COORDINATOR, "trust a key")
    label = " ".join((name or key.name or key.fingerprint).split())
    row = session.get(TrustedKey, key.fingerprint)
    if row is None:
        row = TrustedKey(
            fingerprint=key.fingerprint,
            name=label,
            public_key=key.public_key,
            added_at=utcnow(),
            added_by=str(session.info.get("user") or ""),
        )
        session.add(row)
    else:
        row.name = label
    session.flush()
    return TrustedKeyInfo(row.fingerprint, row.name, row.added_at, row.added_by)


def untrust_key(session: Session, fingerprint_: str) -> None:
    require_role(session, Role.COORDINATOR, "remove a trusted key")
    if session.get(TrustedKey, fingerprint_) is None:
        raise NotFoundError(_("no trusted key with fingerprint {fp}").format(fp=fingerprint_))
    session.execute(delete(TrustedKey).where(TrustedKey.fingerprint == fingerprint_))


def trusted_keys(session: Session) -> list[TrustedKeyInfo]:
    rows = session.scalars(select(TrustedKey).order_by(TrustedKey.name))
    return [TrustedKeyInfo(r.fingerprint, r.name, r.added_at, r.added_by) for r in rows]


def trusted_name(session: Session, fingerprint_: str) -> str | None:
    row = session.get(TrustedKey, fingerprint_)
    return row.name if row is not None else None
