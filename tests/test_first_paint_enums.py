"""The first paint comes before PySide6 builds the ``Qt`` namespace's 93 enum classes.

Building them costs ~20 ms of start-up (desktop_app/qt_namespace.py), so the
code on the way to the first paint uses ``Qt`` only through the deferred name,
enum-typed properties by their key names, and a few of Qt's fixed numbers;
these tests check the start, and that the numbers and the replacements agree
with Qt's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QToolBar

from desktop_app.exit_codes import ExitCode
from desktop_app.models.roles import _USER, ACCESSIBLE_TEXT_ROLE, Role
from desktop_app.qt_namespace import Qt as deferred_qt
from desktop_app.qt_namespace import set_enum_property
from desktop_app.ui import theme
from desktop_app.ui.elided_label import ELLIPSIS, ElidedLabel, elide_right
from tests.start_helpers import printing_at_first_paint, start_window

# The real start; at the first paint (the probe's report) it says whether the namespace
# exists yet.
WINDOW_SCRIPT = printing_at_first_paint(
    "namespace at first paint:", '"Qt" in vars(sys.modules["PySide6.QtCore"])'
)


@pytest.mark.gui
def test_the_window_paints_before_the_qt_namespace_is_built(
    database_path: Path, tmp_path: Path
) -> None:
    result = start_window(WINDOW_SCRIPT, database_path, tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "namespace at first paint: False" in result.stdout, result.stdout + result.stderr


def test_the_fixed_numbers_are_qts_own() -> None:
    assert Qt.ItemDataRole.AccessibleTextRole.value == ACCESSIBLE_TEXT_ROLE
    assert Qt.ItemDataRole.UserRole.value == _USER


def _constants(table: type) -> dict[str, int]:
    return {name: value for name, value in vars(table).items() if name.isupper()}


def test_role_and_exit_code_tables_never_give_one_number_two_meanings() -> None:
    """Plain constant classes (enum classes cost start-up time), so uniqueness is checked here."""
    roles, codes = _constants(Role), _constants(ExitCode)
    assert len(roles) >= 14 and len(set(roles.values())) == len(roles)
    assert all(isinstance(n, int) and n > _USER for n in roles.values())  # above Qt's roles
    assert len(codes) >= 8 and len(set(codes.values())) == len(codes)
    assert codes["OK"] == 0 and all(0 <= n < 256 for n in codes.values())


def test_the_deferred_name_gives_qts_own_enums() -> None:
    assert deferred_qt.MouseButton.MiddleButton is Qt.MouseButton.MiddleButton
    assert deferred_qt.Key is Qt.Key
    with pytest.raises(AttributeError):
        _ = deferred_qt.NoSuchEnum


def test_enum_properties_are_set_by_key(qapp: QApplication) -> None:
    bar = QToolBar()
    set_enum_property(bar, "toolButtonStyle", "ToolButtonTextOnly")
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    proxy = QSortFilterProxyModel()
    set_enum_property(proxy, "filterCaseSensitivity", "CaseInsensitive")
    assert proxy.filterCaseSensitivity() == Qt.CaseSensitivity.CaseInsensitive


def test_an_unknown_key_or_property_raises_instead_of_doing_nothing(qapp: QApplication) -> None:
    bar = QToolBar()
    with pytest.raises(ValueError, match="toolButtonStyle"):
        set_enum_property(bar, "toolButtonStyle", "ToolButtonTextOnIy")
    with pytest.raises(ValueError, match="toolButtonStile"):
        set_enum_property(bar, "toolButtonStile", "ToolButtonTextOnly")
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly  # left as it was


@pytest.mark.parametrize("width", [0, 8, 40, 120, 300, 2000])
def test_elision_keeps_the_longest_start_that_fits(qapp: QApplication, width: int) -> None:
    text = "Content edition 2026.1 (2026-11-30)  ·  For information only: not medical advice."
    metrics = QFontMetrics(QFont())
    shown = elide_right(text, metrics, width)
    assert metrics.horizontalAdvance(shown) <= width
    if metrics.horizontalAdvance(text) <= width:
        assert shown == text
        return
    if shown:
        assert shown.endswith(ELLIPSIS)
        kept = shown.removesuffix(ELLIPSIS)
        assert text.startswith(kept)
        # One more character would not fit (whatever the spaces trimmed).
        longer = text[: len(kept) + 1].rstrip() + ELLIPSIS
        if len(longer) > len(shown):
            assert metrics.horizontalAdvance(longer) > width
    # Qt's own elision keeps about as much (it may cut a glyph cluster differently).
    qt_shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    assert abs(len(qt_shown) - len(shown)) <= 2


def test_the_label_shows_its_whole_text_or_a_start_that_fits(qapp: QApplication) -> None:
    text = "Content edition 2026.1 (2026-11-30)  ·  For information only: not medical advice."
    label = ElidedLabel(text)
    label.show()  # a hidden widget gets its resize event only when shown
    label.resize(label.sizeHint().width() + 10, 20)
    assert label.shown_text() == text
    label.resize(120, 20)
    shown = label.shown_text()
    assert shown.endswith(ELLIPSIS) and text.startswith(shown.removesuffix(ELLIPSIS))
    assert label.fontMetrics().horizontalAdvance(shown) <= 120
    assert label.text() == text and label.toolTip() == text
    label.close()


def test_the_system_theme_is_read_from_the_platforms_palette(qapp: QApplication) -> None:
    """A palette set by the app hides the platform's; the check looks past it."""
    platform_dark = theme.system_prefers_dark()
    theme.use_palette(theme.light_palette() if platform_dark else theme.dark_palette())
    assert theme.resolve("system") == ("dark" if platform_dark else "light")
    assert theme._own_palette is False  # the platform's palette is back in use
