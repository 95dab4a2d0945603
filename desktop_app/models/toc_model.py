"""The table of contents as a tree model: levels, their sections, subsections."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.content.records import TocEntry
from desktop_app.models.roles import ADDRESS_ROLE, KIND_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    entry: TocEntry | None
    parent: _Node | None
    children: list[_Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class TocModel(QAbstractItemModel):
    """Read-only tree built once from the content layer's flat list of headings."""

    def __init__(self, entries: tuple[TocEntry, ...], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._root = _Node(None, None)
        nodes: dict[str, _Node] = {}
        for entry in entries:
            owner = nodes.get(entry.parent_slug or "", self._root)
            node = _Node(entry, owner)
            owner.children.append(node)
            nodes[entry.slug] = node

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner = self._node(index).parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row(), 0, owner)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._node(index).entry
        assert entry is not None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.heading
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.heading
        if role == ADDRESS_ROLE:
            return entry.uri
        if role == KIND_ROLE:
            return "level" if entry.depth == 0 else "section"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def index_for_address(self, address: str) -> QModelIndex:
        """The index showing ``address``, or an invalid index."""
        pending = [(self._root, QModelIndex())]
        while pending:
            node, parent = pending.pop()
            for row, child in enumerate(node.children):
                index = self.index(row, 0, parent)
                if child.entry is not None and child.entry.uri == address:
                    return index
                pending.append((child, index))
        return QModelIndex()
