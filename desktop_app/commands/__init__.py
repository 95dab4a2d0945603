"""Headless commands; each module has ``register(subparsers)``."""

from types import ModuleType

from desktop_app.commands import compare, content, search, show

COMMAND_MODULES: tuple[ModuleType, ...] = (show, compare, search, content)
