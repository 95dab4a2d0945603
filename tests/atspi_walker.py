"""Walk a running SERM Reference through AT-SPI, as a screen reader sees it.

Run by tests/test_atspi.py with the *system* python3 (pyatspi is the Debian
package python3-pyatspi, not a pip package) on the same D-Bus session as the
app. It reports, as one JSON object on stdout, what an assistive technology
gets: every visible focusable control with its role and name, the comparison
grid's cells with their headers, and what is announced when a search is typed
through the AT-SPI EditableText interface. The test decides what is right.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "serm-reference"
MAX_NODES = 6000
GIVE_UP_S = 60


def find_app() -> pyatspi.Accessible:
    deadline = time.monotonic() + GIVE_UP_S
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == APP_NAME and app.childCount:
                return app
        time.sleep(0.3)
    raise SystemExit(f"no application named {APP_NAME} on the accessibility bus")


def walk(node: pyatspi.Accessible, path: str, out: list[dict[str, object]]) -> None:
    if len(out) >= MAX_NODES or node is None:
        return
    states = node.getState()
    out.append(
        {
            "role": node.getRoleName(),
            "name": node.name or "",
            "description": node.description or "",
            "path": path,
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "visible": states.contains(pyatspi.STATE_VISIBLE)
            and states.contains(pyatspi.STATE_SHOWING),
        }
    )
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, f"{path}/{child.getRoleName()}[{child.name or ''}]", out)


def find(root: pyatspi.Accessible, role: int, name: str) -> pyatspi.Accessible | None:
    return pyatspi.findDescendant(root, lambda n: n.getRole() == role and n.name == name)


def grid_report(app: pyatspi.Accessible) -> dict[str, object]:
    table = pyatspi.findDescendant(
        app, lambda n: n.getRole() == pyatspi.ROLE_TABLE and "grid" in (n.name or "").lower()
    )
    if table is None:
        return {}
    iface = table.queryTable()
    cells = []
    for row in range(iface.nRows):
        for column in range(iface.nColumns):
            cell = iface.getAccessibleAt(row, column)
            cells.append(
                {
                    "row": row,
                    "column": column,
                    "name": cell.name if cell else "",
                    "role": cell.getRoleName() if cell else "",
                    "row_header": (iface.getRowHeader(row).name if iface.getRowHeader(row) else ""),
                    "column_header": (
                        iface.getColumnHeader(column).name if iface.getColumnHeader(column) else ""
                    ),
                }
            )
    return {"name": table.name, "rows": iface.nRows, "columns": iface.nColumns, "cells": cells}


def search_report(app: pyatspi.Accessible, query: str) -> dict[str, object]:
    """Type ``query`` into the search field through AT-SPI; collect what is announced."""
    field = find(app, pyatspi.ROLE_TEXT, "Search") or find(app, pyatspi.ROLE_ENTRY, "Search")
    if field is None:
        return {"error": "no text field named Search"}
    heard: list[dict[str, str]] = []

    def listen(event: pyatspi.event.Event) -> None:
        heard.append(
            {
                "type": event.type,
                "source": event.source.name if event.source else "",
                "data": str(event.any_data),
            }
        )
        if event.type.startswith("object:announcement") and "result" in str(event.any_data):
            pyatspi.Registry.stop()

    pyatspi.Registry.registerEventListener(listen, "object:announcement")

    def type_query() -> bool:
        field.queryEditableText().setTextContents(query)
        return False

    def give_up() -> bool:
        pyatspi.Registry.stop()
        return False

    GLib.timeout_add(200, type_query)
    GLib.timeout_add(20_000, give_up)
    pyatspi.Registry.start()
    results = find(app, pyatspi.ROLE_LIST, "Search results")
    status = find(app, pyatspi.ROLE_LABEL, "Search status")
    return {
        "heard": heard,
        "results_description": results.description if results else None,
        "results_count": results.childCount if results else None,
        "status_text": text_of(status),
    }


def text_of(node: pyatspi.Accessible | None) -> str | None:
    """A node's text through the Text interface, when it has one."""
    if node is None:
        return None
    try:
        return str(node.queryText().getText(0, -1))
    except NotImplementedError:
        return None


def main() -> int:
    app = find_app()
    nodes: list[dict[str, object]] = []
    walk(app, "application", nodes)
    report = {
        "nodes": nodes,
        "grid": grid_report(app),
        "search": search_report(app, sys.argv[1] if len(sys.argv) > 1 else "raloxifene"),
    }
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
