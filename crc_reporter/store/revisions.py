"""The schema revisions this version of the app knows, read from the migration file names.

Cheap on purpose (no Alembic import): backups and health checks use it to tell
a store of a known revision from one written by a newer version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@cache
def known_revisions() -> tuple[str, ...]:
    """Every revision id, oldest first (file names are ``NNNN_name.py`` and the id is ``NNNN``)."""
    names = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return tuple(name[:4] for name in names)


def head_from_files() -> str:
    known = known_revisions()
    return known[-1] if known else ""


def is_known(revision: str | None) -> bool:
    return revision is not None and revision in known_revisions()
