"""Which part of the comparison grid is shown: some agents, some attributes, transposed.

The grid widget, its exports and the ``compare`` command all show "the visible
grid". Keeping that choice here, without Qt, means the screen, the CSV, the
printout and the terminal cannot drift apart; how each cell reads in words is
in ``wording``.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from desktop_app.content.records import ComparisonCell, ComparisonGrid


class UnknownGridNameError(ValueError):
    """An agent or attribute name that the grid does not have."""


class GridLayout(NamedTuple):
    """The visible grid: which agents and attributes, in grid order, and the orientation.

    Not transposed: rows are attributes and columns agents, as in the article.
    """

    agents: tuple[str, ...]
    attributes: tuple[str, ...]
    transposed: bool = False

    @classmethod
    def full(cls, grid: ComparisonGrid, transposed: bool = False) -> "GridLayout":
        return cls(
            tuple(a.inn for a in grid.agents), tuple(a.key for a in grid.attributes), transposed
        )

    def rows(self, grid: ComparisonGrid) -> tuple[tuple[ComparisonCell, ...], ...]:
        """The visible cells, row by row as shown."""
        by_attribute = [
            tuple(grid.cell(attribute, agent) for agent in self.agents)
            for attribute in self.attributes
        ]
        if not self.transposed:
            return tuple(by_attribute)
        return tuple(zip(*by_attribute, strict=True)) if by_attribute else ()

    def row_labels(self, grid: ComparisonGrid) -> tuple[str, ...]:
        return self._agent_names(grid) if self.transposed else self._attribute_labels(grid)

    def column_labels(self, grid: ComparisonGrid) -> tuple[str, ...]:
        return self._attribute_labels(grid) if self.transposed else self._agent_names(grid)

    def _agent_names(self, grid: ComparisonGrid) -> tuple[str, ...]:
        names = {a.inn: a.name for a in grid.agents}
        return tuple(names[inn] for inn in self.agents)

    def _attribute_labels(self, grid: ComparisonGrid) -> tuple[str, ...]:
        labels = {a.key: a.label for a in grid.attributes}
        return tuple(labels[key] for key in self.attributes)


def choose_layout(
    grid: ComparisonGrid,
    agents: Iterable[str] | None = None,
    attributes: Iterable[str] | None = None,
    transposed: bool = False,
) -> GridLayout:
    """A layout from names typed by a user; raise UnknownGridNameError naming the valid ones.

    Whatever order the names come in, the grid keeps its own order, so two
    exports of the same choice always line up.
    """
    return GridLayout(
        _chosen("agent", [a.inn for a in grid.agents], agents),
        _chosen("attribute", [a.key for a in grid.attributes], attributes),
        transposed,
    )


def _chosen(kind: str, known: Sequence[str], wanted: Iterable[str] | None) -> tuple[str, ...]:
    if wanted is None:
        return tuple(known)
    names = [w.strip().lower() for w in wanted if w.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UnknownGridNameError(
            f"unknown {kind} {', '.join(unknown)}; choose from {', '.join(known)}"
        )
    if not names:
        raise UnknownGridNameError(f"no {kind} chosen; choose from {', '.join(known)}")
    return tuple(k for k in known if k in names)
