"""Accessibility through a real assistive-technology stack, not only accessibleName.

Under Xvfb and a private D-Bus session (``dbus-run-session``), the real app
runs with Qt's AT-SPI bridge on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1), the
at-spi2-core bus launcher and registry start on demand, and Debian's pyatspi
(system python3) walks the application's tree as Orca would. Needs the
test-tools group of scripts/system-packages.txt (./run-tests and .ci/run
install it). Marked ``slow`` (about ten seconds).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.content import ContentRepository
from tests.atspi_session import REPORT_PREFIX

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow]

# Roles that say nothing about what a control is.
NO_ROLE = {"unknown", "invalid", "redundant object"}
QUERY = "raloxifene"


def _need(tool: str, package: str) -> None:
    if shutil.which(tool) is None and not Path(tool).exists():
        pytest.fail(f"needs {tool}: apt-get install {package} (test-tools group; .ci/run does)")


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    _need("dbus-run-session", "dbus-bin")
    _need("Xvfb", "xvfb")
    _need("/usr/libexec/at-spi-bus-launcher", "at-spi2-core")
    probe = subprocess.run(
        ["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True, text=True
    )
    if probe.returncode:
        pytest.fail("needs Debian's python3-pyatspi for /usr/bin/python3: " + probe.stderr)
    session = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            str(ROOT / "tests" / "atspi_session.py"),
            QUERY,
            "serm://compare/vte",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert session.returncode == 0, session.stderr[-4000:]
    lines = [line for line in session.stdout.splitlines() if line.startswith(REPORT_PREFIX)]
    assert lines, session.stdout[-2000:] + session.stderr[-4000:]
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(REPORT_PREFIX))
    return result


def test_every_focusable_control_has_a_role_and_a_name(report: dict[str, Any]) -> None:
    shown = [n for n in report["nodes"] if n["focusable"] and n["visible"]]
    assert len(shown) > 50  # the toolbar, the contents, the grid, the panels: really walked
    nameless = [f"{n['role']} at {n['path']}" for n in shown if not n["name"].strip()]
    roleless = [f"{n['name']!r} at {n['path']}" for n in shown if n["role"] in NO_ROLE]
    assert nameless == [], "\n".join(nameless)
    assert roleless == [], "\n".join(roleless)
    roles = {n["role"] for n in shown}
    assert {"push button", "text", "table", "table cell", "page tab", "tree"} <= roles


def test_the_grid_exposes_each_cell_with_agent_and_topic(
    report: dict[str, Any], repository: ContentRepository
) -> None:
    grid = report["grid"]
    comparison = repository.comparison()
    assert grid["name"] == "Comparison grid"
    assert (grid["rows"], grid["columns"]) == (len(comparison.attributes), len(comparison.agents))
    for cell in grid["cells"]:
        agent = comparison.agents[cell["column"]]
        attribute = comparison.attributes[cell["row"]]
        assert cell["role"] == "table cell"
        assert cell["column_header"] == agent.name
        assert cell["row_header"] == attribute.label
        assert cell["name"].startswith(f"{agent.name}, {attribute.label.lower()}: "), cell
        assert "Marker: " in cell["name"]


def test_search_results_announce_their_count(report: dict[str, Any]) -> None:
    search = report["search"]
    count = search["results_count"]
    assert count and count > 1
    expected = f"{count} results"
    announced = [e for e in search["heard"] if e["type"].startswith("object:announcement")]
    assert [e["data"] for e in announced][-1:] == [expected], search["heard"]
    assert announced[-1]["source"] == "Search results"
    assert search["results_description"] == expected  # said again on reaching the list
