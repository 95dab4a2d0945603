"""The one place that decides where user state lives.

Settings, window state, bookmarks, notes, history and logs all live per user,
never beside the read-only content database. ``--basedir DIR`` and
``--temp-basedir`` (tests, demos) redirect everything, so nothing ever touches
a real profile by accident.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

_base: Path | None = None
_temporary: Path | None = None


def configure(basedir: Path | None = None, temporary: bool = False) -> Path:
    """Choose the user-data folder for this process and create it."""
    global _base, _temporary
    if temporary:
        _temporary = Path(tempfile.mkdtemp(prefix="serm-reference-"))
        _base = _temporary
    elif basedir is not None:
        _base = Path(basedir).expanduser().resolve()
    elif (portable := portable_data_dir()) is not None:
        _base = portable
    else:
        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppLocalDataLocation
        )
        _base = Path(location) if location else Path.home() / ".serm-reference"
    created = not _base.exists()
    _base.mkdir(parents=True, exist_ok=True)
    _keep_private(_base, chmod_folder=created or basedir is None)
    return _base


def _keep_private(folder: Path, chmod_folder: bool) -> None:
    """Notes are private: the folder made here (or the default one) is closed to others.

    A folder named with ``--basedir`` that already existed is the user's to set.
    The window process also sets umask 077 (``private_files``), so what it writes
    inside is private even where the folder is not.
    """
    if os.name == "posix" and chmod_folder and folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)


def private_files() -> int | None:
    """From now on this process creates files for its user only (umask 077).

    Returns the previous mask, for ``restore_file_mode`` when the window closes.
    """
    return os.umask(0o077) if os.name == "posix" else None


def restore_file_mode(previous: int | None) -> None:
    if previous is not None:
        os.umask(previous)


PORTABLE_MARKER = "portable.txt"


def portable_data_dir() -> Path | None:
    """``userdata/`` beside the executable when a ``portable.txt`` marker sits there.

    Only a frozen build has an executable of its own; running from source never
    turns portable by accident because of a file next to the Python interpreter.
    """
    if not getattr(sys, "frozen", False):
        return None
    app_dir = Path(sys.executable).resolve().parent
    return app_dir / "userdata" if (app_dir / PORTABLE_MARKER).is_file() else None


def user_database_file() -> Path:
    """Bookmarks, notes and history (desktop_app.userdata.UserStore)."""
    return user_data_dir() / "userdata.sqlite"


def user_data_dir() -> Path:
    if _base is None:
        return configure()
    return _base


def settings_file() -> Path:
    return user_data_dir() / "settings.ini"


def window_state_file() -> Path:
    return user_data_dir() / "window-state.ini"


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cleanup() -> None:
    """Remove the temporary base folder, if this process made one."""
    global _temporary
    if _temporary is not None:
        shutil.rmtree(_temporary, ignore_errors=True)
        _temporary = None
