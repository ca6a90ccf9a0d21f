"""The person's own signing key: made on first use, kept in their data folder, never in a store.

The command line takes a key file (``crc-reporter keygen FILE``, ``export-package
--sign FILE``); the window keeps one key pair per person in the user data folder
(``keys/signing-key.pem`` and ``signing-key.pem.pub``), readable only by them, so
that the packages a person sends from any of their stores carry the same
signature. The public half is what they give to the people they exchange with.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from crc_reporter.i18n import _
from crc_reporter.paths import user_data_dir
from crc_reporter.safe_io import atomic_write_bytes
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.exchange import PublicKeyInfo, generate_keypair, read_public_key, signing

KEY_FILE = "signing-key.pem"


def key_folder() -> Path:
    return user_data_dir() / "keys"


def key_path() -> Path:
    return key_folder() / KEY_FILE


def public_path() -> Path:
    return key_folder() / (KEY_FILE + ".pub")


def my_key() -> PublicKeyInfo | None:
    """The person's key pair, when both halves are there and readable."""
    if not key_path().is_file() or not public_path().is_file():
        return None
    try:
        return read_public_key(public_path())
    except ServiceError:
        return None


def ensure_key(name: str) -> PublicKeyInfo:
    """The person's key pair, made now (named ``name``) if they have none yet."""
    existing = my_key()
    if existing is not None:
        return existing
    folder = key_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # not every file system keeps modes (FAT on a USB stick)
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise ServiceError(
            _("cannot create the folder {folder}: {reason}").format(folder=folder, reason=exc.strerror or exc)
        ) from exc
    name = name.strip() or _("CRC Reporter user")
    if key_path().is_file():  # the public half was lost: write it again from the private key, never a new pair
        key = signing.load_private_key(key_path())
        try:
            atomic_write_bytes(public_path(), signing.public_line(key.public_key(), name).encode("utf-8"))
        except OSError as exc:
            raise ServiceError(
                _("cannot write {path}: {reason}").format(path=public_path(), reason=exc.strerror or exc)
            ) from exc
        return read_public_key(public_path())
    return generate_keypair(key_path(), name)


def save_public_key(target: Path) -> None:
    """Copy the public key (one line of text) to ``target``, to be sent to others."""
    try:
        data = public_path().read_bytes()
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc)) from exc
