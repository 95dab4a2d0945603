"""The Compare tab: every agent against every safety attribute, each value with its source.

Layout, left to right: what to show (agents, attributes) and the legend; the
grid (or the article's own two tables); the detail pane for the selection.
Everything works from the keyboard: Tab moves between the parts, arrows move
in the grid, Shift+Space selects an attribute's whole line, Return moves to the
details, Escape comes back, Ctrl+C copies the selected cells as tab-separated
text, and each button has an Alt+letter.
"""

from __future__ import annotations

import logging
from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPagedPaintDevice,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.addresses import AddressError, parse_address
from desktop_app.content.compare.export import write_csv
from desktop_app.content.compare.wording import display_value
from desktop_app.content.records import ArticleTable
from desktop_app.content.repository import ContentRepository, UnknownAddressError
from desktop_app.models.compare.filters import ChoiceListModel
from desktop_app.models.compare.model import ComparisonModel
from desktop_app.rendering.compare_detail import (
    article_cell_html,
    cell_detail_html,
    row_detail_html,
)
from desktop_app.rendering.compare_print import grid_print_html
from desktop_app.rendering.print_stamp import Stamp, stamp_for
from desktop_app.rendering.theme import DARK, LIGHT, PageColours
from desktop_app.ui.compare.article_tables import ArticleTablesPage
from desktop_app.ui.compare.delegate import CompareCellDelegate
from desktop_app.ui.compare.legend import LegendView
from desktop_app.ui.documents import suggested_file
from desktop_app.version import __version__

log = logging.getLogger(__name__)

GRID_PAGE, TABLES_PAGE = 0, 1
GRID_TITLE = "SERM Reference — comparison grid"
ARTICLE_TABLES = ("endometrial", "long-term-safety")  # in the article's order
STRETCH_UP_TO = 5  # columns; more than that (transposed) scroll sideways at a readable width
WIDE_COLUMN = 170
HEADER_WIDTH = 150
ROOMY_WIDTH = 1250  # below this, the filters and legend start hidden to give the grid room


class CompareGridView(QTableView):
    """The grid, with spreadsheet keys on top of QTableView's own navigation.

    Signals:
        line_requested: Shift+Space, to select the current attribute's whole line.
        details_requested: Return/Enter, to read the selection in the detail pane.
        copy_requested: the platform's Copy key (Ctrl+C).
    """

    line_requested = Signal()
    details_requested = Signal()
    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(CompareCellDelegate(self))
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setCornerButtonEnabled(False)
        horizontal = self.horizontalHeader()
        horizontal.setMinimumSectionSize(110)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        horizontal.setHighlightSections(True)
        # Row heights follow the wrapped text, so measure again when columns change width.
        self._measure = QTimer(self)
        self._measure.setSingleShot(True)
        self._measure.setInterval(0)
        self._measure.timeout.connect(self.resizeRowsToContents)
        horizontal.sectionResized.connect(self._measure.start)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Long attribute names wrap rather than widen the header past the values.
        vertical.setMaximumWidth(HEADER_WIDTH)
        vertical.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        )
        vertical.setHighlightSections(True)
        self.setAccessibleName("Comparison grid")
        self.setAccessibleDescription(
            "Each cell: an agent and a safety attribute, with its marker and where it comes "
            "from. Arrow keys move, Shift+Space selects the whole attribute, Return reads the "
            "details, Control+C copies."
        )

    def fit_columns(self) -> None:
        """Stretch a few columns to the width; give many (transposed) a readable width."""
        header = self.horizontalHeader()
        count = self.model().columnCount() if self.model() else 0
        if count <= STRETCH_UP_TO:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for column in range(count):
                header.resizeSection(column, WIDE_COLUMN)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        key = event.key()
        if key == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self.line_requested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.details_requested.emit()
            return
        super().keyPressEvent(event)


class _EscapeBack(QObject):
    """Escape in the detail pane returns to the view the selection came from."""

    def __init__(self, widget: CompareWidget) -> None:
        super().__init__(widget)
        self._widget = widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self._widget.focus_view()
            return True
        return False


