"""The comparison grid as a table model: safety attributes x agents, or transposed.

The model holds the content layer's frozen grid and a GridLayout (which agents
and attributes are shown, and the orientation). Changing the layout resets the
model; with 44 cells that is instant and keeps the model simple to verify.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush

from desktop_app.content.compare.layout import GridLayout
from desktop_app.content.compare.wording import (
    EDITORS_NOTE,
    accessible_text,
    effect_text,
    provenance_text,
)
from desktop_app.content.records import ComparisonCell, ComparisonGrid
from desktop_app.models.compare.markers import effect_icon, effect_tint
from desktop_app.models.roles import AnyIndex, Role

# Roles of this model, above the shared ones in roles.py.


def cell_tooltip(cell: ComparisonCell) -> str:
    """A short rich-text preview; the detail pane holds everything."""
    parts = [
        f"<b>{html.escape(cell.agent_name)} — {html.escape(cell.attribute_label)}</b>",
        f"{html.escape(effect_text(cell.effect))} · <i>{html.escape(provenance_text(cell))}</i>",
        html.escape(cell.text),
    ]
    if cell.applies_to:
        parts.append(f"Applies to: {html.escape(cell.applies_to)}")
    if cell.sources:
        parts.append("Sources: " + html.escape(", ".join(s.key for s in cell.sources)))
    if cell.note:
        parts.append(f"{html.escape(EDITORS_NOTE)}: {html.escape(cell.note)}")
    for mark in cell.all_cautions:
        parts.append(
            f"<b>! Editorial caution ({html.escape(mark.caution.verdict)})</b> on "
            f"“{html.escape(mark.quote)}”: {html.escape(mark.caution.note)}"
        )
    parts.append("<i>Select the cell for the full details.</i>")
    return "<p>" + "<br>".join(parts) + "</p>"


class ComparisonModel(QAbstractTableModel):
    """Read-only grid of ComparisonCell records under a changeable layout.

    Signals:
        layout_changed: emitted with the new GridLayout after each change.
    """

    layout_changed = Signal(object)

    def __init__(self, grid: ComparisonGrid, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid = grid
        self._layout = GridLayout.full(grid)
        self._rows = self._layout.rows(grid)
        self._agent_names = {a.inn: a.name for a in grid.agents}
        self._attribute_labels = {a.key: a.label for a in grid.attributes}

    # -- layout ---------------------------------------------------------------------------

    @property
    def grid(self) -> ComparisonGrid:
        return self._grid

    @property
    def grid_layout(self) -> GridLayout:
        return self._layout

    def set_grid_layout(self, layout: GridLayout) -> None:
        if layout == self._layout:
            return
        self.beginResetModel()
        self._layout = layout
        self._rows = layout.rows(self._grid)
        self.endResetModel()
        self.layout_changed.emit(layout)

    def set_transposed(self, transposed: bool) -> None:
        layout = self._layout
        self.set_grid_layout(GridLayout(layout.agents, layout.attributes, transposed))

    def set_visible(self, agents: tuple[str, ...], attributes: tuple[str, ...]) -> None:
        """Show these agents and attributes, always in the grid's own order."""
        self.set_grid_layout(
            GridLayout(
                tuple(a.inn for a in self._grid.agents if a.inn in agents),
                tuple(a.key for a in self._grid.attributes if a.key in attributes),
                self._layout.transposed,
            )
        )

    # -- lookups --------------------------------------------------------------------------

    def cell(self, index: AnyIndex) -> ComparisonCell | None:
        if not index.isValid() or index.model() is not self:
            return None
        return self._rows[index.row()][index.column()]

    def index_for_address(self, address: str) -> QModelIndex:
        """The index showing a cell address, or an invalid index if it is hidden or unknown."""
        for r, row in enumerate(self._rows):
            for c, cell in enumerate(row):
                if cell.uri == address:
                    return self.index(r, c)
        return QModelIndex()

    def attribute_line(self, attribute: str) -> tuple[Qt.Orientation, int] | None:
        """Where an attribute is shown: (Vertical, row) or, transposed, (Horizontal, column)."""
        if attribute not in self._layout.attributes:
            return None
        position = self._layout.attributes.index(attribute)
        if self._layout.transposed:
            return Qt.Orientation.Horizontal, position
        return Qt.Orientation.Vertical, position

    def header_address(self, section: int, orientation: Qt.Orientation) -> str:
        value = self.headerData(section, orientation, Role.ADDRESS)
        return value if isinstance(value, str) else ""

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._layout.attributes if self._layout.transposed else self._layout.agents)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.short
        if role == Qt.ItemDataRole.DecorationRole:
            return effect_icon(cell.effect)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(cell)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(effect_tint(cell.effect))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Role.ADDRESS:
            return cell.uri
        if role == Role.KIND:
            return "comparison"
        if role == Role.CELL:
            return cell
        if role == Role.EFFECT:
            return cell.effect
        if role == Role.PROVENANCE:
            return cell.provenance
        if role == Role.PROVENANCE_TEXT:
            return provenance_text(cell)
        if role == Role.CAUTION_COUNT:
            return len(cell.all_cautions)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        is_attribute = (orientation == Qt.Orientation.Vertical) != self._layout.transposed
        keys = self._layout.attributes if is_attribute else self._layout.agents
        if not 0 <= section < len(keys):
            return None
        key = keys[section]
        if is_attribute:
            label = self._attribute_labels[key]
            address = f"serm://compare/{key}"
            kind = "comparison"
            tooltip = f"{label}: select to see this attribute for every agent"
        else:
            label = self._agent_names[key]
            address = f"serm://agent/{key}"
            kind = "agent"
            tooltip = f"{label}: selective estrogen receptor modulator"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip
        if role == Role.ADDRESS:
            return address
        if role == Role.KIND:
            return kind
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
