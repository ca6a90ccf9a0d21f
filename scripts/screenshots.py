#!/usr/bin/env python3
"""Screenshots of every page and the main dialogs, in one language, on the demo data set.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py km /tmp/screens/km
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py xx /tmp/screens/xx   # pseudo-locale
    # the screens people have: 1366x768 at 100 % (less a title bar and taskbar), at 125 %, 1920x1080 at 150 %
    ... scripts/screenshots.py en /tmp/screens/en-697 --size 1366x697
    QT_SCALE_FACTOR=1.25 ... scripts/screenshots.py en /tmp/screens/en-125 --size 1093x558
    ... scripts/screenshots.py en /tmp/screens/en-dark --size 1280x720 --dark

``--size WxH`` is the window's size in logical pixels (default 1366x768);
``--dark`` shows the dark colour scheme whatever the system's.

For looking at translations and layouts as a user would: English leftovers,
empty boxes instead of Khmer letters, clipped labels. Writes PNG files (keep
them out of git) and prints their paths. The store is a fresh demo store in a
temporary folder; the user's own data is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    lang, out = argv[0], Path(argv[1])
    size = next(
        (a.split("=", 1)[1] if "=" in a else argv[i + 1] for i, a in enumerate(argv) if a.startswith("--size")), ""
    )
    width, height = (int(v) for v in size.split("x")) if size else (1366, 768)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="crc-screens-"))
    os.environ["CRC_REPORTER_HOME"] = str(home)
    os.environ["CRC_REPORTER_LANG"] = lang

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

    from crc_reporter.services.demo import load_demo
    from crc_reporter.store.open import open_store
    from crc_reporter.ui.app import application, build_window
    from crc_reporter.ui.settings import AppSettings

    app = application()
    settings = AppSettings()
    settings.khmer_digits = "--khmer-digits" in argv
    store_path = home / "demo.sqlite"
    store = open_store(store_path, user="demo")
    with store.session() as session:
        load_demo(session)
    store.close()
    window = build_window(str(store_path), user="Sokha Chan", settings=settings)
    if "--dark" in argv:
        from crc_reporter.ui.style import apply_scheme

        apply_scheme(app, dark=True)
    window.resize(width, height)
    window.show()
    written: list[Path] = []

    def settle(timeout: float = 20.0) -> None:
        """Let background loads finish and their results arrive (``tasks.wait`` would cancel them)."""
        deadline = time.monotonic() + timeout
        app.processEvents()
        while window.tasks.active and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _i in range(5):
            app.processEvents()

    def shot(name: str, widget: QWidget | None = None) -> None:
        settle()
        path = out / f"{name}.png"
        (widget or window).grab().save(str(path))
        written.append(path)

    from crc_reporter.ui.main_window import PAGE_KEYS

    for key in PAGE_KEYS:
        window.navigate(key)
        shot(f"page-{key}")
    rec_page = window.page("recommendations")
    window.navigate("recommendations")
    settle()
    # a Khmer word that sits inside a longer sentence of the translations typed beside paragraphs 56 and 58
    rec_page.search.set_text_now("យុត្តិធម៌")
    shot("recommendations-search-khmer")
    if rec_page.model.rowCount():
        rec_page.table.select_row(0)
    detail = rec_page.detail
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        shot(f"recommendations-tab{index}")
    detail.tabs.setCurrentIndex(0)
    rec_page.search.set_text_now("")

    def dialog_shot(name: str, make: Callable[[], QWidget]) -> None:
        dialog = make()
        dialog.show()
        shot(name, dialog)
        dialog.close()
        dialog.deleteLater()

    from crc_reporter.ui.dialogs.action_dialog import NewActionDialog
    from crc_reporter.ui.dialogs.assessment import AssessmentDialog
    from crc_reporter.ui.dialogs.pickers import ActionPicker, RecommendationPicker
    from crc_reporter.ui.dialogs.recommendation_dialog import RecommendationDialog
    from crc_reporter.ui.dialogs.records import NewActorDialog, NewDocumentDialog, NewIndicatorDialog
    from crc_reporter.ui.dialogs.settings_dialog import SettingsDialog

    ctx = window.ctx
    assert ctx is not None
    info = detail.data.info if detail.data else None
    dialog_shot("dialog-settings", lambda: SettingsDialog(settings, window))
    dialog_shot("dialog-new-actor", lambda: NewActorDialog(window))
    dialog_shot("dialog-new-document", lambda: NewDocumentDialog(window))
    dialog_shot("dialog-new-indicator", lambda: NewIndicatorDialog(window))
    dialog_shot("dialog-new-action", lambda: NewActionDialog(ctx, "CRC/C/XMP/CO/5-6, para. 57", window))
    dialog_shot("dialog-link-to-recommendation", lambda: RecommendationPicker(ctx, window))
    if info is not None:
        dialog_shot("dialog-assessment", lambda: AssessmentDialog(ctx, info, "government", window))
        dialog_shot("dialog-link-actions", lambda: ActionPicker(ctx, info, None, window))
        dialog_shot("dialog-classification", lambda: RecommendationDialog(info, [], window))

    def file_dialog() -> QWidget:
        dialog = QFileDialog(window, "Qt file dialog", str(home), "Word (*.docx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        return dialog

    dialog_shot("dialog-qt-file", file_dialog)
    buttons = QMessageBox.StandardButton
    dialog_shot(
        "dialog-qt-message",
        lambda: QMessageBox(
            QMessageBox.Icon.Question, "CRC Reporter", "?", buttons.Yes | buttons.No | buttons.Cancel, window
        ),
    )
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            shot(f"menu-{len(written)}", menu)
            menu.hide()
    line_edit = rec_page.search
    context = line_edit.createStandardContextMenu()
    context.popup(window.mapToGlobal(line_edit.geometry().center()))
    shot("menu-text-field", context)
    context.hide()
    from crc_reporter.ui.main_window import MainWindow

    welcome = MainWindow(None, settings)  # no store open: the welcome panel
    welcome.resize(width, height)
    welcome.show()
    shot("page-welcome", welcome)
    welcome.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
