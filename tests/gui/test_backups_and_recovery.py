"""Backups tab (back up now, restore, delete), the automatic backup, and recovery when a store does not open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from crc_reporter.services.actors import actor_by_name, create_actor
from crc_reporter.services.backups import backup_now, list_backups
from crc_reporter.services.errors import NotFoundError
from crc_reporter.store.open import open_store
from crc_reporter.ui import recovery
from crc_reporter.ui.access import WriteAccess
from crc_reporter.ui.app import build_window
from crc_reporter.ui.dialogs import ask
from crc_reporter.ui.dialogs.backups_panel import BackupsPanel
from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.settings import AppSettings

from .conftest import Idle


def _panel(qtbot: QtBot, window: MainWindow) -> BackupsPanel:
    assert window.store is not None and window.store.path is not None
    path = window.store.path
    panel = BackupsPanel(
        window.store, window.tasks, WriteAccess(window.store), lambda b: window.recovery.restore(path, b)
    )
    qtbot.addWidget(panel)
    return panel


def _has_actor(window: MainWindow, name: str) -> bool:
    assert window.store is not None
    with window.store.session() as s:
        try:
            actor_by_name(s, name)
        except NotFoundError:
            return False
        return True


def test_back_up_now_then_restore_puts_the_old_state_back(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle()
    panel = _panel(qtbot, window)
    assert panel.model.rowCount() == 0 and "No backup yet" in panel.status.text()
    panel.backup_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=20_000)
    assert "Backed up and checked" in panel.status.text()
    assert panel.model.rows()[0].reason == "manual"
    panel.check_button.click()
    qtbot.waitUntil(lambda: "whole and readable" in panel.status.text(), timeout=20_000)
    folders: list[str] = []
    monkeypatch.setattr(
        "crc_reporter.ui.dialogs.backups_panel.QDesktopServices.openUrl", lambda url: folders.append(url.toLocalFile())
    )
    panel.folder_button.click()
    assert folders == [str(panel.model.rows()[0].path.parent)]

    with window.store.session() as s:  # type: ignore[union-attr]
        create_actor(s, "Added after the backup", "ngo")
    old_store = window.store
    questions: list[str] = []
    monkeypatch.setattr(ask, "ask", lambda _p, title, *a, **k: questions.append(title) or True)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    panel.table.select_row(0)
    panel.restore_selected()
    assert questions == ["Restore a backup"]
    qtbot.waitUntil(lambda: window.store is not None and window.store is not old_store and bool(told), timeout=30_000)
    idle()
    assert not _has_actor(window, "Added after the backup")
    assert "Restored the backup" in told[0] and "before-restore" in told[0]
    assert any(b.reason == "before-restore" for b in list_backups(window.store))  # type: ignore[arg-type]
    assert window.current_page_key() == "dashboard"


def test_delete_a_backup_and_open_the_tab_from_the_menu(
    qtbot: QtBot, window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle()
    assert window.store is not None
    backup_now(window.store)
    seen: list[int] = []

    def exec_(dialog: SettingsDialog) -> int:
        assert dialog.tabs is not None
        seen.append(dialog.tabs.currentIndex())
        panel = dialog.backups
        assert isinstance(panel, BackupsPanel) and panel.model.rowCount() == 1
        monkeypatch.setattr(ask, "ask", lambda *a, **k: True)
        panel.delete_selected()
        assert panel.model.rowCount() == 0
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.switcher.show_backups()
    assert seen == [SettingsDialog.BACKUPS]
    assert list_backups(window.store) == []


def test_the_automatic_backup_is_taken_when_due(qtbot: QtBot, window: MainWindow, idle: Idle) -> None:
    idle()
    assert window.companions.backup_timer.isActive()  # the writing window checks every few minutes
    window.companions.auto_backup()
    qtbot.waitUntil(lambda: bool(list_backups(window.store)), timeout=20_000)  # type: ignore[arg-type]
    assert list_backups(window.store)[0].reason == "auto"  # type: ignore[arg-type]
    idle()
    window.companions.auto_backup()  # nothing changed since: no second one
    idle()
    assert len(list_backups(window.store)) == 1  # type: ignore[arg-type]


def _damaged_store_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "ministry.sqlite"
    store = open_store(path, user="tester")
    with store.session() as s:
        create_actor(s, "Ministry of Justice", "government")
    backup_now(store)
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a copy cut short on a USB stick
    return path


def test_a_damaged_store_offers_the_latest_good_backup(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _damaged_store_with_backup(tmp_path)
    offers: list[tuple[str, str, str]] = []
    monkeypatch.setattr(ask, "ask", lambda _p, title, text, info="", **k: offers.append((title, text, info)) or True)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    win = build_window(str(path), settings=settings)
    qtbot.addWidget(win)
    assert win.store is None
    qtbot.waitUntil(lambda: win.store is not None and bool(told), timeout=30_000)
    title, text, info = offers[0]
    assert title == "The store is damaged" and text.startswith("The store cannot be opened:") and "\n" not in text
    assert "latest good backup" in info
    assert _has_actor(win, "Ministry of Justice")
    assert any(b.reason == "damaged" for b in list_backups(path))  # the damaged file was kept
    win.tasks.wait()


def test_declining_the_offer_leaves_the_file_alone(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _damaged_store_with_backup(tmp_path)
    damaged = path.read_bytes()
    asked: list[str] = []
    monkeypatch.setattr(ask, "ask", lambda _p, title, *a, **k: asked.append(title) and False)
    win = build_window(str(path), settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=10_000)
    assert win.store is None and path.read_bytes() == damaged


def test_a_store_from_a_newer_version_is_explained(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "newer.sqlite"
    open_store(path, user="tester").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append((title, text)))
    win = build_window(str(path), settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    title, text = warnings[0]
    assert title == "This store is from a newer version"
    assert "newer version of CRC Reporter" in text and "Install that version" in text


def test_an_encrypted_store_asks_for_its_passphrase(
    qtbot: QtBot, tmp_path: Path, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.sqlite"
    store = open_store(path, user="tester", passphrase="correct horse")
    with store.session() as s:
        create_actor(s, "Ministry of Interior", "government")
    store.close()
    answers = iter(["wrong guess", "correct horse"])
    prompts: list[str] = []

    def ask_secret(_parent: object, _title: str, prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(recovery, "ask_secret", ask_secret)
    win = build_window(str(path), settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.store is not None, timeout=30_000)
    assert "is encrypted" in prompts[0] and "does not open" in prompts[1]
    assert _has_actor(win, "Ministry of Interior")
    win.tasks.wait()


def test_the_passphrase_is_typed_unseen(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[QLineEdit.EchoMode, str]] = []

    def exec_(dialog: recovery.QInputDialog) -> int:
        seen.append((dialog.textEchoMode(), dialog.okButtonText()))
        dialog.setTextValue("s3cret")
        return 1

    monkeypatch.setattr(recovery.QInputDialog, "exec", exec_)
    assert recovery.ask_secret(None, "Encrypted store", "Type its passphrase:") == "s3cret"  # type: ignore[arg-type]
    assert seen == [(QLineEdit.EchoMode.Password, "Open")]
