"""A checkable list of names (agents or attributes) choosing what the grid shows.

A list model rather than a row of check boxes: it is navigable with the arrow
keys, Space toggles an item (the standard delegate does that), and a screen
reader announces each name with its checked state.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal

from desktop_app.models.roles import AnyIndex, Role


class ChoiceListModel(QAbstractListModel):
    """(key, label, address) items, each checked or not.

    Signals:
        chosen_changed: emitted with the tuple of checked keys, in list order.
    """

    chosen_changed = Signal(tuple)

    def __init__(
        self, items: tuple[tuple[str, str, str], ...], noun: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._items = items
        self._noun = noun
        self._checked = [True] * len(items)

    def chosen(self) -> tuple[str, ...]:
        return tuple(key for (key, _, _), on in zip(self._items, self._checked, strict=True) if on)

    def set_chosen(self, keys: tuple[str, ...]) -> None:
        changed = False
        for row, (key, _, _) in enumerate(self._items):
            on = key in keys
            if self._checked[row] != on:
                self._checked[row] = on
                changed = True
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        if changed:
            self.chosen_changed.emit(self.chosen())

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key, label, address = self._items[index.row()]
        on = self._checked[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{'Hide' if on else 'Show'} {label} in the grid (Space toggles)"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label}, {'shown' if on else 'hidden'} in the grid"
        if role == Role.KEY:
            return key
        if role == Role.ADDRESS:
            return address
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if on == self._checked[index.row()]:
            return True
        if not on and sum(self._checked) == 1:
            return False  # the grid always shows at least one agent and one attribute
        self._checked[index.row()] = on
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit(self.chosen())
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    @property
    def noun(self) -> str:
        return self._noun
