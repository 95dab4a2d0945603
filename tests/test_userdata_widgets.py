"""The personal layer's models and widgets, driven like a user would, offscreen."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.content import ContentRepository
from desktop_app.models.bookmarks_model import MIME_TYPE, BookmarksModel
from desktop_app.models.history_model import HistoryModel
from desktop_app.models.notes_model import NotesModel
from desktop_app.models.roles import Role
from desktop_app.ui.personal.bookmarks import BookmarksMenu, BookmarksPanel
from desktop_app.ui.personal.history import HistoryPanel
from desktop_app.ui.personal.notes import NotesListPanel, NotesPane
from desktop_app.ui.personal.transfer import UserDataTransfer
from desktop_app.userdata import UserStore
from desktop_app.userdata.schema import SCHEMA_VERSION

# The offscreen platform cannot pass size hints or raise windows and says so once per
# shown window; only these two platform messages are ignored, every other Qt warning fails.
pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
]

GONE = "serm://section/a-section-a-later-edition-dropped"
YES = QMessageBox.StandardButton.Yes


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    opened = UserStore.open(tmp_path / "userdata.sqlite", busy_timeout_ms=20)
    yield opened
    opened.close()


@pytest.fixture
def filled(store: UserStore) -> UserStore:
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.add_bookmark("serm://section/endometrial-health", "Endometrial Health")
    store.add_bookmark(GONE, "Old section")
    store.add_bookmark("serm://reference/3", "Reference 3 & co")
    return store


@contextmanager
def another_copy_saving(store: UserStore) -> Iterator[None]:
    """Another connection holds the write lock, as a second running copy would mid-save."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _titles(store: UserStore) -> list[str]:
    return [b.title for b in store.bookmarks()]


# -- models -------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(
    filled: UserStore, repository: ContentRepository, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    filled.save_note("serm://agent/raloxifene", "Raloxifene", "first line\nsecond")
    filled.save_note(GONE, "Old section", "kept")
    filled.record_visit("serm://agent/raloxifene", "Raloxifene")
    filled.record_visit(GONE, "Old section")
    for model in (
        BookmarksModel(filled, repository.exists),
        NotesModel(filled, repository.exists),
        HistoryModel(filled, repository.exists),
    ):
        qtmodeltester.check(model)
        assert model.rowCount() > 0


