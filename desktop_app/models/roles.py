"""Custom item-data roles shared by every model, so views ask one way."""

from PySide6.QtCore import Qt

ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's serm:// address
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # section | agent | comparison | reference | ...
CITATION_ROLE = Qt.ItemDataRole.UserRole + 3  # a reference's citation, for copying
FILTER_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4  # the text a filter box matches against
MISSING_ROLE = Qt.ItemDataRole.UserRole + 20  # bool: the address is not in this content edition
