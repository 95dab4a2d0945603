"""Full-text search over the content database; ``SearchEngine`` is the way in.

The parts (query parsing, text normalisation, spelling, snippets, records) are
modules of their own so the database build can share ``text`` with the engine.
"""

from desktop_app.content.search.engine import SearchEngine

__all__ = ["SearchEngine"]