def test_empty_models_pass_the_model_tester(
    store: UserStore, repository: ContentRepository, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    for model in (
        BookmarksModel(store, repository.exists),
        NotesModel(store, repository.exists),
        HistoryModel(store, repository.exists),
    ):
        qtmodeltester.check(model)
        assert model.rowCount() == 0


def test_an_address_this_edition_lacks_is_listed_as_such(
    filled: UserStore, repository: ContentRepository
) -> None:
    model = BookmarksModel(filled, repository.exists)
    row = model.row_for_address(GONE)
    index = model.index(row, 0)
    assert index.data() == "Old section (not in this edition)"
    assert index.data(Qt.ItemDataRole.EditRole) == "Old section"
    assert index.data(Role.MISSING) is True
    font = index.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert "not in the installed content edition" in index.data(Qt.ItemDataRole.ToolTipRole)
    present = model.index(model.row_for_address("serm://agent/raloxifene"), 0)
    assert present.data() == "Raloxifene" and present.data(Role.MISSING) is False
    assert (present.data(Role.ADDRESS), present.data(Role.KIND)) == (
        "serm://agent/raloxifene",
        "bookmark",
    )


def test_tooltips_show_user_text_literally(store: UserStore, repository: ContentRepository) -> None:
    store.add_bookmark("serm://agent/raloxifene", "<b>bold</b> & <script>x</script>")
    model = BookmarksModel(store, repository.exists)
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in tooltip
    assert "<b>" not in tooltip


def test_models_follow_changes_made_elsewhere(
    store: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    bookmarks = BookmarksModel(store, repository.exists)
    notes = NotesModel(store, repository.exists)
    history = HistoryModel(store, repository.exists)
    with qtbot.waitSignal(bookmarks.modelReset):
        store.add_bookmark("serm://agent/tamoxifen", "Tamoxifen")  # e.g. Ctrl+D in the window
    with qtbot.waitSignal(notes.modelReset):
        store.save_note("serm://agent/tamoxifen", "Tamoxifen", "ask about VTE")
    with qtbot.waitSignal(history.modelReset):
        store.record_visit("serm://agent/tamoxifen", "Tamoxifen")
    assert bookmarks.rowCount() == notes.rowCount() == history.rowCount() == 1
    assert notes.index(0, 1).data() == "ask about VTE"
    assert history.index(0, 0).data() == "Tamoxifen"


def test_renaming_and_moving_through_the_model_are_saved(
    filled: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    model = BookmarksModel(filled, repository.exists)
    assert model.setData(model.index(0, 0), "  My   raloxifene ")
    assert _titles(filled)[0] == "My raloxifene"
    assert not model.setData(model.index(0, 0), "   ")  # an empty title is refused
    # What QListView's internal drag and drop calls: row 0 dropped below row 2.
    with qtbot.waitSignal(model.rowsMoved):
        assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert _titles(filled) == [
        "Endometrial Health",
        "Old section",
        "My raloxifene",
        "Reference 3 & co",
    ]
    assert [model.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(4)] == _titles(filled)
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself
    mime = model.mimeData([model.index(1, 0)])
    assert bytes(mime.data(MIME_TYPE).data()).decode() == GONE
    assert mime.text() == GONE  # dropping a bookmark into a text field pastes its address


def test_a_refused_change_is_reported_and_the_list_shows_what_is_saved(
    filled: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    model = BookmarksModel(filled, repository.exists)
    before = _titles(filled)
    with another_copy_saving(filled), qtbot.waitSignal(model.error_occurred) as caught:
        assert not model.setData(model.index(0, 0), "Renamed")
    assert "Another copy of SERM Reference is saving" in caught.args[0]
    with another_copy_saving(filled), qtbot.waitSignal(model.error_occurred):
        assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 4)
    assert _titles(filled) == before
    assert [model.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(4)] == before


# -- bookmarks panel and menu -------------------------------------------------------------


@pytest.fixture
def panel(filled: UserStore, repository: ContentRepository, qtbot: QtBot) -> BookmarksPanel:
    widget = BookmarksPanel(BookmarksModel(filled, repository.exists))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_list_reorders_by_drag_and_drop(panel: BookmarksPanel) -> None:
    view = panel.view
    assert view.dragDropMode() == view.DragDropMode.InternalMove
    assert view.defaultDropAction() == Qt.DropAction.MoveAction
    assert panel.model.flags(panel.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert panel.model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled


def test_keyboard_opens_moves_removes_and_undoes(
    panel: BookmarksPanel, filled: UserStore, qtbot: QtBot
) -> None:
    view = panel.view
    view.setCurrentIndex(panel.model.index(0, 0))
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == ["serm://agent/raloxifene", False]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == ["serm://agent/raloxifene", True]

    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _titles(filled)[2] == "Raloxifene"
    assert view.currentIndex().row() == 2  # the moved row stays selected
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _titles(filled)[1] == "Raloxifene"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Raloxifene" not in _titles(filled)
    assert panel.status.text() == "Removed “Raloxifene”."
    assert not panel.undo_button.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(filled)[1] == "Raloxifene"  # back in its place
    assert panel.undo_button.isHidden()


def test_f2_renames_in_place(panel: BookmarksPanel, filled: UserStore, qtbot: QtBot) -> None:
    panel.view.setCurrentIndex(panel.model.index(1, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Endometrial Health"
    editor.selectAll()
    qtbot.keyClicks(editor, "Endometrium: check yearly")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: _titles(filled)[1] == "Endometrium: check yearly")


def test_double_click_and_middle_click_open(panel: BookmarksPanel, qtbot: QtBot) -> None:
    rect = panel.view.visualRect(panel.model.index(1, 0))
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["serm://section/endometrial-health", False]
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.MiddleButton, pos=rect.center())
    assert opened.args == ["serm://section/endometrial-health", True]


def test_a_missing_bookmark_explains_instead_of_opening(
    panel: BookmarksPanel, qtbot: QtBot
) -> None:
    panel.select_address(GONE)
    with qtbot.assertNotEmitted(panel.open_requested):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert "not in the installed content edition" in panel.status.text()
    menu = panel.context_menu(panel.view.currentIndex())
    assert menu is not None
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    assert enabled["Open"] is False and enabled["Remove"] is True


def test_the_empty_panel_says_how_to_add_one(
    store: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    widget = BookmarksPanel(BookmarksModel(store, repository.exists))
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty_label
    assert "Ctrl+D" in widget.empty_label.text()
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    assert widget.stack.currentWidget() is widget.view


def test_a_refused_removal_is_shown_in_the_panel(
    panel: BookmarksPanel, filled: UserStore, qtbot: QtBot
) -> None:
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    with another_copy_saving(filled), qtbot.waitSignal(panel.error_occurred):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Another copy" in panel.status.text()
    assert panel.model.rowCount() == 4 and len(filled.bookmarks()) == 4


def test_the_bookmarks_menu_lists_them_and_opens_one(
    filled: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    menu = BookmarksMenu(BookmarksModel(filled, repository.exists))
    qtbot.addWidget(menu)
    assert menu.add_action.shortcut().toString() == "Ctrl+D"
    listed = [a for a in menu.actions() if a.data()]
    assert [a.text() for a in listed] == [
        "Raloxifene",
        "Endometrial Health",
        "Old section (not in this edition)",
        "Reference 3 && co",  # '&' shown, not taken as a mnemonic
    ]
    assert [a.isEnabled() for a in listed] == [True, True, False, True]
    with qtbot.waitSignal(menu.open_requested) as opened:
        listed[3].trigger()
    assert opened.args == ["serm://reference/3", False]
    filled.add_bookmark("serm://agent/ospemifene", "Ospemifene")
    menu.aboutToShow.emit()
    assert [a.data() for a in menu.actions() if a.data()][-1] == "serm://agent/ospemifene"


# -- notes --------------------------------------------------------------------------------


@pytest.fixture
def pane(store: UserStore, qtbot: QtBot) -> NotesPane:
    widget = NotesPane(store, debounce_ms=30)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_is_saved_after_a_short_pause(
    pane: NotesPane, store: UserStore, qtbot: QtBot
) -> None:
    pane.set_address("serm://agent/raloxifene", "Raloxifene")
    assert pane.status.text() == "No note on this page yet."
    with qtbot.waitSignal(pane.saved, timeout=2000) as saved:
        qtbot.keyClicks(pane.editor, "Check lipids yearly")
    assert saved.args == ["serm://agent/raloxifene"]
    assert store.note("serm://agent/raloxifene").text == "Check lipids yearly"  # type: ignore[union-attr]
    assert pane.status.text().startswith("Saved ")


def test_notes_are_plain_text_never_html(pane: NotesPane, store: UserStore) -> None:
    text = "<script>alert('x')</script>\n<b>not bold</b> &amp;"
    store.save_note("serm://agent/raloxifene", "<b>Raloxifene</b>", text)
    pane.set_address("serm://agent/raloxifene", "<i>Raloxifene</i>")
    assert pane.editor.toPlainText() == text
    assert "&lt;script&gt;" in pane.editor.document().toHtml()
    assert not pane.editor.document().toHtml().count("font-weight:700")  # nothing made bold
    assert pane.heading.textFormat() == Qt.TextFormat.PlainText
    assert pane.heading.text() == "Note on: <i>Raloxifene</i>"
    assert pane.status.textFormat() == Qt.TextFormat.PlainText


def test_leaving_the_editor_switching_page_or_hiding_saves_at_once(
    store: UserStore, qtbot: QtBot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    pane = NotesPane(store, debounce_ms=60_000)  # only the other triggers can save in time
    other = QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(pane)
    layout.addWidget(other)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus events need an active window

    pane.set_address("serm://agent/raloxifene", "Raloxifene")
    pane.editor.setFocus()
    assert pane.editor.hasFocus()
    qtbot.keyClicks(pane.editor, "focus-out")
    other.setFocus()
    assert store.note("serm://agent/raloxifene").text == "focus-out"  # type: ignore[union-attr]

    pane.set_address("serm://agent/tamoxifen", "Tamoxifen")
    qtbot.keyClicks(pane.editor, "switch")
    pane.set_address("serm://agent/ospemifene", "Ospemifene")
    assert store.note("serm://agent/tamoxifen").text == "switch"  # type: ignore[union-attr]
    assert pane.editor.toPlainText() == ""

    qtbot.keyClicks(pane.editor, "hidden")
    window.hide()
    assert store.note("serm://agent/ospemifene").text == "hidden"  # type: ignore[union-attr]


def test_clearing_the_text_deletes_the_note(
    pane: NotesPane, store: UserStore, qtbot: QtBot
) -> None:
    store.save_note("serm://agent/raloxifene", "Raloxifene", "old")
    pane.set_address("serm://agent/raloxifene", "Raloxifene")
    pane.editor.selectAll()
    with qtbot.waitSignal(pane.saved, timeout=2000):
        qtbot.keyClick(pane.editor, Qt.Key.Key_Delete)
    assert store.note("serm://agent/raloxifene") is None
    assert pane.status.text() == "No note on this page yet."


def test_a_refused_save_keeps_the_text_and_retries(
    pane: NotesPane, store: UserStore, qtbot: QtBot
) -> None:
    pane.set_address("serm://agent/raloxifene", "Raloxifene")
    with another_copy_saving(store):
        qtbot.keyClicks(pane.editor, "do not lose me")
        with qtbot.waitSignal(pane.save_failed) as failed:
            assert pane.flush() is False
        assert "Another copy of SERM Reference is saving" in failed.args[0]
        assert pane.status.text().startswith("Not saved")
        assert "Your text is kept here" in pane.status.text()
        pane.set_address("serm://agent/tamoxifen", "Tamoxifen")  # this save fails too
        pane.set_address("serm://agent/raloxifene", "Raloxifene")
        assert pane.editor.toPlainText() == "do not lose me"  # still here, from memory
        assert pane.unsaved_addresses() == ("serm://agent/raloxifene",)
    with qtbot.waitSignal(pane.saved):
        assert pane.flush() is True
    assert store.note("serm://agent/raloxifene").text == "do not lose me"  # type: ignore[union-attr]
    assert pane.unsaved_addresses() == ()


def test_a_read_only_store_shows_notes_but_does_not_take_typing(
    tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "newer" / "userdata.sqlite"
    with UserStore.open(path) as writer:
        writer.save_note("serm://agent/raloxifene", "Raloxifene", "from a newer version")
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with UserStore.open(path) as read_only:
        widget = NotesPane(read_only)
        qtbot.addWidget(widget)
        widget.set_address("serm://agent/raloxifene", "Raloxifene")
        assert widget.editor.toPlainText() == "from a newer version"
        assert widget.editor.isReadOnly()
        assert widget.status.text().startswith("Notes cannot be saved here")


def test_the_notes_list_marks_missing_pages_and_deletes_after_asking(
    store: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    store.save_note("serm://agent/raloxifene", "Raloxifene", "one")
    store.save_note(GONE, "Old section", "two\nlines")
    widget = NotesListPanel(NotesModel(store, repository.exists), store)
    qtbot.addWidget(widget)
    widget.show()
    model = widget.model
    assert model.index(0, 0).data() == "Old section (not in this edition)"  # newest first
    assert model.index(0, 1).data() == "two"
    widget.view.setCurrentIndex(model.index(0, 0))
    with qtbot.assertNotEmitted(widget.open_requested):
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert "not in the installed content edition" in widget.status.text()
    widget.view.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(widget.open_requested) as opened:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == ["serm://agent/raloxifene", True]

    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    assert widget.confirmation is not None
    widget.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert store.note("serm://agent/raloxifene") is not None
    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    widget.confirmation.button(YES).click()
    assert store.note("serm://agent/raloxifene") is None
    assert model.rowCount() == 1


# -- history ------------------------------------------------------------------------------


def test_history_lists_visits_with_time_and_clears_after_asking(
    store: UserStore, repository: ContentRepository, qtbot: QtBot
) -> None:
    widget = HistoryPanel(HistoryModel(store, repository.exists))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.stack.currentWidget() is widget.empty_label
    assert not widget.clear_button.isEnabled()
    store.record_visit("serm://agent/raloxifene", "Raloxifene")
    store.record_visit(GONE, "Old section")
    model = widget.model
    assert [model.index(r, 0).data() for r in range(2)] == [
        "Old section (not in this edition)",
        "Raloxifene",
    ]
    visited = store.history()[1].visited.astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.index(1, 1).data() == visited
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Viewed"
    widget.view.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(widget.open_requested) as opened:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened.args == ["serm://agent/raloxifene", False]

    widget.clear_button.click()
    assert widget.confirmation is not None
    widget.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert len(store.history()) == 2
    widget.clear_button.click()
    widget.confirmation.button(YES).click()
    assert store.history() == () and model.rowCount() == 0
    assert widget.status.text() == "History cleared."
    assert widget.stack.currentWidget() is widget.empty_label


# -- export and import from the window ----------------------------------------------------


def test_export_and_import_actions_report_clearly(
    filled: UserStore, tmp_path: Path, qtbot: QtBot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    transfer = UserDataTransfer(filled, window)
    target = tmp_path / "mine.json"
    with qtbot.waitSignal(transfer.finished) as finished:
        assert transfer.export_json_to(target)
    assert str(target) in finished.args[0]
    assert len(json.loads(target.read_text(encoding="utf-8"))["bookmarks"]) == 4

    garbage = tmp_path / "photo.json"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not transfer.import_from(garbage)
    box = transfer.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "binary file" in box.text() and "Nothing was imported" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()

    transfer.choose_import()  # the file dialog, driven like a user
    dialog = transfer.dialog
    assert isinstance(dialog, QFileDialog)
    with qtbot.waitSignal(transfer.finished) as finished:
        dialog.selectFile(str(target))
        dialog.accept()
    assert finished.args[0].startswith("Imported: 0 bookmark(s) added")
    assert transfer.message_box is not None
    assert transfer.message_box.icon() == QMessageBox.Icon.Information
