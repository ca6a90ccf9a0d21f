"""The installable app: build the PyInstaller bundle from build.spec and use it as staff would.

Skipped unless CRC_REPORTER_BUILD_BUNDLE=1 (CI sets it): a build takes a minute or two.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from crc_reporter import __version__
from crc_reporter.store import migrate

ROOT = Path(__file__).resolve().parents[2]
MAX_BUNDLE_BYTES = 250 * 1024 * 1024

pytestmark = pytest.mark.skipif(
    os.environ.get("CRC_REPORTER_BUILD_BUNDLE") != "1", reason="bundle build: set CRC_REPORTER_BUILD_BUNDLE=1"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "dist" / "crc-reporter"


def _exe(bundle: Path, name: str) -> Path:
    return bundle / (name + (".exe" if sys.platform == "win32" else ""))


def _run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRC_REPORTER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(_exe(bundle, "crc-reporter")), *args], capture_output=True, text=True, env=env, timeout=300
    )


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def test_bundle_size_stays_small(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle: {size / 1e6:.0f} MB in {bundle}")
    assert size < MAX_BUNDLE_BYTES


def test_version_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_demo_list_and_report_from_the_bundle_leave_it_untouched(bundle: Path, tmp_path: Path) -> None:
    before = _snapshot(bundle)
    demo = _run(bundle, tmp_path, "demo")
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "crc-reporter.sqlite").exists()  # user data lives outside the bundle
    listing = _run(bundle, tmp_path, "list", "recommendations", "--json")
    assert listing.returncode == 0 and '"CRC/C/XMP/CO/5-6"' in listing.stdout
    report = _run(
        bundle,
        tmp_path,
        "report",
        "state",
        "--document",
        "CRC/C/XMP/CO/5-6",
        "--out",
        str(tmp_path / "draft.docx"),
        "--lang",
        "km",
    )
    assert report.returncode == 0, report.stderr
    from docx import Document as WordDocument

    assert len(WordDocument(str(tmp_path / "draft.docx")).paragraphs) > 100  # templates and catalogs were bundled
    bad = _run(bundle, tmp_path, "--db", str(tmp_path / "no" / "x.sqlite"), "list", "documents")
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert _snapshot(bundle) == before


def test_bundle_upgrades_an_older_store_after_a_backup(bundle: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    result = _run(bundle, tmp_path, "--db", str(old), "init")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(old) as con:
        assert con.execute("select version_num from alembic_version").fetchone() == (migrate.head_revision(),)
    assert list((tmp_path / "backups").glob("old_*_before-upgrade-0001.sqlite"))


def test_window_starts_offscreen_on_a_new_store(bundle: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CRC_REPORTER_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    store = tmp_path / "new.sqlite"
    proc = subprocess.Popen(
        [str(_exe(bundle, "CRC Reporter")), "--db", str(store)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not store.exists() and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(3)  # the window is up; it must still be running, not crashed
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert store.exists()
    finally:
        proc.terminate()
        proc.wait(30)
