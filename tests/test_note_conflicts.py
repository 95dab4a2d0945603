"""Two windows on one note: a save never overwrites text it did not load.

Instance A saved "...ALLERGY to X"; instance B, still showing the old text,
appended a line and saved: the file ended with B's text and both windows said
"Saved". Now a save compares the version its editor loaded; on a conflict the
note keeps both texts, marked, and the editor shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.ui.personal.notes import NotesPane
from desktop_app.userdata import UserStore

pytestmark = pytest.mark.gui
ADDRESS = "serm://agent/raloxifene"


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[UserStore, UserStore]]:
    path = tmp_path / "userdata.sqlite"
    first = UserStore.open(path)
    first.save_note(ADDRESS, "Raloxifene", "Seen 3 March.")
    second = UserStore.open(path)  # another connection to the same file: another window
    yield first, second
    second.close()
    first.close()


def _pane(store: UserStore, qtbot: QtBot) -> NotesPane:
    pane = NotesPane(store)
    qtbot.addWidget(pane)
    pane.set_address(ADDRESS, "Raloxifene")
    return pane


def test_a_stale_editor_keeps_both_texts(
    two_stores: tuple[UserStore, UserStore], qtbot: QtBot
) -> None:
    store_a, store_b = two_stores
    pane_a, pane_b = _pane(store_a, qtbot), _pane(store_b, qtbot)
    pane_a.editor.setPlainText("Seen 3 March.\nALLERGY to X")
    assert pane_a.flush()
    pane_b.editor.setPlainText("Seen 3 March.\nBP 130/80")  # B still showed the old text
    assert pane_b.flush()
    saved = store_a.note(ADDRESS)
    assert saved is not None
    assert "ALLERGY to X" in saved.text and "BP 130/80" in saved.text
    assert saved.text.index("ALLERGY to X") < saved.text.index("both texts are kept")
    assert pane_b.editor.toPlainText() == saved.text
    assert "both texts are kept" in pane_b.status.text()


def test_saving_again_from_the_same_editor_is_no_conflict(
    two_stores: tuple[UserStore, UserStore], qtbot: QtBot
) -> None:
    store_a, _ = two_stores
    pane = _pane(store_a, qtbot)
    for text in ("one", "one two", "one two three"):
        pane.editor.setPlainText(text)
        assert pane.flush()
    saved = store_a.note(ADDRESS)
    assert saved is not None and saved.text == "one two three"


def test_a_note_created_elsewhere_meanwhile_is_kept_too(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path) as store_a, UserStore.open(path) as store_b:
        pane_a = _pane(store_a, qtbot)  # loaded: no note yet
        store_b.save_note(ADDRESS, "Raloxifene", "written in the other window")
        pane_a.editor.setPlainText("written here")
        assert pane_a.flush()
        saved = store_b.note(ADDRESS)
        assert saved is not None
        assert "written in the other window" in saved.text and "written here" in saved.text
