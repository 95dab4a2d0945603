"""A floor for bench/startup.py: the app's first screen, built by plain PySide6 code.

It shows what SERM Reference shows at its first paint (the same menus and
actions with their shortcuts, the toolbar, the contents filter and tree with
the same items open, the tab bar, the home page's HTML in a QTextBrowser at
the reading font size, the status bar's disclaimer), but none of the app's own
code runs: no content database, no models of ours, no logging, no crash
safety, no user state. Like the app, it leaves alone what costs start-up time
for nothing: the ``Qt`` namespace, whose 93 enum classes take ~20 ms to build
(desktop_app/qt_namespace.py), and QAction's text constructor, which builds
QIcon's. Whatever the app takes beyond this figure is the cost of its own
code; whatever this figure takes beyond the bare window is the cost of the
screen itself in PySide6.

The screen's contents are read from a fixture (JSON) that ``--make-fixture``
writes once, before the timed runs, by building the real window offscreen.

    python bench/_skeleton_window.py --make-fixture OUT.json --db CONTENT.sqlite
    python bench/_skeleton_window.py FIXTURE.json   (timed; reports like _bare_window.py)
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


def process_start() -> float:
    """Start of this process on the CLOCK_BOOTTIME scale (as desktop_app.app does)."""
    with open("/proc/self/stat", encoding="ascii") as stat:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    return ticks / os.sysconf("SC_CLK_TCK")


def resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])


class Probe(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - process_start()
        print(f"first-paint {elapsed:.4f} rss-kb {resident_kb()}", flush=True)
        if os.environ.get("SERM_REFERENCE_FIRST_PAINT_PROBE") == "exit":
            os._exit(0)  # as the app does: the count ends at the first paint
        QTimer.singleShot(0, QApplication.quit)


# -- the fixture: what the real window shows at its first paint ------------------------


def make_fixture(out: str, database: str) -> None:
    """Build the real window offscreen and write down what its first screen holds."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path

    from desktop_app.content import ContentRepository
    from desktop_app.rendering import html_document
    from desktop_app.ui.main_window import SIDEBAR_WIDTH, MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow(ContentRepository.open(Path(database)))
    window.restore_state()
    page = window.current_page()
    assert page is not None and page.page is not None

    def tree(parent: Any) -> list[dict[str, Any]]:
        model = window.sidebar.proxy
        rows = []
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append(
                {
                    "title": index.data(),
                    "open": window.sidebar.tree.isExpanded(index),
                    "children": tree(index),
                }
            )
        return rows

    from PySide6.QtCore import QModelIndex

    fixture = {
        "title": window.windowTitle(),
        "sidebar_width": SIDEBAR_WIDTH,
        "actions": [
            {
                "text": action.text(),
                "shortcuts": [s.toString() for s in action.shortcuts()],
                "tip": action.toolTip(),
                "status": action.statusTip(),
                "icon_text": action.iconText(),
                "checkable": action.isCheckable(),
            }
            for action in window.actions_.all()
        ],
        "menus": [
            {"title": menu.title(), "actions": [a.text() for a in menu.actions()]}
            for menu in (a.menu() for a in window.menuBar().actions())
            if menu is not None and menu.menuAction().isVisible()
        ],
        "toolbar": [a.text() for a in window.toolbar.actions() if a.isVisible()],
        "tree": tree(QModelIndex()),
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "html": html_document(page.page.body, page._colours, page.page.title),
        "font_points": page.document().defaultFont().pointSizeF(),
        "status": window.disclaimer_label.text(),
    }
    with open(out, "w", encoding="utf-8") as file:
        json.dump(fixture, file)
    window.close()
    app.quit()


def first_window_size(available: QSize) -> tuple[int, int]:
    """The app's own rule (desktop_app.ui.main_window.first_window_size), not imported:
    importing the app's window module is a cost this floor leaves out."""
    width = max(640, min(1280, available.width() - 16))
    height = max(480, min(800, available.height() - 40))
    return width, height


# -- the timed window -------------------------------------------------------------------


def build_window(fixture: dict[str, Any]) -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle(fixture["title"])
    actions: dict[str, QAction] = {}
    for spec in fixture["actions"]:
        action = QAction(window)
        action.setText(spec["text"])
        action.setShortcuts([QKeySequence(s) for s in spec["shortcuts"]])
        action.setToolTip(spec["tip"])
        action.setStatusTip(spec["status"])
        if spec["icon_text"]:
            action.setIconText(spec["icon_text"])
        action.setCheckable(spec["checkable"])
        window.addAction(action)
        actions[spec["text"]] = action
    for menu_spec in fixture["menus"]:
        menu = window.menuBar().addMenu(menu_spec["title"])
        for text in menu_spec["actions"]:
            if text in actions:
                menu.addAction(actions[text])
            elif text:
                menu.addAction(text)
            else:
                menu.addSeparator()
    toolbar = QToolBar("Navigation")
    toolbar.setMovable(False)
    toolbar.setProperty("toolButtonStyle", "ToolButtonTextOnly")
    for text in fixture["toolbar"]:
        if text in actions:
            toolbar.addAction(actions[text])
        elif not text:
            toolbar.addSeparator()
    window.addToolBar(toolbar)  # at the top

    model = QStandardItemModel(window)
    tree_view = QTreeView()
    tree_view.setHeaderHidden(True)
    tree_view.setUniformRowHeights(True)
    tree_view.setModel(model)

    def add(parent: QStandardItem, rows: list[dict[str, Any]]) -> list[QStandardItem]:
        opened = []
        for row in rows:
            item = QStandardItem(row["title"])
            item.setEditable(False)
            parent.appendRow(item)
            opened.extend(add(item, row["children"]))
            if row["open"]:
                opened.append(item)
        return opened

    for item in add(model.invisibleRootItem(), fixture["tree"]):
        tree_view.expand(item.index())
    sidebar = QWidget()
    layout = QVBoxLayout(sidebar)
    layout.setContentsMargins(6, 6, 0, 6)
    layout.addWidget(QLineEdit(placeholderText="Filter contents"))
    layout.addWidget(tree_view, 1)
    left = QTabWidget()
    left.setTabBarAutoHide(True)
    left.setDocumentMode(True)
    left.addTab(sidebar, "Contents")

    page = QTextBrowser()
    page.setOpenLinks(False)
    page.document().setDocumentMargin(18)
    font = QFont(page.document().defaultFont())
    font.setPointSizeF(fixture["font_points"])
    page.document().setDefaultFont(font)
    page.setHtml(fixture["html"])
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.setTabsClosable(True)
    tabs.addTab(page, fixture["tabs"][0] if fixture["tabs"] else "Home")

    splitter = QSplitter()  # horizontal
    splitter.addWidget(left)
    splitter.addWidget(tabs)
    window.setCentralWidget(splitter)
    window.statusBar().addPermanentWidget(QLabel(fixture["status"]), 1)
    width, height = first_window_size(window.screen().availableGeometry().size())
    window.resize(width, height)
    splitter.setSizes([fixture["sidebar_width"], width - fixture["sidebar_width"]])
    return window


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--make-fixture" and sys.argv[3] == "--db":
        make_fixture(sys.argv[2], sys.argv[4])
        return 0
    with open(sys.argv[1], encoding="utf-8") as file:
        fixture = json.load(file)
    app = QApplication(sys.argv[:1])
    window = build_window(fixture)
    if os.environ.get("SERM_REFERENCE_FIRST_PAINT_PROBE"):
        Probe(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
