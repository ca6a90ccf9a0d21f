"""The dashboard's figures kept from the last session: shown while the store opens, only while still true."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.store.open import open_store
from crc_reporter.ui import dashboard_cache
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.opening import BackgroundOpening, dashboard_figures_shown, dashboard_to_keep, preload_dashboard
from crc_reporter.ui.pages.dashboard import DashboardPage
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.widgets.dashboard_view import DashboardView
from tests.conftest import copy_store


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    return copy_store(demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def shell(qtbot: QtBot, settings: AppSettings) -> Iterator[MainWindow]:
    win = MainWindow(None, settings, opening="demo.sqlite")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    yield win
    win.tasks.wait()
    if win.store is not None:
        win.store.close()


def _keep(path: Path) -> tuple[object, ...]:
    """The figures as a first session computes and keeps them (the store then closed)."""
    store = open_store(path, user="tester")
    try:
        loaded = preload_dashboard(store)
    finally:
        store.close()
    assert loaded is not None and loaded[2] is not None
    dashboard_cache.save(path, dashboard_cache.store_stamp(path), loaded)
    return loaded


def _edit(path: Path) -> None:
    """One change through the application's store, as a session would make it."""
    from sqlalchemy import select

    from crc_reporter.store.models import Document

    store = open_store(path, user="tester")
    with store.session() as session:
        document = session.scalars(select(Document)).first()
        assert document is not None
        document.title = f"{document.title} (edited)"
    store.close()


def test_kept_figures_come_back_only_while_the_store_and_the_day_are_unchanged(demo: Path) -> None:
    loaded = _keep(demo)
    again = dashboard_cache.load(demo)
    assert again is not None and again[2] == loaded[2] and again[:2] == loaded[:2]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert dashboard_cache.load(demo, today=tomorrow) is None  # days left and overdue count from today
    _edit(demo)  # a change to the store: the kept figures are no longer true
    assert dashboard_cache.load(demo) is None


def test_a_change_left_in_the_write_ahead_log_voids_the_kept_figures(demo: Path) -> None:
    import sqlite3

    _keep(demo)
    conn = sqlite3.connect(demo)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    before = dashboard_cache.store_stamp(demo)
    conn.execute("UPDATE document SET title = title || ' (edited)'")
    conn.commit()  # in the log only, the main file untouched; the connection stays open
    try:
        assert dashboard_cache.store_stamp(demo) != before
        assert dashboard_cache.load(demo) is None
    finally:
        conn.close()


def test_no_figures_are_kept_for_an_encrypted_store_and_a_foreign_cache_file_runs_nothing(
    demo: Path, tmp_path: Path
) -> None:
    scrambled = tmp_path / "scrambled.sqlite"
    scrambled.write_bytes(bytes(range(256)) * 16)  # no SQLite header: what an encrypted store looks like
    assert dashboard_cache.store_stamp(scrambled) is None
    dashboard_cache.save(scrambled, dashboard_cache.store_stamp(scrambled), ([], None, None))
    assert not dashboard_cache.cache_file(scrambled).exists()

    loaded = _keep(demo)
    stamp = dashboard_cache.store_stamp(demo)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (Path.touch, (marker,))

    dashboard_cache.cache_file(demo).write_bytes(pickle.dumps((stamp, (loaded[0], loaded[1], Evil()))))
    assert dashboard_cache.load(demo) is None and not marker.exists()
    dashboard_cache.cache_file(demo).write_bytes(b"not a pickle at all")
    assert dashboard_cache.load(demo) is None


def test_the_window_shows_kept_figures_before_the_store_is_open_and_the_page_adopts_them(
    qtbot: QtBot, shell: MainWindow, demo: Path
) -> None:
    loaded = _keep(demo)
    opening = BackgroundOpening(shell, lambda: open_store(demo, user="tester"), store_file=demo)
    opening.start_after_first_frame()
    assert shell.early_view is None  # nothing before the first frame
    shell.show()
    qtbot.waitUntil(lambda: shell.early_view is not None or shell.store is not None, timeout=10_000)
    early = shell.early_view
    assert isinstance(early, DashboardView) and early.figures == loaded[2]
    if shell.store is None:  # (the store may already be open on a fast machine)
        assert dashboard_figures_shown(shell) and not early.isEnabled()  # seen, not yet clickable
    qtbot.waitUntil(lambda: shell.store is not None, timeout=20_000)
    page = shell.pages["dashboard"]
    assert isinstance(page, DashboardPage) and page.view is early and early.isEnabled()
    assert page.figures == loaded[2] and page._generation == 0  # no load of its own: the store had not changed
    assert dashboard_figures_shown(shell) and dashboard_to_keep(shell) is not None


def test_figures_of_a_store_changed_since_are_not_shown_early(qtbot: QtBot, shell: MainWindow, demo: Path) -> None:
    _keep(demo)
    _edit(demo)
    opening = BackgroundOpening(shell, lambda: open_store(demo, user="tester"), store_file=demo)
    opening.start_after_first_frame()
    shell.show()
    qtbot.waitUntil(lambda: shell.store is not None, timeout=20_000)
    assert opening._early is None
    qtbot.waitUntil(lambda: shell.pages["dashboard"].figures is not None, timeout=10_000)  # type: ignore[attr-defined]
