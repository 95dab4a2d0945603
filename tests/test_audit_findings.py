"""The ten findings of the content audit (issue 13), one test (or more) each.

Each test states the finding it pins; every one failed before the fix.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from desktop_app.cli import run
from desktop_app.content import ContentRepository
from desktop_app.content.compare.wording import EFFECT_LABELS, VERDICTS, display_value
from desktop_app.content.search import SearchEngine
from desktop_app.models.search_results_model import kind_label
from desktop_app.rendering.compare_detail import cell_detail_html, row_detail_html
from desktop_app.rendering.pages import PageRenderer
from desktop_app.rendering.plaintext import render_item

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def engine(repository: ContentRepository) -> SearchEngine:
    return SearchEngine.from_repository(repository)


# 1. ospemifene/ocular is the editors' added finding, everywhere the cell appears ----------


def test_1_ospemifene_ocular_is_added_in_the_editors_words_everywhere(
    repository: ContentRepository,
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
) -> None:
    grid = repository.comparison()
    cell = grid.cell("ocular", "ospemifene")
    editors = "No ocular data found in the sources reviewed"
    renderer = PageRenderer(repository)
    places = {
        "detail pane": plain(cell_detail_html(cell, repository)),
        "agent page": plain(renderer.render("serm://agent/ospemifene").body),
        "row page": plain(renderer.render("serm://compare/ocular").body),
        "cell page": plain(renderer.render(cell.uri).body),
        "grid line": display_value(cell),
    }
    assert run(["--db", str(database_path), "show", cell.uri]) == 0
    places["show"] = words(capsys.readouterr().out)
    for place, text in places.items():
        assert "added — not from the source article" in text.lower(), place
        assert "not covered by the source" not in text.lower() or place == "agent page", place
    for place in ("detail pane", "agent page", "row page", "cell page", "show"):
        assert editors in places[place], place
        assert "not evidence of safety" in places[place], place
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "in any source" not in readme
    assert "in the sources reviewed" in readme


# 2. show prints the cautions of comparison cells, like compare and the window -------------


@pytest.mark.parametrize("address", ["serm://agent/raloxifene", "serm://compare/vte"])
def test_2_show_keeps_the_cautions_of_comparison_cells(
    repository: ContentRepository, address: str
) -> None:
    item = repository.resolve(address)
    text = words(render_item(item, repository))
    cells = getattr(item, "comparison", None) or getattr(item, "cells", ())
    marks = [m for c in cells for m in c.all_cautions]
    assert marks, address
    for mark in marks:
        assert words(mark.caution.note) in text, mark.quote
        assert f"Editorial caution ({mark.caution.verdict})" in text
    # The one rule: each cell line reads as `compare` words it, caution verdicts included.
    for c in cells:
        if c.all_cautions:
            assert words(display_value(c)) in text


# 3. search finds and shows cautions; snippets show restored words in brackets ------------


def test_3_search_finds_cautions_and_marks_results_that_carry_one(
    engine: SearchEngine,
) -> None:
    for query in ("non-vertebral", "Ronkin"):
        results = engine.search(query).results
        assert results, query
        assert results[0].part == "caution" and results[0].cautioned
        assert "⚠ caution" in kind_label(results[0])
    surveillance = engine.search("routine surveillance").results
    found = {r.uri: r for r in surveillance}
    section = found["serm://section/endometrial-health"]  # the outdated sentence's place
    assert section.cautioned and "not recommended" in section.snippet.text
    assert any(r.part == "caution" for r in surveillance)
    plain_result = engine.search("selective estrogen receptor modulators fundamentals").results
    assert not all(r.cautioned for r in plain_result)  # only results that carry one


def test_3_snippets_show_editorial_insertions_in_brackets(engine: SearchEngine) -> None:
    result = next(
        r
        for r in engine.search("Among these modulators").results
        if r.uri == "serm://section/fundamentals"
    )
    assert "[Selective Estrogen Receptor]" in result.snippet.text


# 4. the detail pane says from the data what the article covers ----------------------------


def test_4_detail_pane_derives_what_the_article_says(repository: ContentRepository) -> None:
    grid = repository.comparison()
    for agent in ("bazedoxifene", "ospemifene"):
        pane = plain(cell_detail_html(grid.cell("endometrium", agent), repository))
        assert "The article has no value here" not in pane
        assert "covers Tamoxifen and Raloxifene only" in pane
        assert "Its endometrial table does speak to" in pane
    stroke = plain(cell_detail_html(grid.cell("stroke", "bazedoxifene"), repository))
    assert "The article has no row for stroke" in stroke
    assert "endometrial table does speak" not in stroke


# 5. verdicts as the editors wrote them; the legend lists all five --------------------------


def test_5_verdicts_are_the_editors_and_the_legend_lists_all(
    repository: ContentRepository, qtbot: object
) -> None:
    from desktop_app.ui.compare.legend import legend_model

    audit = json.loads((DATA / "audit.json").read_text(encoding="utf-8"))["cautions"]
    assert set(VERDICTS) == {entry["verdict"] for entry in audit}
    page = plain(PageRenderer(repository).render("serm://agent/ospemifene").body)
    assert "partly (out of date)" in page and "partly (conflicts with label)" in page
    model = legend_model()
    legend = " ".join(model.item(r).text() for r in range(model.rowCount()))
    for verdict in VERDICTS:
        assert f"“{verdict}”" in legend


# 6. the scope of "in women with a uterus" ---------------------------------------------------


def test_6_bazedoxifene_indication_scope_covers_both_uses(repository: ContentRepository) -> None:
    text = repository.comparison().cell("indications", "bazedoxifene").text
    combination = text[text.index("With conjugated estrogens") :]
    assert combination.index("in women with a uterus") < combination.index("vasomotor")
    assert ", and prevention" not in text


# 7. stroke markers consistent with the definitions -----------------------------------------


def test_7_boxed_warning_without_a_trial_estimate_is_not_mixed(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    bazedoxifene, ospemifene = (grid.cell("stroke", a) for a in ("bazedoxifene", "ospemifene"))
    assert bazedoxifene.effect == ospemifene.effect == "no data"
    for row in grid.cells:
        for cell in row:
            if "boxed warning" in cell.text.lower() and "too few" in cell.text.lower():
                assert cell.effect != "mixed", cell.uri


# 8. one meaning per abbreviation ------------------------------------------------------------


def test_8_synonyms_do_not_cross_map(repository: ContentRepository) -> None:
    rows = repository.connection.execute(
        "SELECT term, expansion FROM synonyms WHERE term IN ('pmb', 'aub', 'chd', 'cvd')"
    ).fetchall()
    meanings: dict[str, set[str]] = {}
    for term, expansion in rows:
        meanings.setdefault(term, set()).add(expansion)
    assert meanings == {
        "pmb": {"postmenopausal bleeding"},
        "aub": {"abnormal uterine bleeding"},
        "chd": {"coronary heart disease"},
        "cvd": {"cardiovascular disease"},
    }


# 9. the README says what is true about sources ----------------------------------------------


def test_9_readme_does_not_claim_every_statement_is_sourced() -> None:
    opening = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start")[0]
    assert "every statement sourced" not in opening
    assert "every editorial change and added fact carries its source" in " ".join(opening.split())


# 10. indications have a marker of their own, and no text repeats its marker word -----------


def test_10_indications_are_facts_and_no_value_repeats_its_marker_word(
    repository: ContentRepository,
) -> None:
    grid = repository.comparison()
    assert {c.effect for c in grid.row("indications").cells} == {"fact"}
    for row in grid.cells:
        for cell in row:
            if cell.provenance == "added":
                word = EFFECT_LABELS[cell.effect].lower()
                assert not re.search(rf"\b{re.escape(word)}\b", cell.short.lower()), cell.uri
    endometrium = plain(row_detail_html(grid.row("endometrium"), repository))
    assert "Neutral — Neutral" not in endometrium
