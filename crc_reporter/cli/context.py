"""What every command gets: the chosen store (opened lazily), the user, output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crc_reporter.paths import default_store_path, user_data_dir
from crc_reporter.store.engine import Store, is_url
from crc_reporter.store.open import default_user, open_store

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


@dataclass
class CliContext:
    db: str | None
    user: str
    debug: bool = False
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        db = getattr(args, "db", None) or os.environ.get("CRC_REPORTER_DB") or None
        user = getattr(args, "user", None) or os.environ.get("CRC_REPORTER_USER") or default_user()
        return cls(db=db, user=user, debug=bool(getattr(args, "debug", False)))

    def store_target(self) -> str:
        if self.db:
            return self.db
        path = default_store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path)

    def store(self, create: bool = False) -> Store:
        """The store, opened on first use; ``create`` allows making a new SQLite file."""
        if self._store is None:
            target = self.store_target()
            self._store = open_store(target, user=self.user, create=create or (not self.db and not is_url(target)))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def print_json(data: Any) -> None:
        # compact and in one write: the C encoder is ~10x faster than indented streaming output
        sys.stdout.write(json.dumps(data, ensure_ascii=False, default=_json_default))
        sys.stdout.write("\n")

    def log_exception(self, exc: BaseException) -> Path:
        log_dir = user_data_dir() / "logs"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / "crc-reporter.log"
            with log_file.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now().isoformat()} ---\n")
                fh.write("".join(traceback.format_exception(exc)))
        except OSError:
            logging.getLogger("crc_reporter").exception("internal error")
            return Path("(log unavailable)")
        return log_file
