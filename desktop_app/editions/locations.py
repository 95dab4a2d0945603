"""Where the editions live, decided without Qt, so the command line needs no Qt.

The per-user default matches ``QStandardPaths.AppLocalDataLocation`` for the
app's organisation and name (a GUI test compares the two), so the window and
``serm-reference content ...`` see the same editions. ``--basedir``, portable
mode and the policy's ``editions_dir`` override it, in that order of strength:
an explicit ``--basedir`` (tests, demos) beats the policy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.bundled import data_file
from desktop_app.editions.policy import Policy

if TYPE_CHECKING:
    from desktop_app.editions.signing import PublicKey

ORGANISATION = "SERM Reference"
APPLICATION = "serm-reference"
EDITIONS_FOLDER = "editions"


def default_user_data_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if getattr(sys, "frozen", False):  # portable mode, as desktop_app.paths
        app_dir = Path(sys.executable).resolve().parent
        if (app_dir / "portable.txt").is_file():
            return app_dir / "userdata"
    if sys.platform == "win32":
        root = Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / ORGANISATION / APPLICATION


def editions_dir(policy: Policy, basedir: Path | None = None) -> Path:
    if basedir is not None:
        return Path(basedir).expanduser().resolve() / EDITIONS_FOLDER
    if policy.editions_dir is not None:
        return policy.editions_dir
    return default_user_data_dir() / EDITIONS_FOLDER


def shipped_public_keys() -> tuple[PublicKey, ...]:
    """The editors' keys shipped with the app (several: a key can be rotated)."""
    from desktop_app.editions.signing import KeyFormatError, load_public_key

    folder = data_file("keys")
    keys = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".pem"):
            try:
                keys.append(load_public_key(entry.read_text("utf-8"), f"shipped {entry.name}"))
            except KeyFormatError:
                continue  # a damaged shipped key is simply not trusted
    return tuple(keys)


def trusted_keys(policy: Policy) -> tuple[PublicKey, ...]:
    return shipped_public_keys() + policy.trusted_keys
