"""The Qt binding we ship keeps CPython's reference counts right.

PySide6-Essentials 6.12.0 returned None from void methods and True from
``emit()`` without taking a reference, so a few thousand calls aborted CPython
3.11 ("Fatal Python error: none_dealloc" / "bool_dealloc"). pyproject.toml caps
the binding below 6.12; these tests fail if a version with that bug comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    fired = Signal(int)


def test_void_calls_keep_none_alive(qapp: object) -> None:
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
        label.update()
    painter = QPainter(image)
    for _ in range(CALLS):
        painter.save()
        painter.setPen(QPen())
        painter.restore()
    painter.end()
    assert sys.getrefcount(None) > before - CALLS // 10


def test_emit_keeps_true_alive(qapp: object) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(CALLS):
        emitter.fired.emit(number)
    assert len(received) == CALLS
    assert sys.getrefcount(True) > before - CALLS // 10
