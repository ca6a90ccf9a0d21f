"""Exports for other tools from the window, files handed over by the import dialog, and the trusted keys."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crc_reporter.importers import load_source
from crc_reporter.services import exchange as ex
from crc_reporter.services.backups import list_backups
from crc_reporter.services.interchange.impact import ImpactActions
from crc_reporter.services.interchange.impact_export import ACTION_HEADERS
from crc_reporter.services.interchange.tracker_apply import apply_tracker
from crc_reporter.services.interchange.tracker_export import export_tracker
from crc_reporter.services.interchange.tracker_read import TrackerSheets
from crc_reporter.store.engine import Store
from crc_reporter.store.models import Action
from crc_reporter.ui.dialogs import ask, interchange_dialog, merge_dialog
from crc_reporter.ui.dialogs.import_dialog import ImportDialog
from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog
from crc_reporter.ui.dialogs.tools_export_dialog import IMPACT, TRACKER, ToolsExportDialog
from crc_reporter.ui.dialogs.trusted_keys_panel import TrustedKeysPanel, TrustKeyDialog
from crc_reporter.ui.main_window import MainWindow

from .conftest import Idle


def _export(
    qtbot: QtBot, window: MainWindow, kind: str, out: Path, line: str | None = None, concerns: bool = False
) -> ToolsExportDialog:
    assert window.ctx is not None
    dialog = ToolsExportDialog(window.ctx, kind, window)
    qtbot.addWidget(dialog)
    dialog.show()
    if line is not None:
        dialog.impact.line.setCurrentIndex(dialog.impact.line.findData(line))
        dialog.impact.concerns.setChecked(concerns)
    qtbot.waitUntil(lambda: dialog._confidential is not None, timeout=10_000)
    assert dialog.confidential_line.text() == "3 confidential actions stay out of the file."
    dialog.write(out)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=20_000)
    assert dialog.result is not None, dialog.message.text()
    return dialog


def test_the_tracker_and_impact_exports_write_files_the_services_read_back(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, tmp_path: Path
) -> None:
    idle()
    dialog = _export(qtbot, window, TRACKER, tmp_path / "tracker")
    assert dialog.result.path == tmp_path / "tracker.xlsx" and dialog.result.rows["actions"] == 47
    assert dialog.message.text().startswith("Wrote tracker.xlsx (Recommendations 104, Actions 47")
    source = load_source(tmp_path / "tracker.xlsx")
    assert source.format == "crc-tracker" and isinstance(source.payload, TrackerSheets)
    with demo_store.session() as session:
        assert not apply_tracker(session, source.payload, dry_run=True).changes  # the store's own values

    dialog = _export(qtbot, window, IMPACT, tmp_path / "impact.csv")
    result = dialog.result
    assert result.actions == tmp_path / "impact-actions.csv" and result.action_rows == 47
    assert "impact-actions.csv (47 actions)" in dialog.message.text()
    recs = load_source(tmp_path / "impact.csv")
    assert recs.format == "impact-csv"
    rows = sum(len(d.paragraphs) + sum(len(p.parts) for p in d.paragraphs) for d in recs.documents)
    assert rows == result.recommendation_rows  # each lettered part is a record of its own
    actions = load_source(tmp_path / "impact-actions.csv").payload
    assert isinstance(actions, ImpactActions) and len(actions.rows) == 47


def test_the_impact_export_writes_for_the_line_chosen(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, tmp_path: Path
) -> None:
    idle()
    dialog = _export(qtbot, window, IMPACT, tmp_path / "nz.csv", line="nz", concerns=True)
    result = dialog.result
    assert result.line == "nz" and result.links_left_out == 0
    header = (tmp_path / "nz.csv").read_text("utf-8-sig").splitlines()[0]
    assert "[database:framework_id]" not in header  # New Zealand's import throws on that column
    targets = [row[4] for row in csv.reader((tmp_path / "nz-actions.csv").read_text("utf-8-sig").splitlines()[1:])]
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", t) for t in targets)
    assert "nz-categories.csv" in dialog.message.text()
    scottish = _export(qtbot, window, IMPACT, tmp_path / "sg.csv", line="scotland")
    assert scottish.result.actions is None and "imports no actions" in scottish.message.text()


def _import(window: MainWindow, path: Path) -> None:
    """``File ▸ Import…`` on ``path``; the import dialog is closed if it did not hand the file over in time."""

    def give_up() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ImportDialog) and widget.isVisible():
                widget.reject()

    QTimer.singleShot(20_000, give_up)
    window.open_import_dialog(str(path))


def test_an_edited_tracker_is_handed_over_previewed_and_applied(
    qtbot: QtBot,
    window: MainWindow,
    idle: Idle,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with demo_store.session() as session:
        export_tracker(session, tmp_path / "tracker.xlsx")
    book = load_workbook(tmp_path / "tracker.xlsx")
    sheet = book["Actions"]
    uuid = sheet["A2"].value
    sheet["E2"] = "Completed" if sheet["E2"].value != "Completed" else "Ongoing"
    sheet["G3"] = "not a date"
    book.save(tmp_path / "edited.xlsx")
    shown: list[interchange_dialog.InterchangeDialog] = []
    monkeypatch.setattr(interchange_dialog.InterchangeDialog, "exec", lambda self: shown.append(self) or 0)
    idle()
    _import(window, tmp_path / "edited.xlsx")
    (dialog,) = shown
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    rows = dialog.model.rows()
    assert [r.what for r in rows] == ["change", "problem"]
    assert rows[0].field == "Status" and rows[0].where == "Actions, row 2" and "→" in rows[0].detail
    assert dialog.summary.text() == "1 change to apply; 1 cell or row not applied (listed below)."
    assert dialog.apply_button.isEnabled()
    with demo_store.session() as session:
        before = session.scalar(select(Action.status).where(Action.uuid == uuid))
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied is not None, timeout=20_000)
    with demo_store.session() as session:
        after = session.scalar(select(Action.status).where(Action.uuid == uuid))
    assert after != before and after in ("completed", "ongoing")
    assert "cannot be undone with Edit ▸ Undo" in dialog.message.text()
    assert any(b.reason == "before-import" for b in list_backups(demo_store))


def test_impact_actions_are_handed_over_and_imported(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ",".join(f'"{h}"' for h in ACTION_HEADERS)
    path = tmp_path / "measures.csv"
    path.write_text(header + '\n"M-1","Train social workers","",,"01/02/2026","","CRC/C/XMP/CO/5-6 para 20"\n', "utf-8")
    shown: list[interchange_dialog.InterchangeDialog] = []
    monkeypatch.setattr(interchange_dialog.InterchangeDialog, "exec", lambda self: shown.append(self) or 0)
    idle()
    _import(window, path)
    (dialog,) = shown
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.windowTitle() == "Import IMPACT OSS actions"
    assert dialog.summary.text().startswith(
        "Would import: actions: 1 new, 0 updated, 0 unchanged; 1 new links to paragraphs"
    )
    with demo_store.session() as session:
        assert session.scalar(select(Action.id).where(Action.title == "Train social workers")) is None
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied is not None, timeout=20_000)
    assert dialog.summary.text().startswith("Imported: actions: 1 new")
    with demo_store.session() as session:
        assert session.scalar(select(Action.id).where(Action.title == "Train social workers")) is not None


def test_a_package_given_to_the_import_dialog_opens_the_merge_dialog(
    qtbot: QtBot, window: MainWindow, idle: Idle, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_store.session() as session:
        ex.export_package(session, tmp_path / "mine.crcx")
    opened: list[tuple[str | None, object]] = []
    monkeypatch.setattr(
        merge_dialog, "run_merge_dialog", lambda _w, path=None, package=None: opened.append((path, package))
    )
    idle()
    _import(window, tmp_path / "mine.crcx")
    ((path, package),) = opened
    assert path == str(tmp_path / "mine.crcx") and isinstance(package, ex.Package)


def test_trusted_keys_are_added_from_a_file_and_removed(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "sokha.key"
    info = ex.generate_keypair(key, "Sokha (coalition)")
    assert window.ctx is not None
    idle()
    panel = TrustedKeysPanel(window.ctx.store, window.tasks, window.ctx.access)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.status.text() == "No trusted key yet.", timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key) + ".pub", ""))
    monkeypatch.setattr(TrustKeyDialog, "exec", lambda self: 1)
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    (trusted,) = panel.model.rows()
    assert trusted.name == "Sokha (coalition)" and trusted.fingerprint == info.fingerprint
    assert panel.status.text().startswith("Trusted Sokha (coalition): SHA256:")
    assert "no signing key yet" in panel.own_key.text()
    monkeypatch.setattr(ask, "ask", lambda *a, **k: True)
    panel.table.select_row(0)
    panel.remove_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
    assert panel.status.text() == "No longer trusted: Sokha (coalition)"


def _require_trusted(store: Store) -> bool:
    with store.session() as session:
        return ex.require_trusted_packages(session)


def test_the_require_trusted_packages_checkbox_changes_the_store_setting(
    qtbot: QtBot, window: MainWindow, idle: Idle
) -> None:
    assert window.ctx is not None
    store = window.ctx.store
    idle()
    assert _require_trusted(store) is True  # a new store
    panel = TrustedKeysPanel(store, window.tasks, window.ctx.access)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.require.isChecked(), timeout=10_000)
    assert panel.require.isEnabled() and panel.require.text() == "Require trusted packages"
    qtbot.mouseClick(panel.require, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status.text() == "Unsigned packages and unknown keys are merged too.", timeout=10_000)
    assert not panel.require.isChecked() and _require_trusted(store) is False
    qtbot.mouseClick(panel.require, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _require_trusted(store), timeout=10_000)
    assert panel.require.isChecked()


def test_settings_has_a_trusted_keys_tab(window: MainWindow, idle: Idle, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: shown.append(self) or 0)
    idle()
    window.switcher.show_trusted_keys()
    (dialog,) = shown
    assert dialog.tabs is not None and dialog.tabs.currentIndex() == SettingsDialog.KEYS
    assert dialog.tabs.tabText(SettingsDialog.KEYS) == "Trusted keys"
    assert isinstance(dialog.tabs.currentWidget(), TrustedKeysPanel)
    idle()


def test_my_public_key_is_saved_where_i_choose(
    qtbot: QtBot, window: MainWindow, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crc_reporter.ui import signing_key

    mine = signing_key.ensure_key("Sokha (coalition)")
    assert window.ctx is not None
    idle()
    panel = TrustedKeysPanel(window.ctx.store, window.tasks, window.ctx.access)
    qtbot.addWidget(panel)
    target = tmp_path / "for-the-coalition.pub"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.save_public_key()
    assert ex.read_public_key(target).fingerprint == mine.fingerprint
    assert panel.status.text().startswith("Saved your public key to ")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # the person changed their mind
    panel.save_public_key()
    assert panel.status.text().startswith("Saved your public key to ")
