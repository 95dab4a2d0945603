"""Composition root: arguments, QApplication, start-up order and wiring.

The content database is opened and verified before any window exists, so a
missing or damaged file gives one clear dialog (or one stderr line with
``--no-err-windows``) and a non-zero exit, never an empty window.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import paths
from desktop_app.content import ContentDatabaseError, ContentRepository
from desktop_app.version import APP_NAME, __version__

EXIT_CONTENT_ERROR = 3


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("serm-reference")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SERM Reference")
    return app


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    paths.configure(args.basedir, args.temp_basedir)
    try:
        repository = ContentRepository.open(args.db)
    except ContentDatabaseError as error:
        if args.no_err_windows:
            print(f"serm-reference: {error.message}", file=sys.stderr)
        else:
            QMessageBox.critical(None, f"{APP_NAME} cannot start", error.message)
        paths.cleanup()
        return EXIT_CONTENT_ERROR
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(repository)
    if args.open:
        window.open_address(args.open)
    window.show()
    try:
        return app.exec()
    finally:
        repository.close()
        paths.cleanup()
