"""No widget of the window hides one of Qt's own methods under an attribute (``self.actions = …``
made ``page.actions()`` fail for Qt's accessibility and shortcut code)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from crc_reporter.ui.main_window import MainWindow
from crc_reporter.ui.page_list import PAGE_KEYS

from .conftest import Idle


def _qt_method(cls: type, name: str) -> bool:
    member = vars(cls).get(name)
    return member is not None and callable(member) and not isinstance(member, Signal)  # Qt caches signals per object


def _shadowed(widget: QWidget) -> list[str]:
    qt_classes = [k for k in type(widget).__mro__ if k.__module__.startswith("PySide6")]
    return [f"{type(widget).__name__}.{name}" for name in vars(widget) if any(_qt_method(k, name) for k in qt_classes)]


def test_pages_keep_qts_methods(window: MainWindow, idle: Idle) -> None:
    for key in PAGE_KEYS:
        window.navigate(key)
        idle()
    assert set(window.pages) == set(PAGE_KEYS)
    widgets = [window, *window.pages.values()]
    offenders = [shadow for widget in widgets for shadow in _shadowed(widget)]
    assert not offenders, "attributes hiding Qt methods: " + ", ".join(offenders)
    assert all(isinstance(page.actions(), list) for page in window.pages.values())
