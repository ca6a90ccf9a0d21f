"""Opening a store: an SQLite file by default, any SQLAlchemy URL on request.

SQLite runs in WAL mode with ``synchronous=FULL``: every commit is on disk
before it returns, so a crash or power cut loses nothing that was committed
(NORMAL would risk the last transactions on power loss; our writes are small,
so the extra fsync costs little). Foreign keys are enforced; temporary tables
and indexes stay in memory (``temp_store=MEMORY``), so no plaintext of an
encrypted store reaches a temporary file.

An encrypted store is opened through SQLCipher (SQLAlchemy's
``sqlite+pysqlcipher`` dialect over the ``sqlcipher3`` driver) with the
passphrase as its key. A store opened read-only (another instance holds the
writer's lock) uses SQLite's ``mode=ro`` and ``query_only``: a write fails
before it touches the file.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from crc_reporter.domain.roles import Role
from crc_reporter.i18n import _
from crc_reporter.store import audit, clean_writes, guard
from crc_reporter.store import sqlite_files as sf
from crc_reporter.store.backup import unrecognised_store_message
from crc_reporter.store.cells import find_damage
from crc_reporter.store.errors import (
    ConcurrentEditError,
    DamagedStoreError,
    NotAStoreError,
    PassphraseRequiredError,
    ReadOnlyStoreError,
    StoreError,
    WrongPassphraseError,
)
from crc_reporter.store.locking import StoreLock

SQLITE_HEADER = sf.SQLITE_HEADER
log = logging.getLogger(__name__)


class StoreSession(Session):
    """The session class of every store (the audit hook is attached to it)."""


audit.install(StoreSession)
guard.install(StoreSession)
clean_writes.install(StoreSession)  # first of all: the audit trail sees the cleaned text


@dataclass
class Store:
    url: str
    engine: Engine
    factory: sessionmaker[StoreSession]
    path: Path | None = None  # the SQLite file, when there is one
    claimed_user: str = "unknown"  # the name people gave (settings, --user): the author on an SQLite file
    login: str | None = None  # on a database server, the signed-in login: always the author there
    read_only: bool = False
    role: Role = Role.ADMIN
    confidential: bool = True  # may see and record confidential records
    info: dict[str, Any] = field(default_factory=dict)
    key: str | None = field(default=None, repr=False)  # the passphrase of an encrypted store
    lock: StoreLock | None = field(default=None, repr=False)  # held while this instance may write
    read_only_reason: str = ""  # one line for people, when read_only
    unclean_shutdown: bool = False  # the previous writer did not close it; it was checked on open

    @property
    def user(self) -> str:
        """The author of what this store records: the one place that decides it.

        On a server it is the signed-in login whatever name was given (and the server
        enforces the same, see migration 0009); on a file, the name people gave.
        """
        return self.login or self.claimed_user

    @user.setter
    def user(self, name: str) -> None:
        self.claimed_user = name  # ignored on a server: the login stays the author

    @property
    def server_audit(self) -> bool:
        """Whether the server writes the audit trail (PostgreSQL) rather than this process."""
        return self.dialect == "postgresql"

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def encrypted(self) -> bool:
        return self.engine.dialect.driver == "pysqlcipher"

    @contextmanager
    def session(self) -> Iterator[StoreSession]:
        """A unit of work: committed when the block ends, rolled back on any error.

        Driver errors that mean the file is damaged, or that a read-only store
        was written to, come out as :class:`StoreError` with a readable message.
        """
        session = self.factory()
        session.info["user"] = self.user
        session.info["server_audit"] = self.server_audit
        session.info["role"] = self.role.value
        session.info["read_only"] = self.read_only
        session.info["read_only_reason"] = self.read_only_reason
        session.info["confidential"] = self.confidential
        session.info["store"] = self  # services that need the store itself (backups) find it here
        try:
            yield session
            if self.read_only:
                session.rollback()
            else:
                session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConcurrentEditError(
                _("someone else changed this record while you were editing it; reload to see their version")
            ) from exc
        except BaseException as exc:
            with contextlib.suppress(Exception):  # a damaged file may fail the rollback too
                session.rollback()
            translated = self.translate(exc)
            if translated is exc:
                raise
            raise translated from exc
        finally:
            with contextlib.suppress(Exception):
                session.close()

    def translate(self, exc: BaseException) -> BaseException:
        """The :class:`StoreError` a database-layer exception stands for, or ``exc`` itself."""
        if not self.is_sqlite:
            return exc
        if isinstance(exc, DBAPIError) and exc.orig is not None and sf.is_read_only_violation(exc.orig):
            reason = self.read_only_reason or _("the store file cannot be written ({reason})").format(
                reason=sf.first_line(exc.orig)
            )
            return ReadOnlyStoreError(reason)
        return explain_failure(exc, self.path, self.key) or exc

    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Close connections (SQLite checkpoints the WAL), then record a clean close and release the lock."""
        self.engine.dispose()
        if self.lock is not None and self.lock.held:
            with contextlib.suppress(OSError):
                if not self.read_only:
                    self.lock.write_state("closed")
            self.lock.release()


