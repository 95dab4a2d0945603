"""Feedback you can see: notices over the page, the bookmark star, exports that say where."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app import paths
from desktop_app.content import ContentRepository
from desktop_app.ui.assembly import AssembledWindow
from desktop_app.ui.documents import documents_folder
from tests.reader_helpers import OFFSCREEN_LIMITS, assemble_shown

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


@pytest.fixture(name="assembled")
def assembled_fixture(
    repository: ContentRepository, qtbot: QtBot, tmp_path: Path
) -> Iterator[AssembledWindow]:
    paths.configure(tmp_path / "user")
    assembled = assemble_shown(repository, qtbot, size=(1280, 728))  # a clinic screen
    yield assembled
    assembled.personal.close()


def _star_button(assembled: AssembledWindow):  # type: ignore[no-untyped-def]
    star = assembled.personal.bookmarks_menu.add_action
    return star, assembled.window.toolbar.widgetForAction(star)


def test_the_star_shows_and_toggles_the_bookmark(qtbot: QtBot, assembled: AssembledWindow) -> None:
    window, store = assembled.window, assembled.personal.store
    star, button = _star_button(assembled)
    assert button is not None and button.isVisible()
    assert not star.isEnabled()  # the home page is not a page to bookmark
    window.open_address("serm://agent/raloxifene")
    assert star.isEnabled() and not star.isChecked() and button.text() == "☆ Bookmark"
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.is_bookmarked("serm://agent/raloxifene")
    assert star.isChecked() and button.text() == "★ Bookmarked"
    assert window.notice.isVisible() and window.notice.text() == "Bookmarked: Raloxifene"
    assert window.disclaimer_label.isVisible()  # the notice does not cover the disclaimer
    notice = window.notice.geometry()
    assert not notice.intersects(window.statusBar().geometry())
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # again: removed
    assert not store.is_bookmarked("serm://agent/raloxifene")
    assert not star.isChecked() and window.notice.text() == "Bookmark removed: Raloxifene"
    window.open_address("serm://agent/tamoxifen")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the star itself
    assert store.is_bookmarked("serm://agent/tamoxifen") and star.isChecked()
    window.open_address("serm://agent/raloxifene")
    assert not star.isChecked()  # it follows the page


def test_zoom_and_copy_show_a_notice(qtbot: QtBot, assembled: AssembledWindow) -> None:
    window = assembled.window
    assert window._notice is None  # made by the first message, not on the way to the paint
    window.open_address("serm://agent/raloxifene")
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.notice.isVisible() and window.notice.text() == "Zoom 110%"
    assert window.notice.geometry().bottom() <= window.splitter.geometry().bottom()  # over it
    window.actions_.copy_address.trigger()
    assert window.notice.text() == "Copied serm://agent/raloxifene"


def test_pdf_export_starts_in_documents_and_names_the_file(
    qtbot: QtBot, assembled: AssembledWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    assert documents_folder() == home / "Documents"
    window = assembled.window
    window.open_address(
        "serm://section/what-are-the-implications-for-bone-mineral-density-in-perimenopause"
    )
    offered: list[str] = []

    def save_dialog(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(home / "Documents" / "bone.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.actions_.export_pdf.trigger()
    suggested = Path(offered[0])
    assert suggested.parent == home / "Documents"
    assert "?" not in suggested.name and suggested.suffix == ".pdf"
    assert (home / "Documents" / "bone.pdf").is_file()
    assert window.notice.isVisible() and window.notice.text().endswith("to bone.pdf")
