"""One exchange, or its baseline, in a process of its own: so that its peak memory can be read.

    python -m benchmarks.exchange_child exchange SOURCE TARGET PACKAGE   # export SOURCE, merge into TARGET
    python -m benchmarks.exchange_child bare SOURCE PACKAGE              # SQLite backup of SOURCE, zipped

Timed through ``crc_reporter.services.exchange``'s own entry points, as the
window and ``crc-reporter merge`` call them. The baseline is the plain copying an
export cannot avoid: SQLite's online backup of the store, zipped.
"""

from __future__ import annotations

import inspect
import sqlite3
import sys
import time
import zipfile
from pathlib import Path
from types import ModuleType


def export_and_merge(exchange: ModuleType, source: Path, target: Path, package: Path) -> float:
    """Seconds to export ``source`` into ``package`` and merge that into ``target``."""
    export = getattr(exchange, "export_package", None)
    merge = getattr(exchange, "merge_package", None)
    if export is None or merge is None:
        raise LookupError("crc_reporter.services.exchange has no export_package/merge_package to time")
    from crc_reporter.store.open import open_store

    started = time.perf_counter()
    store = open_store(source, user="bench")
    try:
        with store.session() as session:
            export(session, package)
    finally:
        store.close()
    store = open_store(target, user="bench")
    try:
        with store.session() as session:
            # read, checked and sealed, as `crc-reporter merge --allow-untrusted` does (the package is unsigned;
            # a checkout from before the "require trusted packages" setting has no such argument)
            options = {"allow_untrusted": True} if "allow_untrusted" in inspect.signature(merge).parameters else {}
            merge(session, exchange.open_package(package), **options)
    finally:
        store.close()
    return time.perf_counter() - started


def bare_copy(source: Path, package: Path) -> float:
    started = time.perf_counter()
    copy = package.with_suffix(".sqlite")
    src, out = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(copy)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(copy, "store.sqlite")
    copy.unlink()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    if argv[:1] == ["exchange"] and len(argv) == 4:
        import importlib

        export_and_merge(importlib.import_module("crc_reporter.services.exchange"), *map(Path, argv[1:]))
        return 0
    if argv[:1] == ["bare"] and len(argv) == 3:
        bare_copy(Path(argv[1]), Path(argv[2]))
        return 0
    print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