# where a ValueError means "a stored value cannot be read" rather than a bug in a caller
_DATABASE_LAYER = ("sqlalchemy.", "crc_reporter.store.")


def _deepest_module(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return str(tb.tb_frame.f_globals.get("__name__", "")) if tb is not None else ""


def sqlite_failure(exc: BaseException, path: Path | None) -> StoreError | None:
    """What an exception from the database layer of an SQLite store means for people, if anything.

    * driver errors meaning damaged bytes -> :class:`DamagedStoreError`;
    * a value that cannot be turned back into Python while rows are loaded (text that is not
      UTF-8, a date that is not a date): the app never writes such values, so the file was
      damaged -> :class:`DamagedStoreError`;
    * any other driver error except a constraint violation (busy, I/O, a schema SQLite cannot
      use) -> :class:`StoreError` with SQLite's reason, logged with its traceback.

    None for anything else (a constraint violation or an error in the app's own code is a bug,
    and is reported as one).
    """
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, MemoryError) and sf.is_corruption(exc):  # an encrypted page failing its check
        return DamagedStoreError(
            _("the store {path} is damaged ({reason})").format(path=path, reason=sf.first_line(exc)), path
        )
    if isinstance(exc, DBAPIError):
        orig = exc.orig if exc.orig is not None else exc
        if isinstance(exc, IntegrityError):
            return None
        if sf.is_corruption(orig):
            return DamagedStoreError(
                _("the store {path} is damaged ({reason})").format(path=path, reason=sf.first_line(orig)), path
            )
        log.debug("store error", exc_info=exc)  # shown only when logging is configured (--debug)
        return StoreError(_("the store {path} cannot be used: {reason}").format(path=path, reason=sf.first_line(orig)))
    if isinstance(exc, (ValueError, OverflowError)) and _deepest_module(exc).startswith(_DATABASE_LAYER):
        return DamagedStoreError(
            _("the store {path} holds data that cannot be read ({reason}); it is damaged").format(
                path=path, reason=sf.first_line(exc)
            ),
            path,
        )
    return None


# errors that a damaged cell can cause in code that trusts what it reads (a number where text
# was written, a missing value): looked into before they are reported as a bug
_SUSPECT = (TypeError, AttributeError, ValueError, KeyError, IndexError, OverflowError)


def explain_failure(exc: BaseException, path: Path | None, key: str | None = None) -> StoreError | None:
    """:func:`sqlite_failure`, and for an unexpected error, a look at the file: damage found there
    is what people are told about (the original error stays attached as the cause)."""
    failure = sqlite_failure(exc, path)
    if failure is not None or path is None or not isinstance(exc, _SUSPECT):
        return failure
    try:
        problems = find_damage(path, key)
    except Exception:  # the look itself failed: report the original error
        return None
    if not problems:
        return None
    return DamagedStoreError(_("the store {path} is damaged ({reason})").format(path=path, reason=problems[0]), path)


