"""The benchmark suite's child processes: the package they run, and the peak memory read for them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.child import peak_of
from benchmarks.measures import cli_start, listing


class _Ctx:
    def child_env(self) -> dict[str, str]:
        return dict(os.environ)


def _fake_app(folder: Path, marker: Path) -> Path:
    """A checkout whose ``crc_reporter`` only writes ``marker`` when run with ``python -m``."""
    package = folder / "crc_reporter"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("run", [cli_start._run, lambda ctx, *args: listing._run(ctx, list(args))])
def test_commands_run_the_app_path_checkouts_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    marker = tmp_path / "marker"
    app = _fake_app(tmp_path / "checkout", marker)
    monkeypatch.setenv("CRC_BENCH_APP_PATH", str(app))
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # the suite runs from this checkout, as documented
    run(_Ctx(), "-m", "crc_reporter", "--version")  # this checkout's package would print its version
    assert marker.read_text(encoding="utf-8") == "ran"


def test_a_childs_peak_is_its_own_not_the_suites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRC_BENCH_APP_PATH", raising=False)
    held = b"x" * (300 * 1024 * 1024)  # this process's peak is now above 300 MB
    small = peak_of(["-c", "pass"], dict(os.environ), tmp_path)
    big = peak_of(["-c", "data = b'y' * (120 * 1024 * 1024)"], dict(os.environ), tmp_path)
    assert len(held) > 0
    assert 1 < small < 100  # a bare interpreter: some megabytes
    assert 120 < big < 250  # what that child itself held
