"""The sidebar's tree: the levels and their sections, the agents, the comparison.

Built once from the content layer's records. The article's references hang
under the "References" level, where a reader of the article expects them.
Group rows ("Agents", "Comparison") carry no address: activating them only
expands or collapses them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from desktop_app.content.records import AgentSummary, Attribute, Reference, TocEntry
from desktop_app.models.roles import ACCESSIBLE_TEXT_ROLE, Role
from desktop_app.rendering.levels import level_name

KIND_DESCRIPTIONS = {
    "level": "level",
    "section": "section",
    "group": "group",
    "agent": "agent",
    "compare": "comparison row",
    "reference": "reference",
}


class NavigationModel(QStandardItemModel):
    """Read-only tree of everything a reader can open, keyed by address.

    A QStandardItemModel filled once, rather than a QAbstractItemModel answering
    from Python: the tree never changes after it is built, and the view asks
    about its rows some two thousand times (index, parent, rowCount, data)
    before the window's first paint. Answered in C++, that costs next to
    nothing; answered from Python, it cost several milliseconds of every start.
    """

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
        self._by_address: dict[str, QStandardItem] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        root = self.invisibleRootItem()
        items: dict[str, QStandardItem] = {}
        for entry in toc:
            owner = items.get(entry.parent_slug or "", root)
            if entry.depth == 0:
                title = level_name(entry.slug, entry.heading)
                own_name = entry.heading if title != entry.heading else ""
                items[entry.slug] = self._add(owner, title, "level", entry.uri, own_name)
            else:
                items[entry.slug] = self._add(owner, entry.heading, "section", entry.uri)
        reference_owner = items.get(self.REFERENCES_LEVEL, root)
        for reference in references:
            self._add(
                reference_owner,
                f"{reference.number}. {reference.title}",
                "reference",
                reference.uri,
            )
        agents_group = self._add(root, "Agents", "group", "")
        for agent in agents:
            self._add(agents_group, agent.name, "agent", agent.uri)
        compare_group = self._add(root, "Comparison", "group", "")
        for attribute in attributes:
            self._add(compare_group, attribute.label, "compare", attribute.uri)

    def _add(
        self, owner: QStandardItem, title: str, kind: str, address: str, own_name: str = ""
    ) -> QStandardItem:
        """One row; ``own_name`` is a level's name in the article, when the tree names it
        otherwise (it is shown in the tooltip)."""
        item = QStandardItem(title)
        # Enabled and selectable only (the flags themselves are Qt-namespace enums).
        item.setEditable(False)
        item.setDragEnabled(False)
        item.setDropEnabled(False)
        item.setData(f"{title}, {KIND_DESCRIPTIONS[kind]}", ACCESSIBLE_TEXT_ROLE)
        own = f"\nThe article’s level “{own_name}”" if own_name else ""
        item.setToolTip(title + own + (f"\n{address}" if address else ""))
        if kind in ("level", "group"):
            item.setFont(self._bold)
        item.setData(address, Role.ADDRESS)
        item.setData(kind, Role.KIND)
        owner.appendRow(item)
        if address:
            self._by_address[address] = item
        return item

    # -- lookups --------------------------------------------------------------------------

    def index_for_address(self, address: str) -> QModelIndex:
        """The row showing ``address`` (fragment ignored), or an invalid index."""
        item = self._by_address.get(address.split("#", 1)[0])
        if item is None:
            return QModelIndex()
        return self.indexFromItem(item)

    def addresses(self) -> list[str]:
        """Every openable address, in tree order (tests open each one)."""
        found: list[str] = []
        root = self.invisibleRootItem()
        pending = [root.child(row) for row in reversed(range(root.rowCount()))]
        while pending:
            item = pending.pop()
            address = item.data(Role.ADDRESS)
            if address:
                found.append(address)
            pending.extend(item.child(row) for row in reversed(range(item.rowCount())))
        return found
