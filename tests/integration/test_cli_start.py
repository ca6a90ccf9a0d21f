"""The command line answers --version and --help without importing what only commands need.

The time itself is measured in ``python -m benchmarks --only cli`` (beside ``python -c pass``);
here we pin the cause: SQLAlchemy, PySide6 and python-docx stay out of those processes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from crc_reporter.cli import EVERY_COMMAND, build_parser, command_in
from crc_reporter.cli.commands import COMMANDS, module_of

HEAVY = ("sqlalchemy", "PySide6", "docx", "openpyxl", "pypdf", "crc_reporter.services", "crc_reporter.store")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crc_reporter", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_nothing_heavy(flag: str) -> None:
    modules = imported_modules(flag)
    assert "crc_reporter.cli" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    assert not heavy, heavy


def test_a_commands_help_imports_only_its_own_module() -> None:
    modules = imported_modules("report", "--help")
    assert "crc_reporter.reports" in modules  # what report_commands needs
    assert not {"crc_reporter.cli.exchange_commands", "crc_reporter.cli.server_commands"} & modules


def test_the_table_names_every_command_the_modules_register() -> None:
    """cli/commands.py lists each command with the module that registers it, and nothing else."""
    registered: dict[str, str] = {}
    for module in sorted({module_of(name) for name in COMMANDS}):
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        __import__(module, fromlist=["register"]).register(sub, argparse.ArgumentParser(add_help=False))
        registered.update(dict.fromkeys(sub.choices, module))
    assert registered == {name: module_of(name) for name in COMMANDS}


def test_every_command_parses_with_only_its_module() -> None:
    full = build_parser(EVERY_COMMAND)
    subparsers = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(COMMANDS)
    args = build_parser("list").parse_args(["--db", "x.sqlite", "list", "documents", "--json"])
    assert (args.command, args.what, args.json, args.db) == ("list", "documents", True, "x.sqlite")


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["list", "documents"], "list"),
        (["--db", "list", "report", "--lang", "fr"], "report"),
        (["--user=me", "backup", "--list"], "backup"),
        (["--passphrase-file", "f", "--version"], None),
        (["nonsense"], None),
        ([], None),
    ],
)
def test_the_command_is_found_before_parsing(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command
