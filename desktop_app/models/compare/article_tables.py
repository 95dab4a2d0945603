"""One of the article's own tables, cell for cell, as the article printed it.

The words and the column headings are the article's, unchanged. Where the
editors flagged a statement, the cell carries a caution icon, and its tooltip
and accessible text carry the note; the cell's text itself never changes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from desktop_app.content.records import ArticleTable, TableCell
from desktop_app.models.compare.markers import caution_icon
from desktop_app.models.roles import AnyIndex


def caution_notes_html(cell: TableCell) -> str:
    return "<br>".join(
        f"<b>! Editorial caution ({html.escape(m.caution.verdict)})</b> on "
        f"“{html.escape(m.quote)}”: {html.escape(m.caution.note)} "
        f"<i>Sources: {html.escape('; '.join(s.citation for s in m.caution.sources))}</i>"
        for m in cell.cautions
    )


class ArticleTableModel(QAbstractTableModel):
    """Read-only model of an ArticleTable; the header row is the article's."""

    def __init__(self, table: ArticleTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.DecorationRole:
            return caution_icon() if cell.cautions else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"<p>{html.escape(cell.text)}<br>{caution_notes_html(cell)}</p>"
                if cell.cautions
                else cell.text
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            header = self.table.columns[index.column()]
            text = f"{header}: {cell.text}"
            for mark in cell.cautions:
                text += (
                    f". Editorial caution, {mark.caution.verdict}, on “{mark.quote}”: "
                    f"{mark.caution.note}"
                )
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        shown = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.columns)
        if shown and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.table.columns[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
