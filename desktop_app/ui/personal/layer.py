"""Wire the user's bookmarks, notes and history into the main window.

The personal store and its widgets know nothing of the window, and the window
knows nothing of the store; this one object connects them, so either side can
be tested alone and the composition root stays a few lines long.

Signals:
    message(str): something to show in the status bar (saved, failed, imported).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from desktop_app.content import ContentRepository
from desktop_app.home_lists import home_lists as build_home_lists
from desktop_app.models.bookmarks_model import BookmarksModel
from desktop_app.models.history_model import HistoryModel
from desktop_app.models.notes_model import NotesModel
from desktop_app.rendering.home import HomeLists, is_home
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.personal.bookmarks import BookmarksMenu, BookmarksPanel
from desktop_app.ui.personal.history import HistoryPanel
from desktop_app.ui.personal.notes import NotesListPanel, NotesPane
from desktop_app.ui.personal.transfer import UserDataTransfer
from desktop_app.ui.personal.unsaved import UnsavedNotesGuard
from desktop_app.userdata import UserDataError, UserStore

log = logging.getLogger(__name__)
STATUS_MS = 6000
MIN_DOCK_WIDTH = 240  # px: a note line keeps whole words
ICONS = {
    "information": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
}


class PersonalLayer(QObject):
    """Bookmarks menu and panel, the note beside the page, history and all notes."""

    message = Signal(str)

    def __init__(self, window: MainWindow, repository: ContentRepository, store: UserStore) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        addresses = frozenset(repository.all_addresses())
        exists = addresses.__contains__

        self.bookmarks = BookmarksModel(store, exists, self)
        self.bookmarks_panel = BookmarksPanel(self.bookmarks)
        self.bookmarks_menu = BookmarksMenu(self.bookmarks, window)
        self.notes_pane = NotesPane(store)
        self.notes_list = NotesListPanel(NotesModel(store, exists, self), store)
        self.history_panel = HistoryPanel(HistoryModel(store, exists, self))
        self.transfer = UserDataTransfer(store, window)

        self._install_menu()
        self.docks: dict[str, QDockWidget] = {
            "notes": window.add_side_dock(self.notes_pane, "Note on This Page", "notes-dock"),
            "bookmarks": window.add_side_dock(self.bookmarks_panel, "Bookmarks", "bookmarks-dock"),
            "history": window.add_side_dock(self.history_panel, "History", "history-dock"),
            "all-notes": window.add_side_dock(self.notes_list, "All Notes", "all-notes-dock"),
        }
        for name in ("bookmarks", "history", "all-notes"):
            window.tabifyDockWidget(self.docks["notes"], self.docks[name])
        window.quiet_empty_dock_tab_bars()
        for dock in self.docks.values():
            dock.hide()  # the page gets the room; restore_state brings back what was open
        notes_toggle = self.docks["notes"].toggleViewAction()
        notes_toggle.setText("Notes")
        notes_toggle.setShortcut(QKeySequence("Ctrl+Shift+N"))
        notes_toggle.setToolTip("Show or hide your note on this page (Ctrl+Shift+N)")
        # The command that shows an editor focuses it: typed text goes into the note.
        notes_toggle.triggered.connect(self._notes_toggled)
        self.notes_pane.setFocusProxy(self.notes_pane.editor)
        for dock in self.docks.values():  # restored narrower than this, words would break
            dock.setMinimumWidth(MIN_DOCK_WIDTH)
        window.add_toolbar_action(notes_toggle)

        for panel in (self.bookmarks_panel, self.history_panel, self.notes_list):
            panel.open_requested.connect(window.open_address)
            panel.error_occurred.connect(self.message)
        self.bookmarks_menu.open_requested.connect(window.open_address)
        self.history_panel.cleared.connect(window.forget_tab_histories)
        self.notes_pane.save_failed.connect(self.message)
        self.transfer.finished.connect(self.message)
        self.message.connect(lambda text: window.notify(text, STATUS_MS))
        self.unsaved_guard = UnsavedNotesGuard(
            window, self.notes_pane.flush, self.notes_pane.unsaved_texts
        )
        window.add_close_guard(self.unsaved_guard.confirm_close)
        window.current_address_changed.connect(self._follow_page)
        window.address_opened.connect(self._record_visit)
        store.add_listener(self._store_changed)
        window.renderer.personal_lists = self.home_lists
        window.note_for_print = self.note_text
        self._follow_page(window.current_address())
        # The first paint showed the lists as read from the file (or said they were on
        # their way): build the page again only if the store sees them otherwise.
        window.refresh_home(only_if_changed=True)

    def home_lists(self) -> HomeLists:
        """The latest bookmarks and the recent pages, for the home page (never raises)."""
        try:
            bookmarks = [(b.uri, b.title, b.created) for b in self.store.bookmarks()]
            visits = [(v.uri, v.title) for v in self.store.history()]
        except UserDataError as error:
            log.warning("home page lists unavailable: %s", error.message)
            return [], []
        return build_home_lists(bookmarks, visits)

    def note_text(self, address: str) -> str | None:
        """The user's note on ``address`` as saved, the text being typed included."""
        self.notes_pane.flush()
        try:
            note = self.store.note(address)
        except UserDataError as error:
            log.warning("note unavailable for printing: %s", error.message)
            return None
        return note.text if note is not None and note.text.strip() else None

    def _store_changed(self, kind: str) -> None:
        if kind == "bookmarks":
            self._update_star(self.window.current_address())
            self.window.refresh_home()

    def toggle_bookmark(self) -> None:
        """Ctrl+D and the star: bookmark the page, or remove its bookmark."""
        address = self.window.current_address()
        if not self._bookmarked(address):
            self.bookmark_current_page()
            self._update_star(address)
            return
        try:
            self.store.remove_bookmark(address)
        except UserDataError as error:
            self.message.emit(error.message)
        else:
            self.message.emit(f"Bookmark removed: {self.window.current_title() or address}")
        self._update_star(address)

    def _bookmarked(self, address: str) -> bool:
        try:
            return bool(address) and not is_home(address) and self.store.is_bookmarked(address)
        except (ValueError, UserDataError):  # not a storable address, or the store failed
            return False

    def _update_star(self, address: str) -> None:
        star = self.bookmarks_menu.add_action
        on = self._bookmarked(address)
        star.setEnabled(bool(address) and not is_home(address))
        star.setChecked(on)
        star.setIconText("★ Bookmarked" if on else "☆ Bookmark")
        star.setToolTip(
            ("Bookmarked: remove the bookmark" if on else "Bookmark this page") + " (Ctrl+D)"
        )

    def _install_menu(self) -> None:
        """Fill the window's Bookmarks menu in place, keeping its position in the menu bar."""
        self.window.replace_bookmarks_menu(self.bookmarks_menu)
        star = self.bookmarks_menu.add_action  # Ctrl+D, and the toolbar's star
        star.setCheckable(True)
        star.triggered.connect(self.toggle_bookmark)
        self.window.add_toolbar_action(star)
        self.bookmarks_menu.show_panel_action.triggered.connect(lambda: self.show_dock("bookmarks"))
        self.bookmarks_menu.addSeparator()
        for action in (
            self.transfer.export_json_action,
            self.transfer.export_markdown_action,
            self.transfer.import_action,
        ):
            self.bookmarks_menu.addAction(action)

    def bookmark_current_page(self) -> None:
        address = self.window.current_address()
        if not address:
            return
        try:
            self.store.add_bookmark(address, self.window.current_title())
        except UserDataError as error:
            self.message.emit(error.message)
            return
        self.message.emit(f"Bookmarked: {self.window.current_title() or address}")

    def _notes_toggled(self, shown: bool) -> None:
        if shown:
            self.show_dock("notes")

    def show_dock(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if isinstance(widget, QWidget):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _follow_page(self, address: str) -> None:
        page = address if address and not is_home(address) else None  # no note on home
        self.notes_pane.set_address(page, self.window.current_title())
        self._update_star(address)

    def _record_visit(self, address: str) -> None:
        if is_home(address):  # the way in, not a page read
            return
        try:
            self.store.record_visit(address, self.window.current_title())
        except UserDataError as error:  # history is a convenience: never block reading
            log.warning("history not recorded: %s", error.message)

    def show_notices(self) -> None:
        """Tell the user about their data (restored from backup, read-only, ...).

        A recovery's notice is shown at every start until the user closes it.
        """
        for notice in self.store.notices:
            box = QMessageBox(
                ICONS[notice.severity],
                notice.title,
                notice.message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setWindowModality(Qt.WindowModality.WindowModal)
            box.finished.connect(self.store.acknowledge_notices)
            box.open()

    def flush_notes(self, *_session: object) -> None:
        """Save the note being typed now (the session is ending)."""
        self.notes_pane.flush()

    def close(self) -> None:
        """Save the note being typed and close the store (which takes a backup).

        Text the disk still refuses was offered to the user before the window closed
        (``UnsavedNotesGuard``).
        """
        self.notes_pane.flush()
        self.store.close()
