"""The records of one whole page: a section with its blocks, an agent, a comparison row.

The content layer builds these when such a page is opened. The records every
start needs (the table of contents, the agents' summaries, the comparison grid
and what its cells hold, the references) stay in ``records``; defining these
eight named tuples with them cost ~1 ms of every start for a page that is
usually not the first one shown. Like ``records``, this module does without
``from __future__ import annotations`` (see there).
"""

from typing import NamedTuple

from desktop_app.content.records import (
    AgentSummary,
    ArticleTable,
    Attribute,
    CautionMark,
    ComparisonCell,
    TocEntry,
)


class Insertion(NamedTuple):
    """An editorial insertion: a marked stretch (``start``, ``length``) of a block's text."""

    start: int
    length: int
    inserted: str
    original_fragment: str
    confidence: str
    alternatives: tuple[str, ...]


class Block(NamedTuple):
    """A paragraph, list item, key takeaway, table or reference list, in reading order."""

    position: int
    kind: str
    text: str
    label: str = ""
    insertions: tuple[Insertion, ...] = ()
    cautions: tuple[CautionMark, ...] = ()
    table: ArticleTable | None = None


class Section(NamedTuple):
    entry: TocEntry
    level_heading: str
    blocks: tuple[Block, ...]
    children: tuple[TocEntry, ...]
    previous: TocEntry | None
    next: TocEntry | None


class AgentName(NamedTuple):
    name: str
    kind: str  # brand | code | abbreviation
    region: str


class DiscussionLink(NamedTuple):
    """A section that discusses a grid attribute; ``names_agent`` if it also names the agent."""

    entry: TocEntry
    names_agent: bool


class Agent(NamedTuple):
    summary: AgentSummary
    salt: str
    drug_class: str
    names: tuple[AgentName, ...]
    profile: Block
    profile_section: TocEntry
    comparison: tuple[ComparisonCell, ...]
    discussed_in: tuple[TocEntry, ...]


class Takeaway(NamedTuple):
    number: int
    uri: str
    text: str
    section: TocEntry


class ComparisonRow(NamedTuple):
    """One safety attribute across every agent (``serm://compare/<attribute>``)."""

    attribute: Attribute
    cells: tuple[ComparisonCell, ...]
