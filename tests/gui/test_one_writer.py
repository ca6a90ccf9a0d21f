"""One writer per store: a second window is read-only and says so, follows the writer's changes, or hands over."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crc_reporter.domain.roles import Role
from crc_reporter.store.engine import Store
from crc_reporter.store.open import open_store
from crc_reporter.ui.app import hand_over_to_first_window
from crc_reporter.ui.commands.records import EditActor
from crc_reporter.ui.dialogs.import_dialog import ImportDialog
from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.settings import AppSettings
from crc_reporter.ui.single_instance import ask_first_instance

from .conftest import Idle


@pytest.fixture
def second(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> Iterator[MainWindow]:
    """A second window on the store the ``window`` fixture writes."""
    assert demo_store.path is not None
    store = open_store(demo_store.path, user="tester")
    assert store.read_only
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.tasks.wait()


class Client:
    """Another process on the machine talking to the window (the socket is for other processes, as in real use)."""

    def __init__(self, code: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def done(self) -> bool:
        return self.process.poll() is not None

    def output(self) -> str:
        out, err = self.process.communicate()
        assert self.process.returncode == 0, err
        return out.strip()


def ask_in_another_process(store: Path, files: list[str] = ()) -> Client:  # type: ignore[assignment]
    return Client(
        "from pathlib import Path; from crc_reporter.ui.single_instance import ask_first_instance; "
        f"r = ask_first_instance(Path({str(store)!r}), {list(files)!r}, timeout_ms=5000); "
        "print('none' if r is None else f'{r.ok}|{r.error}')"
    )


def test_the_second_window_is_read_only_and_says_why(
    qtbot: QtBot, window: MainWindow, second: MainWindow, idle: Idle
) -> None:
    assert second.banner.isVisible()
    text = second.banner.text.text()
    assert text.startswith("Read-only:") and "another CRC Reporter window" in text
    assert second.banner.button.isVisible()  # "try to edit again" once the other window has closed it
    assert second.access_label.text() == "Read-only"
    assert not second.import_action.isEnabled()
    second.navigate("documents")
    page = second.pages["documents"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)  # type: ignore[attr-defined]
    page.table.select_row(0)  # type: ignore[attr-defined]
    for button in (page.new_button, page.delete_button, page.save_button):  # type: ignore[attr-defined]
        assert not button.isEnabled() and button.toolTip().startswith("Read-only:")
    assert not page.doc_title.isEnabled()  # type: ignore[attr-defined]
    assert not window.banner.isVisible() and window.access_label.text() == ""
    assert second.companions.instance_server.listening is False and window.companions.instance_server.listening


def test_a_viewer_on_a_server_cannot_edit(qtbot: QtBot, demo_store: Store, settings: AppSettings) -> None:
    demo_store.role = Role.VIEWER
    win = MainWindow(demo_store, settings)
    qtbot.addWidget(win)
    win.show()
    assert win.banner.isVisible() and "(viewer)" in win.banner.text.text()
    assert not win.banner.button.isVisible()
    win.navigate("actions")
    page = win.pages["actions"]
    assert not page.new_button.isEnabled() and "viewer" in page.new_button.toolTip()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.tasks.active == 0, timeout=10_000)


def test_the_read_only_window_follows_the_writers_changes(
    qtbot: QtBot, window: MainWindow, second: MainWindow, idle: Idle
) -> None:
    assert second.companions.change_feed is not None and second.companions.change_feed.active
    assert (
        window.companions.change_feed is not None and not window.companions.change_feed.active
    )  # the writer sees only its own commits
    second.navigate("actors")
    page = second.pages["actors"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 3, timeout=10_000)  # type: ignore[attr-defined]
    rows = page.model.rows()  # type: ignore[attr-defined]
    chosen, other = rows[2], rows[0]
    page.table.select_id(chosen.id)  # type: ignore[attr-defined]
    idle()
    assert window.ctx is not None
    window.ctx.edit(EditActor(other.id, {"short_name": "NEW"}, expected_version=other.info.version))
    with qtbot.waitSignal(second.companions.change_feed.refreshed, timeout=10_000) as blocker:
        second.companions.change_feed.poll()
    assert blocker.args[0].actors
    qtbot.waitUntil(
        lambda: any(r.info.short_name == "NEW" for r in page.model.rows()),  # type: ignore[attr-defined]
        timeout=10_000,
    )
    assert page.table.current_id() == chosen.id  # type: ignore[attr-defined]  # the selection is kept
    assert second.companions.change_feed.poll().__bool__() is False  # nothing new since
    qtbot.waitUntil(lambda: second.tasks.active == 0, timeout=10_000)


def test_a_second_instance_brings_the_first_window_forward(
    qtbot: QtBot, window: MainWindow, demo_store: Store, idle: Idle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert demo_store.path is not None
    idle()
    document = tmp_path / "co.docx"
    document.write_bytes(b"not a real document")
    imported: list[str] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: imported.append(self.chooser.path.text()) or 0)
    with qtbot.waitSignal(window.companions.instance_server.activation_requested, timeout=20_000) as blocker:
        client = ask_in_another_process(demo_store.path, [str(document)])
    qtbot.waitUntil(client.done, timeout=20_000)
    assert client.output() == "True|"
    assert blocker.args[0] == [str(document.resolve())]
    qtbot.waitUntil(lambda: bool(imported), timeout=10_000)  # the file it was given goes to the import dialog
    assert imported == [str(document.resolve())]
    assert "already open here" in window.statusBar().currentMessage()
    handed = Client(
        "from crc_reporter.ui.app import hand_over_to_first_window; "
        f"print(hand_over_to_first_window({str(demo_store.path)!r}))"
    )
    qtbot.waitUntil(handed.done, timeout=20_000)
    assert handed.output() == "True"


def test_a_malformed_request_is_refused(qtbot: QtBot, window: MainWindow, demo_store: Store, idle: Idle) -> None:
    assert demo_store.path is not None
    idle()
    client = Client(
        "from PySide6.QtNetwork import QLocalSocket; "
        "from crc_reporter.services.single_instance import server_name; from pathlib import Path; "
        f"s = QLocalSocket(); s.connectToServer(server_name(Path({str(demo_store.path)!r}))); "
        'assert s.waitForConnected(5000); s.write(b\'{"v": 1, "action": "run", "files": []}\\n\'); '
        "s.flush(); s.waitForReadyRead(5000); print(bytes(s.readAll().data()).decode())"
    )
    qtbot.waitUntil(client.done, timeout=20_000)
    reply = client.output()
    assert '"ok": false' in reply and "unknown request" in reply


def test_no_first_window_means_no_hand_over(tmp_path: Path, settings: AppSettings) -> None:
    path = tmp_path / "alone.sqlite"
    open_store(path, user="tester").close()
    assert hand_over_to_first_window(str(path)) is False
    assert ask_first_instance(path) is None
