"""The command line: ``crc-reporter [--db STORE] [COMMAND …]``.

Thin by design: parse, call a service, print. Each command group lives in its
own module with a ``register(subparsers, common)`` function; ``cli/commands.py``
lists which module implements each command. Only the module of the command
being run is imported (the command modules pull in SQLAlchemy, python-docx and
the services), so ``--help`` and ``--version`` answer at once; with no command
the desktop app opens, and that path reads only the global options.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from crc_reporter import __version__
from crc_reporter.cli.argparse_strings import use_our_catalogs
from crc_reporter.cli.commands import COMMANDS, module_of, summary
from crc_reporter.i18n import _, initial_language, set_language

if TYPE_CHECKING:
    from crc_reporter.cli.context import CliContext


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, as argparse does, without the usage block
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


#: ``build_parser(EVERY_COMMAND)``: every command with all its arguments (for tests and documentation)
EVERY_COMMAND = "*"


def build_parser(command: str | None = EVERY_COMMAND) -> argparse.ArgumentParser:
    """The parser, with the full arguments of ``command`` (of none: ``None``; of all: ``EVERY_COMMAND``).

    Every other command is listed by name and summary only, so that ``--help`` shows
    them all without importing their modules.
    """
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
    if command == EVERY_COMMAND:
        wanted = {module_of(name) for name in COMMANDS}
    else:
        wanted = {module_of(command)} if command else set()
    registered: set[str] = set()
    for name in COMMANDS:
        module = module_of(name)
        if module not in wanted:
            sub.add_parser(name, help=summary(name), add_help=False)
        elif module not in registered:
            importlib.import_module(module).register(sub, common)
            registered.add(module)
    return parser


#: global options that take a value (the command is the first word after the global options)
_VALUE_OPTIONS = ("--db", "--user", "--passphrase-file")


def command_in(argv: Sequence[str]) -> str | None:
    """The command named on the command line, if any, without parsing the rest."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return None
        if arg in _VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


class _NotJustTheWindowError(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # the full parser will say it properly
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
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--version"]:  # the one answer that needs no parser at all
        print(f"CRC Reporter {__version__}")
        return 0
    set_language(initial_language())
    use_our_catalogs()
    window = _window_options(arguments)
    if window is not None:
        return _open_window(window)
    # A command is a short process that builds many objects at once (20,000 records
    # with their parts): frequent cyclic collections cost it a third of its time.
    # (Not for the window, a long-lived process: it keeps Python's defaults.)
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    parser = build_parser(command_in(arguments))
    args = parser.parse_args(arguments)
    from crc_reporter.cli.context import CliContext

    ctx = CliContext.from_args(args)
    if not getattr(args, "debug", False):
        sys.unraisablehook = _log_unraisable
    try:
        if args.command is None:
            return _run_gui(ctx.db, args)
        return int(args.handler(args, ctx) or 0)
    except BaseException as exc:
        return _failed(exc, ctx, args)
    finally:
        ctx.close()


def _open_window(args: argparse.Namespace) -> int:
    db = getattr(args, "db", None) or os.environ.get("CRC_REPORTER_DB") or None
    try:
        return _run_gui(db, args)
    except BaseException as exc:
        from crc_reporter.cli.context import CliContext

        return _failed(exc, CliContext(db=db, user="", debug=bool(getattr(args, "debug", False))), args)


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the exit does not try (and fail) to flush it again."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def _log_unraisable(unraisable: Any) -> None:
    """An error Python could not raise (a file closed at garbage collection on a full disk): to the log,
    never a traceback after the one-line error."""
    if unraisable.exc_value is not None:
        from crc_reporter.error_log import write_exception

        write_exception(unraisable.exc_value)


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
    if isinstance(exc, OSError) and exc.errno in _FULL:  # the terminal's output went to a full disk
        _silence_stdout()
        message = _("cannot write the output: {reason}").format(reason=exc.strerror or type(exc).__name__)
        print("crc-reporter: " + _("error: {message}").format(message=message), file=sys.stderr)
        return EXIT_ERROR
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
