"""The personal store: bookmarks, notes, history and note search, without any window."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.content.addresses import AddressError
from desktop_app.userdata import UserStore
from desktop_app.userdata.records import ChangeKind
from desktop_app.userdata.store import HISTORY_LIMIT


class FakeClock:
    """A clock the test moves by hand, so times and ordering are exact."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    opened = UserStore.open(tmp_path / "userdata.sqlite", clock=FakeClock())
    yield opened
    opened.close()


def test_a_new_store_is_writable_durable_and_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "profile" / "userdata.sqlite"
    with UserStore.open(path) as store:
        assert store.writable
        assert store.notices == ()
        assert store.bookmarks() == () and store.notes() == () and store.history() == ()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("PRAGMA application_id").fetchone() == (0x5345524D,)
    connection.close()


def test_bookmarks_keep_order_and_are_keyed_by_canonical_address(store: UserStore) -> None:
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.add_bookmark("SERM://section/endometrial-health/", "Endometrial Health")
    store.add_bookmark("serm://compare/vte/tamoxifen", "VTE — tamoxifen")
    again = store.add_bookmark("serm://agent/raloxifene", "another title")
    assert again.title == "Raloxifene"  # no duplicate, nothing renamed
    assert [b.uri for b in store.bookmarks()] == [
        "serm://agent/raloxifene",
        "serm://section/endometrial-health",
        "serm://compare/vte/tamoxifen",
    ]
    assert store.is_bookmarked("serm://section/endometrial-health")
    with pytest.raises(AddressError):
        store.add_bookmark("https://example.org", "not ours")


def test_rename_move_remove_and_undo(store: UserStore) -> None:
    for n in range(1, 5):
        store.add_bookmark(f"serm://reference/{n}", f"Reference {n}")
    store.rename_bookmark("serm://reference/2", "  The\nsecond   one ")
    store.move_bookmark("serm://reference/4", 0)
    store.move_bookmark("serm://reference/1", 99)
    assert [(b.uri[-1], b.position) for b in store.bookmarks()] == [
        ("4", 0),
        ("2", 1),
        ("3", 2),
        ("1", 3),
    ]
    assert store.bookmark("serm://reference/2").title == "The second one"  # type: ignore[union-attr]
    removed = store.bookmark("serm://reference/2")
    assert removed is not None
    store.remove_bookmark("serm://reference/2")
    assert [b.position for b in store.bookmarks()] == [0, 1, 2]
    store.restore_bookmark(removed)
    assert [b.uri[-1] for b in store.bookmarks()] == ["4", "2", "3", "1"]
    assert store.bookmark("serm://reference/2") == removed


def test_notes_are_saved_exactly_as_typed_and_blank_deletes(store: UserStore) -> None:
    text = "  <b>bold?</b> <script>alert('x')</script>\n\ttabbed line\n\n"
    saved = store.save_note("serm://agent/tamoxifen", "Tamoxifen", text)
    assert saved is not None and saved.text == text
    assert store.note("serm://agent/tamoxifen").text == text  # type: ignore[union-attr]
    first_update = saved.updated
    store.save_note("serm://agent/tamoxifen", "Tamoxifen", text + "more")
    updated = store.note("serm://agent/tamoxifen")
    assert updated is not None and updated.updated > first_update
    assert updated.created == saved.created
    assert store.save_note("serm://agent/tamoxifen", "Tamoxifen", "  \n ") is None
    assert store.note("serm://agent/tamoxifen") is None
    assert store.search_notes("bold") == ()


def test_history_keeps_the_latest_visit_per_address_newest_first(store: UserStore) -> None:
    store.record_visit("serm://agent/raloxifene", "Raloxifene")
    store.record_visit("serm://reference/3", "Reference 3")
    store.record_visit("serm://agent/raloxifene", "Raloxifene")
    visits = store.history()
    assert [(v.uri, v.count) for v in visits] == [
        ("serm://agent/raloxifene", 2),
        ("serm://reference/3", 1),
    ]
    assert visits[0].visited > visits[1].visited
    store.clear_history()
    assert store.history() == ()


