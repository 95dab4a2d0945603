"""The article's two tables exactly as it printed them, for the Compare tab's second view.

Captions, headings and cells are the article's words; the grid reorganises
them, this view does not. A flagged statement keeps its words and shows a
caution icon; selecting the cell puts the note in the detail pane.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.records import ArticleTable, TocEntry
from desktop_app.models.compare.article_tables import ArticleTableModel


class ArticleTableView(QTableView):
    """Shows all its rows (the page scrolls, not the table) and wraps cell text."""

    def __init__(self, model: ArticleTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()  # the article's tables have no row numbers
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(f"The article's table: {model.table.caption}")


class ArticleTablesPage(QScrollArea):
    """Both tables, each under the article's caption, in the article's order.

    Signals:
        cell_selected: (ArticleTable, row, column), 0-based, when a cell becomes current.
        link_activated: a serm:// address from a "shown in section" link.
    """

    cell_selected = Signal(object, int, int)
    link_activated = Signal(str)

    def __init__(
        self, tables: tuple[tuple[ArticleTable, TocEntry], ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(
            "The article's two tables, exactly as the article printed them: its captions, "
            "headings and words, unchanged. A caution icon marks a statement the editors "
            "flag; select the cell to read the note in the details."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.views: list[ArticleTableView] = []
        for table, section in tables:
            caption = QLabel(f"<b>{escape(table.caption)}</b>")
            caption.setWordWrap(True)
            caption.setTextFormat(Qt.TextFormat.RichText)
            where = QLabel(
                f'In the article: <a href="{escape(section.uri)}">{escape(section.heading)}</a>'
            )
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            where.linkActivated.connect(self.link_activated)
            view = ArticleTableView(ArticleTableModel(table, body), body)
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, t=table: self._on_current(t, current)
            )
            caption.setBuddy(view)
            layout.addWidget(caption)
            layout.addWidget(view)
            layout.addWidget(where)
            layout.addSpacing(12)
            self.views.append(view)
        layout.addStretch(1)
        self.setWidget(body)

    def _on_current(self, table: ArticleTable, current: QModelIndex) -> None:
        if current.isValid():
            self.cell_selected.emit(table, current.row(), current.column())
