"""Schema upgrades with Alembic, run automatically when a store is opened.

Before an existing SQLite store is upgraded, a checked backup is taken with
SQLite's online backup API (:mod:`crc_reporter.store.backup`); if it cannot be
taken, the upgrade does not run. A store stamped by a newer version of the app
is refused: writing to it could destroy data that this version does not understand.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

from crc_reporter.i18n import _
from crc_reporter.store.backup import take_backup
from crc_reporter.store.errors import NewerStoreError, NotAStoreError
from crc_reporter.store.revisions import MIGRATIONS_DIR, head_from_files


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
        except DBAPIError as exc:
            # SQLite says "no such table", PostgreSQL raises UndefinedTable (SQLSTATE 42P01)
            if "no such table" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) == "42P01":
                return None
            raise  # a damaged file: the caller reports it


def _cached_head_if_known() -> str:
    """The head revision, from the newest file name in versions/ (no Alembic import needed)."""
    return head_from_files()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, path: Path | None, target: str = "head", key: str | None = None) -> Path | None:
    """Bring the schema to ``target``; returns the backup taken first, if any (``key``: of an encrypted store)."""
    current = current_revision(engine)
    if target == "head" and current is not None and current == _cached_head_if_known():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerStoreError(
            _("this store was written by a newer version of CRC Reporter; install that version to open it")
        )
    if current is None:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise NotAStoreError(_("this database holds other data and is not a CRC Reporter store"))
    head = script.get_current_head() if target == "head" else target
    if current == head:
        return None
    backup: Path | None = None
    if current is not None and path is not None and path.exists():
        backup = take_backup(path, reason=f"before-upgrade-{current}", key=key).path
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return backup
