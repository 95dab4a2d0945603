"""A line edit's clear button, switched on when the field first gets text.

Qt loads the clear button's icon through the icon theme the first time any
field enables it: about 20 ms on X11 (a scan of the hicolor theme folders),
paid before the first paint by the sidebar's filter and the find bar. An empty
field shows no clear button anyway, so enabling it on the first text change
looks the same, and by then the second stage (the search field) has loaded
the icon.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def clear_button_when_typed(field: QLineEdit) -> None:
    """Enable ``field``'s clear button as soon as it holds text, never before it is needed."""

    def enable(text: str) -> None:
        if text:
            field.textChanged.disconnect(enable)
            field.setClearButtonEnabled(True)

    field.textChanged.connect(enable)
