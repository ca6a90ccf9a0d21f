"""Schema upgrades with Alembic, run automatically when a store is opened.

Before an existing SQLite store is upgraded, a backup is taken with SQLite's
online backup API. A store stamped by a newer version of the app is refused:
writing to it could destroy data that this version does not understand.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

from crc_reporter.paths import backups_dir_for
from crc_reporter.store.errors import NewerStoreError, StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic is imported only when a migration may run

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision, read straight from Alembic's table (None for a new store)."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None


def backup_sqlite(source: Path, dest: Path) -> Path:
    """Copy a live SQLite store consistently (online backup API, never a file copy)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    return dest


def _cached_head_if_known() -> str:
    """The head revision, from the newest file name in versions/ (no Alembic import needed)."""
    names = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1][:4] if names else ""


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, path: Path | None, target: str = "head") -> Path | None:
    """Bring the schema to ``target``; returns the backup taken first, if any."""
    current = current_revision(engine)
    if target == "head" and current is not None and current == _cached_head_if_known():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerStoreError(
            "this store was written by a newer version of CRC Reporter; install that version to open it"
        )
    if current is None:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise StoreError("this database holds other data and is not a CRC Reporter store")
    head = script.get_current_head() if target == "head" else target
    if current == head:
        return None
    backup: Path | None = None
    if current is not None and path is not None and path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(path, backups_dir_for(path) / f"before-upgrade-{current}-{stamp}.sqlite")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return backup
