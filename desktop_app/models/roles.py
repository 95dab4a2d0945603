"""Custom item-data roles shared by every model, so views ask one way.

One table, so no two models can give one number two meanings (a test checks
the numbers are distinct); the numbers live only in this process (nothing
saves them), so they may change freely.
"""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

# What Qt hands a model's data()/flags()/rowCount(): either kind of index.
AnyIndex = QModelIndex | QPersistentModelIndex

# Qt's own role numbers, fixed by Qt's API (tests/test_first_paint_enums.py compares them
# with Qt.ItemDataRole): reading them from the enum would build the whole Qt namespace
# before the first paint (desktop_app/qt_namespace.py).
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
_USER = 0x0100  # Qt.ItemDataRole.UserRole


class Role:
    """Plain int constants, not an IntEnum: building an enum class costs start-up time.

    Qt is handed the number either way.
    """

    ADDRESS = _USER + 1  # the item's serm:// address
    KIND = _USER + 2  # section | agent | comparison | reference | ...
    CITATION = _USER + 3  # a reference's citation, for copying
    FILTER_TEXT = _USER + 4  # the text a filter box matches against
    MISSING = _USER + 5  # bool: the address is not in this content edition
    RESULT = _USER + 10  # search: the SearchResult (text + match spans)
    SNIPPET = _USER + 11  # search: the snippet as plain text
    MATCH = _USER + 12  # search: exact | prefix | synonym | most | partial
    CELL = _USER + 20  # compare: the ComparisonCell record
    EFFECT = _USER + 21  # compare: adverse | neutral | favourable | mixed | no data
    PROVENANCE = _USER + 22  # compare: seed | added | none
    CAUTION_COUNT = _USER + 23  # compare: cautions shown with the cell
    PROVENANCE_TEXT = _USER + 24  # compare: "from the article", "added — ..."
    KEY = _USER + 30  # compare filters: the agent's or attribute's key
