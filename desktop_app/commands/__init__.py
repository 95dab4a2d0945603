"""Headless commands; each module has ``register(subparsers)``."""

from types import ModuleType

from desktop_app.commands import compare_command, content_command, search_command, show_command

COMMAND_MODULES: tuple[ModuleType, ...] = (
    show_command,
    compare_command,
    search_command,
    content_command,
)
