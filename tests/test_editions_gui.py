"""The editions in the window: Help menu, the editions dialog, What Changed, the age notice."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QLabel, QMenu, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.app import create_application
from desktop_app.editions.locations import default_user_data_dir
from desktop_app.editions.startup import EditionsContext, editions_context, open_repository
from desktop_app.ui.dialogs.editions import EditionsDialog, add_editions_ui
from desktop_app.ui.dialogs.what_changed import WhatChangedDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.userdata import UserStore
from tests.editions_helpers import (  # noqa: F401 (fixtures)
    CHANGED_CELL,
    RENAMED_FROM,
    SECOND_EDITION,
    Packs,
    packs_fixture,
    rewrite_pack,
    trusted_policy_fixture,
)
from tests.reader_helpers import (  # noqa: F401 (fixtures)
    OFFSCREEN_LIMITS,
    make_window_fixture,
    user_dir_fixture,
    window_fixture,
)

pytestmark = [pytest.mark.gui, *OFFSCREEN_LIMITS]


@pytest.fixture(name="context")
def context_fixture(trusted_policy: Path, user_dir: Path) -> EditionsContext:
    context = editions_context(user_dir)
    open_repository(None, context).close()  # as at start: notes which edition is open
    return context


def _rows(dialog: EditionsDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_help_menu_offers_install_and_editions(
    window: MainWindow, context: EditionsContext
) -> None:
    add_editions_ui(window, context)
    help_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    texts = [a.text() for a in help_menu.actions()]
    assert "Install Content &Update…" in texts and "Content &Editions…" in texts
    assert texts.index("Content &Editions…") < texts.index("&About SERM Reference")


def test_install_in_the_dialog_then_what_changed_then_roll_back(
    window: MainWindow,
    context: EditionsContext,
    packs: Packs,
    qtbot: QtBot,
    user_dir: Path,
    qtmodeltester: ModelTester,
) -> None:
    with UserStore.open(user_dir / "userdata.sqlite") as store:
        store.add_bookmark(RENAMED_FROM, "Neuroendocrine signalling")
    dialog = EditionsDialog(context, window)
    qtbot.addWidget(dialog)
    assert _rows(dialog) == [("2026.11.1", "2026-11-27", "bundled with the app", "in use", "")]
    assert not dialog.rollback_button.isEnabled()

    assert dialog.install(packs.second) is not None
    assert "is installed and verified" in dialog.message.text()
    rows = _rows(dialog)
    assert rows[0][3] == "open now" and rows[1][:4] == (
        SECOND_EDITION,
        "2027-01-15",
        "installed",
        "in use from the next start",
    )
    assert dialog.rollback_button.isEnabled()

    qtmodeltester.check(dialog.model)  # Qt's own model checks, with two editions listed
    changes = dialog.show_changes()
    assert isinstance(changes, WhatChangedDialog)
    model = changes.model
    qtmodeltester.check(model)
    addresses = [model.index(r, 2).data() for r in range(model.rowCount())]
    row = addresses.index(CHANGED_CELL)
    changes.view.selectRow(row)
    assert "(boxed warning)" not in changes.old_text.toPlainText()
    assert "Increased risk (boxed warning)" in changes.new_text.toPlainText()
    assert RENAMED_FROM in changes.orphans.text() and "kept" in changes.orphans.text()
    changes.close()

    dialog.rollback_button.click()
    assert "2026.11.1" in dialog.message.text() and "used again" in dialog.message.text()
    assert _rows(dialog)[0][3] == "in use" and not dialog.rollback_button.isEnabled()


def test_a_refused_pack_is_explained_in_the_dialog_and_nothing_changes(
    window: MainWindow, context: EditionsContext, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    flipped = bytearray(packs.second_database.read_bytes())
    flipped[5000] ^= 0x01
    bad = rewrite_pack(packs.second, tmp_path / "bad.sermpack", database=bytes(flipped))
    dialog = EditionsDialog(context, window)
    qtbot.addWidget(dialog)
    before = _rows(dialog)
    assert dialog.install(bad) is None
    assert dialog.message.text().startswith("Not installed.")
    assert "SHA-256 differs" in dialog.message.text()
    assert _rows(dialog) == before and context.store.active().bundled


def test_an_old_edition_shows_a_calm_notice_in_the_status_bar(
    make_window: object, context: EditionsContext, window: MainWindow
) -> None:
    label = add_editions_ui(window, context, today=date(2028, 1, 1))
    assert isinstance(label, QLabel) and label.isVisibleTo(window)
    assert "over a year old" in label.text() and "13 months old" in label.toolTip()
    assert window.findChild(QLabel, "ContentAgeNotice") is label
    assert add_editions_ui(window, context, today=date(2027, 1, 1)) is None


def test_the_qt_free_user_folder_is_the_one_qt_uses(qtbot: QtBot) -> None:
    """The command line (no Qt) and the window must find the same editions folder."""
    app = create_application()
    saved = app.applicationName(), app.organizationName()
    app.setApplicationName("serm-reference")  # as create_application names the real app
    app.setOrganizationName("SERM Reference")
    try:
        location = QStandardPaths.StandardLocation.AppLocalDataLocation
        assert Path(QStandardPaths.writableLocation(location)) == default_user_data_dir()
    finally:
        app.setApplicationName(saved[0])
        app.setOrganizationName(saved[1])


@pytest.mark.parametrize("mode", ["offer", "silent"])
def test_a_newer_pack_in_the_updates_folder_is_offered_or_installed(
    mode: str,
    window: MainWindow,
    packs: Packs,
    qtbot: QtBot,
    user_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(packs.second, share)
    shutil.copy(packs.first, share)  # the edition in use: never offered
    (share / "junk.sermpack").write_bytes(b"not a pack")  # ignored, logged
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'trusted_keys = ["{packs.key_dir / "public.key"}"]\n'
        f'updates_dir = "{share}"\ninstall_updates = "{mode}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SERM_REFERENCE_POLICY", str(policy))
    context = editions_context(user_dir)
    add_editions_ui(window, context)
    if mode == "silent":
        qtbot.waitUntil(lambda: window.findChild(QLabel, "ContentUpdateNotice") is not None)
        assert context.store.active().edition == SECOND_EDITION
        return
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "ContentUpdateOffer") is not None)
    offer = window.findChild(QPushButton, "ContentUpdateOffer")
    assert SECOND_EDITION in offer.text() and context.store.active().bundled
    offer.click()
    assert context.store.active().edition == SECOND_EDITION
    dialog = window.findChild(EditionsDialog)
    assert dialog is not None and "is installed and verified" in dialog.message.text()
    dialog.close()
