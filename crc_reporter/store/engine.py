"""Opening a store: an SQLite file by default, any SQLAlchemy URL on request.

SQLite runs in WAL mode with ``synchronous=FULL``: every commit is on disk
before it returns, so a crash or power cut loses nothing that was committed
(NORMAL would risk the last transactions on power loss; our writes are small,
so the extra fsync costs little). Foreign keys are enforced.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from crc_reporter.domain.roles import Role
from crc_reporter.store import audit, guard
from crc_reporter.store.errors import ConcurrentEditError, StoreError

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreSession(Session):
    """The session class of every store (the audit hook is attached to it)."""


audit.install(StoreSession)
guard.install(StoreSession)


@dataclass
class Store:
    url: str
    engine: Engine
    factory: sessionmaker[StoreSession]
    path: Path | None = None  # the SQLite file, when there is one
    user: str = "unknown"
    read_only: bool = False
    role: Role = Role.ADMIN
    confidential: bool = True  # may see and record confidential records
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[StoreSession]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        session = self.factory()
        session.info["user"] = self.user
        session.info["role"] = self.role.value
        session.info["read_only"] = self.read_only
        session.info["confidential"] = self.confidential
        try:
            yield session
            if self.read_only:
                session.rollback()
            else:
                session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConcurrentEditError(
                "someone else changed this record while you were editing it; reload to see their version"
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and str(mode[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode")  # read-only media: keep what SQLite chose
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist")
    if not path.exists():
        if not create:
            raise StoreError(f"there is no store at {path} (create one with 'crc-reporter init')")
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a CRC Reporter store (not an SQLite database)")


def is_url(target: str) -> bool:
    return "://" in target


def open_engine(target: str | Path, *, create: bool = True) -> tuple[Engine, Path | None]:
    """Create the engine and check that it can connect; raises :class:`StoreError`."""
    path: Path | None = None
    if isinstance(target, Path) or not is_url(target):
        path = Path(target).expanduser().resolve()
        _check_sqlite_file(path, create)
        url = f"sqlite+pysqlite:///{path}"
    else:
        url = str(target)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"'{target}' is neither a file path nor a database URL") from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": 5}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"unsupported database URL '{parsed.drivername}://…': {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if engine.dialect.name == "sqlite":
            raise StoreError(f"{path} cannot be opened as a store: {reason}") from exc
        where = parsed.render_as_string(hide_password=True)
        raise StoreError(f"cannot connect to the database server {where}: {reason}") from exc
    return engine, path


def make_store(engine: Engine, path: Path | None, user: str, read_only: bool = False) -> Store:
    factory = sessionmaker(bind=engine, class_=StoreSession, expire_on_commit=False)
    url = engine.url.render_as_string(hide_password=False)
    return Store(url=url, engine=engine, factory=factory, path=path, user=user, read_only=read_only)
