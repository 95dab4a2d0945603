"""Every command of the main window as a QAction, with its shortcuts, in one table.

Menus, the toolbar and the shortcuts help are all built from these actions, so
a shortcut is declared once and shows up everywhere it should.
"""

from typing import NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget


class WindowActions(NamedTuple):
    """The window's actions, built once by ``build_actions`` and never reassigned.

    A named tuple rather than a dataclass: it is defined before the window's
    first paint, and a dataclass of 32 fields costs far more to define.
    """

    new_tab: QAction
    close_tab: QAction
    reopen_tab: QAction
    print_page: QAction
    print_preview: QAction
    print_with_note: QAction
    export_pdf: QAction
    quit: QAction
    copy_address: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    toggle_sidebar: QAction
    focus_contents: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    back: QAction
    forward: QAction
    previous_section: QAction
    next_section: QAction
    start_page: QAction
    next_tab: QAction
    previous_tab: QAction
    focus_search: QAction
    shortcuts: QAction
    about: QAction
    restore_session: QAction
    theme_group: QActionGroup

    def all(self) -> list[QAction]:
        return [a for a in self if isinstance(a, QAction)]


def _action(
    owner: QWidget,
    text: str,
    shortcuts: list[str] | None = None,
    tip: str = "",
    icon_text: str = "",
) -> QAction:
    action = QAction(owner)  # QAction(text, owner) would build QIcon's enums (~2 ms at start)
    action.setText(text)
    keys: list[QKeySequence] = []
    for key in shortcuts or []:
        sequence = QKeySequence(key)
        if not sequence.isEmpty() and sequence not in keys:
            keys.append(sequence)
    if keys:
        action.setShortcuts(keys)
    plain = text.replace("&", "").rstrip("…")
    hint = f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
    action.setToolTip((tip or plain) + hint)
    action.setStatusTip(tip or plain)
    if icon_text:  # what a toolbar button says (text-only toolbar: no icon lookups at start)
        action.setIconText(icon_text)
    owner.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(owner: QWidget) -> WindowActions:
    theme_group = QActionGroup(owner)
    theme_group.setExclusive(True)
    themes = []
    for text in ("Follow &System", "&Light", "&Dark"):
        action = _action(owner, text, tip=f"Theme: {text.replace('&', '').lower()}")
        action.setCheckable(True)
        theme_group.addAction(action)
        themes.append(action)
    toggle_sidebar = _action(
        owner, "Show &Sidebar", ["F9"], "Show or hide the contents sidebar", "Sidebar"
    )
    toggle_sidebar.setCheckable(True)
    restore_session = _action(
        owner,
        "&Restore Last Session at Start",
        tip="Start with the tabs open when the app was closed, instead of the home page",
    )
    restore_session.setCheckable(True)
    print_with_note = _action(
        owner,
        "Include My &Note in Printouts",
        tip="Print, preview and export a page with your note on it, after the page",
    )
    print_with_note.setCheckable(True)
    return WindowActions(
        new_tab=_action(owner, "&New Tab", ["Ctrl+T"], "Open the start page in a new tab"),
        close_tab=_action(owner, "&Close Tab", ["Ctrl+W"], "Close the current tab"),
        reopen_tab=_action(
            owner, "&Reopen Closed Tab", ["Ctrl+Shift+T"], "Bring back the last closed tab"
        ),
        print_page=_action(
            owner,
            "&Print…",
            ["Ctrl+P"],
            "Print the current page",
        ),
        print_preview=_action(
            owner,
            "Print Pre&view…",
            ["Ctrl+Shift+P"],
            "See the current page's sheets as they will print",
        ),
        print_with_note=print_with_note,
        export_pdf=_action(
            owner, "&Export PDF…", ["Ctrl+Shift+E"], "Save the current page as a PDF file"
        ),
        quit=_action(owner, "&Quit", ["Ctrl+Q"], "Quit SERM Reference"),
        copy_address=_action(
            owner, "Copy Page &Address", ["Ctrl+Shift+C"], "Copy the serm:// address of this page"
        ),
        find=_action(
            owner,
            "&Find in Page…",
            ["Ctrl+F"],
            "Find text in this page",
        ),
        find_next=_action(owner, "Find &Next", ["F3"], "Next match"),
        find_previous=_action(owner, "Find Pre&vious", ["Shift+F3"], "Previous match"),
        toggle_sidebar=toggle_sidebar,
        focus_contents=_action(
            owner, "Go to &Contents", ["Alt+C"], "Move the keyboard focus to the contents"
        ),
        zoom_in=_action(
            owner,
            "Zoom &In",
            ["Ctrl++", "Ctrl+="],
            "Larger text",
        ),
        zoom_out=_action(
            owner,
            "Zoom &Out",
            ["Ctrl+-"],
            "Smaller text",
        ),
        zoom_reset=_action(owner, "&Actual Size", ["Ctrl+0"], "Text at its normal size"),
        theme_system=themes[0],
        theme_light=themes[1],
        theme_dark=themes[2],
        back=_action(
            owner,
            "&Back",
            ["Alt+Left"],
            "Back to the previous page in this tab",
            "← Back",
        ),
        forward=_action(
            owner,
            "&Forward",
            ["Alt+Right"],
            "Forward in this tab",
            "Forward →",
        ),
        previous_section=_action(
            owner, "&Previous Section", ["Alt+PgUp"], "The section before this one"
        ),
        next_section=_action(owner, "Ne&xt Section", ["Alt+PgDown"], "The section after this one"),
        start_page=_action(
            owner,
            "&Home",
            ["Alt+Home"],
            "The home page: agents, comparison rows, bookmarks, example questions",
        ),
        next_tab=_action(owner, "Next &Tab", ["Ctrl+Tab", "Ctrl+PgDown"]),
        previous_tab=_action(owner, "Previous T&ab", ["Ctrl+Shift+Tab", "Ctrl+PgUp"]),
        focus_search=_action(
            owner, "&Search…", ["Ctrl+K", "Ctrl+L", "F6"], "Search the whole reference"
        ),
        shortcuts=_action(owner, "&Keyboard Shortcuts", ["F1"], "List every keyboard shortcut"),
        about=_action(owner, "&About SERM Reference", tip="Versions, checksum and licences"),
        restore_session=restore_session,
        theme_group=theme_group,
    )
