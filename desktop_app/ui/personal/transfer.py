"""Menu actions to export and import bookmarks and notes (JSON; notes also as Markdown).

The work is done by ``desktop_app.userdata.transfer``; this only asks for a
file and reports the outcome. Dialogs are opened window-modal with ``open()``
(no nested event loop), and every refusal (a malformed, huge or binary file, a
full disk) is shown as the readable message of its typed error.

Signals:
    finished(str): one sentence about what happened, for the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.userdata import UserDataError, UserStore
from desktop_app.userdata.transfer import export_json, export_notes_markdown, import_file

JSON_FILTER = "SERM Reference bookmarks and notes (*.json)"
MARKDOWN_FILTER = "Markdown (*.md)"


class UserDataTransfer(QObject):
    """Owns three actions for a File or Bookmarks menu; the window only adds them."""

    finished = Signal(str)

    def __init__(self, store: UserStore, window: QWidget) -> None:
        super().__init__(window)
        self._store = store
        self._window = window
        self.dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self.export_json_action = QAction("&Export Bookmarks and Notes…", self)
        self.export_markdown_action = QAction("Export Notes as &Markdown…", self)
        self.import_action = QAction("&Import Bookmarks and Notes…", self)
        self.import_action.setEnabled(store.writable)
        self.export_json_action.triggered.connect(self.choose_json_export)
        self.export_markdown_action.triggered.connect(self.choose_markdown_export)
        self.import_action.triggered.connect(self.choose_import)

    # -- the work (also called directly by tests and scripts) ----------------------------

    def export_json_to(self, target: Path) -> bool:
        return self._run(
            lambda: export_json(self._store, target),
            f"Bookmarks and notes exported to {target}.",
        )

    def export_markdown_to(self, target: Path) -> bool:
        return self._run(
            lambda: export_notes_markdown(self._store, target), f"Notes exported to {target}."
        )

    def import_from(self, source: Path) -> bool:
        """Import with a progress dialog that can cancel (nothing is saved then).

        The merge is one transaction on the store's connection, so it runs here,
        handing the event loop a turn at each progress step: the window repaints
        and Cancel is heard, and no second thread ever shares the connection.
        """
        progress = QProgressDialog(f"Importing {source.name}…", "Cancel", 0, 100, self._window)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # only imports that take a while show it
        self.progress = progress

        def step(done: int, total: int) -> bool:
            progress.setValue(int(100 * done / max(total, 1)))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            summary = import_file(self._store, source, step)
        except UserDataError as error:
            progress.close()
            self._report(False, "Import", error.message)
            return False
        finally:
            progress.deleteLater()
            self.progress = None
        self._report(True, "Import", summary.describe())
        return True

    # -- dialogs --------------------------------------------------------------------------

    def choose_json_export(self) -> None:
        name = f"serm-reference-bookmarks-and-notes-{date.today():%Y-%m-%d}.json"
        self._ask(True, "Export bookmarks and notes", name, JSON_FILTER, self.export_json_to)

    def choose_markdown_export(self) -> None:
        name = f"serm-reference-notes-{date.today():%Y-%m-%d}.md"
        self._ask(True, "Export notes as Markdown", name, MARKDOWN_FILTER, self.export_markdown_to)

    def choose_import(self) -> None:
        self._ask(False, "Import bookmarks and notes", "", JSON_FILTER, self.import_from)

    def _ask(
        self, saving: bool, title: str, name: str, filter_: str, then: Callable[[Path], object]
    ) -> None:
        dialog = QFileDialog(self._window, title, str(Path.home() / name) if name else "", filter_)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # testable, same everywhere
        if saving:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(filter_.rsplit("*.", 1)[1].rstrip(")"))
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _run(self, work: Callable[[], object], success: str) -> bool:
        try:
            work()
        except UserDataError as error:
            self._report(False, "Export", error.message)
            return False
        self._report(True, "Export", success)
        return True

    def _report(self, ok: bool, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
            title,
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()
        self.finished.emit(message.splitlines()[0] if message else "")
