"""The last chance for a note the disk refused: asked before the window closes.

The note pane keeps refused text in memory and says "Not saved"; closing the
window used to drop it silently (exit 0, the old text on disk). Now closing
first retries the save; if the disk still refuses, the user chooses: try again
(after freeing space), save the text to a file somewhere else, discard it, or
not close at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Texts = Mapping[str, tuple[str, str]]  # address -> (title, text)


def unsaved_notes_as_text(notes: Texts) -> str:
    """Plain text a user can open anywhere and paste back later."""
    parts = [
        f"{title}\n{address}\n\n{text.rstrip()}\n"
        for address, (title, text) in sorted(notes.items())
    ]
    header = "Notes SERM Reference could not save (the disk refused them).\n\n"
    return header + ("\n" + "-" * 60 + "\n\n").join(parts)


def default_save_path() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "SERM Reference - unsaved notes.txt"


def ask_save_path(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save Unsaved Notes", str(default_save_path()), "Text files (*.txt)"
    )
    return Path(chosen) if chosen else None


class UnsavedNotesGuard:
    """``confirm_close()`` is True when the window may close without losing typed text."""

    def __init__(
        self,
        parent: QWidget,
        flush: Callable[[], bool],
        unsaved: Callable[[], Texts],
        choose_path: Callable[[QWidget], Path | None] = ask_save_path,
    ) -> None:
        self._parent = parent
        self._flush = flush
        self._unsaved = unsaved
        self._choose_path = choose_path
        self.box: QMessageBox | None = None  # the question while it is open (tests look)

    def confirm_close(self) -> bool:
        while not self._flush():
            notes = self._unsaved()
            if not notes:
                return True
            answer = self._ask(len(notes))
            if answer == "retry":
                continue
            if answer == "discard":
                return True
            if answer == "cancel":
                return False
            if self._save_to_file(notes):
                return True
        return True

    def _ask(self, count: int) -> str:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Notes not saved",
            f"{count} note(s) could not be saved: the disk refused them.",
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setInformativeText(
            "Free some space and try again, or save the text to a file somewhere else. "
            "If you discard it, the text you typed is lost."
        )
        retry = box.addButton("Try Again", QMessageBox.ButtonRole.AcceptRole)
        save = box.addButton("Save Text to File…", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Don't Close", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        self.box = box
        try:
            box.exec()
        finally:
            self.box = None
        clicked = box.clickedButton()
        if clicked is retry:
            return "retry"
        if clicked is save:
            return "save"
        return "discard" if clicked is discard else "cancel"

    def _save_to_file(self, notes: Texts) -> bool:
        path = self._choose_path(self._parent)
        if path is None:
            return False
        try:
            path.write_text(unsaved_notes_as_text(notes), encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self._parent,
                "Not saved",
                f"{path} could not be written: {error.strerror or error}",
            )
            return False
        return True
