"""The read-only content layer: Qt-free access to the bundled SQLite database.

Nothing under this package imports Qt (a test enforces it), so the command
line, tests and scripts use exactly the code the GUI uses.
"""

from desktop_app.content.database import default_database_path, open_content_database
from desktop_app.content.errors import ContentDatabaseError
from desktop_app.content.repository import ContentRepository

__all__ = [
    "ContentDatabaseError",
    "ContentRepository",
    "default_database_path",
    "open_content_database",
]
