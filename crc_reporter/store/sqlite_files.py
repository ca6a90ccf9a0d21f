"""Low-level access to SQLite store files, plain or encrypted with SQLCipher.

Backups, restores and health checks work on files, not on an open
:class:`~crc_reporter.store.engine.Store`: they must keep working when the store
cannot be opened at all. Everything here uses the DB-API driver directly.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from crc_reporter.i18n import _
from crc_reporter.store.errors import (
    DamagedStoreError,
    PassphraseRequiredError,
    ReadOnlyStoreError,
    StoreError,
    WrongPassphraseError,
)

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's primary result codes that mean "the bytes on disk are wrong"
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt", "could not decode", "database disk image")


class FileKind(StrEnum):
    MISSING = "missing"
    EMPTY = "empty"
    SQLITE = "sqlite"  # a plain SQLite file
    MAYBE_ENCRYPTED = "maybe_encrypted"  # page-sized random bytes: SQLCipher, or garbage of that size
    OTHER = "other"  # certainly not an SQLite database


def sidecars(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and its shared-memory index next to a store."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def expand_user(path: Path) -> Path:
    """``~`` and ``~user`` expanded where possible (an unknown user's ``~name`` stays as typed)."""
    try:
        return path.expanduser()
    except RuntimeError:  # "Could not determine home directory"
        return path


def usable_path(path: Path) -> Path:
    """``path`` if the system can look it up (it may not exist yet); :class:`StoreError` otherwise
    (a name too long, a folder that cannot be read…)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(_("{path} cannot be used: {reason}").format(path=path, reason=reason)) from exc
    return path


def sniff(path: Path) -> FileKind:
    """What the file looks like from its first bytes and size (never raises for a missing file)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return FileKind.EMPTY
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.MISSING
    except OSError as exc:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
    if header == SQLITE_HEADER:
        return FileKind.SQLITE
    # SQLCipher files start with a random salt and are a whole number of pages (512 bytes at least)
    if size >= 512 and size % 512 == 0:
        return FileKind.MAYBE_ENCRYPTED
    return FileKind.OTHER


def empty_store_message(path: Path) -> str:
    """What a 0-byte store file is: cut short, and never replaced by a new store."""
    return _(
        "the store {path} is empty (0 bytes); it was left as it is "
        "(restore a backup, or remove the file to start a new store)"
    ).format(path=path)


@cache
def sqlcipher() -> ModuleType:
    """The SQLCipher driver (``sqlcipher3-wheels``), with its stderr logging silenced."""
    try:
        import sqlcipher3  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise StoreError(_("encrypted stores need the sqlcipher3-wheels package, which is not installed")) from exc
    quiet = sqlcipher3.connect(":memory:")
    try:
        # SQLCipher prints decryption failures on stderr; our errors are one line, shown by the caller
        quiet.execute("PRAGMA cipher_log_level = NONE")
    finally:
        quiet.close()
    return sqlcipher3


def quote_key(passphrase: str) -> str:
    """The passphrase as an SQL string literal for ``PRAGMA key``."""
    return "'" + passphrase.replace("'", "''") + "'"


def read_only_place(path: Path) -> str:
    """Why the store at ``path`` can only be read where it is (one line), or "" when it can be written.

    A read-only file, or a read-only folder (a CD, a read-only share or mount), where
    SQLite could not write its lock file, journal or ``-wal``/``-shm`` files either.
    """
    if path.exists() and not os.access(path, os.W_OK):
        return _("the store file {path} is read-only; it is open read-only").format(path=path)
    if path.exists() and not os.access(path.parent, os.W_OK):
        return _("the folder of {path} is read-only; the store is open read-only").format(path=path)
    return ""


def immutable(path: Path) -> bool:
    """Whether to read the file as immutable: its folder is read-only, so SQLite could not make the
    ``-shm`` index a read-only WAL reader needs, and no write-ahead log holds changes to miss."""
    wal = sidecars(path)[0]
    try:
        wal_content = wal.stat().st_size > 0
    except OSError:
        wal_content = False
    return path.exists() and not os.access(path.parent, os.W_OK) and not wal_content


def _pathname2url(path: str) -> str:
    """``urllib.request.pathname2url`` without importing urllib.request (it pulls in http.client and email)."""
    if os.name == "nt":
        from nturl2path import pathname2url

        return pathname2url(path)
    return quote(path)


def file_uri(path: Path, *, read_only: bool = False) -> str:
    uri = "file:" + _pathname2url(str(path))
    if not read_only:
        return uri
    return uri + ("?mode=ro&immutable=1" if immutable(path) else "?mode=ro")


def connect(path: Path, key: str | None = None, *, read_only: bool = False) -> Any:
    """A DB-API connection to the file; keyed with ``key`` when encrypted.

    Raises :class:`StoreError` subclasses for a file that is not a store, a
    missing or wrong passphrase, or damage found while reading the schema.
    """
    kind = sniff(path)
    if kind is FileKind.MISSING:
        raise StoreError(_("there is no store at {path}").format(path=path))
    if kind is FileKind.OTHER:
        raise StoreError(_("{path} is not a CRC Reporter store (not an SQLite database)").format(path=path))
    if kind is FileKind.MAYBE_ENCRYPTED and key is None:
        raise PassphraseRequiredError(
            _("{path} is encrypted (or not a database): give its passphrase").format(path=path)
        )
    driver: Any = sqlcipher() if key is not None and kind is not FileKind.SQLITE else sqlite3
    try:
        conn = driver.connect(file_uri(path, read_only=read_only), uri=True, isolation_level=None)
    except (driver.Error, UnicodeDecodeError) as exc:
        raise StoreError(_("{path} cannot be opened: {reason}").format(path=path, reason=first_line(exc))) from exc
    try:
        if driver is not sqlite3:
            conn.execute(f"PRAGMA key = {quote_key(key or '')}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (driver.Error, UnicodeDecodeError) as exc:
        conn.close()
        if driver is not sqlite3 and error_code(exc) == SQLITE_NOTADB:
            raise WrongPassphraseError(
                _("wrong passphrase for {path} (or the file is not a CRC Reporter store)").format(path=path)
            ) from exc
        failure = translate(exc, path)
        if not isinstance(failure, StoreError):
            failure = StoreError(_("{path} cannot be opened: {reason}").format(path=path, reason=first_line(exc)))
        raise failure from exc
    return conn


def first_line(exc: BaseException, limit: int = 160) -> str:
    if isinstance(exc, MemoryError) and "sqlcipher3" in sys.modules:
        return _("a page fails its integrity check")  # what SQLCipher's "out of memory" means here
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"


def error_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(exc: BaseException) -> bool:
    """True when a driver error means the file's bytes are damaged (not a mistake in a request)."""
    if isinstance(exc, UnicodeDecodeError):  # text (or an error message quoting it) that is not UTF-8
        return True
    if isinstance(exc, MemoryError) and "sqlcipher3" in sys.modules:
        return True  # SQLCipher reports a page that fails its HMAC check as "out of memory" (SQLITE_NOMEM)
    if error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return any(word in text for word in _CORRUPT_WORDS)


def is_read_only_violation(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "readonly database" in text or "read-only" in text or "query_only" in text


def translate(exc: BaseException, path: Path | None) -> BaseException:
    """The store error a driver error stands for, or ``exc`` itself when it is something else."""
    if is_corruption(exc):
        return DamagedStoreError(
            _("the store {path} is damaged ({reason})").format(path=path or "", reason=first_line(exc)), path
        )
    if is_read_only_violation(exc):
        return ReadOnlyStoreError(
            _("this store is open read-only (another CRC Reporter window is writing to it); nothing was changed")
        )
    return exc


def integrity_errors(conn: Any, limit: int = 20) -> list[str]:
    """``PRAGMA integrity_check``: an empty list when the file is sound."""
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()]
    return [] if rows == ["ok"] else rows


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def full_text_indexes(conn: Any, content: str | None = None) -> list[str]:
    """The FTS5 tables of the main database; with ``content``, those indexing that table (``content='…'``)."""
    sql = "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
    if content is None:
        return [name for (name,) in conn.execute(sql).fetchall()]
    found = conn.execute(sql + " AND (sql LIKE ? OR sql LIKE ?)", (f"%content='{content}'%", f'%content="{content}"%'))
    return [name for (name,) in found.fetchall()]


def search_index_problems(conn: Any) -> list[str]:
    """FTS5's own ``integrity-check`` of every full-text index (needs a read-write connection).

    ``integrity_check`` sees the index's pages as sound b-tree pages; only FTS5
    can tell whether what they hold still makes an index.
    """
    problems = []
    for name in full_text_indexes(conn):
        try:
            conn.execute(f"INSERT INTO {quote_name(name)}({quote_name(name)}) VALUES ('integrity-check')")
        except driver_errors() as exc:
            problems.append(f"{name}: {first_line(exc)}")
    return problems


def driver_errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of both drivers (SQLCipher's do not derive from sqlite3's)."""
    cipher = sys.modules.get("sqlcipher3")
    # a damaged file can make the driver fail to decode text, even the text of its own error messages;
    # SQLCipher reports a damaged page (its HMAC check fails) as SQLITE_NOMEM, a MemoryError
    if cipher:
        return (sqlite3.Error, UnicodeDecodeError, cipher.Error, MemoryError)
    return (sqlite3.Error, UnicodeDecodeError)


def schema_revision(conn: Any) -> str | None:
    """The Alembic revision stamped in the file, None when there is none."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except driver_errors() as exc:
        if "no such table" in str(exc):
            return None
        raise
    return str(row[0]) if row else None


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())
