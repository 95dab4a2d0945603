"""Imports flow downward only: ui -> models -> content; content never sees Qt, ui never SQL."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"

# For each layer: module prefixes it must never import.
FORBIDDEN = {
    "content": ("PySide6", "shiboken6", "desktop_app.ui", "desktop_app.models", "sqlite_utils"),
    "commands": ("PySide6", "shiboken6", "desktop_app.ui", "desktop_app.models"),
    "models": ("PySide6.QtWidgets", "desktop_app.ui"),
    # Widgets ask the content layer and the personal store; they never run SQL themselves.
    "ui": ("sqlite3", "sqlite_utils"),
    # Pages are pure functions of content records: testable and printable without Qt.
    "rendering": ("PySide6", "shiboken6", "desktop_app.ui", "desktop_app.models", "sqlite_utils"),
    # Editions are checked and installed by the command line and by a killed helper process.
    "editions": (
        "PySide6",
        "shiboken6",
        "desktop_app.ui",
        "desktop_app.models",
        "desktop_app.paths",
        "desktop_app.app",
        "sqlite_utils",
    ),
    # The personal store runs in plain subprocesses (crash test): no Qt, not even via paths.
    "userdata": (
        "PySide6",
        "shiboken6",
        "desktop_app.ui",
        "desktop_app.models",
        "desktop_app.paths",
        "desktop_app.app",
    ),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations() -> list[str]:
    found = []
    for layer, forbidden in FORBIDDEN.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for name in imported_modules(path):
                if name.startswith(forbidden):
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    for path in sorted(PACKAGE.rglob("*.py")):
        if "sqlite_utils" in imported_modules(path):
            found.append(f"{path.relative_to(PACKAGE)} imports sqlite_utils (build-time only)")
    return found


def test_layers_do_not_import_upward() -> None:
    assert violations() == []


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtWidgets import QWidget\nimport sqlite3\n")
    assert imported_modules(sample) == {"PySide6.QtWidgets", "sqlite3"}


def test_no_module_of_the_app_is_imported_by_name() -> None:
    """The PyInstaller spec follows import statements only (no collect_submodules):
    a module reached through importlib.import_module would be missing from the bundle."""
    package = Path(__file__).resolve().parent.parent / "desktop_app"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "import_module(" in path.read_text(encoding="utf-8")
        or "__import__(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
