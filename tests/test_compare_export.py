"""Exports of the visible grid (CSV, JSON, text) and the ``compare`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.cli import run
from desktop_app.content import ContentRepository
from desktop_app.content.compare.export import (
    CSV_COLUMNS,
    grid_json,
    grid_text,
    read_csv,
    visible_cells,
    write_csv,
)
from desktop_app.content.compare.layout import GridLayout, UnknownGridNameError, choose_layout
from desktop_app.content.compare.wording import accessible_text, display_value

AGENTS = ("tamoxifen", "raloxifene", "bazedoxifene", "ospemifene")


def _csv(repository: ContentRepository, layout: GridLayout) -> str:
    out = io.StringIO()
    write_csv(out, repository.meta, repository.comparison(), layout)
    return out.getvalue()


def test_csv_parses_back_to_the_same_cells(repository: ContentRepository) -> None:
    grid = repository.comparison()
    layout = GridLayout.full(grid)
    stamp, cells = read_csv(io.StringIO(_csv(repository, layout)))
    assert repository.meta.edition in stamp[0] and repository.meta.disclaimer in stamp[1]
    originals = list(visible_cells(grid, layout))
    assert len(cells) == len(originals) == 52
    for parsed, cell in zip(cells, originals, strict=True):
        assert parsed.address == cell.uri
        assert (parsed.attribute, parsed.agent) == (cell.attribute, cell.agent)
        assert parsed.value == cell.short and parsed.text == cell.text
        assert parsed.effect == cell.effect
        assert parsed.applies_to == cell.applies_to
        assert parsed.sources == tuple(s.key for s in cell.sources)
        assert parsed.source_citations == tuple(s.citation for s in cell.sources)
        assert len(parsed.cautions) == len(cell.all_cautions)
        assert parsed.editors_note == cell.note
        assert (
            parsed.provenance
            == {
                "seed": "from the article",
                "added": "added — not from the source article",
                "none": "not covered by the source",
            }[cell.provenance]
        )


@settings(max_examples=25, deadline=None)
@given(
    agents=st.sets(st.sampled_from(AGENTS), min_size=1),
    attribute_indexes=st.sets(st.integers(0, 10), min_size=1),
    transposed=st.booleans(),
)
def test_csv_round_trip_for_any_visible_grid(
    repository: ContentRepository,
    agents: set[str],
    attribute_indexes: set[int],
    transposed: bool,
) -> None:
    grid = repository.comparison()
    attributes = [grid.attributes[i].key for i in attribute_indexes]
    layout = choose_layout(grid, agents, attributes, transposed)
    _, cells = read_csv(io.StringIO(_csv(repository, layout)))
    expected = [c.uri for c in visible_cells(grid, layout)]
    assert [c.address for c in cells] == expected
    assert len(expected) == len(agents) * len(attributes)
    if transposed:  # reading order follows the shown rows: one agent after another
        assert [c.agent for c in cells] == sorted(
            (c.agent for c in cells), key=lambda a: AGENTS.index(a)
        )


def test_csv_is_plain_csv_with_the_stamp_first(repository: ContentRepository) -> None:
    rows = list(csv.reader(io.StringIO(_csv(repository, GridLayout.full(repository.comparison())))))
    assert rows[0][0].startswith("SERM Reference comparison grid — content edition ")
    assert rows[1][0].startswith("Disclaimer: A reference for health professionals")
    assert rows[2] == [] and rows[3] == list(CSV_COLUMNS)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows[4:])


def test_read_csv_refuses_other_files() -> None:
    with pytest.raises(ValueError, match="no header row"):
        read_csv(io.StringIO("a,b\n1,2\n"))


def test_layout_keeps_grid_order_and_names_unknown_choices(repository: ContentRepository) -> None:
    grid = repository.comparison()
    layout = choose_layout(grid, ["Ospemifene", " tamoxifen"], ["stroke", "vte"])
    assert layout.agents == ("tamoxifen", "ospemifene")
    assert layout.attributes == ("vte", "stroke")
    assert layout.row_labels(grid) == ("Venous thromboembolism", "Stroke")
    transposed = GridLayout(layout.agents, layout.attributes, True)
    assert transposed.row_labels(grid) == ("Tamoxifen", "Ospemifene")
    assert [c.uri for c in transposed.rows(grid)[1]] == [
        "serm://compare/vte/ospemifene",
        "serm://compare/stroke/ospemifene",
    ]
    with pytest.raises(UnknownGridNameError, match="unknown agent clomifene; choose from"):
        choose_layout(grid, ["clomifene"], None)
    with pytest.raises(UnknownGridNameError, match="no attribute chosen"):
        choose_layout(grid, None, [" "])


def test_words_for_a_cell(repository: ContentRepository) -> None:
    grid = repository.comparison()
    raloxifene = grid.cell("vte", "raloxifene")
    assert accessible_text(raloxifene) == (
        "Raloxifene, venous thromboembolism: Increased risk (DVT, PE, stroke), from the "
        "article. Marker: adverse. Editorial caution: partly."
    )
    assert accessible_text(grid.cell("vte", "bazedoxifene")) == (
        "Bazedoxifene, venous thromboembolism: Increased risk, added — not from the source "
        "article. Marker: adverse."
    )
    assert accessible_text(grid.cell("ocular", "ospemifene")) == (
        "Ospemifene, ocular effects: Nothing found in the sources reviewed (an evidence gap), "
        "added — not from the source article. Marker: no data."
    )
    assert display_value(raloxifene) == (
        "Increased risk (DVT, PE, stroke) [adverse; from the article; editorial caution: partly]"
    )


def test_json_gives_address_text_marker_provenance_and_sources(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    document = json.loads(grid_json(repository.meta, grid, GridLayout.full(grid)))
    assert document["edition"] == repository.meta.edition
    assert document["disclaimer"] == repository.meta.disclaimer
    assert len(document["cells"]) == 52
    for record in document["cells"]:
        cell = grid.cell(record["attribute"], record["agent"])
        assert record["address"] == cell.uri and record["text"] == cell.text
        assert record["effect"] == cell.effect and record["provenance"] == cell.provenance
        assert [s["key"] for s in record["sources"]] == [s.key for s in cell.sources]
        if cell.provenance == "added" and cell.uri != "serm://compare/ocular/ospemifene":
            assert record["sources"] and all(s["citation"] for s in record["sources"])
    seed = next(r for r in document["cells"] if r["address"] == "serm://compare/vte/raloxifene")
    assert seed["article_table"] == {"table": "long-term-safety", "row": 1, "column": 3}
    assert seed["cautions"][0]["verdict"] == "partly"
    endometrium = next(
        r for r in document["cells"] if r["address"] == "serm://compare/endometrium/ospemifene"
    )
    assert endometrium["also_in_article"][0]["cells"]["SERM Agent"] == "Ospemifene"


def test_text_says_in_words_what_the_grid_shows(repository: ContentRepository) -> None:
    grid = repository.comparison()
    text = grid_text(repository.meta, grid, choose_layout(grid, None, ["vte", "ocular"]))
    assert text.startswith("SERM Reference comparison grid — content edition")
    assert "VENOUS THROMBOEMBOLISM  <serm://compare/vte>" in text
    assert "Nothing found in the sources reviewed (an evidence gap)" in " ".join(text.split())
    assert "[from the article; editorial caution: partly]" in " ".join(text.split())
    assert all(len(line) <= 80 for line in text.splitlines())


def _run(capsys: pytest.CaptureFixture[str], database: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(database), "compare", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_command_prints_the_grid_in_each_format(
    capsys: pytest.CaptureFixture[str], database_path: Path, repository: ContentRepository
) -> None:
    code, out, _ = _run(capsys, database_path)
    assert code == 0 and out.count("<serm://compare/") == 13

    code, out, _ = _run(
        capsys, database_path, "--agents", "bazedoxifene,ospemifene", "--format", "json"
    )
    document = json.loads(out)
    assert code == 0 and len(document["cells"]) == 26
    assert {c["agent"] for c in document["cells"]} == {"bazedoxifene", "ospemifene"}

    code, out, _ = _run(
        capsys, database_path, "--attributes", "vte,breast", "--format", "csv", "--transpose"
    )
    _, cells = read_csv(io.StringIO(out))
    assert code == 0
    assert [c.address for c in cells][:2] == [
        "serm://compare/vte/tamoxifen",
        "serm://compare/breast/tamoxifen",
    ]


def test_command_refuses_unknown_names(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    code, out, err = _run(capsys, database_path, "--attributes", "vte,liver")
    assert code == 2 and out == ""
    assert "unknown attribute liver; choose from contraindications, interactions, vte" in err
