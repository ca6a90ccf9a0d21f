"""``server-setup`` and ``user``: prepare a shared PostgreSQL store and its people."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError
from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.store import pg_security
from crc_reporter.store.engine import is_url
from crc_reporter.store.open import open_store


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "server-setup",
        parents=[common],
        help=summary("server-setup"),
    )
    p.add_argument("url", metavar="URL", help=_("postgresql+psycopg://OWNER@HOST/DATABASE"))
    p.set_defaults(handler=cmd_server_setup)

    user = sub.add_parser("user", parents=[common], help=summary("user"))
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", parents=[common], help=_("add a person, or change their role"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--confidential", action="store_true", help=_("may see confidential records"))
    add.add_argument("--password-file", type=Path, help=_("read the new password from this file"))
    add.set_defaults(handler=cmd_user_add)
    lst = user_sub.add_parser("list", parents=[common], help=_("list the people and their roles"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_user_list)


def _require_server(target: str) -> None:
    if not is_url(target) or not target.startswith("postgresql"):
        raise CliError(_("user accounts exist only on a shared PostgreSQL store (give --db postgresql+psycopg://…)"))


def cmd_server_setup(args: argparse.Namespace, ctx: CliContext) -> int:
    _require_server(args.url)
    store = open_store(args.url, user=ctx.user)
    try:
        with store.engine.begin() as conn:
            names = pg_security.apply_security(conn)
    finally:
        store.close()
    print(_("Shared store ready. Roles: {roles}").format(roles=", ".join(names.group(r) for r in Role)))
    print(_("Add people with: crc-reporter --db URL user add NAME --role viewer|editor|coordinator|admin"))
    return 0


def _new_password(path: Path | None) -> str:
    if path is not None:
        try:
            password = path.read_text("utf-8").strip()
        except OSError as exc:
            raise CliError(_("cannot read {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
    elif os.environ.get("CRC_REPORTER_NEW_PASSWORD"):
        password = os.environ["CRC_REPORTER_NEW_PASSWORD"]
    elif sys.stdin.isatty():
        password = getpass.getpass(_("New password: "))
        if getpass.getpass(_("Repeat it: ")) != password:
            raise CliError(_("the two passwords differ"))
    else:
        raise CliError(_("give the password with --password-file (or CRC_REPORTER_NEW_PASSWORD)"))
    if len(password) < 8:
        raise CliError(_("a password needs at least 8 characters"))
    return password


def cmd_user_add(args: argparse.Namespace, ctx: CliContext) -> int:
    _require_server(ctx.store_target())
    password = _new_password(args.password_file)
    store = ctx.store()
    with store.engine.begin() as conn:
        pg_security.add_user(conn, args.name, Role(args.role), password, args.confidential)
    print(_("{name} can now sign in as {role}.").format(name=args.name, role=args.role))
    return 0


def cmd_user_list(args: argparse.Namespace, ctx: CliContext) -> int:
    _require_server(ctx.store_target())
    with ctx.store().engine.connect() as conn:
        users = pg_security.list_users(conn)
    if args.json:
        ctx.print_json([{"name": u.name, "role": u.role.value, "confidential": u.confidential} for u in users])
    for u in [] if args.json else users:
        confidential = _("confidential") if u.confidential else ""
        print(f"{u.name:<30} {u.role.value:<12} {confidential}")
    return 0