def test_history_is_bounded(store: UserStore, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 20  # the real limit is HISTORY_LIMIT; a small one keeps the test fast
    monkeypatch.setattr("desktop_app.userdata.store.HISTORY_LIMIT", limit)
    for n in range(limit + 5):
        store.record_visit(f"serm://section/s{n}", f"S{n}")
    visits = store.history(limit=HISTORY_LIMIT)
    assert len(visits) == limit
    assert visits[0].uri == f"serm://section/s{limit + 4}"
    assert visits[-1].uri == "serm://section/s5"


def test_listeners_hear_each_committed_change_and_are_held_weakly(store: UserStore) -> None:
    heard: list[ChangeKind] = []

    class Model:
        def on_change(self, kind: ChangeKind) -> None:
            heard.append(kind)

    model = Model()
    store.add_listener(model.on_change)
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "note")
    store.record_visit("serm://agent/raloxifene", "Raloxifene")
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")  # no change, no message
    assert heard == ["bookmarks", "notes", "history"]
    del model
    store.clear_history()
    assert heard == ["bookmarks", "notes", "history"]


def test_a_failing_listener_does_not_make_a_saved_change_look_failed(store: UserStore) -> None:
    def broken(kind: ChangeKind) -> None:
        raise RuntimeError("view bug")

    store.add_listener(broken)
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    assert store.is_bookmarked("serm://agent/raloxifene")


def test_note_search_finds_words_by_prefix_with_plain_snippets(store: UserStore) -> None:
    store.save_note(
        "serm://agent/raloxifene", "Raloxifene", "Ask about <b>VTE</b> history\nbefore starting"
    )
    store.save_note("serm://compare/vte/tamoxifen", "VTE — tamoxifen", "Compare with bazedoxifene")
    store.save_note("serm://reference/7", "Reference 7", "Œstrogen receptor wording")
    hits = store.search_notes("vte hist")
    assert [h.uri for h in hits] == ["serm://agent/raloxifene"]
    hit = hits[0]
    assert hit.kind == "note" and hit.title == "Raloxifene"
    assert "\n" not in hit.snippet and "<b>VTE</b>" in hit.snippet
    marked = [hit.snippet[start : start + length] for start, length in hit.highlights]
    assert marked == ["VTE", "history"]
    assert {h.uri for h in store.search_notes("vte")} == {
        "serm://agent/raloxifene",
        "serm://compare/vte/tamoxifen",
    }
    assert [h.uri for h in store.search_notes("oestrogen")] == []  # different word
    assert [h.uri for h in store.search_notes("ŒSTROGEN")] == ["serm://reference/7"]


@pytest.mark.parametrize(
    "query", ['"', "vte OR", "NEAR(", "*", "a:b", "') DROP TABLE notes; --", "", "   "]
)
def test_note_search_never_passes_user_syntax_to_fts(store: UserStore, query: str) -> None:
    store.save_note("serm://agent/raloxifene", "Raloxifene", "vte and more")
    store.search_notes(query)  # must not raise
    assert store.note("serm://agent/raloxifene") is not None


def test_search_index_is_rebuilt_if_it_disagrees_with_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite"
    with UserStore.open(path) as store:
        store.save_note("serm://agent/raloxifene", "Raloxifene", "thrombosis")
    connection = sqlite3.connect(path)
    connection.execute(  # drop the note from the index only: index and notes now disagree
        "INSERT INTO notes_fts(notes_fts, rowid, title, text)"
        " SELECT 'delete', id, title, text FROM notes"
    )
    connection.commit()
    assert connection.execute("SELECT count(*) FROM notes_fts('thrombosis')").fetchone() == (0,)
    connection.close()
    with UserStore.open(path) as store:
        assert store.notices == ()
        assert [h.uri for h in store.search_notes("thromb")] == ["serm://agent/raloxifene"]


def test_note_hits_merge_into_content_search_results_as_their_own_kind(
    store: UserStore,
) -> None:
    from desktop_app.content.search.records import SearchResult
    from desktop_app.userdata.search import as_search_results

    store.save_note("serm://compare/vte/raloxifene", "VTE with raloxifene", "see the cell")
    [hit] = store.search_notes("raloxif")
    assert hit.title_highlights == ((9, 10),)  # "raloxifene" in the title
    assert hit.highlights == ()  # the text did not match
    [result] = as_search_results((hit,))
    assert isinstance(result, SearchResult)
    assert (result.uri, result.kind, result.part) == (
        "serm://compare/vte/raloxifene",
        "note",
        "note",
    )
    assert result.title.matched_words() == ("raloxifene",)
    assert result.snippet.text == "see the cell"
