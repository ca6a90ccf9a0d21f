"""Schema upgrades with Alembic, run automatically when a store is opened.

Before an existing SQLite store is upgraded, a backup is taken with SQLite's
online backup API. A store stamped by a newer version of the app is refused:
writing to it could destroy data that this version does not understand.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from crc_reporter.paths import backups_dir_for
from crc_reporter.store.errors import NewerStoreError, StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, path: Path | None, target: str = "head") -> Path | None:
    """Bring the schema to ``target``; returns the backup taken first, if any."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
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