def _sqlite_pragmas(read_only: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout = 5000")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
                return
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode and str(mode[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode")  # read-only media: keep what SQLite chose
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    return on_connect


def check_sqlite_path(path: Path, create: bool) -> sf.FileKind:
    """Refuse what cannot be a store file before SQLite creates or touches anything.

    Only a missing file is ever created: an existing one (even of 0 bytes, a store cut
    short) is never replaced by a new store.
    """
    sf.usable_path(path)
    sf.usable_path(path.parent)
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a store file").format(path=path))
    if not path.parent.is_dir():
        raise StoreError(_("the folder {folder} does not exist").format(folder=path.parent))
    kind = sf.sniff(path)
    if kind is sf.FileKind.MISSING and not create:
        raise StoreError(_("there is no store at {path} (create one with 'crc-reporter init')").format(path=path))
    if kind is sf.FileKind.OTHER:
        damaged = unrecognised_store_message(path)  # a store cut short is damaged, not "another file"
        if damaged is not None:
            raise DamagedStoreError(damaged, path)
        raise NotAStoreError(_("{path} is not a CRC Reporter store (not an SQLite database)").format(path=path))
    if kind is sf.FileKind.EMPTY:  # cut short or lost: never made into a new store in its place
        raise DamagedStoreError(sf.empty_store_message(path), path)
    return kind


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_url(path: Path, *, key: str | None, read_only: bool) -> URL:
    driver = "sqlite+pysqlcipher" if key is not None else "sqlite+pysqlite"
    if not read_only:
        return URL.create(driver, password=key, database=str(path))
    query = {"mode": "ro", "uri": "true"}
    if sf.immutable(path):  # a read-only folder: no -shm can be made, and no WAL holds changes
        query["immutable"] = "1"
    return URL.create(driver, password=key, database=sf.file_uri(path), query=query)


def open_engine(
    target: str | Path, *, create: bool = True, key: str | None = None, read_only: bool = False
) -> tuple[Engine, Path | None]:
    """Create the engine and check that it can connect; raises :class:`StoreError`.

    ``key`` opens (or creates) an encrypted SQLite store; it is ignored for a plain one.
    """
    path: Path | None = None
    if isinstance(target, Path) or not is_url(target):
        path = sf.expand_user(Path(target)).resolve()
        kind = check_sqlite_path(path, create)
        if kind is sf.FileKind.MAYBE_ENCRYPTED and key is None:
            raise PassphraseRequiredError(
                _("{path} is encrypted (or not a database): give its passphrase").format(path=path)
            )
        encrypted = key is not None and kind is not sf.FileKind.SQLITE
        if encrypted:
            sf.sqlcipher()  # a clear error when the driver is missing; silences its stderr logging
        parsed = sqlite_url(path, key=key if encrypted else None, read_only=read_only)
    else:
        try:
            parsed = make_url(str(target))
        except ArgumentError as exc:
            raise StoreError(_("'{target}' is neither a file path nor a database URL").format(target=target)) from exc
    kwargs: dict[str, Any] = {"hide_parameters": True}  # cell contents never reach an error message or a log
    if parsed.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": 5}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            _("unsupported database URL '{driver}://…': {reason}").format(driver=parsed.drivername, reason=exc)
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(read_only))
        event.listen(engine, "savepoint", _begin_before_savepoint)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DBAPIError as exc:
        engine.dispose()
        raise _connect_error(exc, parsed, path) from exc
    except (ValueError, OverflowError) as exc:  # text in the schema that is not UTF-8
        engine.dispose()
        raise sqlite_failure(exc, path) or exc from exc
    return engine, path


def _begin_before_savepoint(conn: Connection, _name: str | None) -> None:
    """Open the real transaction before a savepoint (``session.begin_nested()``) on SQLite.

    The sqlite3 driver begins a transaction only before a data change; a SAVEPOINT
    issued first would begin one of its own, and releasing it would COMMIT what the
    block wrote, whatever the session does afterwards (a dry run's rollback, say).
    The driver ends a transaction begun here on the session's commit or rollback.
    """
    raw = conn.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN")


def _connect_error(exc: DBAPIError, url: URL, path: Path | None) -> StoreError:
    reason = sf.first_line(exc.orig) if exc.orig else str(exc)
    if path is None:
        where = url.render_as_string(hide_password=True)
        return StoreError(
            _("cannot connect to the database server {where}: {reason}").format(where=where, reason=reason)
        )
    if url.drivername == "sqlite+pysqlcipher" and exc.orig is not None and sf.error_code(exc.orig) == sf.SQLITE_NOTADB:
        return WrongPassphraseError(
            _("wrong passphrase for {path} (or the file is not a CRC Reporter store)").format(path=path)
        )
    if exc.orig is not None and sf.is_corruption(exc.orig):
        return DamagedStoreError(_("the store {path} is damaged ({reason})").format(path=path, reason=reason), path)
    return StoreError(_("{path} cannot be opened as a store: {reason}").format(path=path, reason=reason))


def make_store(engine: Engine, path: Path | None, user: str, read_only: bool = False, key: str | None = None) -> Store:
    factory = sessionmaker(bind=engine, class_=StoreSession, expire_on_commit=False)
    # never keep a passphrase in the URL string (it may be shown or logged)
    url = engine.url.render_as_string(hide_password=engine.dialect.driver == "pysqlcipher")
    return Store(url=url, engine=engine, factory=factory, path=path, claimed_user=user, read_only=read_only, key=key)
