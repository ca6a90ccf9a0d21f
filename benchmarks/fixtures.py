"""What the measures run on: synthetic stores, report stores and concluding observations, built once and cached.

The cache folder (``--cache DIR``, else ``$CRC_REPORTER_BENCH_CACHE``, else
``$XDG_CACHE_HOME/crc-reporter-bench`` or ``~/.cache/crc-reporter-bench``)
keeps each built file under a name that carries a fingerprint of what it was
built from (the demo data set, the schema migrations, the builders' source).
When any of those change, the file is rebuilt and the stale ones are removed.
A run works on private copies, so nothing a measure does reaches the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Demo copies per named scale: 1x, 10x, 100x of the demo data set, and 200x (24,600 paragraphs since the demo
#: grew to 123 per copy) for the listing and the exchange.
FULL_SCALES = {"1x": 1, "10x": 10, "100x": 100, "search": 200}
QUICK_SCALES = {"1x": 1, "10x": 2, "100x": 3, "search": 3}
#: The paragraphs search as you type is measured on (issues 17 and 25 say 20,800): as many demo copies as come
#: nearest (169 copies of 123 paragraphs: 20,787), however the demo grows.
SEARCH_PARAGRAPHS = 20_800


def default_cache_dir() -> Path:
    env = os.environ.get("CRC_REPORTER_BENCH_CACHE")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "crc-reporter-bench"


def _fingerprint(*sources: Path) -> str:
    digest = hashlib.sha256()
    for source in sources:
        files = sorted(source.rglob("*.py")) if source.is_dir() else [source]
        for f in files:
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:10]


def copy_sqlite(source: Path, dest: Path) -> Path:
    """A consistent copy of an SQLite store (online backup API)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    return dest


