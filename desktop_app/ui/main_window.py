"""The main window: contents sidebar, tabbed pages, find bar, menus and toolbar.

The window owns no content logic: it asks the PageRenderer for pages, the
models for lists, and keeps preferences and window state through
``desktop_app.ui.settings`` (two files under ``desktop_app.paths``).

Places for the other parts of the app:
    * ``install_search_panel(panel)`` puts a search panel beside the contents
      and routes Ctrl+K / Ctrl+L / F6 / "/" to it;
    * ``replace_bookmarks_menu(menu)`` puts a filled Bookmarks menu in place of
      the hidden placeholder; ``add_toolbar_action(action)`` adds to the toolbar;
    * ``current_title()`` is the current tab's title (bookmarks, notes, history);
    * ``add_side_dock(widget, title, name)`` docks a panel on the right
      (notes, history); its place is saved with the window state;
    * ``note_for_print(address)`` gives the user's note for a printout that
      includes it (File → Include My Note in Printouts);
    * ``address_opened`` / ``current_address_changed`` / ``current_address()``
      let history and bookmarks follow navigation.

Signals:
    address_opened(str): a page was opened by the user (link, sidebar, back/forward).
    current_address_changed(str): the current tab now shows another address.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, QSize, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content import ContentRepository
from desktop_app.content.addresses import COMPARE_PREFIX
from desktop_app.models.navigation_model import NavigationModel
from desktop_app.qt_namespace import Qt, set_enum_property
from desktop_app.rendering import RenderedPage
from desktop_app.rendering.home import HOME_ADDRESS, is_home, search_query
from desktop_app.rendering.pages import PageRenderer
from desktop_app.ui import theme
from desktop_app.ui.elided_label import ElidedLabel
from desktop_app.ui.reader.page_view import PageView
from desktop_app.ui.reader.sidebar import Sidebar
from desktop_app.ui.reader.tab import DocumentTab, TabContent
from desktop_app.ui.reader.tab_history import TabState
from desktop_app.ui.reader.tabs import DocumentTabs
from desktop_app.ui.settings import ZOOM_STEPS, Preferences, WindowStateStore
from desktop_app.ui.window_actions import build_actions
from desktop_app.version import APP_NAME, __version__

if TYPE_CHECKING:  # imported on first use: each costs start-up time (Qt classes: their enums)
    from PySide6.QtGui import QPagedPaintDevice
    from PySide6.QtWidgets import QDialog, QDockWidget, QTabBar

    from desktop_app.ui.compare.tab import CompareTab
    from desktop_app.ui.notice import Notice
    from desktop_app.ui.reader.find_bar import FindBar
    from desktop_app.ui.search.panel import SearchPanel

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
SIDEBAR_WIDTH = 300
# A saved session of thousands of tabs (a damaged or hostile window-state.ini) once took
# minutes and gigabytes to restore: the tabs nearest the current one come back, and only
# the current one is rendered at start; the others when first shown.
MAX_RESTORED_TABS = 50

WINDOW_FRAME = (16, 40)  # what a window manager's frame and title bar take, at most


def first_window_size(available: QSize) -> tuple[int, int]:
    """The first window's size: the default, shrunk to the screen's free area.

    A 1366×768 clinic screen must show the status bar with its disclaimer, so
    the window frame and title bar (about 40 px) are left out of the height.
    """
    width = max(640, min(DEFAULT_SIZE[0], available.width() - WINDOW_FRAME[0]))
    height = max(480, min(DEFAULT_SIZE[1], available.height() - WINDOW_FRAME[1]))
    return width, height


class MainWindow(QMainWindow):
    """The reader's window."""

    address_opened = Signal(str)
    current_address_changed = Signal(str)

    def __init__(
        self,
        repository: ContentRepository,
        preferences: Preferences | None = None,
        window_state: WindowStateStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.repository = repository
        self.preferences = preferences or Preferences()
        self.window_state_store = window_state or WindowStateStore()
        self.renderer = PageRenderer(repository)
        # The user's note on an address, for printouts that include it; the personal
        # layer sets it (the window knows nothing of the store).
        self.note_for_print: Callable[[str], str | None] = lambda _address: None
        self.meta = repository.meta
        self._theme = theme.resolve(self.preferences.theme)
        self._zoom = self.preferences.zoom
        self._restoring = False
        self._compare_tab: CompareTab | None = None
        self._compare_failed = False  # a grid that failed to start falls back to HTML pages
        self._search_panel: SearchPanel | None = None
        self._dialogs: list[QWidget] = []
        toc = repository.table_of_contents()
        self.start_address = HOME_ADDRESS  # a lookup start, not the article's first chapter
        self._lookup_tab: DocumentTab | None = None  # where lookups open (see open_address)
        self._reading_order = [e.uri for e in toc]

        self.unverified_label: QLabel | None = None  # set by _build_status_bar when needed
        self._close_guards: list[Callable[[], bool]] = []
        self.actions_ = build_actions(self)
        self._build_widgets()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect_actions()
        self._apply_theme(initial=True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        width, height = first_window_size(self.screen().availableGeometry().size())
        self.resize(width, height)
        self.splitter.setSizes([SIDEBAR_WIDTH, width - SIDEBAR_WIDTH])

    # -- construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        grid = self.repository.comparison()
        self.navigation_model = NavigationModel(
            self.repository.table_of_contents(),
            grid.agents,
            grid.attributes,
            self.repository.references(),
            self,
        )
        self.sidebar = Sidebar(self.navigation_model)
        self.sidebar.open_requested.connect(self.open_address)
        self.left_pane = QTabWidget()
        self.left_pane.setAccessibleName("Sidebar")
        self.left_pane.setTabBarAutoHide(True)
        self.left_pane.setDocumentMode(True)
        self.left_pane.addTab(self.sidebar, "Contents")
        self.tabs = DocumentTabs()
        self.tabs.currentChanged.connect(self._current_tab_changed)
        self.tabs.reopen_requested.connect(self._reopen_tab)
        self.tabs.new_tab_requested.connect(self.new_tab)
        self.tabs.emptied.connect(self._tabs_emptied)
        self._find_bar: FindBar | None = None  # made on first use (find_bar)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.tabs, 1)
        self._page_column = right_layout
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setAccessibleName("Sidebar and pages")
        self.splitter.addWidget(self.left_pane)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, True)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.setCentralWidget(self.splitter)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        slash = QShortcut(QKeySequence("/"), self.tabs)
        set_enum_property(slash, "context", "WidgetWithChildrenShortcut")
        slash.activated.connect(self.focus_search)

    @property
    def find_bar(self) -> FindBar:
        """Find in page, under the pages: made the first time it is needed.

        It is hidden until Ctrl+F, so it is not built on the way to the first
        paint (its module and widgets, ~1 ms). Once made it takes the place it
        had when it was built with the window: under the tabs, and for Tab
        right after the tab strip, before the page.
        """
        if self._find_bar is None:
            from desktop_app.ui.reader.find_bar import FindBar

            bar = FindBar()
            bar.query_changed.connect(self._find)
            bar.step_requested.connect(self._find_step)
            bar.closed.connect(self._find_closed)
            self._page_column.addWidget(bar)
            previous: QWidget = self.tabs.tabBar()  # Tab: the tab strip, then the bar
            for widget in bar.focus_order():
                QWidget.setTabOrder(previous, widget)
                previous = widget
            self._find_bar = bar
        return self._find_bar

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        bar.setAccessibleName("Menu bar")
        file_menu = bar.addMenu("&File")
        for action in (a.new_tab, a.close_tab, a.reopen_tab):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.print_page)
        file_menu.addAction(a.print_preview)
        file_menu.addAction(a.export_pdf)
        file_menu.addAction(a.print_with_note)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(a.copy_address)
        edit.addSeparator()
        for action in (a.find, a.find_next, a.find_previous):
            edit.addAction(action)
        view = bar.addMenu("&View")
        view.addAction(a.toggle_sidebar)
        view.addAction(a.focus_contents)
        view.addSeparator()
        for action in (a.zoom_in, a.zoom_out, a.zoom_reset):
            view.addAction(action)
        view.addSeparator()
        themes = view.addMenu("&Theme")
        for action in (a.theme_system, a.theme_light, a.theme_dark):
            themes.addAction(action)
        view.addSeparator()
        view.addAction(a.restore_session)
        self.view_menu = view
        go = bar.addMenu("&Go")
        for action in (a.back, a.forward):
            go.addAction(action)
        go.addSeparator()
        for action in (a.previous_section, a.next_section, a.start_page):
            go.addAction(action)
        go.addSeparator()
        for action in (a.next_tab, a.previous_tab):
            go.addAction(action)
        go.addSeparator()
        go.addAction(a.focus_search)
        self.bookmarks_menu = QMenu("&Bookmarks", self)
        bar.addMenu(self.bookmarks_menu)
        self.bookmarks_menu.menuAction().setVisible(False)  # shown once bookmarks are wired
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a.shortcuts)
        self.verify_action = help_menu.addAction("&Verify Installation…", self.verify_installation)
        self.verify_action.setStatusTip("Check the content database: checksum and every page")
        help_menu.addAction(a.about)
        help_menu.addAction("About &Qt", QApplication.aboutQt)

    def _build_toolbar(self) -> None:
        a = self.actions_
        bar = QToolBar("Navigation")
        bar.setObjectName("NavigationToolBar")
        bar.setAccessibleName("Navigation toolbar")
        bar.setMovable(False)
        set_enum_property(bar, "toolButtonStyle", "ToolButtonTextOnly")
        bar.addAction(a.back)
        bar.addAction(a.forward)
        bar.addSeparator()
        bar.addAction(a.toggle_sidebar)
        bar.addSeparator()
        self.search_slot = QWidget()  # a search field may be placed here by the integrator
        self.search_slot.setAccessibleName("Search")
        QVBoxLayout(self.search_slot).setContentsMargins(0, 0, 0, 0)
        # A toolbar shows or hides its widgets through their actions, not the widgets.
        self.search_slot_action = bar.addWidget(self.search_slot)
        self.search_slot_action.setVisible(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(a.zoom_out)
        bar.addAction(a.zoom_in)
        bar.addSeparator()
        bar.addAction(a.find)
        bar.addAction(a.print_page)
        self.addToolBar(bar)  # at the top
        self.toolbar = bar

    def _build_status_bar(self) -> None:
        meta = self.meta
        status = self.statusBar()
        status.setAccessibleName("Status bar")
        self.disclaimer_label = ElidedLabel(
            f"Content edition {meta.edition} ({meta.date})  ·  {meta.disclaimer}"
        )
        self.disclaimer_label.setAccessibleName("Disclaimer and content edition")
        self.disclaimer_label.setAccessibleDescription(self.disclaimer_label.text())
        if not self.repository.verified:
            # A file named with --db that came without its manifest: nothing vouches for
            # its words, so every page says so, for as long as it is open.
            self.unverified_label = QLabel("⚠ Unverified content")
            self.unverified_label.setToolTip(
                f"{self.repository.path} came without the manifest that vouches for it: "
                "a changed word would not be noticed. Use the content shipped with the app "
                "or a signed content update."
            )
            self.unverified_label.setAccessibleName("Warning: unverified content")
            self.unverified_label.setStyleSheet(
                "QLabel { background: #8a1c1c; color: white; font-weight: bold; padding: 1px 8px; }"
            )
            status.addPermanentWidget(self.unverified_label, 0)
            self._current_tab_changed()
        status.addPermanentWidget(self.disclaimer_label, 1)
        self._notice: Notice | None = None  # made by the first notify()

    def _connect_actions(self) -> None:
        a = self.actions_
        a.new_tab.triggered.connect(self.new_tab)
        a.close_tab.triggered.connect(self.close_current_tab)
        a.reopen_tab.triggered.connect(self.tabs.reopen_last)
        a.print_page.triggered.connect(self.print_current)
        a.print_preview.triggered.connect(self.print_preview)
        a.export_pdf.triggered.connect(lambda: self.export_pdf())
        a.quit.triggered.connect(self.close)
        a.copy_address.triggered.connect(self.copy_address)
        a.find.triggered.connect(self.open_find)
        a.find_next.triggered.connect(lambda: self._find_step(False))
        a.find_previous.triggered.connect(lambda: self._find_step(True))
        a.toggle_sidebar.setChecked(True)
        a.toggle_sidebar.toggled.connect(self.set_sidebar_visible)
        a.focus_contents.triggered.connect(self.focus_contents)
        a.zoom_in.triggered.connect(lambda: self.step_zoom(1))
        a.zoom_out.triggered.connect(lambda: self.step_zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(100))
        a.theme_system.triggered.connect(lambda: self.set_theme_preference("system"))
        a.theme_light.triggered.connect(lambda: self.set_theme_preference("light"))
        a.theme_dark.triggered.connect(lambda: self.set_theme_preference("dark"))
        a.back.triggered.connect(self.go_back)
        a.forward.triggered.connect(self.go_forward)
        a.previous_section.triggered.connect(lambda: self.step_section(-1))
        a.next_section.triggered.connect(lambda: self.step_section(1))
        a.start_page.triggered.connect(lambda: self.open_address(HOME_ADDRESS))
        a.next_tab.triggered.connect(lambda: self.tabs.cycle(1))
        a.previous_tab.triggered.connect(lambda: self.tabs.cycle(-1))
        a.focus_search.triggered.connect(self.focus_search)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        a.restore_session.setChecked(self.preferences.restore_session)
        a.restore_session.toggled.connect(self._set_restore_session)
        a.print_with_note.setChecked(self.preferences.print_with_note)
        a.print_with_note.toggled.connect(self._set_print_with_note)

    def _set_restore_session(self, on: bool) -> None:
        self.preferences.restore_session = on
        self.preferences.sync()

    def _set_print_with_note(self, on: bool) -> None:
        self.preferences.print_with_note = on
        self.preferences.sync()

    # -- tabs and navigation --------------------------------------------------------------

    def current_tab(self) -> TabContent | None:
        return self.tabs.current()

    def current_address(self) -> str:
        tab = self.tabs.current()
        return tab.current_address() if tab is not None else ""

    def current_page(self) -> PageView | None:
        """The text page of the current tab, if it shows one."""
        tab = self.tabs.current()
        return tab.page_view() if tab is not None else None

    def _make_document_tab(self) -> DocumentTab:
        tab = DocumentTab(self.renderer, theme.page_colours(self._theme), self._zoom)
        self._wire_tab(tab)
        tab.page.highlighted.connect(self._link_hovered)
        return tab

    def _wire_tab(self, tab: TabContent) -> None:
        tab.position_changed.connect(lambda _address, t=tab: self._tab_moved(t))
        tab.open_requested.connect(self.open_address)
        tab.external_link_requested.connect(self.show_external_link)
        tab.address_changed.connect(lambda address, t=tab: self._tab_navigated(t, address))
        tab.history_changed.connect(self._update_actions)

    def new_tab(self, address: str = "") -> TabContent:
        """Open ``address`` (default: the start page) in a new tab and show it."""
        tab = self._make_document_tab()
        self.tabs.add(tab)
        tab.navigate(address or self.start_address)
        return tab

    def open_address(self, address: str, new_tab: bool = False) -> None:
        """Open an address in the current lookup tab, or in a new one.

        Lookups reuse the page tab last used (as GoldenDict does), also when the
        Compare tab is in front, so five questions do not leave five tabs; only
        Ctrl+Enter, Ctrl+click or middle-click (``new_tab``) open another.
        """
        address = address.strip()
        if not address:
            return
        query = search_query(address)
        if query is not None:  # an example question on the home page
            self.run_search(query)
            return
        if (
            address.lower().startswith(COMPARE_PREFIX)
            and self.repository.exists(address)
            and self._open_in_compare_tab(address)
        ):
            return
        current = self.tabs.current()
        lookup = self._lookup_tab
        if not isinstance(current, DocumentTab) and lookup and self.tabs.indexOf(lookup) >= 0:
            current = lookup
            self.tabs.setCurrentWidget(current)
        if new_tab or not isinstance(current, DocumentTab):
            self.new_tab(address)
        else:
            current.navigate(address)
            current.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_in_compare_tab(self, address: str) -> bool:
        if self._compare_tab is not None and self.tabs.indexOf(self._compare_tab) < 0:
            self._compare_tab = None  # closed, its deletion still pending: open a fresh one
        if self._compare_tab is None:
            if self._compare_failed:
                return False
            from desktop_app.ui.compare.tab import CompareTab

            try:
                self._compare_tab = CompareTab(self.repository)
            except Exception:  # a broken grid must not take the reader down
                log.exception("comparison grid failed to start; using HTML pages")
                self._compare_failed = True
                return False
            self._wire_tab(self._compare_tab)
            self._compare_tab.apply_appearance(theme.page_colours(self._theme), self._zoom)
            self._compare_tab.destroyed.connect(self._compare_tab_closed)
            self.tabs.add(self._compare_tab)
        self.tabs.setCurrentWidget(self._compare_tab)
        self._compare_tab.navigate(address)
        self._compare_tab.widget.focus_view()  # the keyboard in the grid, not its toolbar
        return True

    def _compare_tab_closed(self) -> None:
        self._compare_tab = None

    def _tab_moved(self, tab: TabContent) -> None:
        """A move inside a tab (arrow keys in the grid): follow it, but it is no visit."""
        if tab is self.tabs.current():
            self._current_tab_changed()

    def _tab_navigated(self, tab: TabContent, address: str) -> None:
        if not self._restoring:
            self.address_opened.emit(address)
        if tab is self.tabs.current():
            self._current_tab_changed()

    def _current_tab_changed(self, _index: int = -1) -> None:
        tab = self.tabs.current()
        if isinstance(tab, DocumentTab):
            self._lookup_tab = tab
        elif tab is not None and tab is self._compare_tab and self._focus_in_tabs():
            self._compare_tab.widget.focus_view()  # switching tabs: focus the grid
        address = tab.current_address() if tab is not None else ""
        title = tab.title() if tab is not None else ""
        name = APP_NAME if self.unverified_label is None else f"{APP_NAME} (unverified content)"
        self.setWindowTitle(f"{title} — {name}" if title else name)
        self.sidebar.select_address(address)
        self._update_actions()
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find(self._find_bar.field.text(), self._find_bar.case.isChecked())
        self.current_address_changed.emit(address)

    def _focus_in_tabs(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self.tabs or self.tabs.isAncestorOf(focused))

    def _update_actions(self) -> None:
        a = self.actions_
        tab = self.tabs.current()
        a.back.setEnabled(tab is not None and tab.can_go_back())
        a.forward.setEnabled(tab is not None and tab.can_go_forward())
        a.reopen_tab.setEnabled(self.tabs.can_reopen())
        address = self.current_address()
        base = address.split("#", 1)[0]
        position = self._reading_order.index(base) if base in self._reading_order else -1
        a.previous_section.setEnabled(position > 0)
        a.next_section.setEnabled(0 <= position < len(self._reading_order) - 1)
        has_page = self.current_page() is not None
        a.find.setEnabled(has_page or isinstance(tab, DocumentTab))
        for action in (a.find_next, a.find_previous):
            action.setEnabled(has_page)

    def go_back(self) -> None:
        tab = self.tabs.current()
        if tab is not None:
            tab.back()

    def go_forward(self) -> None:
        tab = self.tabs.current()
        if tab is not None:
            tab.forward()

    def step_section(self, step: int) -> None:
        """Previous/next section in reading order."""
        base = self.current_address().split("#", 1)[0]
        if base in self._reading_order:
            position = self._reading_order.index(base) + step
            if 0 <= position < len(self._reading_order):
                self.open_address(self._reading_order[position])

    def close_current_tab(self) -> None:
        if self.tabs.count():
            self.tabs.close_tab(self.tabs.currentIndex())

    def _tabs_emptied(self) -> None:
        self.new_tab(self.start_address)

    def _reopen_tab(self, state: TabState) -> None:
        self._restore_tab(state)
        self._update_actions()

    def _restore_tab(self, state: TabState, show: bool = True) -> None:
        """Open a tab from its saved state; a page tab with no history is dropped.

        ``show=False``: the page is rendered when the tab is first shown.
        """
        if state["kind"] == "compare":
            self.open_address(state["address"], new_tab=True)
            return
        tab = self._make_document_tab()
        self.tabs.add(tab, focus=show, after_current=False)  # in saved order
        tab.restore(state, show)
        if not tab.current_address():
            self.tabs.close_tab(self.tabs.indexOf(tab))

    def copy_address(self) -> None:
        address = self.current_address()
        if address:
            QGuiApplication.clipboard().setText(address)
            self.notify(f"Copied {address}", 3000)

    @property
    def notice(self) -> Notice:
        """Transient messages over the page; made by the first message (none is shown
        on the way to the first paint, where it watched every event of the splitter)."""
        if self._notice is None:
            from desktop_app.ui.notice import Notice

            self._notice = Notice(self.splitter, self)
        return self._notice

    def notify(self, text: str, milliseconds: int = 3000) -> None:
        """A transient message: a notice over the page (seen, read out) and the status bar."""
        self.statusBar().showMessage(text, milliseconds)
        self.notice.show_text(text, milliseconds)

    def _link_hovered(self, url: object) -> None:
        text = url.toString() if hasattr(url, "toString") else str(url)
        if not text or text.startswith("#"):
            self.statusBar().clearMessage()
        elif text.lower().startswith("serm://"):
            self.statusBar().showMessage(text)
        else:
            self.statusBar().showMessage(f"Outside link (not opened by the app): {text}")

    def show_external_link(self, url: str) -> None:
        from desktop_app.ui.dialogs.external_link import ExternalLinkDialog

        dialog = ExternalLinkDialog(url, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.external_link_dialog = dialog

    # -- sidebar, search, docks -----------------------------------------------------------

    def set_sidebar_visible(self, visible: bool) -> None:
        self.left_pane.setVisible(visible)
        if visible and self.splitter.sizes()[0] == 0:  # it was dragged shut
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([SIDEBAR_WIDTH, max(total - SIDEBAR_WIDTH, 100)])
        if self.actions_.toggle_sidebar.isChecked() != visible:
            self.actions_.toggle_sidebar.setChecked(visible)

    def sidebar_visible(self) -> bool:
        return not self.left_pane.isHidden() and self.splitter.sizes()[0] > 0

    def _splitter_moved(self) -> None:
        """Dragging the sidebar shut unchecks View → Show Sidebar (and open checks it)."""
        action = self.actions_.toggle_sidebar
        blocker = QSignalBlocker(action)
        action.setChecked(self.splitter.sizes()[0] > 0)
        del blocker

    def focus_contents(self) -> None:
        self.set_sidebar_visible(True)
        self.left_pane.setCurrentWidget(self.sidebar)
        self.sidebar.focus_tree()

    def install_search_panel(self, panel: SearchPanel) -> None:
        """Add the search panel beside the contents, its field in the toolbar, and wire it.

        Ctrl+K / Ctrl+L / F6 / "/" then focus its field; opening a result opens
        the page and highlights the query's terms on it.
        """
        self._search_panel = panel
        self.left_pane.insertTab(0, panel, "Search")
        self.left_pane.setCurrentWidget(self.sidebar)
        field = panel.search_field  # the field lives in the toolbar, its results beside
        field.setMinimumWidth(280)
        layout = self.search_slot.layout()
        assert layout is not None
        layout.addWidget(field)
        self.search_slot_action.setVisible(True)
        field.textEdited.connect(self._show_search_results)
        panel.open_requested.connect(self._open_search_result)
        panel.dismissed.connect(self._focus_page)  # Escape in an empty field: back to the page
        self._focus_search_at_home()

    def _focus_search_at_home(self) -> None:
        """On the home page the keyboard belongs to the search field: typing searches."""
        if self._search_panel is not None and is_home(self.current_address()):
            self._search_panel.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # shown by the app, not brought back from the taskbar
            self._focus_search_at_home()

    def run_search(self, query: str) -> None:
        """Search for ``query`` now and show the results (the home page's example questions)."""
        if self._search_panel is None:
            return
        self._show_search_results()
        self._search_panel.set_query(query)
        self._search_panel.focus_search()

    def _show_search_results(self) -> None:
        self.set_sidebar_visible(True)
        if self._search_panel is not None:
            self.left_pane.setCurrentWidget(self._search_panel)

    def _open_search_result(self, address: str, new_tab: bool) -> None:
        self.open_address(address, new_tab)
        page = self.current_page()
        terms = self._search_panel.last_query_terms() if self._search_panel else []
        if page is not None and terms:
            page.highlight_terms(list(terms))

    def _focus_page(self) -> None:
        tab = self.tabs.current()
        if tab is not None:
            tab.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Ctrl+K, Ctrl+L, F6 and "/": the search field, or the contents filter without one."""
        self.set_sidebar_visible(True)
        if self._search_panel is not None:
            self.left_pane.setCurrentWidget(self._search_panel)
            self._search_panel.focus_search()
        else:
            self.left_pane.setCurrentWidget(self.sidebar)
            self.sidebar.focus_filter()

    def current_title(self) -> str:
        """The current tab's title ("" with no tab), for bookmarks, notes and history."""
        tab = self.tabs.current()
        return tab.title() if tab is not None else ""

    def refresh_home(self, only_if_changed: bool = False) -> None:
        """Render again every tab showing the home page (its lists changed).

        ``only_if_changed``: not when the lists are those the page was last built with.
        """
        if only_if_changed and self.renderer.personal_lists() == self.renderer.home_lists_shown:
            return
        for tab in self.tabs.tabs():
            if isinstance(tab, DocumentTab) and is_home(tab.current_address()):
                tab.reload()

    def add_toolbar_action(self, action: QAction) -> None:
        """Add a command of another part (the notes toggle) to the window's toolbar."""
        self.toolbar.addAction(action)

    def replace_bookmarks_menu(self, menu: QMenu) -> None:
        """Show ``menu`` where the hidden Bookmarks placeholder stands in the menu bar."""
        bar = self.menuBar()
        bar.insertMenu(self.bookmarks_menu.menuAction(), menu)
        bar.removeAction(self.bookmarks_menu.menuAction())
        self.bookmarks_menu = menu

    def add_side_dock(self, widget: QWidget, title: str, object_name: str) -> QDockWidget:
        """Dock a panel (notes, history, bookmarks) on the right; its place is remembered."""
        from PySide6.QtWidgets import QDockWidget

        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        dock.dockLocationChanged.connect(self.quiet_empty_dock_tab_bars)
        return dock

    # -- find in page ---------------------------------------------------------------------

    def open_find(self) -> None:
        tab = self.tabs.current()
        if isinstance(tab, DocumentTab) and tab.showing_references():
            tab.references_view().filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            tab.references_view().filter_field.selectAll()  # the list's own find
            return
        page = self.current_page()
        if page is None:
            return
        selected = page.textCursor().selectedText()
        self.find_bar.open_bar(selected if selected and len(selected) < 80 else "")
        self._find(self.find_bar.field.text(), self.find_bar.case.isChecked())

    def _find(self, text: str, case_sensitive: bool) -> None:
        page = self.current_page()
        if page is None:
            self.find_bar.show_result(0, 0)
            return
        if not text:
            page.clear_highlights()
            self.find_bar.show_result(0, 0)
            return
        page.find_all(text, case_sensitive)
        self.find_bar.show_result(*page.match_position())

    def _find_step(self, backward: bool) -> None:
        page = self.current_page()
        if page is None:
            return
        if not self.find_bar.isVisible() or not self.find_bar.field.text():
            self.open_find()
            if not self.find_bar.field.text():
                return
        self.find_bar.show_result(*page.find_next(backward))

    def _find_closed(self) -> None:
        page = self.current_page()
        if page is not None:
            page.clear_highlights()
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- zoom and theme -------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        self._zoom = min(ZOOM_STEPS, key=lambda step: abs(step - percent))
        self.preferences.zoom = self._zoom
        self._apply_appearance()
        self.actions_.zoom_in.setEnabled(self._zoom < ZOOM_STEPS[-1])
        self.actions_.zoom_out.setEnabled(self._zoom > ZOOM_STEPS[0])
        self.notify(f"Zoom {self._zoom}%", 2000)

    def step_zoom(self, step: int) -> None:
        index = ZOOM_STEPS.index(self._zoom) if self._zoom in ZOOM_STEPS else 4
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index + step))])

    @property
    def theme(self) -> str:
        """The theme in use: "light" or "dark"."""
        return self._theme

    def set_theme_preference(self, preference: str) -> None:
        self.preferences.theme = preference
        self._apply_theme()

    def _system_scheme_changed(self) -> None:
        if self.preferences.theme == "system":
            self._apply_theme()

    def _apply_theme(self, initial: bool = False) -> None:
        preference = self.preferences.theme
        self._theme = theme.resolve(preference)
        if (self._theme == "dark") != theme.system_prefers_dark():  # platform's palette in use
            theme.use_palette(
                theme.dark_palette() if self._theme == "dark" else theme.light_palette()
            )
        a = self.actions_
        {"system": a.theme_system, "light": a.theme_light, "dark": a.theme_dark}[
            preference
        ].setChecked(True)
        if not initial:
            self._apply_appearance()

    def _apply_appearance(self) -> None:
        colours = theme.page_colours(self._theme)
        for tab in self.tabs.tabs():
            tab.apply_appearance(colours, self._zoom)

    def quiet_empty_dock_tab_bars(self) -> None:
        """An empty side-panel tab bar takes no keyboard focus (screen readers skip it).

        Qt keeps a tab bar for docks once tabified, shown even with no tabs (off the
        window); focusable, it would be a control with no name, since AT-SPI names a
        tab bar by its current tab. It takes the focus again once it has tabs. Called
        when docks are added, tabified or restored (a ``childEvent`` override did it for
        every child, and cost ~50 ms of start-up in Python calls).
        """
        from PySide6.QtWidgets import QTabBar

        for bar in self.findChildren(QTabBar):
            if bar.parent() is not self:  # a tab widget's own bar
                continue
            if not bar.property("sermFocusFollowsTabs"):
                bar.setProperty("sermFocusFollowsTabs", True)
                bar.currentChanged.connect(lambda _index, b=bar: _focus_if_tabs(b))
            _focus_if_tabs(bar)

    # -- printing -------------------------------------------------------------------------

    def printable_page(self) -> RenderedPage:
        tab = self.tabs.current()
        if isinstance(tab, DocumentTab):
            return tab.printable_page()
        return self.renderer.render(self.current_address() or self.start_address)

    def printable_html(self) -> str:
        """The current page for paper: light colours, no navigation, the note if asked for."""
        from desktop_app.rendering.print_stamp import printable_html, stamp_for  # not at start

        stamp = stamp_for(self.meta, __version__, date.today())
        page = self.printable_page()
        note = (
            self.note_for_print(page.address) if self.actions_.print_with_note.isChecked() else ""
        )
        return printable_html(page, self.meta, stamp, note or "")

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """Save the current page as PDF; ask where when no path is given."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # rarely used: not at start-up

        from desktop_app.rendering.print_stamp import stamp_for
        from desktop_app.ui.documents import suggested_file
        from desktop_app.ui.printing import export_pdf

        page = self.printable_page()
        if path is None:
            suggested = str(suggested_file(page.title, "pdf"))
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export PDF", suggested, "PDF files (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        stamp = stamp_for(self.meta, __version__, date.today())
        try:
            pages = export_pdf(self.printable_html(), path, stamp, page.title)
        except OSError as error:
            QMessageBox.warning(self, "Export PDF", f"Could not write {path}:\n{error}")
            return None
        self.notify(f"Saved {pages} page{'s' if pages != 1 else ''} to {path.name}", 5000)
        log.info("exported %s to %s (%d pages)", page.address, path, pages)
        return path

    def print_current(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from desktop_app.ui.printing import make_printer

        printer = make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print page")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPagedPaintDevice) -> int:
        """Paint the current page on ``printer`` through the one print path; return sheets."""
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.rendering.print_stamp import stamp_for
        from desktop_app.ui.printing import paint_document

        page = self.printable_page()
        stamp = stamp_for(self.meta, __version__, date.today())
        try:
            return paint_document(self.printable_html(), printer, stamp, page.title)
        except OSError as error:
            QMessageBox.warning(self, "Print", str(error))
            return 0

    def print_preview(self) -> QDialog:
        """File → Print Preview: the sheets exactly as Print would paint them."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from desktop_app.ui.printing import make_printer

        printer = make_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print Preview — {self.printable_page().title}")
        dialog.paintRequested.connect(self.print_to)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- dialogs --------------------------------------------------------------------------

    def show_about(self) -> QWidget:
        from desktop_app.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.meta, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def verify_installation(self) -> QWidget:
        """Help → Verify Installation: the full check, run in the background by the dialog."""
        from desktop_app.content import default_database_path
        from desktop_app.ui.dialogs.verify import VerifyInstallationDialog

        dialog = VerifyInstallationDialog(self.repository.path or default_database_path(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start()
        return dialog

    def show_shortcuts(self) -> QWidget:
        from desktop_app.ui.dialogs.about import ShortcutsDialog

        # Every action under the window (menus, toolbar, docks, the personal layer).
        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- state ----------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Bring back geometry, docks, splitter, sidebar and tabs (start page otherwise).

        Docks (``add_side_dock``) must exist before this runs to get their place back.
        Called again once they do, it brings back the window state only.
        """
        self.restore_window_state()
        if self.tabs.count():  # called again (e.g. after adding docks): window state only
            self.quiet_empty_dock_tab_bars()  # restoreState may have tabified the docks
            return
        self.restore_tabs()

    def restore_window_state(self) -> None:
        """Geometry, docks, splitter and sidebar: what must be in place before the window maps."""
        store = self.window_state_store
        if store.geometry is not None:
            self.restoreGeometry(store.geometry)
        if store.window_state is not None:
            self.restoreState(store.window_state)
        if store.splitter is not None:
            self.splitter.restoreState(store.splitter)
        self.set_sidebar_visible(store.sidebar_visible)

    def restore_tabs(self) -> None:
        """The saved tabs, or the start page: the first page the window paints.

        The app calls this right after ``show()``, before the event loop paints
        anything: the tab widget lays its pages out only once it is visible, so a
        page added before would first be sized for a moment at a stale 256 px
        and laid out at that width too, one more layout of the whole page on the
        way to the first paint (~1.5 ms).
        """
        store = self.window_state_store
        self._restoring = True
        try:
            # The home page unless the user asked for the last session back (View menu).
            saved = store.tabs if self.preferences.restore_session else []
            current = min(max(store.current_tab, 0), max(len(saved) - 1, 0))
            first = max(0, min(current - MAX_RESTORED_TABS // 2, len(saved) - MAX_RESTORED_TABS))
            if len(saved) > MAX_RESTORED_TABS:
                log.warning("restoring %d of %d saved tabs", MAX_RESTORED_TABS, len(saved))
            for index in range(first, min(len(saved), first + MAX_RESTORED_TABS)):
                self._restore_tab(saved[index], show=index == current)
            if self.tabs.count() == 0:
                self.new_tab(self.start_address)
            else:
                self.tabs.setCurrentIndex(min(current - first, self.tabs.count() - 1))
        finally:
            self._restoring = False
        self._current_tab_changed()

    def save_state(self) -> None:
        self.window_state_store.save(
            self.saveGeometry(),
            self.saveState(),
            self.splitter.saveState(),
            not self.left_pane.isHidden(),
            [tab.state() for tab in self.tabs.tabs()],
            self.tabs.currentIndex(),
        )
        self.preferences.sync()

    def forget_tab_histories(self) -> None:
        """Clear History reaches the tabs too: their back/forward lists, the closed
        tabs and the saved window state no longer hold pages the user cleared."""
        for tab in self.tabs.tabs():
            if isinstance(tab, DocumentTab):
                tab.history.forget_all_but_current()
                tab.history_changed.emit()
        self.tabs.forget_closed()
        self._update_actions()
        self.save_state()

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        """``guard()`` runs before the window closes; False keeps it open (unsaved text)."""
        self._close_guards.append(guard)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(guard() for guard in self._close_guards):
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)


def _focus_if_tabs(bar: QTabBar) -> None:
    set_enum_property(bar, "focusPolicy", "TabFocus" if bar.count() else "NoFocus")
