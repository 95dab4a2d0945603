"""Light and dark appearance: the application palette and the page colours.

"system" follows the platform's palette (dark when its text is lighter than its
window) and changes with it; "light" and "dark" override it from the View menu.

The palette rather than ``QStyleHints.colorScheme()``: reading the scheme
builds the whole ``Qt`` namespace, ~20 ms before the first paint
(desktop_app/qt_namespace.py), and the palette is what the window is drawn
with, so pages and window chrome agree even where a style ignores the
system's dark mode.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.rendering.theme import DARK, LIGHT, PageColours

# Whether the application palette is one set here. The palette is process-wide,
# and so is this: while it is ours, the platform's is not readable.
_own_palette = False


def use_palette(palette: QPalette | None) -> None:
    """Make ``palette`` the application palette; ``None`` for the platform's own."""
    global _own_palette
    if palette is None and not _own_palette:
        return  # already the platform's: no palette-change event for every widget
    QGuiApplication.setPalette(palette if palette is not None else QPalette())
    _own_palette = palette is not None


def system_prefers_dark() -> bool:
    """Whether the platform's palette is a dark one (it becomes the application palette)."""
    use_palette(None)
    palette = QGuiApplication.palette()
    role = QPalette.ColorRole
    return palette.color(role.WindowText).lightness() > palette.color(role.Window).lightness()


def resolve(preference: str) -> str:
    """The theme actually used: "light" or "dark"."""
    if preference in ("light", "dark"):
        return preference
    return "dark" if system_prefers_dark() else "light"


def page_colours(theme: str) -> PageColours:
    return DARK if theme == "dark" else LIGHT


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for body text (WCAG AA on every role pair)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#25282d",
        role.WindowText: "#e3e5e8",
        role.Base: "#1e2126",
        role.AlternateBase: "#262a30",
        role.ToolTipBase: "#2f343b",
        role.ToolTipText: "#e3e5e8",
        role.PlaceholderText: "#9aa0a9",
        role.Text: "#e3e5e8",
        role.Button: "#2f333a",
        role.ButtonText: "#e3e5e8",
        role.BrightText: "#ffffff",
        role.Light: "#3c4149",
        role.Midlight: "#343840",
        role.Mid: "#50565f",
        role.Dark: "#17191c",
        role.Shadow: "#0b0c0e",
        role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab8ff",
        role.LinkVisited: "#c0a4ff",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#7d838c"))
    return palette


def light_palette() -> QPalette:
    palette = QPalette(QColor("#efefef"), QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor(LIGHT.link))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fc4"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor(LIGHT.text))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(LIGHT.text))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(LIGHT.text))
    return palette
