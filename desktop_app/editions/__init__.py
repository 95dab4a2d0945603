"""Content editions: signed update packs, installed beside the bundled database.

Qt-free (a test enforces it), so ``serm-reference content ...`` and the window
share every check. ``pack`` reads and writes the signed file, ``store`` installs
and rolls back, ``diff`` says what changed, ``policy`` reads the IT department's
settings, ``startup`` picks the database the app opens.
"""

from desktop_app.editions.errors import EditionError, PackRefused, PolicyError

__all__ = ["EditionError", "PackRefused", "PolicyError"]
