"""Talking to the instance that already has a store open ("bring the first window forward").

The instance that writes a store listens on a local socket whose name is
derived from the store's path (:func:`server_name`); a second instance that
finds the store locked connects to it, sends one request and reads one reply,
then either exits (the first window came forward) or carries on read-only.
The GUI implements the transport with ``QLocalServer`` / ``QLocalSocket``
(a Unix domain socket or a Windows named pipe); this module holds everything
else, without Qt.

Protocol (version 1), UTF-8 JSON, one line each way, at most 64 KiB:

* request: ``{"v": 1, "action": "activate", "files": ["/path/to/file.docx", …]}\\n``
  (``files``: documents the second instance was asked to open, to be opened by
  the first one; may be empty)
* reply: ``{"v": 1, "ok": true}\\n`` or ``{"v": 1, "ok": false, "error": "…"}\\n``

A malformed request gets ``ok: false`` and is otherwise ignored: anything on
the machine can connect to a local socket, so a request never runs code and
only ever raises the window or names files for the usual import dialog.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from crc_reporter.i18n import _
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.sqlite_files import expand_user

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 64 * 1024
ACTIONS = frozenset({"activate"})


def server_name(store_path: Path) -> str:
    """The local socket name for a store: the same in every instance of the same user, short enough for
    Unix socket paths (QLocalServer puts it in the temp folder), and revealing nothing of the path."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    resolved = os.path.normcase(str(expand_user(store_path).resolve()))
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:24]
    return f"crc-reporter-{digest}"


@dataclass(frozen=True)
class ActivationRequest:
    action: str = "activate"
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivationReply:
    ok: bool
    error: str = ""


def encode_request(request: ActivationRequest) -> bytes:
    data = json.dumps({"v": PROTOCOL_VERSION, "action": request.action, "files": list(request.files)})
    raw = data.encode("utf-8") + b"\n"
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ValidationError(_("too many files to hand over to the open window"))
    return raw


def decode_request(raw: bytes) -> ActivationRequest:
    """Parse a request read from the socket; :class:`ValidationError` for anything malformed."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ValidationError(_("request too large"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError(_("malformed request")) from exc
    if not isinstance(data, dict) or data.get("v") != PROTOCOL_VERSION:
        raise ValidationError(_("unsupported request version"))
    action, files = data.get("action"), data.get("files", [])
    if action not in ACTIONS:
        raise ValidationError(_("unknown request"))
    if not isinstance(files, list) or not all(isinstance(f, str) and f and "\0" not in f for f in files):
        raise ValidationError(_("malformed request"))
    return ActivationRequest(action=action, files=tuple(files))


def encode_reply(reply: ActivationReply) -> bytes:
    data: dict[str, object] = {"v": PROTOCOL_VERSION, "ok": reply.ok}
    if reply.error:
        data["error"] = reply.error[:500]
    return json.dumps(data).encode("utf-8") + b"\n"


def decode_reply(raw: bytes) -> ActivationReply:
    try:
        data = json.loads(raw[:MAX_MESSAGE_BYTES].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return ActivationReply(False, _("malformed reply"))
    if not isinstance(data, dict):
        return ActivationReply(False, _("malformed reply"))
    return ActivationReply(ok=data.get("ok") is True, error=str(data.get("error", "")))
