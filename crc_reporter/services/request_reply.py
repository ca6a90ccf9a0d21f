"""The recipient's side: open an update request and make a signed reply.

Needs no store: a request file holds everything the body is asked about (its
paragraphs, actions, indicators and the items asked). The reply names the
request, and each change its own id, so the coordinator's store takes a reply
once however often it is merged.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crc_reporter.domain.follow_up import UpdateKind
from crc_reporter.domain.text import clean_text
from crc_reporter.i18n import _
from crc_reporter.safe_io import atomic_write
from crc_reporter.services import follow_up_files as files
from crc_reporter.services.errors import ServiceError, ValidationError
from crc_reporter.services.exchange import signing
from crc_reporter.services.exchange.validate import UUID_RE, PackageError

MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class AskedItem:
    uuid: str
    kind: UpdateKind
    target: str
    label: str
    year: int | None = None


@dataclass(frozen=True)
class RequestView:
    """A request as its recipient sees it (checked, cleaned text)."""

    uuid: str
    recipient: str
    recipient_uuid: str | None
    document: str | None
    sent_on: str
    due_on: str | None
    language: str
    sender: str
    signer_name: str
    signer_fingerprint: str | None
    items: tuple[AskedItem, ...]
    paragraphs: tuple[dict[str, Any], ...] = ()
    actions: tuple[dict[str, Any], ...] = ()
    indicators: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ReplyChange:
    """One answer: to an asked item (``item``), or a change to something the request shows."""

    kind: UpdateKind
    target: str
    payload: dict[str, Any]
    item: str | None = None
    uuid: str = field(default_factory=lambda: str(uuid_mod.uuid4()))


def _text(value: Any, limit: int = 20_000) -> str:
    return clean_text(str(value or ""))[:limit]


def _uuid(value: Any, name: str) -> str:
    if not isinstance(value, str) or not UUID_RE.match(value):
        raise PackageError(
            _("{name} was refused: {reason}; nothing was changed").format(
                name=name, reason=_("its content is malformed")
            )
        )
    return value


def _list(content: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    value = content.get(key, [])
    if not isinstance(value, list) or len(value) > MAX_ENTRIES or not all(isinstance(v, dict) for v in value):
        raise PackageError(
            _("{name} was refused: {reason}; nothing was changed").format(
                name=name, reason=_("its content is malformed")
            )
        )
    return value


def open_request(data: bytes, name: str) -> RequestView:
    signed = files.read(data, name, files.REQUEST)
    return view_of(signed.content, name, signed.signer_name, signed.signer_fingerprint)


def view_of(content: dict[str, Any], name: str, signer_name: str = "", fingerprint: str | None = None) -> RequestView:
    """A request's content as its recipient sees it (from a file, or from the store on a shared server)."""
    head = content.get("request")
    if not isinstance(head, dict) or not isinstance(head.get("recipient"), dict):
        raise PackageError(
            _("{name} was refused: {reason}; nothing was changed").format(
                name=name, reason=_("its content is malformed")
            )
        )
    items = []
    for entry in _list(content, "items", name):
        try:
            kind = UpdateKind(str(entry.get("kind")))
        except ValueError:
            continue  # a kind a newer version asks for: shown by its label only
        year = entry.get("year")
        items.append(
            AskedItem(
                uuid=_uuid(entry.get("uuid"), name),
                kind=kind,
                target=_uuid(entry.get("target"), name),
                label=_text(entry.get("label"), 2000),
                year=year if isinstance(year, int) and not isinstance(year, bool) else None,
            )
        )
    recipient = head["recipient"]
    return RequestView(
        uuid=_uuid(head.get("uuid"), name),
        recipient=_text(recipient.get("name"), 300),
        recipient_uuid=recipient.get("uuid") if isinstance(recipient.get("uuid"), str) else None,
        document=_text(head.get("document"), 64) or None,
        sent_on=_text(head.get("sent_on"), 10),
        due_on=_text(head.get("due_on"), 10) or None,
        language=_text(head.get("language"), 8) or "en",
        sender=_text(head.get("from"), 120),
        signer_name=signer_name,
        signer_fingerprint=fingerprint,
        items=tuple(items),
        paragraphs=tuple(_list(content, "paragraphs", name)),
        actions=tuple(_list(content, "actions", name)),
        indicators=tuple(_list(content, "indicators", name)),
    )


def _check(view: RequestView, change: ReplyChange) -> None:
    if change.item is not None:
        item = next((i for i in view.items if i.uuid == change.item), None)
        if item is None or item.kind != change.kind or item.target != change.target:
            raise ValidationError(_("the answer does not match anything the request asks"))
        return
    shown = {p.get("uuid") for p in view.paragraphs} | {a.get("uuid") for a in view.actions}
    shown |= {i.get("uuid") for i in view.indicators}
    if change.target not in shown:
        raise ValidationError(_("the answer does not match anything the request asks"))


def make_reply(
    view: RequestView,
    changes: list[ReplyChange],
    out: Path,
    *,
    key_file: Path,
    by: str,
    signer_name: str | None = None,
) -> int:
    """Write the signed reply; returns how many changes it holds."""
    if not changes:
        raise ValidationError(_("the reply holds no answer"))
    for change in changes:
        _check(view, change)
    key = signing.load_private_key(key_file)
    if signer_name is None:
        pub = key_file.with_name(key_file.name + ".pub")
        signer_name = signing.read_public_key(pub).name if pub.exists() else by
    content = {
        "reply": {
            "uuid": str(uuid_mod.uuid4()),
            "request": view.uuid,
            "recipient": {"name": view.recipient, "uuid": view.recipient_uuid},
            "by": by,
            "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
        "changes": [
            {"uuid": c.uuid, "item": c.item, "kind": c.kind.value, "target": c.target, "payload": c.payload}
            for c in changes
        ],
    }
    data = files.build(files.REPLY, content, key, signer_name or "")
    try:
        with atomic_write(out) as fh:
            fh.write(data)
    except OSError as exc:
        raise ServiceError(_("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)) from exc
    return len(changes)
