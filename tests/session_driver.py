"""A whole working session in the real window, driven from code, for the privacy and safety tests.

``drive_full_session(window, folder)`` does what a user does in a long sitting:
a bookmark, a note (with markup pointing outside), the personal docks, export
and import of bookmarks and notes, every page, back and forward, tabs, find,
zoom, themes, search (including hostile text and a search for remote markup),
the comparison grid and its CSV and PDF exports, Export PDF and Print (to a PDF
file), the About dialog, an outside link, Help → Verify Installation, and a page
carrying remote images and style sheets.

Used in-process (sockets blocked; content file unchanged) and as a script,
``python tests/session_driver.py OUT_FOLDER [app arguments]``, which starts the
real app through its command line, drives it once the window is up and closes
it (the system test runs that under ``strace`` in a network namespace).

Printing is the one flow that reaches outside the process by design: a QPrinter
asks the system print service (CUPS, through libcups) for its printers, and
libcups, finding no local CUPS socket, tries ``localhost:631``. The script mode
therefore leaves Print out, and the system test checks the print flow on its
own, for exactly that and nothing more.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QPageLayout  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from desktop_app.content.search.engine import SearchEngine  # noqa: E402
from desktop_app.rendering.print_stamp import stamp_for  # noqa: E402
from desktop_app.ui.dialogs.about import AboutDialog  # noqa: E402
from desktop_app.ui.dialogs.verify import VerifyInstallationDialog  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.printing import make_printer, paint_document  # noqa: E402
from desktop_app.ui.search.panel import SearchPanel  # noqa: E402
from desktop_app.version import __version__  # noqa: E402

REMOTE = "203.0.113.7"  # TEST-NET-3: never routed; a connection attempt would still show
REMOTE_MARKUP = (
    f'<link rel="stylesheet" href="https://{REMOTE}/style.css">'
    f"<style>@import url(http://{REMOTE}/more.css);</style>"
    f'<p>Remote image: <img src="http://{REMOTE}/pixel.png" width="10" height="10"></p>'
    f'<p style="background-image: url(http://{REMOTE}/bg.png)">background</p>'
    f'<a href="https://{REMOTE}/page">an outside link</a>'
)
SEARCHES = (
    "blood clot raloxifene",
    "tamoxifan",
    "hot flush",
    "is raloxifene safe for the uterus",
    f'<img src="http://{REMOTE}/x.png">',
    "' OR 1=1 --",
    "NEAR(tamoxifen raloxifene)",
)


@dataclass
class SessionSummary:
    pages: int = 0
    searches: int = 0
    results_opened: int = 0
    files: list[Path] = field(default_factory=list)
    verified: bool = False
    personal: bool = False  # bookmarks, a note, export and import were driven too


def _settle() -> None:
    QApplication.processEvents()


def print_current_page_to_pdf(window: MainWindow, target: Path) -> None:
    """What File → Print does once its dialog is accepted with "Print to File (PDF)"."""
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    stamp = stamp_for(window.meta, __version__, date.today())
    paint_document(window.printable_html(), printer, stamp, window.printable_page().title)


def visible_main_window() -> MainWindow:
    """The window the real start just showed (earlier in-process starts may leave closed ones)."""
    [window] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    return window


def wait_for_second_stage(window: MainWindow, seconds: float = 30) -> None:
    """The real start adds search and the personal layer just after the first paint."""
    deadline = time.monotonic() + seconds
    while window.findChild(SearchPanel) is None and time.monotonic() < deadline:
        _settle()
        time.sleep(0.005)


def drive_personal_layer(window: MainWindow, folder: Path, summary: SessionSummary) -> None:
    """A bookmark, a note with markup pointing outside, the docks, export and import back."""
    from desktop_app.ui.personal.layer import PersonalLayer

    personal = window.findChild(PersonalLayer)
    if personal is None:  # a window built without the second stage
        return
    window.open_address("serm://agent/raloxifene")
    personal.bookmark_current_page()
    personal.show_dock("notes")
    personal.notes_pane.editor.setPlainText(f"Check lipids yearly {REMOTE_MARKUP}")
    personal.notes_pane.flush()
    for name in ("bookmarks", "history", "all-notes"):
        personal.show_dock(name)
    exported = folder / "bookmarks-and-notes.json"
    personal.transfer.export_json_to(exported)
    personal.transfer.import_from(exported)
    summary.files.append(exported)
    summary.personal = True


def drive_full_session(
    window: MainWindow, folder: Path, print_to_pdf: bool = True
) -> SessionSummary:
    """``print_to_pdf=False`` leaves out File → Print (the system print service, see below)."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = SessionSummary()
    repository = window.repository
    drive_personal_layer(window, folder, summary)

    for address in repository.all_addresses():  # every page of the content
        window.open_address(address)
        summary.pages += 1
        if summary.pages % 20 == 0:
            _settle()
    for _ in range(5):
        window.go_back()
    for _ in range(3):
        window.go_forward()
    window.new_tab("serm://agent/tamoxifen")
    window.close_current_tab()
    window.tabs.reopen_last()
    _settle()

    window.open_address("serm://agent/raloxifene")
    window.open_find()
    window.find_bar.field.setText("raloxifene")
    window.find_bar.close()
    window.step_zoom(1)
    window.step_zoom(-1)
    window.set_theme_preference("dark")
    window.set_theme_preference("light")
    window.set_theme_preference("system")

    panel = window.findChild(SearchPanel)
    if panel is None:  # a window built without the second stage
        panel = SearchPanel(SearchEngine.from_repository(repository))
        window.install_search_panel(panel)
    window.focus_search()
    for query in SEARCHES:
        panel.set_query(query)
        summary.searches += 1
        results = panel.response().results
        if results:
            panel.open_requested.emit(results[0].uri, summary.searches % 2 == 0)
            summary.results_opened += 1
        _settle()

    window.open_address("serm://compare/vte")
    compare = window.current_tab()
    grid = getattr(compare, "widget", None)
    if grid is not None:
        grid.export_csv(folder / "grid.csv")
        grid.export_pdf(folder / "grid.pdf")
        summary.files += [folder / "grid.csv", folder / "grid.pdf"]
        grid.detail.setHtml(REMOTE_MARKUP)  # a plain QTextBrowser: nothing fetched either
        grid.detail.grab()
        grid.select_address("serm://compare/vte/raloxifene")
    window.open_address("serm://agent/ospemifene")
    exported = window.export_pdf(folder / "page.pdf")
    if exported is not None:
        summary.files.append(exported)
    if print_to_pdf:
        print_current_page_to_pdf(window, folder / "printed.pdf")
        summary.files.append(folder / "printed.pdf")

    page = window.current_page()
    if page is not None:  # content that points outside: shown without anything fetched
        page.setHtml(REMOTE_MARKUP)
        page.document().adjustSize()
        page.grab()
        window.open_address("serm://agent/bazedoxifene")
    window.show_external_link(f"https://{REMOTE}/page")
    window.external_link_dialog.close()
    about = window.show_about()
    if isinstance(about, AboutDialog):
        about.text.setHtml(REMOTE_MARKUP)
        about.grab()
    about.close()

    dialog = window.verify_installation()
    assert isinstance(dialog, VerifyInstallationDialog)
    deadline = time.monotonic() + 60
    while dialog.report is None and time.monotonic() < deadline:
        _settle()
        time.sleep(0.005)
    summary.verified = dialog.report is not None and dialog.report.passed
    dialog.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    _settle()
    return summary


def _main(argv: list[str]) -> int:
    """Start the real app with ``argv``, drive it once the window is up, then close it."""
    from desktop_app.app import create_application
    from desktop_app.cli import run

    out = Path(argv[0])
    create_application(["serm-reference"])

    def when_up() -> None:
        window = visible_main_window()
        wait_for_second_stage(window)
        summary = drive_full_session(window, out, print_to_pdf=False)
        print(
            f"session: {summary.pages} pages, {summary.searches} searches,"
            f" {len(summary.files)} files, verified={summary.verified},"
            f" personal={summary.personal}",
            flush=True,
        )
        window.close()

    QTimer.singleShot(0, when_up)
    return run(argv[1:])


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
