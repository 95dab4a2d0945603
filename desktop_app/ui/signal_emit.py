"""Emit a Qt signal from Python without losing a reference to True or False.

PySide6-Essentials 6.12.0 returns the ``bool`` result of ``SignalInstance.emit()``
without taking a reference to it, so every emit from Python code gives away one
reference to ``True``. On Python 3.11, where ``True`` is not immortal, the
interpreter aborts ("Fatal Python error: bool_dealloc") after a thousand or so
emits: in a search panel that emits once per keystroke, within a session.
6.11.3 does not have the bug (checked with the same probe), and Python 3.12+
bools are immortal, so it cannot bite there.

``emit`` probes once whether the running PySide6 loses the reference and, if it
does, gives it back; on a fixed PySide6 it is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_PROBES = 3


class _Probe(QObject):
    fired = Signal()


def _give_back(value: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    fired: Any = probe.fired  # typed as returning None, which is the point
    before = sys.getrefcount(True)
    results = [fired.emit() for _ in range(_PROBES)]
    lost = before + len(results) - sys.getrefcount(True)  # the list holds one each
    if lost == _PROBES:
        for result in results:
            _give_back(result)
    return lost == _PROBES


EMIT_LOSES_A_REFERENCE = _emit_loses_a_reference()


def emit(signal: Any, *args: object) -> None:
    """``signal.emit(*args)``, keeping the interpreter's reference counts right."""
    result = signal.emit(*args)
    if EMIT_LOSES_A_REFERENCE and (result is True or result is False):
        _give_back(result)
