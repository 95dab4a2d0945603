"""Export and import of bookmarks and notes: faithful, merging, and all-or-nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.userdata import ImportFileError, UserDataError, UserStore
from desktop_app.userdata.records import ChangeKind
from desktop_app.userdata.transfer import (
    MAX_IMPORT_BYTES,
    export_json,
    export_notes_markdown,
    import_file,
    parse_import,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    opened = UserStore.open(tmp_path / "mine" / "userdata.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[UserStore]:
    opened = UserStore.open(tmp_path / "theirs" / "userdata.sqlite")
    yield opened
    opened.close()


def _snapshot(store: UserStore) -> tuple[object, ...]:
    return (store.bookmarks(), store.notes())


def test_export_then_import_into_an_empty_store_is_faithful(
    store: UserStore, other: UserStore, tmp_path: Path
) -> None:
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.add_bookmark("serm://compare/vte/tamoxifen", "VTE — tamoxifen ⚠")
    store.save_note("serm://reference/12", "Ref 12", "שלום\n  indented\n\n🙂 <b>not bold</b>\n")
    target = tmp_path / "export.json"
    export_json(store, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "serm-reference-userdata" and document["version"] == 1
    summary = import_file(other, target)
    assert (summary.bookmarks_added, summary.notes_added) == (2, 1)
    assert [(b.uri, b.title) for b in other.bookmarks()] == [
        (b.uri, b.title) for b in store.bookmarks()
    ]
    assert other.notes() == store.notes()  # text, title and both times


def test_importing_twice_adds_nothing_the_second_time(
    store: UserStore, other: UserStore, tmp_path: Path
) -> None:
    store.add_bookmark("serm://agent/raloxifene", "Raloxifene")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "watch VTE")
    export_json(store, tmp_path / "export.json")
    import_file(other, tmp_path / "export.json")
    before = _snapshot(other)
    again = import_file(other, tmp_path / "export.json")
    assert again.bookmarks_added == again.notes_added == again.notes_merged == 0
    assert again.bookmarks_already_present == again.notes_already_present == 1
    assert _snapshot(other) == before
    assert "already here" in again.describe()


def test_merging_never_loses_either_side(
    store: UserStore, other: UserStore, tmp_path: Path
) -> None:
    store.add_bookmark("serm://agent/raloxifene", "My title")
    store.save_note("serm://agent/raloxifene", "Raloxifene", "mine: check lipids")
    store.save_note("serm://agent/tamoxifen", "Tamoxifen", "draft")
    other.add_bookmark("serm://agent/raloxifene", "Their title")
    other.add_bookmark("serm://reference/3", "Reference 3")
    other.save_note("serm://agent/raloxifene", "Raloxifene", "theirs: check stroke")
    other.save_note("serm://agent/tamoxifen", "Tamoxifen", "draft, finished later")
    export_json(other, tmp_path / "theirs.json")
    summary = import_file(store, tmp_path / "theirs.json")
    assert summary.bookmarks_added == 1 and summary.bookmarks_already_present == 1
    assert summary.notes_merged == 1 and summary.notes_updated == 1
    assert store.bookmark("serm://agent/raloxifene").title == "My title"  # type: ignore[union-attr]
    merged = store.note("serm://agent/raloxifene").text  # type: ignore[union-attr]
    assert merged.startswith("mine: check lipids")
    assert "— imported from theirs.json —" in merged and merged.endswith("theirs: check stroke")
    assert store.note("serm://agent/tamoxifen").text == "draft, finished later"  # type: ignore[union-attr]
    before = _snapshot(store)
    import_file(store, tmp_path / "theirs.json")
    assert _snapshot(store) == before  # the merged result absorbs a repeat import


def _valid_document() -> dict[str, object]:
    return {
        "format": "serm-reference-userdata",
        "version": 1,
        "bookmarks": [
            {"uri": "serm://agent/raloxifene", "title": "R"},
            {"uri": "serm://agent/tamoxifen", "title": "T"},
        ],
        "notes": [{"uri": "serm://reference/2", "title": "Ref 2", "text": "fine"}],
    }


def _with(**changes: object) -> bytes:
    document = _valid_document()
    document.update(changes)
    return json.dumps(document).encode()


BAD_FILES = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "latin-1": ('{"format": "café"}'.encode("latin-1"), "not UTF-8 text"),
    "empty": (b"  \n", "empty"),
    "not json": (b'{"format": "serm-reference-userdata", oops', "not valid JSON"),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    "a list": (b"[1, 2]", "not a SERM Reference export"),
    "other format": (_with(format="bookmarks.html"), "not a SERM Reference export"),
    "newer": (_with(version=9), "newer version"),
    "bad version": (_with(version="1"), '"version"'),
    "bookmarks not a list": (_with(bookmarks={"a": 1}), '"bookmarks" is not a list'),
    "bad address last": (
        _with(
            bookmarks=[
                {"uri": "serm://agent/raloxifene", "title": "R"},
                {"uri": "https://evil.example/", "title": "x"},
            ]
        ),
        "bookmark 2: not a serm:// address",
    ),
    "title not text": (_with(bookmarks=[{"uri": "serm://agent/x", "title": 3}]), '"title"'),
    "blank note": (
        _with(notes=[{"uri": "serm://agent/x", "title": "x", "text": "  "}]),
        'note 1: "text" is empty',
    ),
    "bad date": (
        _with(notes=[{"uri": "serm://agent/x", "title": "x", "text": "t", "updated": "soon"}]),
        "is not a date",
    ),
    "lone surrogate": (
        b'{"format": "serm-reference-userdata", "version": 1, "notes": '
        b'[{"uri": "serm://agent/x", "title": "x", "text": "a\\udfffb"}]}',
        'note 1: "text" holds an invalid character',
    ),
    "year 1": (
        _with(
            notes=[{"uri": "serm://agent/x", "title": "x", "text": "t", "created": "0001-01-01"}]
        ),
        "not a plausible date",
    ),
    "year 9999": (
        _with(
            bookmarks=[
                {"uri": "serm://agent/x", "title": "x", "created": "9999-12-31T23:59:59-05:00"}
            ]
        ),
        "not a plausible date",
    ),
    "newline in address": (
        _with(bookmarks=[{"uri": "serm://compare/vte\n/x", "title": "x"}]),
        "bookmark 1:",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_import_file_is_refused_clearly_and_changes_nothing(
    store: UserStore, tmp_path: Path, name: str
) -> None:
    data, words = BAD_FILES[name]
    store.add_bookmark("serm://section/fundamentals", "Fundamentals")
    store.save_note("serm://section/fundamentals", "Fundamentals", "keep me")
    before = _snapshot(store)
    heard: list[ChangeKind] = []
    store.add_listener(heard.append)
    source = tmp_path / "incoming.json"
    source.write_bytes(data)
    with pytest.raises(ImportFileError) as refused:
        import_file(store, source)
    assert words in refused.value.message
    assert "Nothing was imported" in refused.value.message
    assert str(source) in refused.value.message
    assert _snapshot(store) == before and heard == []


def test_a_huge_import_file_is_refused_before_it_is_read(store: UserStore, tmp_path: Path) -> None:
    source = tmp_path / "huge.json"
    with open(source, "wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ImportFileError) as refused:
        import_file(store, source)
    assert "larger than 16 MB" in refused.value.message
    assert _snapshot(store) == ((), ())


def test_a_missing_import_file_is_a_clear_message(store: UserStore, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as refused:
        import_file(store, tmp_path / "nowhere.json")
    assert "cannot be read" in refused.value.message


def test_notes_as_markdown_keep_the_text_verbatim_and_inert(
    store: UserStore, tmp_path: Path
) -> None:
    text = "<script>alert(1)</script>\n```\n# not a heading\n**not bold**"
    store.save_note("serm://agent/raloxifene", "Raloxifene <b>*x*</b>", text)
    store.save_note("serm://reference/1", "Reference 1", "plain")
    target = tmp_path / "notes.md"
    export_notes_markdown(store, target)
    markdown = target.read_text(encoding="utf-8")
    assert "## Raloxifene \\<b\\>\\*x\\*\\</b\\>" in markdown
    assert f"````text\n{text}\n````" in markdown  # a fence longer than any inside the note
    assert "<serm://agent/raloxifene>" in markdown
    assert markdown.index("## Raloxifene") < markdown.index("## Reference 1")


def test_control_characters_in_a_note_are_visible_in_markdown_never_raw(
    store: UserStore, tmp_path: Path
) -> None:
    store.save_note("serm://agent/raloxifene", "Raloxifene", "before\x00after\x07bell\ttab")
    target = tmp_path / "notes.md"
    export_notes_markdown(store, target)
    data = target.read_bytes()
    assert b"\x00" not in data and b"\x07" not in data
    assert "before\u2400after\u2407bell\ttab" in data.decode("utf-8")
    assert store.notes()[0].text == "before\x00after\x07bell\ttab"  # the note itself unchanged


def test_an_export_that_cannot_be_written_is_a_typed_error(
    store: UserStore, tmp_path: Path
) -> None:
    with pytest.raises(UserDataError) as refused:
        export_json(store, tmp_path / "no" / "such" / "folder" / "export.json")
    assert "could not be saved" in refused.value.message


def test_any_note_text_survives_export_and_import(tmp_path: Path) -> None:
    with (
        UserStore.open(tmp_path / "a.sqlite") as source,
        UserStore.open(tmp_path / "b.sqlite") as target,
    ):

        @settings(max_examples=40, deadline=None)
        @given(text=st.text(min_size=1).filter(str.strip), title=st.text(max_size=30))
        def round_trip(text: str, title: str) -> None:
            source.save_note("serm://agent/ospemifene", title, text)
            export_json(source, tmp_path / "export.json")
            bundle = parse_import((tmp_path / "export.json").read_bytes())
            assert bundle.notes[0].text == text
            target.delete_note("serm://agent/ospemifene")
            import_file(target, tmp_path / "export.json")
            assert target.note("serm://agent/ospemifene").text == text  # type: ignore[union-attr]

        round_trip()


def _notes_file(tmp_path: Path, notes: list[dict[str, str]]) -> Path:
    source = tmp_path / "many.json"
    document = {"format": "serm-reference-userdata", "version": 1, "notes": notes}
    source.write_text(json.dumps(document), encoding="utf-8")
    return source


def test_many_notes_on_one_address_fold_into_one_write(store: UserStore, tmp_path: Path) -> None:
    """2,000 notes on one address took 395 s: each one rewrote and re-indexed the note."""
    store.save_note("serm://agent/raloxifene", "Raloxifene", "mine, kept first")
    notes = [
        {"uri": "serm://agent/raloxifene", "title": "R", "text": f"imported {n}"}
        for n in range(2000)
    ]
    writes: list[str] = []
    store._db.set_trace_callback(
        lambda sql: (
            writes.append(sql) if sql.lstrip().upper().startswith(("UPDATE", "INSERT")) else None
        )
    )
    summary = import_file(store, _notes_file(tmp_path, notes))
    store._db.set_trace_callback(None)
    assert summary.notes_merged == 2000
    note = store.note("serm://agent/raloxifene")
    assert note is not None and note.text.startswith("mine, kept first")
    assert all(f"imported {n}\n" in note.text + "\n" for n in range(2000))
    note_writes = [sql for sql in writes if "notes" in sql and "notes_fts" not in sql]
    # One UPDATE for the one address (traced again for each of its trigger steps).
    assert len(set(note_writes)) == 1


def test_an_import_that_would_make_a_note_too_long_is_refused_whole(
    store: UserStore, tmp_path: Path
) -> None:
    store.add_bookmark("serm://section/fundamentals", "Fundamentals")
    notes = [
        {"uri": "serm://agent/tamoxifen", "title": "T", "text": f"{n} " + "y" * 200_000}
        for n in range(6)
    ]
    before = _snapshot(store)
    with pytest.raises(ImportFileError) as refused:
        import_file(store, _notes_file(tmp_path, notes))
    assert "longer than 1,000,000 characters once merged" in refused.value.message
    assert _snapshot(store) == before


def test_a_cancelled_import_saves_nothing(store: UserStore, tmp_path: Path) -> None:
    from desktop_app.userdata import ImportCancelled

    notes = [{"uri": f"serm://reference/{n}", "title": "x", "text": "t"} for n in range(1, 900)]
    seen: list[tuple[int, int]] = []

    def cancel_midway(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 400

    with pytest.raises(ImportCancelled):
        import_file(store, _notes_file(tmp_path, notes), cancel_midway)
    assert store.notes() == ()
    assert seen and seen[-1][1] == 899