@dataclass
class Context:
    """Options of the run, and the fixtures measures ask for (built on first use)."""

    cache: Path
    quick: bool = False
    reps: int | None = None  # None: each measure's own default
    verbose: bool = True
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="crc-bench-run-")))
    _copies: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        self.home = self.work / "home"  # CRC_REPORTER_HOME of every process the run starts
        self.home.mkdir(exist_ok=True)
        os.environ["CRC_REPORTER_HOME"] = str(self.home)

    # --- helpers ----------------------------------------------------------------------------------
    def log(self, message: str) -> None:
        if self.verbose:
            print(f"[bench] {message}", file=sys.stderr, flush=True)

    def repetitions(self, full: int, quick: int = 1) -> int:
        if self.reps is not None:
            return self.reps
        return quick if self.quick else full

    @property
    def scales(self) -> dict[str, int]:
        return QUICK_SCALES if self.quick else FULL_SCALES

    def cached(self, stem: str, fingerprint: str, suffix: str) -> tuple[Path, bool]:
        """The cache file for ``stem`` and whether it is already built; stale versions are removed."""
        path = self.cache / f"{stem}-{fingerprint}{suffix}"
        for stale in self.cache.glob(f"{stem}-*{suffix}"):
            if stale != path:
                stale.unlink(missing_ok=True)
        return path, path.exists()

    def private_copy(self, cached: Path) -> Path:
        """A copy of a cached store for this run (made once per run)."""
        key = str(cached)
        if key not in self._copies:
            self._copies[key] = copy_sqlite(cached, self.work / "stores" / cached.name)
        return self._copies[key]

    def child_env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            CRC_REPORTER_HOME=str(self.home),
            CRC_REPORTER_LANG="en",
            PYTHONPATH=os.pathsep.join(filter(None, [env.get("PYTHONPATH", ""), str(ROOT)])),
        )
        env.pop("CRC_REPORTER_DB", None)
        # An installed app runs from compiled bytecode (pip and PyInstaller compile it): so do the processes
        # the suite starts, even where the environment says not to write bytecode (see compile_app).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(extra)
        return env

    def compile_app(self) -> None:
        """Compile the measured crc_reporter package (and this suite) once, as an install would."""
        if getattr(self, "_compiled", False):
            return
        import compileall

        import crc_reporter

        for folder in (Path(crc_reporter.__file__).parent, ROOT / "benchmarks"):
            compileall.compile_dir(str(folder), quiet=1)
        self._compiled = True

    def run_probe(self, *args: str, timeout: float = 300) -> dict[str, Any]:
        """Run ``python -m benchmarks.gui_probe ARGS`` in a fresh process; its one JSON line of results."""
        self.compile_app()
        env = self.child_env(CRC_BENCH_T0=repr(time.time()))
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.gui_probe", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        for line in proc.stdout.splitlines():
            if line.startswith("BENCH "):
                result: dict[str, Any] = json.loads(line[6:])
                if "error" in result:
                    raise RuntimeError(f"probe {args[0]}: {result['error']}")
                return result
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"probe {args[0]} gave no result (exit {proc.returncode}): {' | '.join(tail)}")

    # --- synthetic stores -----------------------------------------------------------------------------
    def demo_store(self, scale_name: str) -> Path:
        """A private copy of the store holding ``scales[scale_name]`` copies of the demo data set."""
        return self.private_copy(self._cached_demo(self.scales[scale_name]))

    def search_store(self) -> tuple[Path, int]:
        """A private copy of the store search as you type is measured on, and its demo copies.

        :data:`SEARCH_PARAGRAPHS` paragraphs (the nearest whole number of demo copies); the quick run's
        small ``search`` scale.
        """
        if self.quick:
            return self.demo_store("search"), self.scales["search"]
        with contextlib.closing(sqlite3.connect(f"file:{self._cached_demo(1)}?mode=ro", uri=True)) as db:
            (per_copy,) = db.execute("SELECT count(*) FROM recommendation").fetchone()
        copies = max(1, round(SEARCH_PARAGRAPHS / int(per_copy)))
        return self.private_copy(self._cached_demo(copies)), copies

    def _cached_demo(self, copies: int) -> Path:
        from crc_reporter.paths import resource_path

        fp = _fingerprint(
            resource_path("demo", "xamplia.json"),
            ROOT / "crc_reporter" / "services" / "demo.py",
            ROOT / "crc_reporter" / "store" / "migrations" / "versions",
        )
        path, built = self.cached(f"demo-{copies}x", fp, ".sqlite")
        if built:
            return path
        # Loading is incremental (copies already present are skipped): start from the largest smaller store.
        smaller = sorted(c for c in set(self.scales.values()) if c < copies)
        tmp = path.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        if smaller:
            copy_sqlite(self._cached_demo(smaller[-1]), tmp)
        self.log(f"building the demo store x{copies} (cached in {self.cache})")
        started = time.perf_counter()
        _load_demo(tmp, copies)
        tmp.rename(path)
        self.log(f"built demo x{copies} in {time.perf_counter() - started:.1f} s")
        return path

    def report_store(self, recommendations: int, actions: int) -> Path:
        """A store with one set of concluding observations of ``recommendations`` paragraphs and linked actions."""
        from benchmarks import report_store

        fp = _fingerprint(
            Path(report_store.__file__),
            ROOT / "crc_reporter" / "store" / "migrations" / "versions",
        )
        path, built = self.cached(f"report-{recommendations}r-{actions}a", fp, ".sqlite")
        if not built:
            self.log(f"building a report store: {recommendations} recommendations, {actions} actions")
            tmp = path.with_suffix(".building")
            tmp.unlink(missing_ok=True)
            report_store.build_store(tmp, recommendations, actions)
            _fold_wal(tmp)
            tmp.rename(path)
        return self.private_copy(path)

    def exchange_store(self) -> tuple[Path, int, int]:
        """Issue 7's exchange workload (the search store topped up to 50,000 actions); its recommendations and actions.

        The quick run tops the small search store up to 500 actions.
        """
        from benchmarks import exchange_store

        copies = self.scales["search"]
        actions = 500 if self.quick else 50_000
        base = self._cached_demo(copies)
        fp = hashlib.sha256((base.name + _fingerprint(Path(exchange_store.__file__))).encode()).hexdigest()[:10]
        path, built = self.cached(f"exchange-{copies}x-{actions}a", fp, ".sqlite")
        if not built:
            self.log(f"building the exchange store: demo x{copies} and {actions} actions")
            tmp = path.with_suffix(".building")
            tmp.unlink(missing_ok=True)
            copy_sqlite(base, tmp)
            exchange_store.add_actions(tmp, actions)
            _fold_wal(tmp)
            tmp.rename(path)
        copy = self.private_copy(path)
        with contextlib.closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as db:
            (recs,) = db.execute("SELECT count(*) FROM recommendation").fetchone()
            (acts,) = db.execute("SELECT count(*) FROM action").fetchone()
        return copy, int(recs), int(acts)

    def empty_store(self) -> Path:
        """A new store with the schema and reference data only (a fresh copy on every call)."""
        from crc_reporter.store.open import open_store

        template = self.work / "stores" / "empty-template.sqlite"
        if not template.exists():
            template.parent.mkdir(parents=True, exist_ok=True)
            open_store(template, user="bench", create=True).close()
        dest = self.work / "stores" / f"empty-{time.perf_counter_ns()}.sqlite"
        return copy_sqlite(template, dest)

    # --- concluding observations as files ----------------------------------------------------------
    def co_documents(self, language: str = "en") -> tuple[Path, Path | None, int]:
        """A long set of concluding observations as .docx and (through LibreOffice) PDF, and its page count.

        The full run uses ``co_2014(extra_rounds=12)`` (about 60 pages), or the French or Spanish original
        with as many rounds as make about as long a document; the quick run the plain 2014 layout.
        The PDF is None when LibreOffice is not installed.
        """
        from tests import co_content, co_documents, co_languages

        factories = {"en": (co_content.co_2014, 12), "fr": (co_languages.co_fr, 21), "es": (co_languages.co_es, 21)}
        factory, full_rounds = factories[language]
        rounds = 0 if self.quick else full_rounds
        fp = _fingerprint(Path(co_content.__file__), Path(co_documents.__file__), Path(co_languages.__file__))
        name = f"co-2014-r{rounds}" if language == "en" else f"co-2014-{language}-r{rounds}"
        docx_path, built = self.cached(name, fp, ".docx")
        if not built:
            co_documents.build_docx(factory(extra_rounds=rounds), docx_path)
        pdf_path, pdf_built = self.cached(name, fp, ".pdf")
        if not pdf_built:
            if not co_documents.soffice():
                return docx_path, None, 0
            self.log(f"converting the concluding observations ({language}) to PDF with LibreOffice")
            (converted,) = co_documents.to_pdf([docx_path])
            shutil.copyfile(converted, pdf_path)
        from pypdf import PdfReader

        return docx_path, pdf_path, len(PdfReader(pdf_path).pages)

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _load_demo(path: Path, copies: int) -> None:
    """What ``crc-reporter --db PATH demo --scale N`` does, in this process."""
    from crc_reporter.services.demo import load_demo
    from crc_reporter.store.open import open_store

    store = open_store(path, user="bench", create=True)
    try:
        with store.session() as session:
            load_demo(session, copies)
    finally:
        store.close()
    _fold_wal(path)


def _fold_wal(path: Path) -> None:
    """Fold the WAL into the file, so that the cached store is one self-contained file."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
