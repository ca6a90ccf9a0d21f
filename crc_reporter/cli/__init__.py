"""The command line: ``crc-reporter [--db STORE] [COMMAND …]``.

Thin by design: parse, call a service, print. Each command group lives in its
own module with a ``register(subparsers, common)`` function; add new groups to
``COMMAND_MODULES``. With no command, the desktop app opens: that path reads
only the global options and imports nothing else, so the window appears as
fast as Qt allows (the command modules pull in SQLAlchemy, python-docx…).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from crc_reporter import __version__
from crc_reporter.cli.argparse_strings import use_our_catalogs
from crc_reporter.i18n import _, initial_language, set_language

if TYPE_CHECKING:
    from crc_reporter.cli.context import CliContext

COMMAND_MODULES: tuple[str, ...] = (
    "crc_reporter.cli.store_commands",
    "crc_reporter.cli.import_commands",
    "crc_reporter.cli.report_commands",
    "crc_reporter.cli.server_commands",
    "crc_reporter.cli.backup_commands",
    "crc_reporter.cli.exchange_commands",
    "crc_reporter.cli.interchange_commands",
)

log = logging.getLogger("crc_reporter")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, without the usage block
        from crc_reporter.cli.context import one_line

        self.exit(2, f"{self.prog}: " + _("error: {message} (see --help)").format(message=one_line(message)) + "\n")


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help=_("the store: an SQLite file or a database URL (default: $CRC_REPORTER_DB or the user's store)"),
    )
    common.add_argument("--user", default=argparse.SUPPRESS, help=_("your name, for the audit trail"))
    common.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=_("the passphrase of an encrypted store, in a file (or $CRC_REPORTER_PASSPHRASE; asked when interactive)"),
    )
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(
        prog="crc-reporter",
        description=_("Track the concluding observations of the Committee on the Rights of the Child."),
        parents=[common],
    )
    parser.add_argument(
        "--version", action="version", version=f"CRC Reporter {__version__}", help=_("show the version and exit")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


class _NotJustTheWindowError(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # the full parser will say it properly
        raise _NotJustTheWindowError(message)


def _window_options(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The global options when the command line only opens the window; None for anything else."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help", "--version") for a in args):
        return None
    parser = _WindowParser(prog="crc-reporter", add_help=False, parents=[_common_options()])
    try:
        known, rest = parser.parse_known_args(args)
    except _NotJustTheWindowError:
        return None
    return None if rest else known


def _run_gui(db: str | None, args: argparse.Namespace) -> int:
    from crc_reporter.ui.app import run_app  # Qt is imported only when the window opens

    # without --db the window opens the store chosen in its settings; an explicit --user wins over them
    explicit_user = getattr(args, "user", None) or os.environ.get("CRC_REPORTER_USER") or None
    return run_app(db, user=explicit_user)


def main(argv: Sequence[str] | None = None) -> int:
    set_language(initial_language())
    use_our_catalogs()
    window = _window_options(argv)
    if window is not None:
        return _open_window(window)
    from crc_reporter.cli.context import CliContext

    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext.from_args(args)
    try:
        if args.command is None:
            return _run_gui(ctx.db, args)
        _tune_gc_for_a_short_command()
        return int(args.handler(args, ctx) or 0)
    except BaseException as exc:
        return _failed(exc, ctx, args)
    finally:
        ctx.close()


def _tune_gc_for_a_short_command() -> None:
    """A command is a short process that builds many objects at once (20,000 records with their
    parts): frequent cyclic collections cost it a third of its time. Never for the window, which
    lives for hours and must give memory back."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _open_window(args: argparse.Namespace) -> int:
    db = getattr(args, "db", None) or os.environ.get("CRC_REPORTER_DB") or None
    try:
        return _run_gui(db, args)
    except BaseException as exc:
        from crc_reporter.cli.context import CliContext

        return _failed(exc, CliContext(db=db, user="", debug=bool(getattr(args, "debug", False))), args)


def _failed(exc: BaseException, ctx: CliContext, args: argparse.Namespace) -> int:
    """One line on stderr and the exit code; a bug's details go to the log (``--debug`` re-raises it)."""
    from crc_reporter.cli.backup_commands import recovery_hint
    from crc_reporter.cli.context import EXIT_ERROR, EXIT_INTERNAL, CliError, one_line
    from crc_reporter.services.errors import ServiceError
    from crc_reporter.store.errors import StoreError

    if isinstance(exc, CliError | StoreError | ServiceError):
        message = _("error: {message}").format(message=one_line(str(exc) + recovery_hint(exc, ctx)))
        print("crc-reporter: " + message, file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_ERROR)
    if isinstance(exc, KeyboardInterrupt):
        print("crc-reporter: " + _("interrupted"), file=sys.stderr)
        return 130
    if isinstance(exc, BrokenPipeError):
        return 0
    if not isinstance(exc, Exception) or getattr(args, "debug", False):
        if isinstance(exc, Exception):
            ctx.log_exception(exc)
        raise exc
    # a bug, not a user's mistake: one line here, the details in the log. Only the error's class:
    # its text may hold an SQL statement with its values, or a person's data.
    log_file = ctx.log_exception(exc)
    message = _("internal error: {error} (details in {log})").format(
        error=type(exc).__name__, log=one_line(str(log_file))
    )
    print("crc-reporter: " + message, file=sys.stderr)
    return EXIT_INTERNAL
