"""The search field and its results: type, see the best places, open one with Enter.

Measured first (``bench/search.py``): a search of the bundled content costs
about a millisecond, so it runs synchronously on the GUI thread after a
single-shot debounce timer, with no worker thread. As the search always runs
on the field's current text when the timer fires, a result can never be stale.
The debounce follows the measured cost: none while searches are cheap (each
keystroke gets its answer in the same frame), longer when a search is slow
(a much larger corpus), so typing never queues up work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.search.engine import SearchEngine
from desktop_app.content.search.records import KINDS, SearchResponse, SearchResult
from desktop_app.models.search_results_model import SearchResultsModel
from desktop_app.ui.search.delegate import SearchResultDelegate

NOTE_KIND = "note"  # results from an extra source (the user's notes), after the content's
ExtraResults = Callable[[str, int], tuple[SearchResult, ...]]
FILTER_LABELS = {
    "section": "Sections",
    "agent": "Agents",
    "comparison": "Comparison",
    "reference": "References",
    NOTE_KIND: "My notes",
}
CHEAP_SEARCH_MS = 4.0  # below this, no debounce at all
MAX_DEBOUNCE_MS = 150
RESULT_LIMIT = 30  # a screenful and a half; the best are on top
HINT = "Search sections, agents, the comparison and references."
SUGGESTIONS = (
    "Try fewer or other words, an agent (tamoxifen, raloxifene, bazedoxifene, ospemifene), "
    "a brand (Evista, Nolvadex), or a term such as VTE, bone density or hot flashes."
)


FILTERS_PER_ROW = 3


class SearchPanel(QWidget):
    """Search field, kind filters, a status line and the results list.

    The main window may move ``search_field`` into its toolbar; the panel keeps
    handling its keys wherever it sits.

    Signals:
        open_requested(str, bool): open this address; True for a new tab
            (Enter / click: False; Ctrl+Enter / Ctrl+click / middle click: True).
        dismissed(): Escape in an empty field; the window moves focus back to the page.
        results_changed(int): a search finished and its results are shown (count).
    """

    open_requested = Signal(str, bool)
    dismissed = Signal()
    results_changed = Signal(int)

    def __init__(self, engine: SearchEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._engine = engine
        self._response = SearchResponse(query="")
        self.last_search_ms = 0.0

        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setAccessibleName("Search")
        self.search_field.setPlaceholderText("Search (Ctrl+K)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip("Words, brands, abbreviations or a question; Enter opens")

        self.filter_buttons: dict[str, QToolButton] = {}
        # Two rows of filters: one row of five set the sidebar's minimum at about 390 px,
        # which took the width the Compare grid needs for its four agents at 1366 px.
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(2)
        for number, kind in enumerate((*KINDS, NOTE_KIND)):
            button = QToolButton()
            button.setText(FILTER_LABELS[kind])
            button.setCheckable(True)
            button.setAccessibleName(f"Only {FILTER_LABELS[kind].lower()}")
            button.setToolTip(
                f"Show only {FILTER_LABELS[kind].lower()} (with none chosen, every kind shows)"
            )
            button.toggled.connect(self._filters_changed)
            self.filter_buttons[kind] = button
            filters.addWidget(button, number // FILTERS_PER_ROW, number % FILTERS_PER_ROW)
        filters.setColumnStretch(FILTERS_PER_ROW, 1)
        self.filter_buttons[NOTE_KIND].hide()  # until set_extra_results gives notes
        self._extra_results: ExtraResults | None = None

        self.status = QLabel(HINT)
        self.status.setObjectName("searchStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Search status")
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        # "Did you mean": a real word matched nothing; the search kept it, this offers
        # the closest indexed word, one click or Enter away, never applied silently.
        self.suggestion_button = QPushButton()
        self.suggestion_button.setObjectName("searchSuggestion")
        self.suggestion_button.setFlat(True)
        self.suggestion_button.setAccessibleName("Search suggestion")  # until there is one
        self.suggestion_button.setStyleSheet("text-align: left; text-decoration: underline;")
        self.suggestion_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.suggestion_button.clicked.connect(self._take_suggestion)
        self.suggestion_button.hide()

        self.model = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setObjectName("searchResults")
        self.results_view.setAccessibleName("Search results")
        self.results_view.setModel(self.model)
        self.delegate = SearchResultDelegate(self.results_view)
        self.results_view.setItemDelegate(self.delegate)
        self.results_view.setUniformItemSizes(False)  # rows as tall as their answer needs
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)  # re-measured on resize
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.installEventFilter(self)
        self.results_view.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_field)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.suggestion_button)
        layout.addWidget(self.results_view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search_now)
        self.search_field.textChanged.connect(self._text_changed)
        self.search_field.installEventFilter(self)

    # -- public API -----------------------------------------------------------------------

    def focus_search(self) -> None:
        """Focus the field with its text selected, so typing replaces the last query."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def last_query_terms(self) -> list[str]:
        """Words of the last search worth marking on the opened page (matched forms included)."""
        return list(self._response.terms)

    def response(self) -> SearchResponse:
        return self._response

    def selected_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind, button in self.filter_buttons.items() if button.isChecked())

    def set_extra_results(self, source: ExtraResults | None) -> None:
        """Add results of another index (the user's notes) after the content's.

        ``source(query, limit)`` returns ``SearchResult`` records (kind "note"),
        must not raise, and is listed after the content results: scores of two
        indexes do not compare. A "My notes" filter appears with it.
        """
        self._extra_results = source
        self.filter_buttons[NOTE_KIND].setVisible(source is not None)
        if source is None:
            self.filter_buttons[NOTE_KIND].setChecked(False)

    def set_cell_markers(self, markers: dict[str, str]) -> None:
        """Each comparison cell's marker (symbol and word), shown before its value in a row."""
        self.delegate.markers = dict(markers)

    def _take_suggestion(self) -> None:
        suggestion = self._response.suggestion
        if suggestion:
            self.set_query(suggestion)
            self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_query(self, text: str) -> None:
        """Put text in the field and search it at once (e.g. a search started elsewhere)."""
        self.search_field.setText(text)
        self.search_now()

    def search_now(self) -> None:
        """Run the search for the field's current text and show it (cancels a pending one)."""
        self._timer.stop()
        text = self.search_field.text()
        if not text.strip():
            self._show(SearchResponse(query=text))
            return
        start = time.perf_counter()
        chosen = self.selected_kinds()
        content_kinds = tuple(k for k in chosen if k in KINDS)
        if chosen and not content_kinds:  # only "My notes"
            response = SearchResponse(query=text)
        else:
            response = self._engine.search(text, kinds=content_kinds, limit=RESULT_LIMIT)
        if self._extra_results is not None and (not chosen or NOTE_KIND in chosen):
            extra = self._extra_results(text, RESULT_LIMIT)
            response = replace(response, results=response.results + tuple(extra))
        self.last_search_ms = (time.perf_counter() - start) * 1000
        self._show(response)

    def debounce_ms(self) -> int:
        """No wait while searches are cheap; about twice a slow search's cost otherwise."""
        if self.last_search_ms < CHEAP_SEARCH_MS:
            return 0
        return int(min(MAX_DEBOUNCE_MS, 2 * self.last_search_ms))

    # -- behaviour ------------------------------------------------------------------------

    def _text_changed(self, _text: str) -> None:
        self._timer.start(self.debounce_ms())

    def _filters_changed(self, _checked: bool) -> None:
        if self.search_field.text().strip():
            self.search_now()

    def _show(self, response: SearchResponse) -> None:
        self._response = response
        self.model.set_response(response)
        if response.results:
            self.results_view.setCurrentIndex(self.model.index(0, 0))
            self.results_view.scrollToTop()
        status = self._status_text(response)
        self.status.setText(status)
        self._announce(status if response.query.strip() else "")
        suggestion = response.suggestion if response.query.strip() else None
        self.suggestion_button.setVisible(bool(suggestion))
        if suggestion:
            self.suggestion_button.setText(f"Did you mean: {suggestion}?")
            self.suggestion_button.setAccessibleName(f"Did you mean {suggestion}")
        self.results_changed.emit(len(response.results))

    def _announce(self, status: str) -> None:
        """Say the count to a screen reader, which does not read a label that changes.

        The results list describes itself with the count too, so moving to it later
        says how many there are.
        """
        spoken = " ".join(status.split())
        self.results_view.setAccessibleDescription(spoken)
        if spoken and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.results_view, spoken))

    def _status_text(self, response: SearchResponse) -> str:
        if not response.query.strip():
            return HINT
        lines = []
        if response.corrected_query:
            lines.append(f"Showing results for {response.corrected_query}")
        if response.timed_out:
            lines.append("The search took too long and was stopped early.")
        if response.results:
            count = len(response.results)
            lines.append(f"{count} result{'s' if count != 1 else ''}")
            return "\n".join(lines)
        lines.append(f"No results for “{response.query.strip()[:60]}”.")
        if response.other_kinds:
            kinds = ", ".join(FILTER_LABELS[k].lower() for k in response.other_kinds)
            lines.append(f"There are results among {kinds}: choose them or clear the filters.")
        else:
            lines.append(SUGGESTIONS)
        return "\n".join(lines)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.results_view.currentIndex()
        row = min(max((current.row() if current.isValid() else -1) + step, 0), rows - 1)
        index = self.model.index(row, 0)
        self.results_view.setCurrentIndex(index)
        self.results_view.scrollTo(index)

    def _page_rows(self) -> int:
        height = self.results_view.sizeHintForRow(0) if self.model.rowCount() else 0
        return max(1, self.results_view.viewport().height() // height) if height > 0 else 1

    def _open_current(self, new_tab: bool) -> None:
        if self._timer.isActive() or self._response.query != self.search_field.text():
            self.search_now()  # Enter typed before the debounce fired
        index = self.results_view.currentIndex()
        self._open_row(index if index.isValid() else self.model.index(0, 0), new_tab=new_tab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.search_field and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._field_key(event)
        if watched is self.results_view and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._list_key(event)
        if watched is self.results_view.viewport() and kind == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            return self._result_click(event)
        return super().eventFilter(watched, event)

    def _list_key(self, event: QKeyEvent) -> bool:
        """In the list itself: Enter opens, Ctrl+Enter in a new tab, Escape back to the field."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._open_row(self.results_view.currentIndex(), new_tab=ctrl)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return False

    def _open_row(self, index: QModelIndex, *, new_tab: bool) -> None:
        result = self.model.result(index.row()) if index.isValid() else None
        if result is not None:
            self.open_requested.emit(result.uri, new_tab)

    def _field_key(self, event: QKeyEvent) -> bool:
        """Up/Down/PgUp/PgDn move in the results, Enter opens, Escape clears then leaves."""
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Down:
            self._move(1)
        elif key == Qt.Key.Key_Up:
            self._move(-1)
        elif key == Qt.Key.Key_PageDown:
            self._move(self._page_rows())
        elif key == Qt.Key.Key_PageUp:
            self._move(-self._page_rows())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_current(new_tab=ctrl)
        elif key == Qt.Key.Key_Escape:
            if self.search_field.text():
                self.search_field.clear()
                self.search_now()
            else:
                self.dismissed.emit()
        else:
            return False
        return True

    def _result_click(self, event: QMouseEvent) -> bool:
        """A click opens the result; Ctrl+click or a middle click opens it in a new tab."""
        index = self.results_view.indexAt(event.position().toPoint())
        button = event.button()
        if not index.isValid() or button not in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.MiddleButton,
        ):
            return False
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self.results_view.setCurrentIndex(index)
        self._open_row(index, new_tab=ctrl or button == Qt.MouseButton.MiddleButton)
        return True
