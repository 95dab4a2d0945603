"""An agent's table: provenance as the grid's short marks, explained once, never lost.

The agent page used to repeat a provenance sentence in every row (about a third
of the table). Each row now carries the grid's mark ("§ article", "+ added")
and an added fact's source keys; a legend line above the table says once what
the marks mean; the sources are cited in full under the table; and each mark
opens the cell, whose page gives the full provenance.
"""

from __future__ import annotations

import html
import re

import pytest

from desktop_app.content import ContentRepository
from desktop_app.content.compare.wording import ADDED, FROM_ARTICLE
from desktop_app.rendering.effects import PROVENANCE_MARKS, provenance_label
from desktop_app.rendering.pages import PageRenderer


@pytest.fixture
def renderer(repository: ContentRepository) -> PageRenderer:
    return PageRenderer(repository)


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _rows(body: str) -> list[str]:
    table = body.split("Safety at a glance", 1)[1].split("</table>", 1)[0]
    return table.split("<tr>")[2:]  # after the header row


def test_every_row_has_the_grids_mark_and_the_legend_says_it_once(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for summary in repository.agents():
        agent = repository.agent(summary.inn)
        body = renderer.render(summary.uri).body
        text = _text(body)
        kinds = {cell.provenance for cell in agent.comparison}
        # The meaning of each mark the table uses, once, in the legend line above it.
        assert text.count(f"“{ADDED}”") == ("added" in kinds)
        assert text.count(f"“{FROM_ARTICLE}”") == ("seed" in kinds)
        rows = _rows(body)
        assert len(rows) == len(agent.comparison)
        for row, cell in zip(rows, agent.comparison, strict=True):
            mark = PROVENANCE_MARKS[cell.provenance]
            row_text = _text(row)
            provenance_column = _text(row.split("<td")[-1].split(">", 1)[1])
            assert ADDED not in provenance_column  # no sentence per row
            assert provenance_column.startswith(mark)
            if mark:
                link = f'<a href="{cell.uri}" title="{html.escape(provenance_label(cell))}'
                assert link.split(" title=")[0] in row and html.escape(mark) in row
                assert html.escape(provenance_label(cell, "")).split(",")[0] in row
            if cell.provenance == "added":
                for source in cell.sources:
                    assert source.key in row_text
                    assert text.count(source.citation) >= 1  # cited in full on the page


def test_the_marks_take_far_less_of_the_table(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    """Under a tenth of the table's words are provenance (it was about 35%)."""
    for summary in repository.agents():
        rows = _rows(renderer.render(summary.uri).body)
        marks = sum(len(_text(r.split("<td")[-1].split(">", 1)[1]).split()) for r in rows)
        total = sum(len(_text(r).split()) for r in rows)
        assert marks / total < 0.10, (summary.inn, marks, total)


def test_the_cell_page_keeps_the_full_provenance(
    repository: ContentRepository, renderer: PageRenderer
) -> None:
    for cell in repository.agent("raloxifene").comparison:
        text = _text(renderer.render(cell.uri).body)
        if cell.provenance == "added":
            assert ADDED in text
            assert all(s.citation in text for s in cell.sources)
        elif cell.provenance == "seed":
            assert "from the article's" in text
