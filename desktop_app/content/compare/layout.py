"""Which part of the comparison grid is shown, and how each cell reads in words.

The grid widget, its exports and the ``compare`` command all show "the visible
grid": some agents, some attributes, possibly transposed. Keeping that choice
and the wording of markers here, without Qt, means the screen, the CSV, the
printout and the terminal cannot drift apart.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from desktop_app.content.records import NOT_COVERED, ComparisonCell, ComparisonGrid

# A symbol and a word for every marker: the meaning never rests on colour.
EFFECT_SYMBOLS = {
    "adverse": "▲",
    "favourable": "✓",
    "neutral": "●",
    "mixed": "±",
    "no data": "○",
    "restriction": "⊘",
    "fact": "ℹ",
}
EFFECT_LABELS = {
    "adverse": "Adverse",
    "favourable": "Favourable",
    "neutral": "Neutral",
    "mixed": "Mixed",
    "no data": "No data",
    "restriction": "Restriction",
    "fact": "Fact",
}
EFFECT_MEANINGS = {
    "adverse": "a harm or an increased risk",
    "favourable": "a benefit or a lowered risk",
    "neutral": "no effect either way",
    "mixed": "benefit and harm, or it depends (menopausal status, combination, evidence)",
    "no data": "not studied, not reported or not covered",
    "restriction": "a contraindication or restriction on use, neither a harm nor a benefit "
    "(a cell that also states a harm keeps the harm's marker)",
    "fact": "a fact without a direction, such as an approved indication",
}
# The editors' verdicts on the article's statements, as they wrote them (audit.json).
VERDICTS = (
    "partly",
    "partly (out of date)",
    "partly (conflicts with label)",
    "outdated",
    "not supported",
)
FROM_ARTICLE = "from the article"
ADDED = "added — not from the source article"
PROVENANCE_LABELS = {"seed": FROM_ARTICLE, "added": ADDED, "none": NOT_COVERED}
EDITORS_NOTE = "Editors' note (added — not from the source article)"


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


def effect_text(effect: str) -> str:
    """The marker as a screen shows it: symbol and word."""
    return f"{EFFECT_SYMBOLS[effect]} {EFFECT_LABELS[effect]}"


def provenance_text(cell: ComparisonCell) -> str:
    return PROVENANCE_LABELS[cell.provenance]


def caution_summary(cell: ComparisonCell) -> str:
    """'' or e.g. 'editorial caution: partly true' (every caution shown with the cell)."""
    verdicts = [m.caution.verdict for m in cell.all_cautions]
    if not verdicts:
        return ""
    noun = "editorial caution" if len(verdicts) == 1 else f"{len(verdicts)} editorial cautions"
    return f"{noun}: {', '.join(verdicts)}"


def accessible_text(cell: ComparisonCell) -> str:
    """What a screen reader says for a cell, e.g.

    "Raloxifene, venous thromboembolism: Increased risk (DVT, PE, stroke), from the
    article. Marker: adverse. Editorial caution: partly true."
    """
    first = f"{cell.agent_name}, {cell.attribute_label.lower()}: {cell.short}"
    if cell.provenance != "none":  # a 'none' cell's value already says it is not covered
        first += f", {provenance_text(cell)}"
    sentences = [first + ".", f"Marker: {cell.effect}."]
    caution = caution_summary(cell)
    if caution:
        sentences.append(caution[0].upper() + caution[1:] + ".")
    if cell.note:
        sentences.append("Editors' note in the details.")
    return " ".join(sentences)


def display_value(cell: ComparisonCell) -> str:
    """One line of plain text for a cell: value, marker, where it comes from, cautions.

    Used where formatting is lost (copied cells, the terminal), so the words
    alone still say what the grid shows with icons and colour.
    """
    details = [cell.effect, provenance_text(cell)]
    caution = caution_summary(cell)
    if caution:
        details.append(caution)
    return f"{cell.short} [{'; '.join(details)}]"
