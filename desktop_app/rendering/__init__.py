"""Qt-free HTML rendering of content records, for the reader, printouts and the self-test.

Pure functions from the content layer's frozen records to HTML strings in the
subset QTextDocument understands. Keeping them free of Qt means the same
output can be unit-tested as text, printed, and checked headlessly.
"""

from desktop_app.rendering.pages import RenderedPage, render_address
from desktop_app.rendering.theme import DARK, LIGHT, PageColours, html_document

__all__ = ["DARK", "LIGHT", "PageColours", "RenderedPage", "html_document", "render_address"]
