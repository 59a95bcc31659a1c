"""The Qt binding must not leak references to None/True.

PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call (setText, update,
start ...) and to True on every emit from Python; after a few thousand calls (minutes of
ticking attendance) the interpreter aborts with "Fatal Python error" and the user loses the
window. pyproject.toml keeps the binding below that version; this test catches a regression.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    changed = Signal(bool)


def test_thousands_of_qt_calls_leave_none_and_true_counts_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.changed.connect(seen.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(2000):
        label.setText(str(i))
        label.update()
        timer.start(1000)
        timer.stop()
        emitter.changed.emit(True)
    seen.clear()
    assert sys.getrefcount(None) - none_before > -100
    assert sys.getrefcount(True) - true_before > -100
