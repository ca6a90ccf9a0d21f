"""Fuzz targets for what reaches the store layer from outside: files, names, socket messages.

(Damaged copies of a real store are fuzzed at a larger scale in
``tests/reliability/test_corruption.py``; here the inputs are small and arbitrary.)
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from crc_reporter.cli.context import CliError, read_passphrase_file
from crc_reporter.services.errors import ServiceError
from crc_reporter.services.single_instance import ActivationRequest, decode_request, encode_request
from crc_reporter.store import backup as store_backup
from crc_reporter.store.errors import StoreError
from crc_reporter.store.locking import lock_path_for
from crc_reporter.store.open import open_store
from crc_reporter.store.restore import restore_backup
from tests.fuzz.harness import FuzzTarget, register
from tests.reliability.damage import use_like_the_app


def _tiny_sqlite(statements: list[str]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.sqlite"
        conn = sqlite3.connect(path)
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.close()
        return path.read_bytes()


@functools.cache
def _store_seeds() -> list[bytes]:
    return [
        b"SQLite format 3\x00" + bytes(84),
        _tiny_sqlite(["CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES ('a')"]),
        _tiny_sqlite(
            ["CREATE TABLE alembic_version (version_num TEXT)", "INSERT INTO alembic_version VALUES ('0002')"]
        ),
        _tiny_sqlite(
            ["CREATE TABLE document (id INTEGER PRIMARY KEY, symbol TEXT)", "CREATE INDEX i ON document(symbol)"]
        ),
    ]


def _store_file(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arbitrary.sqlite"
        path.write_bytes(data)
        return use_like_the_app(path)  # only StoreError may come out of the app


register(FuzzTarget("store file from arbitrary bytes", _store_file, (StoreError,), seeds=_store_seeds))


@functools.cache
def _good_store() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "good.sqlite")
        store.close()
        return (Path(folder) / "good.sqlite").read_bytes()


def _restore_from(data: bytes) -> None:
    """An arbitrary file offered as a backup: refused (and the store untouched) or restored whole."""
    with tempfile.TemporaryDirectory() as folder:
        store, offered = Path(folder) / "store.sqlite", Path(folder) / "offered.sqlite"
        store.write_bytes(_good_store())
        offered.write_bytes(data)
        try:
            restore_backup(store, offered)
        except StoreError:
            assert store.read_bytes() == _good_store(), "a refused restore changed the store"
            raise


register(FuzzTarget("backup file offered to restore", _restore_from, (StoreError,), seeds=_store_seeds))


def _lock_file(data: bytes) -> None:
    """Whatever another program left in the lock file, the store opens (and writes)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.sqlite"
        lock_path_for(path).write_bytes(data)
        store = open_store(path)
        try:
            assert not store.read_only
        finally:
            store.close()


register(
    FuzzTarget(
        "lock file contents",
        _lock_file,
        seeds=lambda: [b"state=open\npid=123\n", b"state=closed\n", b"pid=\n=\n"],
        max_size=4096,
        examples=15,
        long_examples=300,
    )
)


def _backup_name(name: str) -> None:
    """Any file in the backups folder: either not a backup, or a backup with a valid date and reason."""
    parsed = store_backup.parse_backup_name(Path(name))
    if parsed is not None:
        stem, created, reason = parsed
        assert stem and created.tzinfo is dt.UTC and store_backup.clean_reason(reason) == reason


register(
    FuzzTarget(
        "backup file names",
        _backup_name,
        strategy=lambda: st.one_of(
            st.text(max_size=120),
            st.builds(
                lambda stem, stamp, reason: f"{stem}_{stamp}Z_{reason}.sqlite",
                st.text(min_size=1, max_size=20),
                st.from_regex(r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.\d{3}", fullmatch=True),
                st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True),
            ),
        ),
        examples=200,
    )
)


def _passphrase_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "passphrase"
        path.write_bytes(data)
        passphrase = read_passphrase_file(str(path))
        assert passphrase and "\n" not in passphrase and "\0" not in passphrase


register(
    FuzzTarget(
        "passphrase file",
        _passphrase_file,
        (CliError,),
        seeds=lambda: [b"secret\n", "ខ្មែរ passphrase\r\n".encode(), b"\xff\xfe", b"a" * 5000],
        max_size=8192,
        examples=100,
    )
)


def _activation(data: bytes) -> None:
    request = decode_request(data)
    assert decode_request(encode_request(request)) == request


register(
    FuzzTarget(
        "single-instance socket request",
        _activation,
        (ServiceError,),
        seeds=lambda: [encode_request(ActivationRequest(files=("/tmp/a.docx", "ខ្មែរ.pdf")))],
        max_size=70_000,
        examples=200,
    )
)
