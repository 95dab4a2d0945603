"""Back/forward history of one tab, as plain data (no Qt), so it is easy to test and save.

Also the shape of a saved tab (``TabState``), built by the tabs and read back by
``read_tab_state`` only: settings files and the reopen list hold nothing else.
"""

from typing import Literal, TypedDict

MAX_ENTRIES = 100


class EntryState(TypedDict):
    address: str
    scroll: int


class HistoryState(TypedDict):
    entries: list[EntryState]
    index: int


class PageTabState(TypedDict):
    """A reading tab: its whole back/forward history."""

    kind: Literal["page"]
    history: HistoryState


class CompareTabState(TypedDict):
    """The Compare tab: the row or cell it shows."""

    kind: Literal["compare"]
    address: str


TabState = PageTabState | CompareTabState


def read_tab_state(raw: object) -> TabState | None:
    """A saved tab as the window may use it, or None for anything else (never raises)."""
    if not isinstance(raw, dict):
        return None
    if raw.get("kind") == "compare":
        address = raw.get("address")
        return {"kind": "compare", "address": address if isinstance(address, str) else ""}
    if raw.get("kind") == "page":
        return {"kind": "page", "history": TabHistory.from_state(raw.get("history")).to_state()}
    return None


class HistoryEntry:
    """A page in the history and how far down it was read (a plain class: start-up cost)."""

    __slots__ = ("address", "scroll")

    def __init__(self, address: str, scroll: int = 0) -> None:
        self.address = address
        self.scroll = scroll


class TabHistory:
    """A browser-style history: visiting truncates the forward list."""

    def __init__(self, entries: list[HistoryEntry] | None = None, index: int = -1) -> None:
        self._entries = list(entries or [])
        self._index = min(index, len(self._entries) - 1) if self._entries else -1
        if self._entries and self._index < 0:
            self._index = len(self._entries) - 1

    @property
    def current(self) -> HistoryEntry | None:
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._entries)

    def visit(self, address: str) -> bool:
        """Record a new page; return False when it is the page already shown."""
        if self.current is not None and self.current.address == address:
            return False
        del self._entries[self._index + 1 :]
        self._entries.append(HistoryEntry(address))
        if len(self._entries) > MAX_ENTRIES:
            del self._entries[0]
        self._index = len(self._entries) - 1
        return True

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1

    def back(self) -> HistoryEntry | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> HistoryEntry | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._entries[self._index]

    def forget_all_but_current(self) -> None:
        """Clear History: back and forward lose their pages; the page shown stays."""
        current = self.current
        self._entries = [current] if current is not None else []
        self._index = 0 if current is not None else -1

    def remember_scroll(self, value: int) -> None:
        if self.current is not None:
            self.current.scroll = value

    def to_state(self) -> HistoryState:
        return {
            "entries": [{"address": e.address, "scroll": e.scroll} for e in self._entries],
            "index": self._index,
        }

    @classmethod
    def from_state(cls, state: object) -> "TabHistory":
        """Rebuild from saved state; anything malformed is dropped, never raised."""
        if not isinstance(state, dict):
            return cls()
        entries = []
        for raw in state.get("entries", []):
            if isinstance(raw, dict) and isinstance(raw.get("address"), str):
                scroll = raw.get("scroll", 0)
                entries.append(
                    HistoryEntry(raw["address"], scroll if isinstance(scroll, int) else 0)
                )
        index = state.get("index", len(entries) - 1)
        return cls(entries[-MAX_ENTRIES:], index if isinstance(index, int) else -1)
