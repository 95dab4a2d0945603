"""Qt's ``Qt`` namespace, created when first used instead of when first imported.

PySide6 builds a class's Python enums the first time Python reaches the class.
For the ``Qt`` namespace that is 93 enum classes at once (``Qt.Key`` alone has
471 members): 15-25 ms on a two-core machine, more than a sixth of what a bare
PySide6 window takes to paint (bench/startup.py). The first screen needs none
of them, so modules on the way to the first paint import ``Qt`` from here: the
name reads and type-checks as PySide6's own, and the namespace is built the
first time an attribute of it is used (a key press, a dialog, the second
stage). Code that runs before the first paint sets enum-typed properties with
``set_enum_property`` instead; tests/test_first_paint_enums.py checks that the
start reaches its first paint with the namespace still unbuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
else:

    class _QtOnFirstUse:
        """Stands for ``PySide6.QtCore.Qt``; each attribute is fetched (and kept) on first use."""

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt as namespace

            value = getattr(namespace, name)
            setattr(self, name, value)
            return value

        def __repr__(self) -> str:
            return "<PySide6.QtCore.Qt, built on first use>"

    Qt = _QtOnFirstUse()

__all__ = ["Qt", "set_enum_property"]


def set_enum_property(target: QObject, name: str, value: str) -> None:
    """Set the Qt property ``name`` of enum type to ``value``, a key such as ``"ElideRight"``.

    Passing the enum itself would build its whole namespace; Qt's meta-object
    system converts the key (``"A|B"`` for flags) as it does for Designer's
    ``.ui`` files. An unknown property or key is a programming error: it raises
    rather than leaving the widget silently unconfigured.
    """
    if not target.setProperty(name, value):
        raise ValueError(f"cannot set {type(target).__name__}.{name} to {value!r}")
