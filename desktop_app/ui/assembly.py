"""Build the complete main window: reader, search, comparison and personal layer.

Start-up is staged: the reader alone is built, restored and painted first (what
a clinician needs to see), and search and the personal layer are added right
after that first paint (``ui.first_paint``), so they never delay it. Tests call
``assemble_window``, which does both stages at once, so what they drive is what
users get.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.content import ContentRepository
from desktop_app.ui.main_window import MainWindow
from desktop_app.userdata import UserStore

if TYPE_CHECKING:  # imported for real with the second stage, after the first paint
    from desktop_app.ui.personal.layer import PersonalLayer
    from desktop_app.ui.search.panel import SearchPanel


@dataclass
class AssembledWindow:
    window: MainWindow
    search: SearchPanel
    personal: PersonalLayer


def complete_window(
    window: MainWindow, repository: ContentRepository, store: UserStore
) -> AssembledWindow:
    """Second stage: add search (notes included) and bookmarks, notes and history."""
    from desktop_app.content.search.engine import SearchEngine
    from desktop_app.rendering.effects import effect_label
    from desktop_app.ui.personal.layer import PersonalLayer
    from desktop_app.ui.search.panel import SearchPanel
    from desktop_app.userdata.search import as_search_results

    search = SearchPanel(SearchEngine.from_repository(repository))
    search.set_extra_results(
        lambda query, limit: as_search_results(store.search_notes(query, limit))
    )
    grid = repository.comparison()
    search.set_cell_markers(
        {cell.uri: effect_label(cell.effect) for row in grid.cells for cell in row}
    )
    window.install_search_panel(search)
    personal = PersonalLayer(window, repository, store)
    return AssembledWindow(window, search, personal)


def assemble_window(repository: ContentRepository, store: UserStore) -> AssembledWindow:
    """The main window with every part wired; call ``window.restore_state()`` next."""
    return complete_window(MainWindow(repository), repository, store)
