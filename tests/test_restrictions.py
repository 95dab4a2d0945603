"""Contraindications (issue 13) and interactions (issue 19): every editorial item, shown first.

tests/data/contraindications.json and tests/data/interactions.json are copies of
the editors' files the two rows were written from; the checks below compare the
built database, the pages, the detail pane, the exports and the command line
with them, so an item dropped, reworded or reordered anywhere fails here.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import run
from desktop_app.content import ContentRepository
from desktop_app.content.compare.export import grid_json, grid_text, read_csv, write_csv
from desktop_app.content.compare.layout import GridLayout, choose_layout
from desktop_app.content.compare.wording import EFFECT_LABELS, EFFECT_MEANINGS, EFFECT_SYMBOLS
from desktop_app.content.records import ComparisonCell
from desktop_app.content.restrictions import (
    ADVICE_GROUPS,
    UnknownAdviceError,
    advice_group,
    advice_rank,
    key_safety,
)
from desktop_app.rendering.compare_detail import cell_detail_html
from desktop_app.rendering.pages import PageRenderer

DATA = Path(__file__).resolve().parent / "data"
AGENTS = ("tamoxifen", "raloxifene", "bazedoxifene", "ospemifene")
NUMBER = re.compile(r"\d+(?:[.,-]\d+)*")


def plain(markup: str) -> str:
    """Page or pane HTML as the words a reader sees, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def contraindications() -> dict[str, Any]:
    return dict(json.loads((DATA / "contraindications.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def interactions() -> dict[str, Any]:
    return dict(json.loads((DATA / "interactions.json").read_text(encoding="utf-8")))


def cell(repository: ContentRepository, attribute: str, agent: str) -> ComparisonCell:
    return repository.comparison().cell(attribute, agent)


def show(database_path: Path, capsys: pytest.CaptureFixture[str], address: str) -> str:
    assert run(["--db", str(database_path), "show", address]) == 0
    return words(capsys.readouterr().out)


# -- the data -------------------------------------------------------------------------------


def test_contraindications_row_keeps_every_editorial_item(
    repository: ContentRepository, contraindications: dict[str, Any]
) -> None:
    row = repository.comparison().row("contraindications")
    assert row.attribute.label == contraindications["row"]["label"] == "Contraindications"
    assert row.attribute.uri == "serm://compare/contraindications"
    by_agent = {c["agent"]: c for c in contraindications["cells"]}
    assert sorted(by_agent) == sorted(AGENTS)
    for shown in row.cells:
        source = by_agent[shown.agent]
        assert shown.uri == f"serm://compare/contraindications/{shown.agent}"
        assert shown.provenance == "added" and shown.effect == "restriction"
        assert [s.key for s in shown.sources] == source["sources"]
        listed = [(i.applies_to, i.text) for i in shown.items if i.kind == "contraindication"]
        assert listed == [(i["applies_to"], i["text"]) for i in source["items"]]
        warnings = [i.text for i in shown.items if i.kind == "label_warning"]
        assert warnings == source.get("label_warnings_not_contraindications", [])
        for item in source["items"]:  # the grid's own full text says every item too
            assert item["text"] in shown.text


def test_interactions_row_keeps_every_item_with_its_advice_figure_and_sources(
    repository: ContentRepository, interactions: dict[str, Any]
) -> None:
    row = repository.comparison().row("interactions")
    assert row.attribute.label == interactions["row"]["label"] == "Interactions"
    citations = {s.key: s.citation for c in row.cells for s in c.sources}
    for key, citation in interactions["sources"].items():  # the two new source keys
        assert citations[key] == citation
    by_agent = {c["agent"]: c for c in interactions["cells"]}
    for shown in row.cells:
        assert shown.provenance == "added" and shown.effect == "restriction"
        expected = {
            (i["with"], i["advice"], i["why"], tuple(i["sources"]))
            for i in by_agent[shown.agent]["items"]
        }
        found = {(i.other, i.advice, i.why, tuple(s.key for s in i.sources)) for i in shown.items}
        assert found == expected, shown.uri
        assert len(shown.items) == len(by_agent[shown.agent]["items"])
        for item in by_agent[shown.agent]["items"]:
            assert item["advice"] in shown.text and item["why"] in shown.text
            assert set(NUMBER.findall(item["why"])) <= set(NUMBER.findall(shown.text))


def test_advice_words_are_ranked_and_unknown_ones_refused(
    interactions: dict[str, Any],
) -> None:
    for agent in interactions["cells"]:
        for item in agent["items"]:
            advice_group(item["advice"])  # every editorial advice word has a group
    assert advice_group("avoid whenever possible") == "avoid"
    assert advice_group("do not use together") == "avoid"
    assert advice_rank("do not use together") < advice_rank("not recommended")
    assert advice_rank("not recommended") < advice_rank("monitor closely") < advice_rank("note")
    assert next(name for name, _ in ADVICE_GROUPS) == "avoid"
    with pytest.raises(UnknownAdviceError):
        advice_group("take with food")


def test_the_combinations_to_avoid_come_first(repository: ContentRepository) -> None:
    for shown in repository.comparison().row("interactions").cells:
        ranks = [advice_rank(i.advice) for i in shown.items]
        text_order = sorted(shown.items, key=lambda i: shown.text.index(i.why))
        assert [advice_rank(i.advice) for i in text_order] == sorted(ranks), shown.uri
        pane = plain(cell_detail_html(shown, repository))
        in_pane = sorted(shown.items, key=lambda i: pane.index(i.why))
        pane_ranks = [advice_rank(i.advice) for i in in_pane]
        assert pane_ranks == sorted(ranks), shown.uri
    tamoxifen = cell(repository, "interactions", "tamoxifen")
    assert tamoxifen.text.startswith("With strong CYP2D6 inhibitors")
    assert tamoxifen.short.startswith("Avoid strong CYP2D6 inhibitors")


def test_cells_stating_a_contraindication_carry_the_restriction_marker(
    repository: ContentRepository,
) -> None:
    states = re.compile(r"contraindicat|not to be used|should not be used|must not", re.I)
    checked = 0
    for row in repository.comparison().cells:
        for shown in row:
            if shown.items or not states.search(shown.text):
                continue
            checked += 1
            # A cell that also states a harm keeps the harm's marker and links to the
            # contraindications; every other one is a restriction, never "no data".
            assert shown.effect in ("restriction", "adverse"), shown.uri
    assert checked >= 5
    for address in ("breast/ospemifene", "premenopausal-use/ospemifene"):
        assert cell(repository, *address.split("/")).effect == "restriction"


# -- the marker, everywhere -----------------------------------------------------------------


def test_restriction_marker_has_its_symbol_word_and_meaning() -> None:
    assert EFFECT_LABELS["restriction"] == "Restriction"
    symbols = list(EFFECT_SYMBOLS.values())
    assert len(set(symbols)) == len(symbols)  # its own symbol
    assert "contraindication" in EFFECT_MEANINGS["restriction"]


def test_csv_json_and_text_carry_the_restriction_marker(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    layout = choose_layout(grid, None, ["contraindications", "interactions"])
    out = io.StringIO()
    write_csv(out, repository.meta, grid, layout)
    _, cells = read_csv(io.StringIO(out.getvalue()))
    assert len(cells) == 8 and {c.effect for c in cells} == {"restriction"}
    document = json.loads(grid_json(repository.meta, grid, layout))
    assert "restriction" in document["effects"]
    assert {c["effect"] for c in document["cells"]} == {"restriction"}
    items = next(c for c in document["cells"] if c["address"].endswith("interactions/ospemifene"))
    assert [i["advice"] for i in items["items"]][:2] == ["do not use together"] * 2
    text = grid_text(repository.meta, grid, layout)
    assert "restriction" in text and "CONTRAINDICATIONS  <serm://compare/contraindications>" in text


def test_compare_command_json_carries_the_interactions_row(
    capsys: pytest.CaptureFixture[str], database_path: Path, interactions: dict[str, Any]
) -> None:
    assert run(["--db", str(database_path), "compare", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = [c for c in document["cells"] if c["attribute"] == "interactions"]
    assert [c["agent"] for c in rows] == list(AGENTS)
    assert "Interactions" in document["rows"]
    for record in rows:
        source = next(c for c in interactions["cells"] if c["agent"] == record["agent"])
        assert record["effect"] == "restriction" and record["provenance"] == "added"
        assert len(record["items"]) == len(source["items"])
        assert {i["with"] for i in record["items"]} == {i["with"] for i in source["items"]}


def test_show_interactions_prints_every_item_with_advice_reason_and_sources(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    repository: ContentRepository,
    interactions: dict[str, Any],
) -> None:
    for source in interactions["cells"]:
        out = show(database_path, capsys, f"serm://compare/interactions/{source['agent']}")
        assert "added — not from the source article" in out
        for item in source["items"]:
            assert f"With {item['with']}" in out
            assert f"Advice: {item['advice']}" in out and f"Why: {item['why']}" in out
        shown = cell(repository, "interactions", source["agent"])
        for citation in {s.citation for s in shown.sources}:
            assert words(citation) in out
    tamoxifen = show(database_path, capsys, "serm://compare/interactions/tamoxifen")
    assert words(interactions["sources"]["MHRA11"]) in tamoxifen
    assert tamoxifen.index("paroxetine") < tamoxifen.index("anastrozole")  # avoid first


def test_show_contraindications_gives_scope_where_not_all_uses(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    out = show(database_path, capsys, "serm://compare/contraindications/bazedoxifene")
    assert "Bazedoxifene alone (Conbriza):" in out
    assert "With conjugated estrogens (Duavee):" in out
    assert out.index("Bazedoxifene alone") < out.index("unexplained uterine bleeding")
    raloxifene = show(database_path, capsys, "serm://compare/contraindications/raloxifene")
    assert "all uses" not in raloxifene.lower()  # said only where it is not every use


# -- Key safety and the VTE links -----------------------------------------------------------


def test_every_agent_page_opens_with_key_safety(repository: ContentRepository) -> None:
    renderer = PageRenderer(repository)
    grid = repository.comparison()
    for agent in AGENTS:
        body = renderer.render(f"serm://agent/{agent}").body
        assert body.index("<h2>Key safety</h2>") < body.index("<h2>Profile</h2>")
        text = plain(body)
        contraindications = grid.cell("contraindications", agent)
        assert f'href="{contraindications.uri}"' in body
        for item in contraindications.items:
            assert words(item.text) in text, (agent, item.text)
        safety = key_safety(grid, agent)
        for boxed in safety.boxed_warnings:  # the boxed warnings already in the grid
            assert "boxed warning" in boxed.text.lower()
            assert f'href="{boxed.uri}"' in body
        assert f'href="serm://compare/interactions/{agent}"' in body


def test_key_safety_lists_the_combinations_to_avoid_and_no_others(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    renderer = PageRenderer(repository)

    def block(agent: str) -> str:
        body = renderer.render(f"serm://agent/{agent}").body
        return plain(body[body.index("Key safety") : body.index("<h2>Profile</h2>")])

    tamoxifen = block("tamoxifen")
    assert "strong CYP2D6 inhibitors" in tamoxifen and "avoid whenever possible" in tamoxifen
    assert "anastrozole" not in tamoxifen  # a note, not a combination to avoid
    ospemifene = block("ospemifene")
    assert "fluconazole" in ospemifene and "do not use together" in ospemifene
    assert "ketoconazole" not in ospemifene
    assert key_safety(grid, "raloxifene").avoid == ()
    assert "cholestyramine" not in block("raloxifene")
    stroke = grid.cell("stroke", "tamoxifen")
    assert stroke in key_safety(grid, "tamoxifen").boxed_warnings


def test_vte_cells_point_at_the_agents_contraindications(
    repository: ContentRepository,
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
) -> None:
    renderer = PageRenderer(repository)
    for agent in AGENTS:
        target = f"serm://compare/contraindications/{agent}"
        vte = cell(repository, "vte", agent)
        assert f'href="{target}"' in cell_detail_html(vte, repository)
        assert f'href="{target}"' in renderer.render(vte.uri).body
        assert target in show(database_path, capsys, vte.uri)
    # The GP's question: a past clot is a contraindication for raloxifene, said at the cell.
    pane = plain(cell_detail_html(cell(repository, "vte", "raloxifene"), repository))
    assert "Contraindicated" in pane
    assert "active or past history of venous thromboembolism" in pane


def test_search_finds_interactions_by_either_drug_brand_or_class(
    repository: ContentRepository,
) -> None:
    from desktop_app.content.search import SearchEngine

    engine = SearchEngine.from_repository(repository)
    for query, address in (
        ("tamoxifen ssri", "serm://compare/interactions/tamoxifen"),
        ("tamoxifen paxil", "serm://compare/interactions/tamoxifen"),
        ("raloxifene questran", "serm://compare/interactions/raloxifene"),
        ("ospemifene diflucan", "serm://compare/interactions/ospemifene"),
        ("ospemifene antifungal", "serm://compare/interactions/ospemifene"),
        ("Evista coumadin", "serm://compare/interactions/raloxifene"),
    ):
        top = [r.uri for r in engine.search(query).results[:3]]
        assert address in top, (query, top)
    kinds = dict(
        repository.connection.execute(
            "SELECT term, kind FROM synonyms WHERE term IN ('prozac', 'ssri', 'rifadin')"
        ).fetchall()
    )
    assert kinds == {"prozac": "brand", "ssri": "class", "rifadin": "brand"}


def test_contraindications_row_in_print_and_legend(qtbot: object) -> None:
    from desktop_app.ui.compare.legend import legend_model

    model = legend_model()
    texts = [model.item(r).text() for r in range(model.rowCount())]
    assert any(t.startswith("Restriction: a contraindication") for t in texts)
    assert any(t.startswith("Fact: a fact without a direction") for t in texts)


def test_every_layout_of_the_grid_keeps_the_new_rows(repository: ContentRepository) -> None:
    grid = repository.comparison()
    layout = GridLayout.full(grid, transposed=True)
    assert layout.column_labels(grid)[:2] == ("Contraindications", "Interactions")


def test_a_rows_snippet_names_the_agent_whose_value_it_quotes(
    repository: ContentRepository,
) -> None:
    """Issue 13: 'raloxifene previous clot' showed bazedoxifene's contraindication in the VTE
    row's snippet, reading as if it were about raloxifene."""
    from desktop_app.content.search import SearchEngine
    from desktop_app.content.search.attribution import attributed
    from desktop_app.content.search.records import Highlighted

    results = SearchEngine.from_repository(repository).search("raloxifene previous clot").results
    assert results[0].uri == "serm://compare/contraindications/raloxifene"
    row = next(r for r in results if r.uri == "serm://compare/vte")
    assert row.snippet.text.startswith("Bazedoxifene: …Contraindicated in women")
    marked = {row.snippet.text[s : s + n].lower() for s, n in row.snippet.spans}
    assert "deep vein thrombosis" in marked and "past" in marked  # marks shifted with the text
    body = "Tamoxifen: a b. Raloxifene: c d."
    assert attributed(Highlighted("…c d."), body, ("Tamoxifen", "Raloxifene")).text == (
        "Raloxifene: …c d."
    )
    already = Highlighted("Raloxifene: c d.", ((12, 1),))
    assert attributed(already, body, ("Tamoxifen", "Raloxifene")) == already
