"""The Qt binding must keep Python's reference counts right, or a long session aborts.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a
method that returns nothing; after some thousands of calls Python aborts with
"deallocating None". pyproject.toml keeps that version out; this test catches
any other version with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot


def test_void_methods_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -100  # a few hundred either way is ordinary churn
