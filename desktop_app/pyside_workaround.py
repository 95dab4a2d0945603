"""Keep None alive under PySide6/shiboken6 6.12.0 on Python 3.11.

Measured here: with shiboken6 6.12.0 on CPython 3.11, every call of many void
Qt methods (QPainter.setPen/setFont/save/restore, QLabel.setText,
QWidget.update, ...) returns None without taking a reference, so each call
removes one reference from None. After a few thousand calls (one repaint of a
custom-painted grid makes hundreds) CPython aborts with "Fatal Python error:
none_dealloc: deallocating None", often only at exit. 6.11.3 does not do this,
and from Python 3.12 None is immortal, which makes the bug harmless.

``make_none_immortal`` gives None that same immortality on 3.11 by raising its
reference count far beyond reach. It touches nothing else, costs nothing, and
is applied once when ``desktop_app`` is imported, before any Qt object exists.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 60


def make_none_immortal() -> bool:
    """Raise None's reference count out of reach; True if it was needed and done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None is immortal already, or reference counts work differently
    if hasattr(sys, "gettotalrefcount"):
        return False  # a debug build: the object header starts with other fields
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _IMMORTAL:
        count.value = _IMMORTAL
    return True
