"""Help → Install Content Update… and Help → Content Editions…: the editions in the window.

The dialog lists the editions (a Qt model over ``EditionStore.editions()``),
installs a pack, rolls back, and opens the "What changed" page. Results and
refusals are shown inside the dialog, never in a second modal box, so nothing
blocks and a refusal stays readable beside the list. Installing checks
everything first (``desktop_app.editions``); the window keeps reading the
edition it opened, and the new one is opened at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import paths
from desktop_app.editions.age import age_notice
from desktop_app.editions.diff import diff_databases
from desktop_app.editions.errors import EditionError
from desktop_app.editions.pack import PACK_SUFFIX
from desktop_app.editions.startup import EditionsContext
from desktop_app.editions.store import InstallResult
from desktop_app.editions.updates import newest_offered_pack
from desktop_app.models.editions import EditionsModel
from desktop_app.ui.dialogs.what_changed import WhatChangedDialog

log = logging.getLogger(__name__)


class EditionsDialog(QDialog):
    """The installed editions, Install Content Update…, Roll Back, What Changed…."""

    def __init__(self, context: EditionsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Content Editions")
        self.setObjectName("EditionsDialog")
        self.context = context
        self.last_install: InstallResult | None = None
        self.model = EditionsModel(context, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Content editions")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Result")
        self.install_button = QPushButton("&Install Content Update…")
        self.rollback_button = QPushButton("&Roll Back to the Previous Edition")
        self.changes_button = QPushButton("What &Changed…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.install_button, self.rollback_button, self.changes_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.install_button.clicked.connect(self.choose_and_install)
        self.rollback_button.clicked.connect(self.roll_back)
        self.changes_button.clicked.connect(self.show_changes)
        layout = QVBoxLayout(self)
        where = QLabel(f"Editions folder: {context.store.folder}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self._update_buttons()

    def _update_buttons(self) -> None:
        active = self.context.store.active()
        self.rollback_button.setEnabled(not active.bundled)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        log.info("editions: %s", text)

    def choose_and_install(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Install Content Update", "", f"SERM Reference content packs (*{PACK_SUFFIX})"
        )
        if name:
            self.install(Path(name))

    def install(self, pack: Path, allow_downgrade: bool = False) -> InstallResult | None:
        """Verify and install; the outcome is shown in the dialog. None when refused."""
        try:
            result = self.context.store.install(pack, allow_downgrade)
        except EditionError as error:
            self._say(f"Not installed. {error.message}")
            return None
        self.last_install = result
        self.model.reload()
        self._update_buttons()
        self._say(
            f"Edition {result.installed.edition} ({result.installed.date}) is installed and"
            f" verified; it replaces {result.previous.edition} at the next start of SERM"
            " Reference. What Changed… lists the differences."
        )
        return result

    def roll_back(self) -> None:
        try:
            old, new = self.context.store.rollback()
        except EditionError as error:
            self._say(error.message)
            return
        self.model.reload()
        self._update_buttons()
        self._say(
            f"Edition {new.describe()} is used again from the next start (was {old.edition})."
        )

    def show_changes(self) -> QDialog | None:
        """What changed between the edition open now (or the last one) and the active one."""
        store = self.context.store
        active = store.active()
        older = self.context.opened
        if older is None or older.id == active.id:
            older = next((e for e in store.startup_candidates() if e.id != active.id), None)
        if older is None:
            self._say("There is only one edition: nothing to compare.")
            return None
        try:
            diff = diff_databases(older.database, active.database, paths.user_database_file())
        except Exception as error:  # a damaged edition file: say so, keep the dialog
            self._say(f"The editions could not be compared: {error}")
            return None
        dialog = WhatChangedDialog(diff, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def add_editions_ui(
    window: QMainWindow, context: EditionsContext, today: date | None = None
) -> QLabel | None:
    """Help-menu entries and, for an old edition, a calm notice in the status bar."""
    help_menu = next(
        (m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help"), None
    )
    dialogs: list[EditionsDialog] = []

    def open_dialog(install: bool = False) -> EditionsDialog:
        dialog = EditionsDialog(context, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogs[:] = [dialog]
        dialog.open()
        if install:
            dialog.choose_and_install()
        return dialog

    if help_menu is not None:
        anchor = next((a for a in help_menu.actions() if "About" in a.text()), None)
        install = help_menu.addAction("Install Content &Update…", lambda: open_dialog(True))
        install.setStatusTip("Install a signed content pack (.sermpack) from a disk or share")
        editions = help_menu.addAction("Content &Editions…", open_dialog)
        editions.setStatusTip("The installed content editions; roll back; what changed")
        if anchor is not None:  # before About, beside Verify Installation
            help_menu.insertAction(anchor, install)
            help_menu.insertAction(anchor, editions)
        window.setProperty("editions_actions", [install, editions])
    QTimer.singleShot(0, lambda: offer_update(window, context, open_dialog))
    meta = getattr(window, "meta", None)
    notice = age_notice(
        getattr(meta, "edition", ""),
        getattr(meta, "date", ""),
        today,
        context.policy.content_age_months,
    )
    if notice is None:
        return None
    label = QLabel("Content edition over a year old: Help → Install Content Update…")
    if context.policy.content_age_months != 12:
        label.setText(
            f"Content edition over {context.policy.content_age_months} months old:"
            " Help → Install Content Update…"
        )
    label.setObjectName("ContentAgeNotice")
    label.setToolTip(notice)
    label.setAccessibleName("Content age")
    label.setAccessibleDescription(notice)
    window.statusBar().addPermanentWidget(label)
    log.info("content age notice: %s", notice)
    return label


def offer_update(
    window: QMainWindow, context: EditionsContext, open_dialog: Callable[[], EditionsDialog]
) -> QWidget | None:
    """A newer signed pack in the policy's updates_dir: install it silently, or offer it."""
    offered = newest_offered_pack(context.policy, context.store)
    if offered is None:
        return None
    edition = offered.manifest.edition
    if context.policy.install_updates == "silent":
        try:
            context.store.install(offered.path)
        except EditionError as error:
            log.warning("silent update %s refused: %s", offered.path, error.message)
            return None
        label = QLabel(f"Content edition {edition} installed; it opens at the next start.")
        label.setObjectName("ContentUpdateNotice")
        window.statusBar().addPermanentWidget(label)
        return label
    button = QPushButton(f"Content update {edition} available: Install…")
    button.setObjectName("ContentUpdateOffer")
    button.setFlat(True)
    button.setToolTip(str(offered.path))

    def install() -> None:
        dialog = open_dialog()
        if dialog.install(offered.path) is not None:
            button.hide()

    button.clicked.connect(install)
    window.statusBar().addPermanentWidget(button)
    return button
