"""The follow-up cycle: ``request-updates``, ``answer-request`` (the recipient's side) and ``replies``.

A refused reply is one line on stderr, exit 1, nothing changed in the store.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.domain.follow_up import Asks, ProposedChangeInfo, RequestForm, UpdateKind, UpdateRequestInfo
from crc_reporter.i18n import _, current_language, ngettext
from crc_reporter.i18n.labels import label
from crc_reporter.services import follow_up as fu
from crc_reporter.services import proposals as pr
from crc_reporter.services.common import parse_date
from crc_reporter.services.reply_in import merge_reply
from crc_reporter.services.request_out import write_request
from crc_reporter.services.request_reply import ReplyChange, RequestView, make_reply, open_request
from crc_reporter.untrusted import read_input


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "request-updates",
        parents=[common],
        help=summary("request-updates"),
        description=_(
            "Ask one responsible body for updates on its paragraphs, actions and indicators, by a due date: "
            "a signed package for a body that runs CRC Reporter, or an Excel workbook for one that does not."
        ),
    )
    p.add_argument("--to", required=True, metavar="ACTOR", help=_("the body asked (its name or short name)"))
    p.add_argument("--due", metavar="YYYY-MM-DD", help=_("the date the answer is due"))
    p.add_argument("--document", metavar="SYMBOL", help=_("only the paragraphs of this document"))
    p.add_argument("--form", choices=[RequestForm.PACKAGE.value, RequestForm.WORKBOOK.value], default="package")
    p.add_argument("--lang", choices=["en", "fr", "km"], help=_("the recipient's language (default: yours)"))
    p.add_argument(
        "--years", metavar="YEAR,YEAR", help=_("ask for the values of the body's indicators for these years")
    )
    p.add_argument("--assessments", action="store_true", help=_("also ask for the body's own assessment"))
    p.add_argument("--sign", metavar="KEYFILE", type=Path, help=_("sign the package with this private key"))
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the request to write"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.set_defaults(handler=cmd_request)

    p = sub.add_parser(
        "answer-request",
        parents=[common],
        help=summary("answer-request"),
        description=_(
            "Show what an update request asks; with --answers, write the signed reply to send back. Needs no store."
        ),
    )
    p.add_argument("file", metavar="REQUEST.crcrequest", type=Path)
    p.add_argument("--answers", metavar="ANSWERS.json", type=Path, help=_("the answers, as JSON"))
    p.add_argument("--sign", metavar="KEYFILE", type=Path, help=_("sign the reply with this private key"))
    p.add_argument("--by", metavar="NAME", help=_("who answers (default: --user)"))
    p.add_argument("--out", type=Path, metavar="REPLY.crcreply", help=_("the reply to write"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_answer)

    top = sub.add_parser("replies", parents=[common], help=summary("replies"))
    actions = top.add_subparsers(dest="replies_command", metavar="ACTION", required=True)
    p = actions.add_parser("merge", parents=[common], help=_("take a reply package or request workbook as proposals"))
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_merge)
    p = actions.add_parser("list", parents=[common], help=_("list the changes bodies proposed"))
    p.add_argument("--request", metavar="ID", help=_("only the changes answering this request"))
    p.add_argument("--state", choices=["proposed", "approved", "sent_back"])
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)
    p = actions.add_parser(
        "propose", parents=[common], help=_("type an update for a body yourself; it waits for a coordinator")
    )
    p.add_argument("--actor", required=True, metavar="ACTOR", help=_("the body the update is for"))
    p.add_argument("--kind", required=True, choices=[k.value for k in UpdateKind])
    p.add_argument("--about", required=True, metavar="UUID", help=_("the paragraph, action or indicator"))
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=_("a value of the update"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_propose)
    p = actions.add_parser("approve", parents=[common], help=_("make proposed changes the record"))
    p.add_argument("ids", nargs="+", metavar="ID")
    p.set_defaults(handler=cmd_approve)
    p = actions.add_parser("send-back", parents=[common], help=_("keep a change as proposed, with a note for the body"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--note", required=True, help=_("why it is sent back"))
    p.set_defaults(handler=cmd_send_back)


def request_json(r: UpdateRequestInfo) -> dict[str, object]:
    return {
        "id": r.uuid,
        "recipient": r.recipient,
        "document": r.document,
        "form": r.form.value,
        "language": r.language,
        "sent_on": r.sent_on,
        "due_on": r.due_on,
        "state": r.state.value,
        "late": r.late,
        "answered_on": r.answered_on,
        "items": r.items,
        "open_items": r.open_items,
        "proposed": r.proposed,
        "approved": r.approved,
        "sent_back": r.sent_back,
        "reminder_of": r.reminder_of,
    }


def change_json(c: ProposedChangeInfo) -> dict[str, object]:
    return {
        "id": c.uuid,
        "request": c.request_uuid,
        "actor": c.actor,
        "kind": c.kind.value,
        "about": c.label,
        "target": c.target_uuid,
        "proposed": c.payload,
        "before": c.previous,
        "state": c.state.value,
        "proposed_by": c.proposed_by,
        "decided_by": c.decided_by,
        "note": c.note,
        "result": c.result_uuid,
    }


def print_requests(ctx: CliContext, requests: list[UpdateRequestInfo], as_json: bool) -> None:
    if as_json:
        ctx.print_json([request_json(r) for r in requests])
        return
    for r in requests:
        due = r.due_on.isoformat() if r.due_on else "-"
        state = label(r.state.value)
        print(
            f"{r.uuid[:8]}  {r.sent_on.isoformat()}  {due:<10}  {state:<16} {r.open_items:>4}/{r.items:<4} {r.recipient}"
        )


def _years(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    try:
        return tuple(int(y) for y in text.replace(" ", "").split(",") if y)
    except ValueError:
        raise CliError(_("'{value}' is not a list of years (e.g. 2025,2026)").format(value=text)) from None


def cmd_request(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(write=True)
    asks = Asks(assessments=args.assessments, indicator_years=_years(args.years))
    with store.session() as session:
        request = fu.create_request(
            session,
            args.to,
            asks=asks,
            due_on=parse_date(args.due),
            document=args.document,
            form=args.form,
            language=args.lang or current_language(),
        )
        written = write_request(session, request, args.out, key_file=args.sign)
    if args.json:
        ctx.print_json(
            {"id": written.request_uuid, "path": written.path, "form": written.form.value, "items": written.items}
        )
        return 0
    asked = ngettext("{n} thing asked", "{n} things asked", written.items).format(n=written.items)
    print(
        _("Wrote {path}: request {id} to {to}, {asked}.").format(
            path=written.path, id=written.request_uuid[:8], to=request.recipient_name, asked=asked
        )
    )
    return 0


def _answers(view: RequestView, path: Path) -> list[ReplyChange]:
    data, name = read_input(path)
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise CliError(_("{name} is not valid JSON").format(name=name)) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CliError(_("{name} must hold a list of answers").format(name=name))
    items = {i.uuid: i for i in view.items}
    out = []
    for entry in entries:
        item = items.get(str(entry.get("item")))
        payload = entry.get("payload") if isinstance(entry.get("payload"), dict) else {}
        try:
            kind = item.kind if item else UpdateKind(str(entry.get("kind")))
        except ValueError:
            raise CliError(_("an answer names neither an item of the request nor a kind of change")) from None
        out.append(
            ReplyChange(kind, item.target if item else str(entry.get("target")), payload, item.uuid if item else None)
        )
    return out


def cmd_answer(args: argparse.Namespace, ctx: CliContext) -> int:
    data, name = read_input(args.file)
    view = open_request(data, name)
    if args.answers is None:
        if args.json:
            ctx.print_json(
                {
                    "id": view.uuid,
                    "recipient": view.recipient,
                    "due_on": view.due_on,
                    "language": view.language,
                    "signer": view.signer_name,
                    "items": [
                        {"item": i.uuid, "kind": i.kind.value, "target": i.target, "about": i.label, "year": i.year}
                        for i in view.items
                    ],
                }
            )
            return 0
        print(
            _("Request {id} to {to}, due {due}, signed by {signer}").format(
                id=view.uuid[:8], to=view.recipient, due=view.due_on or "-", signer=view.signer_name or "-"
            )
        )
        for i in view.items:
            year = f" {i.year}" if i.year else ""
            print(f"  {i.uuid}  {label(i.kind.value):<20} {i.label}{year}")
        return 0
    if args.sign is None or args.out is None:
        raise CliError(_("a reply needs --sign KEYFILE and --out FILE"))
    count = make_reply(view, _answers(view, args.answers), args.out, key_file=args.sign, by=args.by or ctx.user or "")
    print(ngettext("Wrote {path}: {n} answer.", "Wrote {path}: {n} answers.", count).format(path=args.out, n=count))
    return 0


def cmd_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    data, name = read_input(args.file)
    store = ctx.store(write=True)
    with store.session() as session:
        result = merge_reply(session, data, name)
    if args.json:
        ctx.print_json(
            {
                "request": result.request_uuid,
                "recipient": result.recipient,
                "form": result.form.value,
                "added": result.added,
                "already": result.already,
                "not_taken": list(result.not_taken),
                "state": result.state.value,
            }
        )
        return 0
    added = ngettext("{n} proposed change", "{n} proposed changes", result.added).format(n=result.added)
    print(
        _("{name}: {added} from {who}; the request is {state}.").format(
            name=name, added=added, who=result.recipient, state=label(result.state.value).lower()
        )
    )
    if result.already:
        print(
            ngettext("{n} answer was already here.", "{n} answers were already here.", result.already).format(
                n=result.already
            )
        )
    for line in result.not_taken:
        print(
            _(
                "not taken (a reply proposes statuses, dates, outcomes, new actions, assessments and values): {what}"
            ).format(what=line)
        )
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    with store.session() as session:
        request = fu.request_by_uuid(session, args.request).uuid if args.request else None
        changes = pr.list_changes(session, request_uuid=request, state=args.state)
    if args.json:
        ctx.print_json([change_json(c) for c in changes])
        return 0
    for c in changes:
        line = f"{c.uuid[:8]}  {label(c.state.value):<12} {label(c.kind.value):<20} {c.actor or '-'}: {c.label}"
        print(line + (f" — {c.note}" if c.note else ""))
    return 0


def _fields(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CliError(_("'{value}' is not FIELD=VALUE").format(value=pair))
        key = key.strip()
        if key == "year":
            try:
                out[key] = int(value)
            except ValueError:
                raise CliError(_("{year} is not a plausible year").format(year=value)) from None
        elif key == "value":
            try:
                out[key] = float(value)
            except ValueError:
                raise CliError(_("'{value}' is not a number").format(value=value)) from None
        else:
            out[key] = value
    return out


def cmd_propose(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(write=True)
    with store.session() as session:
        row = pr.propose_direct(session, args.actor, args.kind, args.about, _fields(args.set))
        ident = row.uuid
    if args.json:
        ctx.print_json({"id": ident})
    else:
        print(_("Proposed {id}; it waits for a coordinator's approval.").format(id=ident[:8]))
    return 0


def cmd_approve(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(write=True)
    with store.session() as session:
        for ident in args.ids:
            pr.approve(session, ident)
    print(ngettext("{n} change approved.", "{n} changes approved.", len(args.ids)).format(n=len(args.ids)))
    return 0


def cmd_send_back(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store(write=True)
    with store.session() as session:
        pr.send_back(session, args.id, args.note)
    print(_("Change sent back with your note."))
    return 0
