"""D-Bus only on this machine: a session or system bus reached over TCP is dropped.

Qt's D-Bus module connects to whatever bus ``DBUS_SESSION_BUS_ADDRESS`` names
(for the platform theme, the accessibility bridge, the tray), and an address
may be ``tcp:host=...``: then the app would open a network connection, which it
promises never to do. Only ``unix:`` transports (a socket file, or an abstract
one) stay; the rest are removed from this process's environment before Qt
starts, and the app runs without that bus (no AT-SPI bridge, nothing else lost).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping

log = logging.getLogger(__name__)

BUS_VARIABLES = ("DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS")
LOCAL_TRANSPORTS = ("unix:",)


def local_only(address: str) -> str:
    """The ``;``-separated entries of a D-Bus address that stay on this machine."""
    kept = [
        entry
        for entry in address.split(";")
        if entry.strip() and entry.strip().lower().startswith(LOCAL_TRANSPORTS)
    ]
    return ";".join(kept)


def keep_only_local_buses(environ: MutableMapping[str, str]) -> list[str]:
    """Drop non-local bus addresses from ``environ``; the variables changed."""
    changed = []
    for name in BUS_VARIABLES:
        address = environ.get(name)
        if address is None:
            continue
        kept = local_only(address)
        if kept == address:
            continue
        changed.append(name)
        if kept:
            environ[name] = kept
        else:
            del environ[name]
        log.warning("%s named a bus outside this machine; it is not used", name)
    return changed
