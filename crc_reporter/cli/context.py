"""What every command gets: the chosen store (opened lazily), the user, output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crc_reporter.i18n import _
from crc_reporter.paths import default_store_path
from crc_reporter.services.backups import maybe_backup
from crc_reporter.services.errors import ServiceError
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import backups_are_plain
from crc_reporter.store.engine import Store, is_url
from crc_reporter.store.errors import PassphraseRequiredError, ReadOnlyStoreError, StoreError
from crc_reporter.store.open import default_user, open_store

PASSPHRASE_ENV = "CRC_REPORTER_PASSPHRASE"
MAX_PASSPHRASE_FILE = 4096

EXIT_ERROR = 1
EXIT_INTERNAL = 70


class CliError(Exception):
    """A user's mistake on the command line; printed as one line."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def one_line(text: str) -> str:
    """``text`` made safe to print as one line: control characters and line separators (from a
    file name or an argument echoed in a message) are shown escaped instead of breaking the line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )


def read_passphrase_file(path: str) -> str:
    """The first line of a passphrase file (a trailing newline is not part of the passphrase)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as exc:
        raise CliError(
            _("cannot read the passphrase file {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from exc
    if len(raw) > MAX_PASSPHRASE_FILE:
        raise CliError(_("the passphrase file {path} is too large to be a passphrase").format(path=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(_("the passphrase file {path} is not UTF-8 text").format(path=path)) from exc
    lines = text.splitlines()
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise CliError(_("the passphrase file {path} is empty").format(path=path))
    if "\0" in passphrase:
        raise CliError(_("the passphrase file {path} is not text").format(path=path))
    return passphrase


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty()


@dataclass
class CliContext:
    db: str | None
    user: str
    debug: bool = False
    passphrase_file: str | None = None
    _store: Store | None = field(default=None, repr=False)
    _passphrase: str | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        db = getattr(args, "db", None) or os.environ.get("CRC_REPORTER_DB") or None
        user = getattr(args, "user", None) or os.environ.get("CRC_REPORTER_USER") or default_user()
        return cls(
            db=db,
            user=user,
            debug=bool(getattr(args, "debug", False)),
            passphrase_file=getattr(args, "passphrase_file", None),
        )

    def given_passphrase(self) -> str | None:
        """The passphrase from ``--passphrase-file`` or ``$CRC_REPORTER_PASSPHRASE``, if any."""
        if self._passphrase is None:
            if self.passphrase_file:
                self._passphrase = read_passphrase_file(self.passphrase_file)
            elif os.environ.get(PASSPHRASE_ENV):
                self._passphrase = os.environ[PASSPHRASE_ENV]
        return self._passphrase

    def passphrase(self, *, new: bool = False) -> str:
        """The passphrase, asked for on the terminal when none was given (twice for a new one)."""
        given = self.given_passphrase()
        if given:
            return given
        if not interactive():
            raise CliError(
                _("a passphrase is needed: use --passphrase-file FILE or set {env}").format(env=PASSPHRASE_ENV)
            )
        first = getpass.getpass(_("Passphrase: "))
        if new and getpass.getpass(_("Passphrase again: ")) != first:
            raise CliError(_("the two passphrases differ; nothing was changed"))
        if not first:
            raise CliError(_("the passphrase cannot be empty"))
        self._passphrase = first
        return first

    def store_file(self) -> Path | None:
        """The SQLite file of the chosen store (None for a database server URL)."""
        target = self.store_target()
        return None if is_url(target) else sf.usable_path(sf.expand_user(Path(target)).resolve())

    def key_for(self, path: Path | None, *, encrypt: bool = False) -> str | None:
        """The key to open ``path`` with: only for encrypted files, or a new file when ``encrypt``."""
        if path is None:
            return None
        kind = sf.sniff(path) if not path.is_dir() else sf.FileKind.OTHER
        if kind is sf.FileKind.MAYBE_ENCRYPTED:
            if backups_are_plain(path):  # never encrypted: a damaged header, reported by the open
                return self.given_passphrase()
            return self.given_passphrase() or (self.passphrase() if interactive() else None)
        if encrypt and kind is sf.FileKind.MISSING:
            return self.passphrase(new=True)
        return None

    def store_target(self) -> str:
        if self.db:
            return self.db
        path = default_store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path)

    def store(self, create: bool = False, *, write: bool = False, encrypt: bool = False) -> Store:
        """The store, opened on first use.

        ``create`` allows making a new SQLite file (``encrypt``: an encrypted one);
        ``write`` refuses a store another instance is writing (otherwise it opens
        read-only, and a note says so on stderr).
        """
        if self._store is None:
            target = self.store_target()
            path = self.store_file()
            create = create or (not self.db and path is not None)
            key = self.key_for(path, encrypt=encrypt and create)
            try:
                store = open_store(
                    target, user=self.user, create=create, passphrase=key, access="write" if write else "auto"
                )
            except PassphraseRequiredError as exc:
                hint = _("use --passphrase-file FILE or set {env}").format(env=PASSPHRASE_ENV)
                raise CliError(f"{exc} ({hint})") from exc
            if store.read_only and write:  # a read-only file or folder: the command cannot do its work
                reason = store.read_only_reason
                store.close()
                raise ReadOnlyStoreError(reason)
            if store.read_only:
                print("crc-reporter: " + _("note: {message}").format(message=store.read_only_reason), file=sys.stderr)
            self._store = store
        return self._store

    def close(self) -> None:
        """Close the store; a command that changed it takes the automatic backup when one is due."""
        if self._store is None:
            return
        store, self._store = self._store, None
        try:
            if not store.read_only and store.path is not None:
                maybe_backup(store)
        except (StoreError, ServiceError) as exc:  # the command itself succeeded: say so, do not fail it
            message = _("note: no automatic backup: {reason}").format(reason=one_line(str(exc)))
            print("crc-reporter: " + message, file=sys.stderr)
        finally:
            store.close()

    @staticmethod
    def print_json(data: Any) -> None:
        # compact and in one write: the C encoder is ~10x faster than indented streaming output
        sys.stdout.write(json.dumps(data, ensure_ascii=False, default=_json_default))
        sys.stdout.write("\n")

    def log_exception(self, exc: BaseException) -> Path:
        from crc_reporter.error_log import write_exception

        log_file = write_exception(exc)  # owner-only, no message text (see error_log)
        return log_file if log_file is not None else Path("(log unavailable)")
