"""Is there a screen to open a window on? Asked before Qt is imported.

Without ``DISPLAY`` or ``WAYLAND_DISPLAY`` Qt's xcb plugin fails to connect,
then aborts the process (SIGABRT, exit 134) with a hint about
``libxcb-cursor0`` that sends people installing packages they already have.
A plain sentence and a clean exit code serve them better.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping


def missing_display_message(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The message to show when no window can open here, else ``None``.

    Only Linux and the BSDs need a display server; an explicit
    ``QT_QPA_PLATFORM`` (offscreen, vnc, eglfs ...) is the user's own choice.
    """
    if platform in ("win32", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "serm-reference: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), "
        "so the window cannot open.\n"
        "Start it from a desktop session, or use the commands that need no window:\n"
        "  serm-reference --self-test                  check the installation\n"
        "  serm-reference search 'raloxifene clot'     search the content\n"
        "  serm-reference show serm://compare/vte      print one page or comparison row\n"
        "  serm-reference compare                      print the comparison grid\n"
    )