class CompareWidget(QWidget):
    """The comparison grid with its filters, legend, article tables and detail pane.

    Signals:
        open_requested: (address, new_tab) for a link in the detail pane to a
            section, an agent or a reference. Links to the grid itself are
            handled here.
        address_changed: the address now shown (a row or a cell), for history.
        external_link_requested: an outside link was clicked; the window shows it
            in the external-link dialog, as it does for a page.
    """

    open_requested = Signal(str, bool)
    address_changed = Signal(str)
    external_link_requested = Signal(str)

    def __init__(self, repository: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWidget")
        self._repository = repository
        self._address = ""
        self._sized = False
        self._page_colours: PageColours | None = None  # the window's theme, once it says
        grid = repository.comparison()
        self.model = ComparisonModel(grid, self)
        self.agent_choices = ChoiceListModel(
            tuple((a.inn, a.name, a.uri) for a in grid.agents), "agent", self
        )
        self.attribute_choices = ChoiceListModel(
            tuple((a.key, a.label, a.uri) for a in grid.attributes), "attribute", self
        )

        self.grid_view = CompareGridView()
        self.grid_view.setModel(self.model)
        self.grid_view.fit_columns()
        self.tables_page = ArticleTablesPage(
            tuple(
                (repository.article_table(key), repository.article_table_section(key))
                for key in ARTICLE_TABLES
            )
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid_view)
        self.stack.addWidget(self.tables_page)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.setAccessibleName("Details of the selection")
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.detail.installEventFilter(_EscapeBack(self))
        self.detail.setMinimumWidth(260)

        self._build_controls()
        self._build_layout()
        self._connect()
        self.setFocusProxy(self.grid_view)  # focusing the tab puts the keyboard in the grid
        self.select_address(grid.cells[0][0].uri)

    # -- construction ---------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.grid_button = self._tool("Gr&id", "Show the comparison grid", checkable=True)
        self.tables_button = self._tool(
            "&Article tables", "Show the article's two tables exactly as it had them", True
        )
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.view_group.addButton(self.grid_button, GRID_PAGE)
        self.view_group.addButton(self.tables_button, TABLES_PAGE)
        self.grid_button.setChecked(True)
        self.transpose_button = self._tool(
            "T&ranspose", "Swap rows and columns: agents as rows, attributes as columns", True
        )
        self.copy_button = self._tool("&Copy", "Copy the selected cells as tab-separated text")
        self.csv_button = self._tool("E&xport CSV…", "Save the visible grid as a CSV file")
        self.pdf_button = self._tool("Export P&DF…", "Save the visible grid as a PDF file")
        self.print_button = self._tool("Pri&nt…", "Print the visible grid")
        self.agents_view = self._choice_view(self.agent_choices, "Agents shown in the grid")
        self.attributes_view = self._choice_view(
            self.attribute_choices, "Safety attributes shown in the grid"
        )
        self.panel_button = self._tool(
            "Filter&s and legend", "Show or hide the agent and attribute lists and the legend", True
        )
        self.panel_button.setChecked(True)
        self.show_all_button = QPushButton("Show a&ll")
        self.show_all_button.setToolTip("Show every agent and every attribute")
        self.legend_view = LegendView()

    def _tool(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(tip)
        button.setCheckable(checkable)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _choice_view(self, model: ChoiceListModel, name: str) -> QListView:
        view = QListView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setToolTip(f"{name}: Space shows or hides the current one")
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setCurrentIndex(model.index(0))
        # Tall enough for every name, no more: the legend gets the rest of the column.
        rows = model.rowCount()
        view.setFixedHeight(view.sizeHintForRow(0) * rows + 2 * view.frameWidth() + 2)
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 4)
        return view

    def _build_layout(self) -> None:
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.panel_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(QLabel("View:"))
        toolbar.addWidget(self.grid_button)
        toolbar.addWidget(self.tables_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.transpose_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.copy_button)
        toolbar.addWidget(self.csv_button)
        toolbar.addWidget(self.pdf_button)
        toolbar.addWidget(self.print_button)
        toolbar.addStretch(1)

        sidebar = self.sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        agents_label = QLabel("Agen&ts")
        agents_label.setBuddy(self.agents_view)
        attributes_label = QLabel("Attrib&utes")
        attributes_label.setBuddy(self.attributes_view)
        legend_label = QLabel("Legend")
        legend_label.setBuddy(self.legend_view)
        side.addWidget(agents_label)
        side.addWidget(self.agents_view)
        side.addWidget(attributes_label)
        side.addWidget(self.attributes_view)
        side.addWidget(self.show_all_button)
        side.addWidget(legend_label)
        side.addWidget(self.legend_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 820, 360])

        outer = QVBoxLayout(self)
        outer.addLayout(toolbar)
        outer.addWidget(self.splitter, 1)

        order = [
            self.panel_button,
            self.grid_button,
            self.tables_button,
            self.transpose_button,
            self.copy_button,
            self.csv_button,
            self.pdf_button,
            self.print_button,
            self.agents_view,
            self.attributes_view,
            self.show_all_button,
            self.legend_view,
            self.grid_view,
            self.tables_page,
            self.detail,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.view_group.idToggled.connect(self._on_view_toggled)
        self.transpose_button.toggled.connect(self._on_transpose)
        self.copy_button.clicked.connect(self.copy_selection)
        self.csv_button.clicked.connect(self._export_csv_dialog)
        self.pdf_button.clicked.connect(self._export_pdf_dialog)
        self.print_button.clicked.connect(self._print_dialog)
        self.show_all_button.clicked.connect(self.show_everything)
        self.panel_button.toggled.connect(self.sidebar.setVisible)
        self.agent_choices.chosen_changed.connect(self._on_choices)
        self.attribute_choices.chosen_changed.connect(self._on_choices)
        selection = self.grid_view.selectionModel()
        selection.selectionChanged.connect(self._sync_detail)
        selection.currentChanged.connect(self._sync_detail)
        self.grid_view.line_requested.connect(self._select_current_line)
        self.grid_view.details_requested.connect(self.focus_details)
        self.grid_view.copy_requested.connect(self.copy_selection)
        self.detail.anchorClicked.connect(self._on_link)
        self.tables_page.cell_selected.connect(self._show_article_cell)
        self.tables_page.link_activated.connect(lambda uri: self._open(uri, False))

    # -- public API -----------------------------------------------------------------------

    def current_address(self) -> str:
        """The row or cell shown in the detail pane (serm://compare/...)."""
        return self._address

    def select_address(self, uri: str) -> None:
        """Show and select ``serm://compare/<attribute>[/<agent>]``; a hidden one is shown again.

        Raises AddressError or UnknownAddressError for anything the grid cannot show.
        """
        address = parse_address(uri)
        if address.kind != "compare":
            raise AddressError(f"not a comparison address: {uri}")
        grid = self.model.grid
        attribute = address.parts[0]
        if attribute not in [a.key for a in grid.attributes]:
            raise UnknownAddressError(f"no comparison attribute {attribute}")
        agent = address.parts[1] if len(address.parts) == 2 else None
        if agent is not None and agent not in [a.inn for a in grid.agents]:
            raise UnknownAddressError(f"no agent {agent} in the comparison")
        if attribute not in self.attribute_choices.chosen():
            self.attribute_choices.set_chosen((*self.attribute_choices.chosen(), attribute))
        if agent is not None and agent not in self.agent_choices.chosen():
            self.agent_choices.set_chosen((*self.agent_choices.chosen(), agent))
        self.grid_button.setChecked(True)
        if agent is not None:
            index = self.model.index_for_address(f"serm://compare/{attribute}/{agent}")
            self.grid_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.grid_view.scrollTo(index)
        else:
            self._select_attribute_line(attribute)

    def focus_view(self) -> None:
        """Keyboard focus to the grid (or the article tables, when they are shown)."""
        if self.stack.currentIndex() == GRID_PAGE:
            self.grid_view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tables_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_details(self) -> None:
        self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_everything(self) -> None:
        address = self._address
        self.agent_choices.set_chosen(tuple(a.inn for a in self.model.grid.agents))
        self.attribute_choices.set_chosen(tuple(a.key for a in self.model.grid.attributes))
        if address:
            self.select_address(address)

    def copy_selection(self) -> str:
        """Copy the selected cells as tab-separated text with their headings; return it."""
        indexes = self.grid_view.selectionModel().selectedIndexes()
        if not indexes:
            current = self.grid_view.currentIndex()
            indexes = [current] if current.isValid() else []
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        horizontal = Qt.Orientation.Horizontal
        vertical = Qt.Orientation.Vertical
        lines = ["\t".join(["", *(_tsv(self.model.headerData(c, horizontal)) for c in columns)])]
        for r in rows:
            values = [_tsv(self.model.headerData(r, vertical))]
            for c in columns:
                cell = self.model.cell(self.model.index(r, c))
                values.append(_tsv(display_value(cell)) if cell and (r, c) in chosen else "")
            lines.append("\t".join(values))
        text = "\n".join(lines) + "\n"
        QGuiApplication.clipboard().setText(text)
        return text

    def export_csv(self, path: Path) -> int:
        """Write the visible grid to ``path`` (UTF-8 with BOM, for spreadsheets); return cells."""
        with Path(path).open("w", encoding="utf-8-sig", newline="") as out:
            return write_csv(out, self._repository.meta, self.model.grid, self.model.grid_layout)

    def print_html(self) -> str:
        """The visible grid as a printable document: stamp, legend, grid, every value."""
        return grid_print_html(self._repository.meta, self.model.grid, self.model.grid_layout)

    def export_pdf(self, path: Path) -> int:
        """Write the visible grid to a landscape A4 PDF; return the number of sheets.

        Through ui/printing like every printout, so each sheet carries the same stamp.
        """
        from desktop_app.ui.printing import LANDSCAPE, export_pdf

        return export_pdf(self.print_html(), path, self._stamp(), GRID_TITLE, LANDSCAPE)

    def print_to(self, printer: QPagedPaintDevice) -> int:
        """Paint the visible grid on ``printer`` (a QPrinter, or a preview's); return sheets."""
        from desktop_app.ui.printing import paint_document

        return paint_document(self.print_html(), printer, self._stamp(), GRID_TITLE)

    def _stamp(self) -> Stamp:
        return stamp_for(self._repository.meta, __version__, date.today())

    def showEvent(self, event: QShowEvent) -> None:
        """On first show, share the width out: a narrow tab starts with the panel hidden."""
        super().showEvent(event)
        if self._sized:
            return
        self._sized = True
        width = self.width()
        if width < ROOMY_WIDTH:
            self.panel_button.setChecked(False)
        detail = max(self.detail.minimumWidth(), int(width * 0.27))
        side = self.sidebar.sizeHint().width() if self.panel_button.isChecked() else 0
        self.splitter.setSizes([side, max(300, width - side - detail), detail])

    # -- reactions ------------------------------------------------------------------------

    def _on_view_toggled(self, page: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(page)
            self.transpose_button.setEnabled(page == GRID_PAGE)
            self.copy_button.setEnabled(page == GRID_PAGE)

    def _on_transpose(self, transposed: bool) -> None:
        address = self._address
        self.model.set_transposed(transposed)
        self.grid_view.fit_columns()
        if address:
            self.select_address(address)

    def _on_choices(self, _chosen: tuple[str, ...]) -> None:
        address = self._address
        self.model.set_visible(self.agent_choices.chosen(), self.attribute_choices.chosen())
        self.grid_view.fit_columns()
        parts = address.removeprefix("serm://compare/").split("/")
        visible = parts[0] in self.model.grid_layout.attributes and (
            len(parts) == 1 or parts[1] in self.model.grid_layout.agents
        )
        if address and visible:
            self.select_address(address)
        elif self.model.rowCount() and self.model.columnCount():
            first = self.model.cell(self.model.index(0, 0))
            if first is not None:
                self.select_address(first.uri)

    def _select_current_line(self) -> None:
        cell = self.model.cell(self.grid_view.currentIndex())
        if cell is not None:
            self._select_attribute_line(cell.attribute)

    def _select_attribute_line(self, attribute: str) -> None:
        line = self.model.attribute_line(attribute)
        if line is None:
            return
        orientation, position = line
        if orientation == Qt.Orientation.Vertical:
            first = self.model.index(position, 0)
            last = self.model.index(position, self.model.columnCount() - 1)
        else:
            first = self.model.index(0, position)
            last = self.model.index(self.model.rowCount() - 1, position)
        selection = self.grid_view.selectionModel()
        current = selection.currentIndex()
        keep = current if self.model.cell(current) and self._on_line(current, attribute) else first
        selection.setCurrentIndex(keep, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.select(
            QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.grid_view.scrollTo(keep)
        self._sync_detail()

    def _on_line(self, index: QModelIndex, attribute: str) -> bool:
        cell = self.model.cell(index)
        return cell is not None and cell.attribute == attribute

    def _selected_attribute_line(self) -> str | None:
        """The attribute whose whole visible line is selected, and nothing else."""
        indexes = self.grid_view.selectionModel().selectedIndexes()
        cells = [self.model.cell(i) for i in indexes]
        attributes = {c.attribute for c in cells if c is not None}
        if len(attributes) != 1 or len(indexes) < 2:
            return None
        attribute = attributes.pop()
        expected = len(self.model.grid_layout.agents)
        return attribute if len(indexes) == expected else None

    def _colours(self) -> PageColours:
        if self._page_colours is not None:
            return self._page_colours
        window = self.palette().color(QPalette.ColorRole.Base)
        return DARK if window.lightness() < 128 else LIGHT

    def set_colours(self, colours: PageColours) -> None:
        """The window's theme changed: draw the detail pane again in its colours."""
        self._page_colours = colours
        self._sync_detail()

    def _sync_detail(self, *_args: object) -> None:
        attribute = self._selected_attribute_line()
        if attribute is not None:
            row = self.model.grid.row(attribute)
            self._show(row.attribute.uri, row_detail_html(row, self._repository, self._colours()))
            return
        cell = self.model.cell(self.grid_view.currentIndex())
        if cell is not None:
            self._show(cell.uri, cell_detail_html(cell, self._repository, self._colours()))

    def _show(self, address: str, html: str) -> None:
        self.detail.setHtml(html)
        if address != self._address:
            self._address = address
            self.address_changed.emit(address)

    def _show_article_cell(self, table: ArticleTable, row: int, column: int) -> None:
        section = self._repository.article_table_section(table.key)
        self.detail.setHtml(article_cell_html(table, row, column, section, self._colours()))

    def _on_link(self, url: QUrl) -> None:
        new_tab = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._open(url.toString(), new_tab)

    def _open(self, uri: str, new_tab: bool) -> None:
        if uri.startswith("#"):
            self.detail.scrollToAnchor(uri[1:])
            return
        if uri.startswith("serm://compare/") and not new_tab:
            self.select_address(uri)
            return
        if uri.startswith("serm://"):
            self.open_requested.emit(uri, new_tab)
            return
        # The reader's one rule for outside links: show the address to copy, never open it.
        self.external_link_requested.emit(uri)

    # -- dialogs (thin wrappers over the methods above) ------------------------------------

    def _export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the visible grid as CSV",
            str(suggested_file("serm-comparison", "csv")),
            "CSV files (*.csv)",
        )
        if path:
            self._report(lambda: self.export_csv(Path(path)), path)

    def _export_pdf_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the visible grid as PDF",
            str(suggested_file("serm-comparison", "pdf")),
            "PDF files (*.pdf)",
        )
        if path:
            self._report(lambda: self.export_pdf(Path(path)), path)

    def _print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from desktop_app.ui.printing import LANDSCAPE, make_printer

        printer = make_printer(LANDSCAPE)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the visible grid")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._report(lambda: self.print_to(printer), printer.printerName() or "the printer")

    def _report(self, action: object, path: str) -> None:
        try:
            action()  # type: ignore[operator]
        except OSError as error:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}:\n{error}")


def _tsv(value: object) -> str:
    """One field of tab-separated text: no tabs or line breaks inside."""
    return " ".join(str(value or "").split())
