"""The sidebar's tree: the levels and their sections, the agents, the comparison.

Built once from the content layer's records. The article's references hang
under the "References" level, where a reader of the article expects them.
Group rows ("Agents", "Comparison") carry no address: activating them only
expands or collapses them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from desktop_app.content.records import AgentSummary, Attribute, Reference, TocEntry
from desktop_app.models.roles import AnyIndex, Role
from desktop_app.rendering.levels import level_name

KIND_DESCRIPTIONS = {
    "level": "level",
    "section": "section",
    "group": "group",
    "agent": "agent",
    "compare": "comparison row",
    "reference": "reference",
}


class _Node:
    """One row of the tree (a plain class, not a dataclass: start-up cost)."""

    __slots__ = ("address", "children", "kind", "own_name", "parent", "row", "title")

    def __init__(
        self, title: str, kind: str, address: str, parent: _Node | None, row: int = 0
    ) -> None:
        self.title = title
        self.kind = kind
        self.address = address
        self.parent = parent
        self.children: list[_Node] = []
        self.row = row
        self.own_name = ""  # a level's name in the article, when the tree names it otherwise

    def add(self, title: str, kind: str, address: str = "") -> _Node:
        child = _Node(title, kind, address, self, row=len(self.children))
        self.children.append(child)
        return child


class NavigationModel(QAbstractItemModel):
    """Read-only tree of everything a reader can open, keyed by address."""

    REFERENCES_LEVEL = "references"

    def __init__(
        self,
        toc: tuple[TocEntry, ...],
        agents: tuple[AgentSummary, ...],
        attributes: tuple[Attribute, ...],
        references: tuple[Reference, ...],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._root = _Node("", "root", "", None)
        self._by_address: dict[str, _Node] = {}
        nodes: dict[str, _Node] = {}
        for entry in toc:
            owner = nodes.get(entry.parent_slug or "", self._root)
            kind = "level" if entry.depth == 0 else "section"
            title = level_name(entry.slug, entry.heading) if entry.depth == 0 else entry.heading
            nodes[entry.slug] = self._add(owner, title, kind, entry.uri)
            if title != entry.heading:
                nodes[entry.slug].own_name = entry.heading
        reference_owner = nodes.get(self.REFERENCES_LEVEL, self._root)
        for reference in references:
            self._add(
                reference_owner,
                f"{reference.number}. {reference.title}",
                "reference",
                reference.uri,
            )
        agents_group = self._add(self._root, "Agents", "group", "")
        for agent in agents:
            self._add(agents_group, agent.name, "agent", agent.uri)
        compare_group = self._add(self._root, "Comparison", "group", "")
        for attribute in attributes:
            self._add(compare_group, attribute.label, "compare", attribute.uri)

    def _add(self, owner: _Node, title: str, kind: str, address: str) -> _Node:
        node = owner.add(title, kind, address)
        if address:
            self._by_address[address] = node
        return node

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner = self._node(index).parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row, 0, owner)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.title}, {KIND_DESCRIPTIONS[node.kind]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            own = f"\nThe article’s level “{node.own_name}”" if node.own_name else ""
            return node.title + own + (f"\n{node.address}" if node.address else "")
        if role == Qt.ItemDataRole.FontRole and node.kind in ("level", "group"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.ADDRESS:
            return node.address
        if role == Role.KIND:
            return node.kind
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- lookups --------------------------------------------------------------------------

    def index_for_address(self, address: str) -> QModelIndex:
        """The row showing ``address`` (fragment ignored), or an invalid index."""
        node = self._by_address.get(address.split("#", 1)[0])
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def addresses(self) -> list[str]:
        """Every openable address, in tree order (tests open each one)."""
        found: list[str] = []
        pending = list(reversed(self._root.children))
        while pending:
            node = pending.pop()
            if node.address:
                found.append(node.address)
            pending.extend(reversed(node.children))
        return found
