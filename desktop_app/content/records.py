"""Plain, frozen records handed out by the content layer.

Widgets and the command line get these value objects, never a cursor or a row,
so nothing above this layer can write to the database or depend on its schema.

They are named tuples rather than frozen dataclasses because the window needs
all of them before its first paint: a frozen dataclass costs ~0.5 ms to define
(its methods are generated and compiled at import), a named tuple a quarter of
that, and these twenty-odd definitions were ~12 ms of every start. Being
tuples, they are immutable and hashable; change one with ``_replace``.

This module does without ``from __future__ import annotations``: with it, each
field's annotation is a string that ``typing.NamedTuple`` compiles into a
``ForwardRef`` (~0.07 ms a class, ~1.5 ms of every start for these). Every
type named here is defined above its first use, so the annotations evaluate
as they are read.
"""

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from desktop_app.content.page_records import ComparisonRow

EFFECTS = ("adverse", "neutral", "favourable", "mixed", "no data", "fact", "restriction")
NOT_COVERED = "not covered by the source"


class ContentMeta(NamedTuple):
    title: str
    edition: str
    date: str
    source: str
    disclaimer: str
    schema_version: int
    content_checksum: str
    sqlite_version: str


class TocEntry(NamedTuple):
    """One heading in the table of contents; ``depth`` 0 is a level."""

    uri: str
    slug: str
    heading: str
    depth: int
    parent_slug: str | None
    level_slug: str


class Source(NamedTuple):
    key: str
    citation: str


class Caution(NamedTuple):
    """An editorial caution on a statement of the article, which stays verbatim."""

    id: int
    verdict: str
    note: str
    sources: tuple[Source, ...]


class CautionMark(NamedTuple):
    """Where a caution applies: a marked stretch (``start``, ``length``) of a block's text."""

    start: int
    length: int
    caution: Caution
    quote: str


class TableCell(NamedTuple):
    text: str
    cautions: tuple[CautionMark, ...] = ()


class ArticleTable(NamedTuple):
    key: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]


class AgentSummary(NamedTuple):
    uri: str
    inn: str
    name: str


class ArticleRow(NamedTuple):
    """A row of another article table that speaks to the same cell.

    The article's endometrial table covers all four agents while its safety
    table covers two; the grid shows that row beside the cell so a reader sees
    what the article itself said about every agent, cautions included.
    """

    table_key: str
    caption: str
    columns: tuple[str, ...]
    row: int  # 1-based, header excluded
    cells: tuple[TableCell, ...]

    @property
    def cautions(self) -> tuple[CautionMark, ...]:
        return tuple(mark for cell in self.cells for mark in cell.cautions)


class CellItem(NamedTuple):
    """One listed item of a cell that is a list: a contraindication or an interaction.

    Kept as the editors gave it (every item, its own words), so a cell's text
    can be rebuilt and each item shown with its scope, advice and sources.
    ``kind``: contraindication | label_warning | interaction.
    """

    kind: str
    text: str = ""  # contraindications and label warnings
    applies_to: str = ""  # the product or indication ("all uses" for every one)
    other: str = ""  # interactions: the other drug or class
    advice: str = ""  # interactions: the label's advice words
    why: str = ""  # interactions: the reason, with its figure
    sources: tuple[Source, ...] = ()


class ComparisonCell(NamedTuple):
    uri: str
    attribute: str
    attribute_label: str
    agent: str
    agent_name: str
    provenance: str  # seed | added | none
    effect: str
    short: str
    text: str
    applies_to: str
    sources: tuple[Source, ...]
    table_key: str | None
    table_row: int | None
    table_column: int | None
    cautions: tuple[CautionMark, ...]
    note: str = ""  # provenance "none": the editors' note on the gap, if any
    article_rows: tuple[ArticleRow, ...] = ()
    items: tuple[CellItem, ...] = ()  # a list cell's items (contraindications, interactions)

    @property
    def has_data(self) -> bool:
        return self.provenance != "none"

    @property
    def all_cautions(self) -> tuple[CautionMark, ...]:
        """Cautions on the cell's own statement, then on the article rows shown with it."""
        return self.cautions + tuple(m for row in self.article_rows for m in row.cautions)


class Attribute(NamedTuple):
    key: str
    uri: str
    label: str
    provenance: str


class ComparisonGrid(NamedTuple):
    attributes: tuple[Attribute, ...]
    agents: tuple[AgentSummary, ...]
    cells: tuple[tuple[ComparisonCell, ...], ...]  # [attribute][agent]

    def row(self, attribute: str) -> "ComparisonRow":
        from desktop_app.content.page_records import ComparisonRow

        index = [a.key for a in self.attributes].index(attribute)
        return ComparisonRow(self.attributes[index], self.cells[index])

    def cell(self, attribute: str, agent: str) -> ComparisonCell:
        row = [a.key for a in self.attributes].index(attribute)
        column = [a.inn for a in self.agents].index(agent)
        return self.cells[row][column]


class Reference(NamedTuple):
    number: int
    uri: str
    title: str
    container: str
    date: str

    @property
    def citation(self) -> str:
        parts = [f"“{self.title}.”"]
        if self.container:
            parts.append(self.container + ("," if self.date else "."))
        if self.date:
            parts.append(self.date + ".")
        return " ".join(parts)
