"""Queries over the content database, answered with frozen records.

The whole content is small (a few hundred rows), so the repository reads the
shared lookups (sources, cautions, table of contents) once and keeps them;
pages are assembled on request. Every method returns plain data, so the GUI,
the command line and tests all see the same thing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from desktop_app.content.addresses import AddressError, parse_address
from desktop_app.content.database import open_and_verify
from desktop_app.content.records import (
    NOT_COVERED,
    AgentSummary,
    ArticleRow,
    ArticleTable,
    Attribute,
    Caution,
    CautionMark,
    CellItem,
    ComparisonCell,
    ComparisonGrid,
    ContentMeta,
    Reference,
    Source,
    TableCell,
    TocEntry,
)

if TYPE_CHECKING:
    from desktop_app.content.page_records import (
        Agent,
        Block,
        ComparisonRow,
        DiscussionLink,
        Insertion,
        Section,
        Takeaway,
    )

# The records of whole pages (page_records) are imported by the methods that build
# them: a start that shows the home page never defines them.
Item: TypeAlias = "Section | Agent | ComparisonRow | ComparisonCell | Reference | Takeaway"


class UnknownAddressError(LookupError):
    """A well-formed address that names nothing in this edition."""


class ContentRepository:
    """Read-only access to one content database."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path | None = None, verified: bool = True
    ):
        self._db = connection
        self.path = path
        # False for a file named with --db that came without a manifest: the window
        # then marks every page "unverified content".
        self.verified = verified

    @classmethod
    def open(cls, path: Path | None = None) -> ContentRepository:
        """Open and verify the database (raises ContentDatabaseError with a readable message)."""
        connection, verified = open_and_verify(path)
        return cls(connection, path, verified)

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """For the search engine, which lives in this same layer."""
        return self._db

    # -- shared lookups -------------------------------------------------------------------

    @cached_property
    def meta(self) -> ContentMeta:
        values = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        return ContentMeta(
            title=values.get("title", ""),
            edition=values.get("edition", ""),
            date=values.get("date", ""),
            source=values.get("source", ""),
            disclaimer=values.get("disclaimer", ""),
            schema_version=int(values.get("schema_version", 0)),
            content_checksum=values.get("content_checksum", ""),
            sqlite_version=sqlite3.sqlite_version,
        )

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {
            key: Source(key, citation)
            for key, citation in self._db.execute("SELECT key, citation FROM sources")
        }

    @cached_property
    def _cautions(self) -> dict[int, Caution]:
        sources: dict[int, list[Source]] = defaultdict(list)
        for caution_id, key in self._db.execute(
            "SELECT caution_id, source_key FROM caution_sources ORDER BY caution_id, position"
        ):
            sources[caution_id].append(self._sources[key])
        return {
            cid: Caution(cid, verdict, note, tuple(sources[cid]))
            for cid, verdict, note in self._db.execute("SELECT id, verdict, note FROM cautions")
        }

    @cached_property
    def _caution_marks(self) -> dict[tuple[object, ...], tuple[CautionMark, ...]]:
        """Caution marks keyed by ('block', id) or ('cell', table, row, column)."""
        marks: dict[tuple[object, ...], list[CautionMark]] = defaultdict(list)
        for cid, block_id, table_key, row, column, start, length, quote in self._db.execute(
            "SELECT caution_id, block_id, table_key, table_row, table_column, start, length,"
            " quote FROM caution_anchors ORDER BY caution_id"
        ):
            key = ("block", block_id) if block_id is not None else ("cell", table_key, row, column)
            marks[key].append(CautionMark(start, length, self._cautions[cid], quote))
        return {k: tuple(sorted(v, key=lambda m: m.start)) for k, v in marks.items()}

    @cached_property
    def _toc(self) -> tuple[TocEntry, ...]:
        return tuple(
            TocEntry(uri, slug, heading, depth, parent, level)
            for uri, slug, heading, depth, parent, level in self._db.execute(
                "SELECT uri, slug, heading, depth, parent_slug, level_slug FROM sections"
                " ORDER BY position"
            )
        )

    def table_of_contents(self) -> tuple[TocEntry, ...]:
        """Every heading in reading order, levels (depth 0) first in each group."""
        return self._toc

    def _entry(self, slug: str) -> TocEntry:
        for entry in self._toc:
            if entry.slug == slug:
                return entry
        raise UnknownAddressError(f"no section serm://section/{slug}")

    # -- sections -------------------------------------------------------------------------

    def article_table(self, key: str) -> ArticleTable:
        row = self._db.execute(
            "SELECT caption, columns FROM article_tables WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            raise UnknownAddressError(f"no table {key}")
        cells: dict[int, list[TableCell]] = defaultdict(list)
        for r, c, text in self._db.execute(
            'SELECT row, "column", text FROM table_cells WHERE table_key = ?'
            ' ORDER BY row, "column"',
            (key,),
        ):
            cells[r].append(TableCell(text, self._caution_marks.get(("cell", key, r, c), ())))
        return ArticleTable(
            key, row[0], tuple(json.loads(row[1])), tuple(tuple(cells[r]) for r in sorted(cells))
        )

    def _blocks(self, where: str, args: tuple[object, ...]) -> list[Block]:
        from desktop_app.content.page_records import Block, Insertion

        rows = self._db.execute(
            f"SELECT id, position, kind, label, text, table_key FROM blocks WHERE {where}"
            " ORDER BY section_slug, position",
            args,
        ).fetchall()
        ids = [r[0] for r in rows]
        insertions: dict[int, list[Insertion]] = defaultdict(list)
        if ids:
            marks = ",".join("?" * len(ids))
            for (
                block_id,
                start,
                length,
                inserted,
                fragment,
                confidence,
                alternatives,
            ) in self._db.execute(
                "SELECT block_id, start, length, inserted, original_fragment, confidence,"
                f" alternatives FROM insertions WHERE block_id IN ({marks}) ORDER BY start",
                ids,
            ):
                insertions[block_id].append(
                    Insertion(
                        start,
                        length,
                        inserted,
                        fragment,
                        confidence,
                        tuple(json.loads(alternatives)),
                    )
                )
        return [
            Block(
                position=position,
                kind=kind,
                text=text,
                label=label,
                insertions=tuple(insertions[block_id]),
                cautions=self._caution_marks.get(("block", block_id), ()),
                table=self.article_table(table_key) if table_key else None,
            )
            for block_id, position, kind, label, text, table_key in rows
        ]

    def section(self, slug: str) -> Section:
        from desktop_app.content.page_records import Section

        entry = self._entry(slug)
        index = self._toc.index(entry)
        level = self._entry(entry.level_slug)
        return Section(
            entry=entry,
            level_heading=level.heading,
            blocks=tuple(self._blocks("section_slug = ?", (slug,))),
            children=tuple(e for e in self._toc if e.parent_slug == slug),
            previous=self._toc[index - 1] if index > 0 else None,
            next=self._toc[index + 1] if index + 1 < len(self._toc) else None,
        )

    # -- agents ---------------------------------------------------------------------------

    def agents(self) -> tuple[AgentSummary, ...]:
        return tuple(
            AgentSummary(uri, inn, name)
            for uri, inn, name in self._db.execute(
                "SELECT uri, inn, name FROM agents ORDER BY position"
            )
        )

    def agent(self, inn: str) -> Agent:
        from desktop_app.content.page_records import Agent, AgentName

        row = self._db.execute(
            "SELECT a.uri, a.name, a.salt, a.drug_class, a.profile_block_id, b.section_slug"
            " FROM agents a JOIN blocks b ON b.id = a.profile_block_id WHERE a.inn = ?",
            (inn,),
        ).fetchone()
        if row is None:
            raise UnknownAddressError(f"no agent serm://agent/{inn}")
        uri, name, salt, drug_class, block_id, section_slug = row
        names = tuple(
            AgentName(n, kind, region)
            for n, kind, region in self._db.execute(
                "SELECT name, kind, region FROM agent_names WHERE inn = ?"
                " ORDER BY CASE kind WHEN 'brand' THEN 0 WHEN 'code' THEN 1 ELSE 2 END, position",
                (inn,),
            )
        )
        grid = self.comparison()
        column = [a.inn for a in grid.agents].index(inn)
        discussed = tuple(
            self._entry(slug)
            for (slug,) in self._db.execute(
                "SELECT m.section_slug FROM agent_mentions m JOIN sections s"
                " ON s.slug = m.section_slug WHERE m.inn = ? ORDER BY s.position",
                (inn,),
            )
        )
        return Agent(
            summary=AgentSummary(uri, inn, name),
            salt=salt,
            drug_class=drug_class,
            names=names,
            profile=self._blocks("id = ?", (block_id,))[0],
            profile_section=self._entry(section_slug),
            comparison=tuple(row_cells[column] for row_cells in grid.cells),
            discussed_in=discussed,
        )

    # -- comparison -----------------------------------------------------------------------

    @cached_property
    def _grid(self) -> ComparisonGrid:
        attributes = tuple(
            Attribute(key, uri, label, provenance)
            for key, uri, label, provenance in self._db.execute(
                "SELECT key, uri, label, provenance FROM attributes ORDER BY position"
            )
        )
        agents = self.agents()
        sources: dict[tuple[str, str], list[Source]] = defaultdict(list)
        for attribute, agent, key in self._db.execute(
            "SELECT attribute, agent, source_key FROM cell_sources"
            " ORDER BY attribute, agent, position"
        ):
            sources[(attribute, agent)].append(self._sources[key])
        stored = {
            (r[0], r[1]): r
            for r in self._db.execute(
                "SELECT attribute, agent, uri, provenance, effect, short, text, applies_to,"
                " table_key, table_row, table_column, note FROM cells"
            )
        }
        article_rows: dict[tuple[str, str], list[ArticleRow]] = defaultdict(list)
        tables: dict[str, ArticleTable] = {}
        for attribute_key, agent_key, key, number in self._db.execute(
            "SELECT attribute, agent, table_key, table_row FROM cell_article_rows"
            " ORDER BY attribute, agent, table_key"
        ):
            table = tables.get(key)
            if table is None:  # not setdefault: its default would be read for every row
                table = tables[key] = self.article_table(key)
            article_rows[(attribute_key, agent_key)].append(
                ArticleRow(key, table.caption, table.columns, number, table.rows[number - 1])
            )
        items = self._cell_items()
        grid_rows = []
        for attribute in attributes:
            cells = []
            for agent in agents:
                row = stored.get((attribute.key, agent.inn))
                uri = f"serm://compare/{attribute.key}/{agent.inn}"
                if row is None:
                    cells.append(
                        ComparisonCell(
                            uri,
                            attribute.key,
                            attribute.label,
                            agent.inn,
                            agent.name,
                            "none",
                            "no data",
                            NOT_COVERED,
                            NOT_COVERED,
                            "",
                            (),
                            None,
                            None,
                            None,
                            (),
                        )
                    )
                    continue
                table_key, table_row, table_column = row[8], row[9], row[10]
                cautions = (
                    self._caution_marks.get(("cell", table_key, table_row, table_column), ())
                    if table_key
                    else ()
                )
                cells.append(
                    ComparisonCell(
                        uri,
                        attribute.key,
                        attribute.label,
                        agent.inn,
                        agent.name,
                        row[3],
                        row[4],
                        row[5],
                        row[6],
                        row[7],
                        tuple(sources[(attribute.key, agent.inn)]),
                        table_key,
                        table_row,
                        table_column,
                        cautions,
                        row[11],
                        tuple(article_rows[(attribute.key, agent.inn)]),
                        items.get((attribute.key, agent.inn), ()),
                    )
                )
            grid_rows.append(tuple(cells))
        return ComparisonGrid(attributes, agents, tuple(grid_rows))

    def comparison(self) -> ComparisonGrid:
        return self._grid

    def _cell_items(self) -> dict[tuple[str, str], tuple[CellItem, ...]]:
        """The items of list cells (contraindications, interactions), in the editors' order."""
        sources: dict[tuple[str, str, int], list[Source]] = defaultdict(list)
        for attribute, agent, item, key in self._db.execute(
            "SELECT attribute, agent, item_position, source_key FROM cell_item_sources"
            " ORDER BY attribute, agent, item_position, position"
        ):
            sources[(attribute, agent, item)].append(self._sources[key])
        items: dict[tuple[str, str], list[CellItem]] = defaultdict(list)
        for (
            attribute,
            agent,
            position,
            kind,
            text,
            applies_to,
            other,
            advice,
            why,
        ) in self._db.execute(
            "SELECT attribute, agent, position, kind, text, applies_to, other, advice, why"
            " FROM cell_items ORDER BY attribute, agent, position"
        ):
            items[(attribute, agent)].append(
                CellItem(
                    kind,
                    text,
                    applies_to,
                    other,
                    advice,
                    why,
                    tuple(sources[(attribute, agent, position)]),
                )
            )
        return {key: tuple(value) for key, value in items.items()}

    def comparison_sections(
        self, attribute: str, agent: str | None = None
    ) -> tuple[DiscussionLink, ...]:
        """Sections whose text speaks to the attribute's topic, in reading order.

        With an agent, each link says whether the section also names that agent,
        so a cell can point first at the passages about that drug.
        """
        from desktop_app.content.page_records import DiscussionLink

        named = {
            slug
            for (slug,) in self._db.execute(
                "SELECT section_slug FROM agent_mentions WHERE inn = ?", (agent,)
            )
        }
        return tuple(
            DiscussionLink(self._entry(slug), slug in named)
            for (slug,) in self._db.execute(
                "SELECT m.section_slug FROM attribute_mentions m JOIN sections s"
                " ON s.slug = m.section_slug WHERE m.attribute = ? ORDER BY s.position",
                (attribute,),
            )
        )

    def article_table_section(self, key: str) -> TocEntry:
        """The section where the article placed one of its tables."""
        row = self._db.execute(
            "SELECT section_slug FROM article_tables WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            raise UnknownAddressError(f"no table {key}")
        return self._entry(row[0])

    # -- references and takeaways ---------------------------------------------------------

    def references(self) -> tuple[Reference, ...]:
        return tuple(
            Reference(*row)
            for row in self._db.execute(
                'SELECT number, uri, title, container, date FROM "references" ORDER BY number'
            )
        )

    def reference(self, number: int) -> Reference:
        for reference in self.references():
            if reference.number == number:
                return reference
        raise UnknownAddressError(f"no reference serm://reference/{number}")

    def takeaways(self) -> tuple[Takeaway, ...]:
        from desktop_app.content.page_records import Takeaway

        return tuple(
            Takeaway(number, uri, text, self._entry(slug))
            for number, uri, text, slug in self._db.execute(
                "SELECT t.number, t.uri, t.text, b.section_slug FROM takeaways t"
                " JOIN blocks b ON b.id = t.block_id ORDER BY t.number"
            )
        )

    # -- addresses ------------------------------------------------------------------------

    def resolve(self, address: str) -> Item:
        """The item an address names; raise AddressError or UnknownAddressError."""
        parsed = parse_address(address)
        first = parsed.parts[0]
        if parsed.kind == "section":
            return self.section(first)
        if parsed.kind == "agent":
            return self.agent(first)
        if parsed.kind == "compare":
            grid = self.comparison()
            if first not in [a.key for a in grid.attributes]:
                raise UnknownAddressError(f"no comparison attribute {first}")
            if len(parsed.parts) == 1:
                return grid.row(first)
            if parsed.parts[1] not in [a.inn for a in grid.agents]:
                raise UnknownAddressError(f"no agent {parsed.parts[1]} in the comparison")
            return grid.cell(first, parsed.parts[1])
        if parsed.kind == "reference":
            return self.reference(int(first))
        for takeaway in self.takeaways():
            if takeaway.number == int(first):
                return takeaway
        raise UnknownAddressError(f"no takeaway {address}")

    def exists(self, address: str) -> bool:
        try:
            self.resolve(address)
        except (AddressError, UnknownAddressError):
            return False
        return True

    def all_addresses(self) -> tuple[str, ...]:
        """Every address this edition defines, for checks and the self-test."""
        grid = self.comparison()
        return (
            tuple(e.uri for e in self._toc)
            + tuple(a.uri for a in grid.agents)
            + tuple(a.uri for a in grid.attributes)
            + tuple(c.uri for row in grid.cells for c in row)
            + tuple(r.uri for r in self.references())
            + tuple(t.uri for t in self.takeaways())
        )
