"""``backup``, ``restore`` and ``check``: keep the work safe, put it back, see the state of a store."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
from pathlib import Path
from typing import Any

from crc_reporter.cli.commands import summary
from crc_reporter.cli.context import CliContext, CliError, interactive
from crc_reporter.i18n import _
from crc_reporter.paths import backups_dir_for
from crc_reporter.services import backups as backup_service
from crc_reporter.services.recovery import diagnose
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import backups_locked, locked_backups_message
from crc_reporter.store.errors import DamagedStoreError, NewerStoreError, NotAStoreError
from crc_reporter.store.health import StoreHealth


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help=summary("backup"))
    p.add_argument("--to", metavar="FILE", type=Path, help=_("write the backup to this file"))
    p.add_argument("--list", action="store_true", help=_("list the backups of the store"))
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help=summary("restore"))
    p.add_argument("backup", nargs="?", metavar="BACKUP", help=_("a backup file, or a name from 'backup --list'"))
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", parents=[common], help=summary("check"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_check)


def _local(when: dt.datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _sqlite_file(ctx: CliContext) -> Path:
    path = ctx.store_file()
    if path is None:
        raise CliError(_("backups of a database server are made by its administrator (e.g. with pg_dump)"))
    return path


def _key(ctx: CliContext, *files: Path) -> str | None:
    """The given passphrase; asked for on a terminal when one of ``files`` is encrypted and none was given."""
    given = ctx.given_passphrase()
    if given or not interactive():
        return given
    if any(f.is_file() and sf.sniff(f) is sf.FileKind.MAYBE_ENCRYPTED for f in files):
        return ctx.passphrase()
    return None


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.list:
        path = _sqlite_file(ctx)
        found = backup_service.list_backups(path)
        if not found:
            print(_("No backups of {store} in {folder}.").format(store=path, folder=backups_dir_for(path)))
        for b in found:
            print(f"{_local(b.created)}  {b.reason:<24} {_size(b.size):>9}  {b.name}")
        return 0
    store = ctx.store()
    info = backup_service.backup_now(store, args.to)
    print(_("Backup written and checked: {path} ({size})").format(path=info.path, size=_size(info.size)))
    return 0


def _resolve_backup(path: Path, name: str | None) -> Path | None:
    if name is None:
        return None
    for candidate in (sf.expand_user(Path(name)), backups_dir_for(path) / name):
        try:
            if candidate.is_file():
                return candidate.resolve()
        except (OSError, ValueError):  # a name the system cannot even look up
            continue
    raise CliError(_("there is no backup {name} (see 'crc-reporter backup --list')").format(name=name))


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _sqlite_file(ctx)
    backup = _resolve_backup(path, args.backup)
    candidates = [path] + ([backup] if backup else [b.path for b in backup_service.list_backups(path)[:1]])
    result = backup_service.restore(path, backup, _key(ctx, *candidates))
    print(
        _("Restored {store} from {backup} (schema {revision}).").format(
            store=result.store, backup=result.restored_from.name, revision=result.revision
        )
    )
    for kept in result.previous_kept_as:
        print(_("The state before the restore is kept in {path}").format(path=kept))
    return 0


def _health_json(h: StoreHealth, backups: list[backup_service.BackupInfo], good: Any) -> dict[str, Any]:
    return {
        "store": str(h.path),
        "state": h.state.value,
        "sound": h.sound,
        "message": h.message,
        "revision": h.revision,
        "encrypted": h.encrypted,
        "size": h.size,
        "wal_size": h.wal_size,
        "integrity_errors": list(h.integrity_errors),
        "unclean_shutdown": h.unclean_shutdown,
        "open_elsewhere_pid": h.open_elsewhere_pid,
        "backups": len(backups),
        "latest_good_backup": str(good.path) if good else None,
    }


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    path = ctx.store_file()
    if path is None:  # a server: being able to open it is the check
        store = ctx.store()
        print(_("{store}: reachable").format(store=store.display_name()))
        return 0
    health = diagnose(path, _key(ctx, path))
    backups = backup_service.list_backups(path)
    good = backup_service.latest_good_backup(path, ctx.given_passphrase()) if backups else None
    if args.json:
        ctx.print_json(_health_json(health, backups, good))
        return 0 if health.sound else 1
    yes, no = _("yes"), _("no")
    rows = [
        (_("Store"), str(path)),
        (_("State"), f"{health.state.value}: {health.message}"),
        *(("", line) for line in health.integrity_errors[1:]),
        (_("Schema"), health.revision or "-"),
        (_("Encrypted"), yes if health.encrypted else no),
        (
            _("Size"),
            _("{size} (write-ahead log {wal})").format(size=_size(health.size), wal=_size(health.wal_size)),
        ),
        (
            _("Last close"),
            _("unclean (crash, power cut or kill): checked now") if health.unclean_shutdown else _("clean"),
        ),
    ]
    if health.open_elsewhere_pid:
        rows.append(
            (_("Open in"), _("another CRC Reporter window (process {pid})").format(pid=health.open_elsewhere_pid))
        )
    rows.append((_("Backups"), _("{count} in {folder}").format(count=len(backups), folder=backups_dir_for(path))))
    if good:
        rows.append((_("Latest good"), f"{_local(good.created)} ({good.reason}) {good.name}"))
    width = max(14, *(len(name) + 3 for name, _value in rows))  # the value column, as wide as the longest label
    for name, value in rows:
        print(f"{name + ':' if name else '':<{width}}{value}")
    if not health.sound:
        print(_restore_advice(ctx, path, good))
    return 0 if health.sound else 1


def _restore_command(ctx: CliContext, path: Path) -> str:
    db = f" --db {shlex.quote(str(path))}" if ctx.db else ""
    return f"crc-reporter{db} restore"


def _restore_advice(ctx: CliContext, path: Path, good: backup_service.BackupInfo | None) -> str:
    if good is None and backups_locked(path, ctx.given_passphrase()):
        locked = locked_backups_message(path)
        return locked[:1].upper() + locked[1:] + "."
    if good is None:
        return _("No good backup of this store was found in {folder}.").format(folder=backups_dir_for(path))
    return _("To restore the latest good backup ({when}), run: {command}").format(
        when=_local(good.created), command=_restore_command(ctx, path)
    )


def recovery_hint(exc: BaseException, ctx: CliContext) -> str:
    """The rest of the error line for a store that cannot be opened: which restore to run."""
    if not isinstance(exc, (DamagedStoreError, NotAStoreError, NewerStoreError)):
        return ""
    try:
        path = ctx.store_file()
        if path is None or not backup_service.list_backups(path):
            return "; " + _("no backup of it was found") if isinstance(exc, DamagedStoreError) else ""
        good = backup_service.latest_good_backup(path, ctx.given_passphrase())
    except Exception:  # the hint must never hide the error it explains
        return ""
    if good is None and backups_locked(path, ctx.given_passphrase()):
        return "; " + locked_backups_message(path)
    if good is None:
        return "; " + _("no good backup of it was found")
    when, command = _local(good.created), _restore_command(ctx, path)
    if isinstance(exc, NewerStoreError):
        return "; " + _("or go back to the backup from {when} with: {command}").format(when=when, command=command)
    return "; " + _("to restore the latest good backup ({when}), run: {command}").format(when=when, command=command)
