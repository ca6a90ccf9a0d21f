"""The background-task helper: results and errors on the GUI thread, delayed progress, cancel rolls back."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from crc_reporter.services.actors import create_actor, list_actors
from crc_reporter.services.errors import ValidationError
from crc_reporter.store.engine import Store
from crc_reporter.ui.tasks import TaskControl, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(parent, progress_delay_ms=0)


def test_work_runs_off_the_gui_thread_with_its_own_session(qtbot: QtBot, runner: TaskRunner, store: Store) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work(session: Session, control: TaskControl) -> int:
        seen["worker"] = threading.get_ident()
        create_actor(session, "Ministry of Justice", "government")
        return len(list_actors(session))

    def done(result: object) -> None:
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    task = runner.run(work, store=store, on_success=done, show_progress=False)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert seen["worker"] != gui_thread and seen["callback"] == gui_thread
    assert seen["result"] == 1
    with store.session() as s:  # committed when the work returned
        assert [a.name for a in list_actors(s)] == ["Ministry of Justice"]


def test_errors_come_back_and_nothing_is_kept(qtbot: QtBot, runner: TaskRunner, store: Store) -> None:
    def work(session: Session, control: TaskControl) -> None:
        create_actor(session, "Half-done", "ngo")
        raise ValidationError("the file is not concluding observations")

    errors: list[BaseException] = []
    task = runner.run(work, store=store, on_failure=errors.append, show_progress=False)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["the file is not concluding observations"]
    with store.session() as s:
        assert list_actors(s) == []


def test_progress_dialog_appears_and_cancel_rolls_back(qtbot: QtBot, runner: TaskRunner, store: Store) -> None:
    release = threading.Event()

    def work(session: Session, control: TaskControl) -> str:
        create_actor(session, "Should not stay", "ngo")
        for step in range(1000):
            control.progress(step, 1000, f"Step {step}")
            if release.wait(0.01):
                break
        control.progress(1000, 1000)
        return "finished"

    cancelled: list[bool] = []
    task = runner.run(work, store=store, title="Importing", on_cancel=lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: getattr(task, "progress_dialog", None) is not None, timeout=5000)
    dialog = task.progress_dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.maximum() == 1000, timeout=5000)
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    release.set()
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert cancelled == [True] and task.result is None
    with store.session() as s:
        assert list_actors(s) == []
    assert runner.active == 0


def test_quick_work_shows_no_dialog(qtbot: QtBot, store: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, progress_delay_ms=10_000)
    task = runner.run(lambda control: 42, title="Quick")
    with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
        pass
    assert result.args == [42]
    assert getattr(task, "progress_dialog", None) is None
