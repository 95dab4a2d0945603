"""About: the app and content versions, the checksum, the disclaimer and the licences.

Everything someone reporting a problem, or checking that a printout matches the
installed edition, needs to quote, in one copyable place.
"""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.records import ContentMeta
from desktop_app.rendering.markup import escape
from desktop_app.ui.view_keys import VIEW_KEYS
from desktop_app.version import APP_NAME, __version__

LGPL_URL = "https://www.gnu.org/licenses/lgpl-3.0.html"
QT_SOURCE_URL = "https://code.qt.io/"


def about_details(meta: ContentMeta) -> list[tuple[str, str]]:
    return [
        ("Application version", __version__),
        ("Content edition", meta.edition),
        ("Content date", meta.date),
        ("Content checksum (SHA-256)", meta.content_checksum),
        ("Database schema", str(meta.schema_version)),
        ("SQLite", meta.sqlite_version),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("Python", platform.python_version()),
    ]


def about_html(meta: ContentMeta) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in about_details(meta)
    )
    return (
        f"<h2>{escape(APP_NAME)}</h2>"
        f"<p>{escape(meta.title)}</p>"
        f'<table cellspacing="0" cellpadding="3">{rows}</table>'
        f"<h3>Disclaimer</h3><p>{escape(meta.disclaimer)}</p>"
        f"<h3>Source</h3><p>{escape(meta.source)}</p>"
        "<h3>Licences</h3>"
        "<p>This application is built with Qt and Qt for Python (PySide6), used under the"
        " GNU Lesser General Public License version 3 (LGPLv3). The Qt libraries are"
        " shipped as separate shared libraries: you may replace them with your own"
        " compatible builds. The licence text is at"
        f' <a href="{LGPL_URL}">{LGPL_URL}</a>, and the source code of Qt at'
        f' <a href="{QT_SOURCE_URL}">{QT_SOURCE_URL}</a>.'
        " Links are shown for copying; the app never opens them.</p>"
        "<p>Application code: MIT licence. Content: the article’s text is quoted from its"
        " source; editorial additions are marked where they appear.</p>"
    )


class AboutDialog(QDialog):
    """Signals: external_link_requested(str) via the text's link clicks (never opened)."""

    def __init__(self, meta: ContentMeta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        self._meta = meta
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("About this application")
        self.text.setHtml(about_html(meta))
        self.text.anchorClicked.connect(self._link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy Details")
        copy.setAccessibleName("Copy version details")
        about_qt = QPushButton("About &Qt")
        about_qt.setAccessibleName("About Qt")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(about_qt, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def details_text(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in about_details(self._meta))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    def _link(self, url: QUrl) -> None:
        from desktop_app.ui.dialogs.external_link import ExternalLinkDialog

        dialog = ExternalLinkDialog(url.toString(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.external_link_dialog = dialog


def shortcuts_html(actions: list[QAction]) -> str:
    """Every action with a shortcut (each once), then the keys views read themselves."""
    rows = []
    seen: set[tuple[str, str]] = set()
    for action in sorted(actions, key=lambda a: a.text().replace("&", "")):
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        name = action.text().replace("&", "").rstrip("…")
        if keys and (name, keys) not in seen:
            seen.add((name, keys))
            rows.append(f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>")
    area = ""
    for key in VIEW_KEYS:
        if key.area != area:
            area = key.area
            rows.append(f'<tr><td colspan="2"><br/><b>{escape(area)}</b></td></tr>')
        rows.append(f"<tr><td>{escape(key.does)}</td><td><b>{escape(key.keys)}</b></td></tr>")
    return (
        f'<h2>Keyboard shortcuts</h2><table cellspacing="0" cellpadding="3">{"".join(rows)}</table>'
    )


class ShortcutsDialog(QDialog):
    """Every shortcut, read from the window's actions and the views' declared keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Keyboard shortcuts")
        self.text.setHtml(shortcuts_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 600)
