"""Bookmarks as an editable, reorderable list model over the personal store.

Rename (edit), remove and move (drag and drop inside the view, or by keyboard
through :meth:`BookmarksModel.move`) each become one store transaction. The
model listens to the store, so a bookmark added elsewhere (Ctrl+D in the main
window) shows up at once; its own changes update rows precisely instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop_app.models.roles import AnyIndex, Role
from desktop_app.models.user_items import (
    MISSING_EXPLANATION,
    NOT_IN_EDITION,
    ExistenceCache,
    plain_tooltip,
)
from desktop_app.userdata import Bookmark, ChangeKind, UserDataError, UserStore

MIME_TYPE = "application/x-serm-bookmark-addresses"


class BookmarksModel(QAbstractListModel):
    """One row per bookmark, in the user's order.

    Signals:
        error_occurred(str): the store refused a change (disk full, read-only ...).
    """

    error_occurred = Signal(str)

    def __init__(
        self, store: UserStore, exists: Callable[[str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._existence = ExistenceCache(exists)
        self._rows: list[Bookmark] = list(store.bookmarks())
        self._applying = False
        store.add_listener(self._store_changed)

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        bookmark = self._rows[index.row()]
        missing = self._existence.missing(bookmark.uri)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{bookmark.title} ({NOT_IN_EDITION})" if missing else bookmark.title
        if role == Qt.ItemDataRole.EditRole:
            return bookmark.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{bookmark.title}, {NOT_IN_EDITION}" if missing else bookmark.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(bookmark.title, bookmark.uri, MISSING_EXPLANATION * missing)
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Role.ADDRESS:
            return bookmark.uri
        if role == Role.KIND:
            return "bookmark"
        if role == Role.MISSING:
            return missing
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def bookmark_at(self, row: int) -> Bookmark | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_for_address(self, uri: str) -> int:
        for row, bookmark in enumerate(self._rows):
            if bookmark.uri == uri:
                return row
        return -1

    # -- changing -------------------------------------------------------------------------

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        title = " ".join(str(value).split())
        bookmark = self._rows[index.row()]
        if not title or title == bookmark.title:
            return False
        if not self._apply(lambda: self._store.rename_bookmark(bookmark.uri, title)):
            return False
        self._rows = list(self._store.bookmarks())
        self.dataChanged.emit(index, index)
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._rows):
            return False
        uris = [b.uri for b in self._rows[row : row + count]]
        if not self._apply(lambda: self._store.remove_bookmarks(uris)):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        self._rows = list(self._store.bookmarks())
        self.endRemoveRows()
        return True

    def remove(self, rows: Sequence[int]) -> list[Bookmark]:
        """Remove these rows (one transaction); returns them for an undo."""
        removed = [self._rows[r] for r in sorted(set(rows)) if 0 <= r < len(self._rows)]
        uris = [b.uri for b in removed]
        if not removed or not self._apply(lambda: self._store.remove_bookmarks(uris)):
            return []
        self._reload()
        return removed

    def restore(self, bookmarks: Sequence[Bookmark]) -> None:
        """Undo a removal: each bookmark goes back to its old place."""
        for bookmark in sorted(bookmarks, key=lambda b: b.position):
            if not self._apply(partial(self._store.restore_bookmark, bookmark)):
                break
        self._reload()

    def moveRows(
        self,
        source_parent: AnyIndex,
        source_row: int,
        count: int,
        destination_parent: AnyIndex,
        destination_child: int,
    ) -> bool:
        """Qt's move (QListView's internal drag and drop calls this): one row at a time."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 0 <= source_row < len(self._rows) or not 0 <= destination_child <= len(self._rows):
            return False
        if destination_child in (source_row, source_row + 1):
            return False  # onto itself
        final_row = destination_child if destination_child < source_row else destination_child - 1
        uri = self._rows[source_row].uri
        if not self._apply(lambda: self._store.move_bookmark(uri, final_row)):
            return False
        self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination_child)
        self._rows = list(self._store.bookmarks())
        self.endMoveRows()
        return True

    def move(self, row: int, delta: int) -> int:
        """Move a row up (delta < 0) or down; returns its new row (unchanged if refused)."""
        target = max(0, min(len(self._rows) - 1, row + delta))
        if target == row or not 0 <= row < len(self._rows):
            return row
        destination = target if target < row else target + 1
        moved = self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)
        return target if moved else row

    # -- drag and drop --------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The addresses, also as plain text so a drop into a text field pastes them."""
        uris = [self._rows[i.row()].uri for i in indexes if i.isValid()]
        mime = QMimeData()
        mime.setData(MIME_TYPE, "\n".join(uris).encode("utf-8"))
        mime.setText("\n".join(uris))
        return mime

    # -- keeping up with the store --------------------------------------------------------

    def _apply(self, change: Callable[[], object]) -> bool:
        self._applying = True
        try:
            change()
        except UserDataError as error:
            self.error_occurred.emit(error.message)
            return False
        finally:
            self._applying = False
        return True

    def _store_changed(self, kind: ChangeKind) -> None:
        if kind == "bookmarks" and not self._applying:
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._store.bookmarks())
        self.endResetModel()
