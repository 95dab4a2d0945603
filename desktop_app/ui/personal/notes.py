"""The note beside the page, and the list of every note.

NotesPane edits the plain-text note on one address. It saves by itself: a
short pause after typing, leaving the editor, switching page, hiding or
closing the pane. A save the disk refuses (full, read-only) keeps the text in
the editor and in memory, says so, and is retried at the next save; nothing
typed is dropped silently. Text is only ever set with ``setPlainText`` and
labels are plain text, so "<b>" or "<script>" in a note is shown as typed.

Signals (NotesPane):
    saved(str): the note on this address is now on disk.
    save_failed(str): a readable message; the text is kept and retried.

Signals (NotesListPanel):
    open_requested(str, bool): open this address (in a new tab when True).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.notes_model import NotesModel
from desktop_app.models.user_items import local_time
from desktop_app.ui.personal.address_list import AddressListPanel, AddressTreeView
from desktop_app.userdata import ChangeKind, UserDataError, UserStore

DEBOUNCE_MS = 700
PLACEHOLDER = "Your note on this page. Plain text; it is saved as you type."


class NotesPane(QWidget):
    """A QPlainTextEdit bound to one address at a time, saving itself."""

    saved = Signal(str)
    save_failed = Signal(str)

    def __init__(
        self, store: UserStore, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Note on this page")
        self._store = store
        self._uri: str | None = None
        self._title = ""
        self._dirty = False
        self._loading = False
        self._saving = False
        self._unsaved: dict[str, tuple[str, str]] = {}  # uri -> (title, text) the disk refused
        # uri -> the note's "updated" time this pane last loaded or saved (None: no note
        # then): a save compares it, so a note saved meanwhile elsewhere is not overwritten.
        self._versions: dict[str, datetime | None] = {}
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Note text")
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setTabChangesFocus(True)
        self.editor.installEventFilter(self)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Note status")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        self.editor.textChanged.connect(self._edited)
        self.timer.timeout.connect(self.flush)
        store.add_listener(self._store_changed)
        self.set_address(None, "")

    # -- public ---------------------------------------------------------------------------

    @property
    def address(self) -> str | None:
        return self._uri

    def set_address(self, uri: str | None, title: str) -> None:
        """Show the note on ``uri`` (None: no page); the previous note is saved first."""
        if uri == self._uri:
            self._title = title or self._title
            self.heading.setText(f"Note on: {self._title}" if uri else "")
            return
        self.flush()
        self._uri, self._title = uri, title
        self._load()

    def flush(self) -> bool:
        """Save now (and retry earlier refused saves); True when nothing is left unsaved."""
        self.timer.stop()
        if self._dirty and self._uri is not None:
            self._unsaved[self._uri] = (self._title, self.editor.toPlainText())
            self._dirty = False
        if not self._unsaved:
            return True  # nothing to do (and no need to touch the store, which may be closed)
        failure: UserDataError | None = None
        conflict = False
        for uri, (title, text) in list(self._unsaved.items()):
            try:
                self._saving = True
                saved = self._store.save_note(uri, title, text, self._versions.get(uri))
                self._versions[uri] = saved.updated if saved else None
                if self._store.last_conflict == uri and uri == self._uri and saved:
                    self._loading = True
                    try:
                        self.editor.setPlainText(saved.text)
                    finally:
                        self._loading = False
                    conflict = True
            except UserDataError as error:
                failure = error
                break
            finally:
                self._saving = False
            del self._unsaved[uri]
            self.saved.emit(uri)
        if failure is not None:
            self._show_status(f"Not saved — {failure.problem} Your text is kept here.")
            self.save_failed.emit(failure.message)
            return False
        self._show_saved_state()
        if conflict:
            self._show_status(
                "This note had also been changed elsewhere: both texts are kept, marked."
            )
        return True

    def unsaved_texts(self) -> dict[str, tuple[str, str]]:
        """Every refused note's title and text, the one being typed included."""
        pending = dict(self._unsaved)
        if self._dirty and self._uri:
            pending[self._uri] = (self._title, self.editor.toPlainText())
        return pending

    def unsaved_addresses(self) -> tuple[str, ...]:
        """Addresses of the notes the disk refused so far (``unsaved_texts``' keys)."""
        return tuple(sorted(self.unsaved_texts()))

    # -- Qt events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    # -- internals ------------------------------------------------------------------------

    def _load(self) -> None:
        self.timer.stop()
        self._dirty = False
        self._loading = True
        try:
            if self._uri is None:
                self.editor.setPlainText("")
            elif self._uri in self._unsaved:
                self.editor.setPlainText(self._unsaved[self._uri][1])
            else:
                note = self._store.note(self._uri)
                self._versions[self._uri] = note.updated if note else None
                self.editor.setPlainText(note.text if note else "")
        finally:
            self._loading = False
        self.heading.setText(f"Note on: {self._title}" if self._uri else "")
        self.editor.setEnabled(self._uri is not None)
        self.editor.setReadOnly(not self._store.writable)
        self._show_saved_state()

    def _edited(self) -> None:
        if self._loading or self._uri is None:
            return
        self._dirty = True
        self._show_status("Editing — saved automatically.")
        self.timer.start()

    def _store_changed(self, kind: ChangeKind) -> None:
        """A note changed elsewhere (an import): show it, unless the user is typing here."""
        quiet = not self._saving and not self._dirty
        if kind == "notes" and quiet and self._uri and self._uri not in self._unsaved:
            self._load()

    def _show_saved_state(self) -> None:
        if self._uri is None:
            self._show_status("Open a page to write a note on it.")
        elif not self._store.writable:
            reason = self._store.read_only_reason
            self._show_status(
                "Notes cannot be saved here: " + (reason.problem if reason else "read-only.")
            )
        elif self._unsaved:
            self._show_status(f"{len(self._unsaved)} note(s) not saved yet; retrying.")
        else:
            note = self._store.note(self._uri)
            self._show_status(
                f"Saved {local_time(note.updated)}." if note else "No note on this page yet."
            )

    def _show_status(self, text: str) -> None:
        self.status.setText(text)


class NotesListPanel(AddressListPanel):
    """Every note, newest change first; notes on pages this edition lacks are marked."""

    model: NotesModel
    view: AddressTreeView
    select_on_context_menu = True

    def __init__(self, model: NotesModel, store: UserStore, parent: QWidget | None = None) -> None:
        view = AddressTreeView()
        super().__init__(
            model, view, "No notes yet. Open a page and type in the note pane.", parent
        )
        self.setAccessibleName("All notes")
        self._store = store
        view.setAccessibleName("Notes")
        self.confirmation: QMessageBox | None = None
        self.panel_layout.addWidget(self.status)
        view.item_opened.connect(self._open_index)
        view.delete_requested.connect(self.ask_to_delete_current)
        self._update_state()

    def ask_to_delete_current(self) -> None:
        note = self.model.note_at(self.view.currentIndex().row())
        if note is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete note",
            f"Delete your note on “{note.title}”? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result, uri=note.uri: self._delete_answered(result, uri))
        self.confirmation = box
        box.open()

    def _delete_answered(self, result: int, uri: str) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()
        if result != QMessageBox.StandardButton.Yes:
            return
        try:
            self._store.delete_note(uri)
        except UserDataError as error:
            self._show_error(error.message)

    def add_menu_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction("Delete Note…", self.ask_to_delete_current)
