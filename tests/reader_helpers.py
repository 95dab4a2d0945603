"""Shared fixtures for the reader's GUI tests: a window with its own user folder.

Test modules import the ``*_fixture`` functions; pytest knows them by their
``name=`` (``user_dir``, ``make_window``, ``window``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from desktop_app import paths
from desktop_app.content import ContentRepository
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import Preferences, WindowStateStore

if TYPE_CHECKING:
    from desktop_app.ui.assembly import AssembledWindow

WindowFactory = Callable[[], MainWindow]

# The offscreen platform cannot pass size hints or raise windows and says so once per
# window; these two platform messages are ignored by name, every other Qt warning fails.
OFFSCREEN_LIMITS = (
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
)


@pytest.fixture(name="user_dir")
def user_dir_fixture(tmp_path: Path) -> Iterator[Path]:
    """User state for this test only; nothing touches a real profile."""
    folder = tmp_path / "user"
    paths.configure(folder)
    yield folder


@pytest.fixture(name="make_window")
def make_window_fixture(
    repository: ContentRepository, qtbot: QtBot, user_dir: Path
) -> WindowFactory:
    """Build (and restore) a window over the test's user folder; call again to 'restart'."""

    def make() -> MainWindow:
        window = MainWindow(
            repository,
            Preferences(user_dir / "settings.ini"),
            WindowStateStore(user_dir / "window-state.ini"),
        )
        qtbot.addWidget(window)
        window.restore_state()
        with qtbot.waitActive(window):  # window shortcuts need the active window
            window.show()
            window.activateWindow()
        return window

    return make


@pytest.fixture(name="window")
def window_fixture(make_window: WindowFactory) -> MainWindow:
    return make_window()


def assemble_shown(
    repository: ContentRepository, qtbot: QtBot, size: tuple[int, int] | None = None
) -> AssembledWindow:
    """The whole window (search, personal layer) over the configured user folder, shown."""
    from desktop_app.ui.assembly import assemble_window
    from desktop_app.userdata import UserStore

    store = UserStore.open(paths.user_database_file())
    assembled = assemble_window(repository, store)
    window = assembled.window
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.restore_state()
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return assembled


@pytest.fixture(name="assembled")
def assembled_fixture(
    repository: ContentRepository, qtbot: QtBot, tmp_path: Path
) -> Iterator[AssembledWindow]:
    """``assemble_shown`` over a fresh user folder; the store is closed afterwards."""
    paths.configure(tmp_path / "user")
    assembled = assemble_shown(repository, qtbot)
    yield assembled
    assembled.personal.close()
