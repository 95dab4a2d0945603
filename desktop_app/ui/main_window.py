"""The main window: table of contents beside the page being read."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTextBrowser, QTreeView, QWidget

from desktop_app.content import ContentRepository
from desktop_app.content.plaintext import render_item
from desktop_app.models.roles import ADDRESS_ROLE
from desktop_app.models.toc_model import TocModel
from desktop_app.version import APP_NAME


class MainWindow(QMainWindow):
    """Minimal reader until the full reader lands: contents tree and a text page."""

    def __init__(self, repository: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        meta = repository.meta
        self.setWindowTitle(f"{APP_NAME} — edition {meta.edition}")
        self.toc_model = TocModel(repository.table_of_contents(), self)
        self.toc_view = QTreeView()
        self.toc_view.setModel(self.toc_model)
        self.toc_view.setHeaderHidden(True)
        self.toc_view.expandAll()
        self.toc_view.setAccessibleName("Table of contents")
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.setAccessibleName("Page")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.toc_view)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        self.toc_view.selectionModel().currentChanged.connect(self._show_index)
        disclaimer = QLabel(f"{meta.disclaimer}  ·  Content edition {meta.edition}, {meta.date}")
        disclaimer.setAccessibleName("Disclaimer and content edition")
        self.statusBar().addPermanentWidget(disclaimer, 1)
        self.resize(1100, 720)
        self.open_address(self.toc_model.index(0, 0).data(ADDRESS_ROLE))

    def open_address(self, address: str) -> None:
        item = self.repository.resolve(address)
        self.page.setPlainText(render_item(item, self.repository))
        index = self.toc_model.index_for_address(address)
        if index.isValid():
            self.toc_view.setCurrentIndex(index)

    def _show_index(self, index: QModelIndex) -> None:
        address = index.data(ADDRESS_ROLE)
        if address:
            self.page.setPlainText(render_item(self.repository.resolve(address), self.repository))
