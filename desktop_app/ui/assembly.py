"""Build the complete main window: reader, search, comparison and personal layer.

The composition root (``app.run_gui``) and the whole-application tests call
this one function, so what the tests drive is exactly what users get.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.content import ContentRepository
from desktop_app.content.search import SearchEngine
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.personal_layer import PersonalLayer
from desktop_app.ui.search_panel import SearchPanel
from desktop_app.userdata import UserStore
from desktop_app.userdata.search import as_search_results


@dataclass
class AssembledWindow:
    window: MainWindow
    search: SearchPanel
    personal: PersonalLayer


def assemble_window(repository: ContentRepository, store: UserStore) -> AssembledWindow:
    """The main window with every part wired; call ``window.restore_state()`` next."""
    window = MainWindow(repository)
    search = SearchPanel(SearchEngine.from_repository(repository))
    search.set_extra_results(
        lambda query, limit: as_search_results(store.search_notes(query, limit))
    )
    window.install_search_panel(search)
    personal = PersonalLayer(window, repository, store)
    return AssembledWindow(window, search, personal)
