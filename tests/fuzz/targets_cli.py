"""Fuzz target: the command line, with arbitrary arguments.

Whatever is typed, ``crc-reporter`` ends with exit code 0, 1 or 2 (never the
internal-error code 70, never a traceback), and an error is one line on stderr.
Commands run for real, in a temporary folder with a temporary user folder.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

from hypothesis import strategies as st

from crc_reporter import cli
from crc_reporter.services import demo
from crc_reporter.store.open import open_store
from tests.fuzz.harness import FuzzTarget, register

COMMANDS = ["init", "demo", "list", "backup", "restore", "check", "documents", "recommendations", "actions"]
OPTIONS = [
    "--db", "--user", "--passphrase-file", "--json", "--document", "--scale", "--to", "--list",
    "--encrypt", "--help", "--version", "-h", "--", "-", "--debug",
]  # fmt: skip
VALUES = [
    "s.sqlite", "other.sqlite", "backups", "", " ", ".", "..", "0", "1", "2", "-1", "99999999999999999999",
    "CRC/C/XMP/CO/5-6", "CRC/C/ZZZ/CO/1", "ក្រសួង", "a\tb", "x" * 300, "postgresql+psycopg://u@127.0.0.1:9/x",
    "nosuchdb://x", "%s", "{path}", "'", '"', "\\", "s.sqlite.lock", "s.sqlite-wal", "~0", "~nobody-here",
]  # fmt: skip
# free text: no path separators or colons, so every path stays in the temporary folder and no URL reaches a network
FREE = st.text(st.characters(blacklist_characters="/\\:\x00", blacklist_categories=("Cs",)), max_size=40)
TOKEN = st.one_of(st.sampled_from(COMMANDS), st.sampled_from(OPTIONS), st.sampled_from(VALUES), FREE)
ANY_ARGS = st.lists(TOKEN, max_size=7)
VALUE = st.one_of(st.sampled_from(VALUES), FREE)
# per command: its positional arguments and its options (None: a flag without a value)
GRAMMAR: dict[str, tuple[list[list[str]], dict[str, bool]]] = {
    "init": ([], {"--encrypt": False}),
    "demo": ([], {"--scale": True}),
    "list": ([["documents", "recommendations", "actions"]], {"--document": True, "--json": False}),
    "backup": ([], {"--to": True, "--list": False}),
    "restore": ([[]], {}),  # an optional BACKUP
    "check": ([], {"--json": False}),
}
GLOBAL = {"--user": True, "--passphrase-file": True}


@st.composite
def _well_formed(draw: st.DrawFn) -> list[str]:
    """Mostly valid commands with arbitrary values, so the fuzzing gets past argparse into the commands."""
    command = draw(st.sampled_from(sorted(GRAMMAR)))
    positionals, options = GRAMMAR[command]
    argv = [command]
    for choices in positionals:
        argv.append(draw(st.sampled_from(choices) if choices else VALUE))
    for option, takes_value in draw(st.lists(st.sampled_from(sorted({**options, **GLOBAL}.items())), max_size=3)):
        argv += [option, draw(VALUE)] if takes_value else [option]
    if draw(st.integers(0, 4)) == 0:
        argv.append(draw(TOKEN))  # now and then, one stray word
    return argv


ARGV = st.tuples(st.one_of(_well_formed(), _well_formed(), ANY_ARGS), st.booleans())  # (arguments, start with a store)


@functools.cache
def _initialised_store() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        open_store(os.path.join(folder, "s.sqlite")).close()
        return Path(folder, "s.sqlite").read_bytes()


@contextlib.contextmanager
def _sandbox() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        os.chdir(folder)
        stack.callback(os.chdir, cwd)
        stack.enter_context(mock.patch.dict(os.environ, {"CRC_REPORTER_HOME": os.path.join(folder, "home")}))
        stack.enter_context(mock.patch.object(cli, "_run_gui", lambda *args: 0))  # no window in a test
        stack.enter_context(mock.patch.object(demo, "MAX_SCALE", 2))  # keep "demo --scale N" short
        stack.enter_context(mock.patch.object(gc, "freeze", lambda: None))  # main() tunes the GC for one
        stack.enter_context(mock.patch.object(gc, "set_threshold", lambda *a: None))  # short process
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        yield out, err


def _run_cli(case: tuple[list[str], bool]) -> str:
    argv, with_store = case
    with _sandbox() as (_out, err):
        if with_store:
            Path("s.sqlite").write_bytes(_initialised_store())
        try:
            code = cli.main(["--db", "s.sqlite", *argv] if "--db" not in argv else argv)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 1, 2), f"exit code {code} for {argv}: {err.getvalue()}"
    if code != 0:
        lines = err.getvalue().strip().splitlines()
        # at most one line ('check' reports on stdout and says nothing more on stderr)
        assert len(lines) <= 1 and "Traceback" not in err.getvalue(), f"{argv}: {err.getvalue()}"
    return f"exit {code}"


register(FuzzTarget("command-line arguments", _run_cli, strategy=lambda: ARGV, timeout=30, examples=40))
