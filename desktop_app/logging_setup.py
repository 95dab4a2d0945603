"""Logging, configured in one place: a rotating file in the user-data folder.

Every module logs through ``logging.getLogger(__name__)``; Qt's own messages
are routed into the same log, so one file tells the whole story of a session.

The rotation is ``SizeRotatingFileHandler`` below rather than the standard
library's ``RotatingFileHandler``: ``logging.handlers`` imports ``socket``,
``pickle`` and ``queue`` for handlers this app never uses, several
milliseconds of every start before the window can paint.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILE_NAME = "serm-reference.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class SizeRotatingFileHandler(logging.FileHandler):
    """Appends to ``path``; past ``max_bytes`` it becomes ``path.1`` (``.1`` → ``.2`` …).

    The same files and order as ``logging.handlers.RotatingFileHandler`` with
    ``backupCount=backups``: at most ``backups`` old files are kept.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_rotate(record):
                self._rotate()
        except Exception:  # as logging does: a failing log never stops the app
            self.handleError(record)
            return
        super().emit(record)

    def _should_rotate(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # closed after a rotation: reopened by emit
            self.stream = self._open()
        size = self.stream.tell()
        return size > 0 and size + len(self.format(record)) + 1 >= self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            older = f"{base}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{number + 1}")
        if self.backups > 0:
            os.replace(base, f"{base}.1")
        else:  # no backups kept: start the file again
            open(base, "w", encoding="utf-8").close()
        self.stream = self._open()


def configure_logging(log_dir: Path, level: int = logging.INFO) -> logging.Handler:
    """Attach a rotating file handler to the root logger and return it (to remove later)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = SizeRotatingFileHandler(log_dir / LOG_FILE_NAME, MAX_BYTES, BACKUPS)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return handler


def remove_handler(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()


def install_qt_message_handler() -> None:
    """Send qDebug/qWarning/... into Python logging under the "qt" logger."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
