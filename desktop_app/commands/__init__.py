"""Headless commands; each module has ``register(subparsers)``."""

from types import ModuleType

from desktop_app.commands import show_command

COMMAND_MODULES: tuple[ModuleType, ...] = (show_command,)
