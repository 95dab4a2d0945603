"""Read and check the editable content under ``resources/content/``.

The files there are the source of truth that clinical editors review in diffs;
this module turns them into plain records for the database build and refuses
anything that would let a wrong or dangling statement reach a user (a caution
whose quote no longer matches, a cell naming a table row that is gone, ...).
It reads nothing outside ``resources/content/``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import cell_items
from desktop_app.content.compare.wording import VERDICTS

CONTENT_DIR = Path(__file__).resolve().parent.parent / "resources" / "content"

INSERTION = re.compile(r"\{\+\+(.+?)\+\+\}")
TABLE_DIRECTIVE = re.compile(r"^\{\{table ([a-z0-9-]+)\}\}$")
REFERENCES_DIRECTIVE = "{{references}}"
LIST_ITEM = re.compile(r"^- \*\*(.+?)\*\*: (.+)$")
EFFECTS = ("adverse", "neutral", "favourable", "mixed", "no data", "fact", "restriction")
ITEM_KINDS = ("contraindication", "label_warning", "interaction")


class ContentSourceError(ValueError):
    """A content file is malformed or inconsistent; the message names the file and place."""


def slugify(heading: str) -> str:
    """Address slug: lowercase, each run of non-alphanumerics -> '-', trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


@dataclass(frozen=True)
class Insertion:
    start: int
    text: str


@dataclass
class Block:
    kind: str  # paragraph | list_item | takeaway | table | references
    text: str = ""
    label: str = ""
    table_key: str = ""
    insertions: list[Insertion] = field(default_factory=list)


@dataclass
class Section:
    slug: str
    heading: str
    depth: int  # 0 = level, 1 = section, 2 = subsection
    parent_slug: str | None
    level_slug: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Content:
    edition: dict[str, str]
    sections: list[Section]
    tables: dict[str, dict[str, Any]]
    agents: list[dict[str, Any]]
    references: list[dict[str, Any]]
    attributes: list[dict[str, Any]]
    cells: list[dict[str, Any]]
    sources: dict[str, str]
    cautions: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    not_repaired: list[dict[str, Any]]
    synonyms: dict[str, Any]
    checksum: str


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentSourceError(f"{path.name}: {error}") from error


def _plain_with_insertions(marked: str) -> tuple[str, list[Insertion]]:
    """Strip ``{++...++}`` marks, remembering where each insertion sits in the plain text."""
    plain: list[str] = []
    insertions: list[Insertion] = []
    cursor = 0
    length = 0
    for match in INSERTION.finditer(marked):
        before = marked[cursor : match.start()]
        plain.append(before)
        length += len(before)
        insertions.append(Insertion(start=length, text=match.group(1)))
        plain.append(match.group(1))
        length += len(match.group(1))
        cursor = match.end()
    plain.append(marked[cursor:])
    text = "".join(plain)
    if "{++" in text or "++}" in text:
        raise ContentSourceError(f"unbalanced insertion mark in: {marked[:60]}...")
    return text, insertions


def parse_section_file(path: Path) -> list[Section]:
    """Parse one level file: '#' level, '##' section, '###' subsection, blank-line blocks."""
    sections: list[Section] = []
    parents: dict[int, Section] = {}
    chunks = [c.strip() for c in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    for chunk in filter(None, chunks):
        lines = chunk.split("\n")
        heading = re.match(r"^(#{1,3}) (.+)$", lines[0])
        if heading:
            if len(lines) > 1:
                raise ContentSourceError(f"{path.name}: text right after heading {lines[0]!r}")
            depth = len(heading.group(1)) - 1
            if depth > 0 and depth - 1 not in parents:
                raise ContentSourceError(f"{path.name}: {lines[0]!r} has no parent heading")
            parent = parents.get(depth - 1)
            level_slug = parents[0].slug if depth > 0 else slugify(heading.group(2))
            section = Section(
                slug=slugify(heading.group(2)),
                heading=heading.group(2),
                depth=depth,
                parent_slug=parent.slug if parent else None,
                level_slug=level_slug,
            )
            parents = {d: s for d, s in parents.items() if d < depth}
            parents[depth] = section
            sections.append(section)
            continue
        if not sections:
            raise ContentSourceError(f"{path.name}: text before the first heading")
        current = sections[-1]
        for block in _parse_blocks(path, lines):
            current.blocks.append(block)
    return sections


def _parse_blocks(path: Path, lines: list[str]) -> list[Block]:
    first = lines[0]
    table = TABLE_DIRECTIVE.match(first)
    if table:
        return [Block(kind="table", table_key=table.group(1))]
    if first == REFERENCES_DIRECTIVE:
        return [Block(kind="references")]
    if first.startswith("> "):
        text, insertions = _plain_with_insertions(" ".join(line[2:] for line in lines))
        return [Block(kind="takeaway", text=text, insertions=insertions)]
    if first.startswith("- "):
        blocks = []
        for line in lines:
            item = LIST_ITEM.match(line)
            if not item:
                raise ContentSourceError(f"{path.name}: list item without a **Label**: {line[:60]}")
            text, insertions = _plain_with_insertions(item.group(2))
            blocks.append(
                Block(kind="list_item", label=item.group(1), text=text, insertions=insertions)
            )
        return blocks
    text, insertions = _plain_with_insertions(" ".join(lines))
    return [Block(kind="paragraph", text=text, insertions=insertions)]


def content_checksum(content_dir: Path) -> str:
    """SHA-256 over every content file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(content_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def load_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Load every content file and cross-check them; raise ContentSourceError on any mismatch."""
    if not content_dir.is_dir():
        raise ContentSourceError(f"content folder not found: {content_dir}")
    sections: list[Section] = []
    for path in sorted((content_dir / "sections").glob("*.md")):
        sections.extend(parse_section_file(path))
    tables = _load_toml(content_dir / "tables.toml")
    comparison = _load_toml(content_dir / "comparison.toml")
    # Contraindications and interactions: the rows a prescriber reads first.
    restrictions = _load_toml(content_dir / "restrictions.toml")
    repairs = _load_toml(content_dir / "repairs.toml")
    content = Content(
        edition=_load_toml(content_dir / "edition.toml"),
        sections=sections,
        tables=tables,
        agents=_load_toml(content_dir / "agents.toml")["agent"],
        references=_load_toml(content_dir / "references.toml")["reference"],
        attributes=restrictions["attribute"] + comparison["attribute"],
        cells=comparison["cell"] + restrictions["cell"],
        sources={
            s["key"]: s["citation"] for s in _load_toml(content_dir / "sources.toml")["source"]
        },
        cautions=_load_toml(content_dir / "cautions.toml")["caution"],
        repairs=repairs["repair"],
        not_repaired=repairs.get("not_repaired", []),
        synonyms=_load_toml(content_dir / "synonyms.toml"),
        checksum=content_checksum(content_dir),
    )
    _check(content)
    try:
        cell_items.complete_texts(content.cells, content.sources)
    except cell_items.ItemError as error:
        raise ContentSourceError(f"restrictions.toml {error}") from error
    return content


def _check(content: Content) -> None:
    """Cross-file consistency: every name a file uses must exist where it points."""
    _check_sections_and_tables(content)
    _check_references(content)
    _check_cells(content)
    _check_attributes(content)
    _check_cautions(content)
    _check_repairs(content)


def _check_sections_and_tables(content: Content) -> None:
    """The level files and tables.toml."""
    slugs = [s.slug for s in content.sections]
    if len(set(slugs)) != len(slugs):
        raise ContentSourceError("two headings give the same address slug")
    for section in content.sections:
        for block in section.blocks:
            if block.kind == "table" and block.table_key not in content.tables:
                raise ContentSourceError(f"section {section.slug}: unknown table {block.table_key}")
    for key, table in content.tables.items():
        width = len(table["columns"])
        if any(len(row) != width for row in table["rows"]):
            raise ContentSourceError(f"tables.toml [{key}]: a row does not have {width} cells")


def _check_references(content: Content) -> None:
    numbers = [r["number"] for r in content.references]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ContentSourceError("references.toml: numbers must run 1, 2, 3, ... in order")


def _check_cells(content: Content) -> None:
    """comparison.toml (and restrictions.toml, merged into it): each cell once, well formed."""
    agents = {a["inn"] for a in content.agents}
    attributes = {a["key"] for a in content.attributes}
    seen: set[tuple[str, str]] = set()
    for cell in content.cells:
        where = f"comparison.toml cell {cell.get('attribute')}/{cell.get('agent')}"
        if cell["agent"] not in agents or cell["attribute"] not in attributes:
            raise ContentSourceError(f"{where}: unknown agent or attribute")
        if (cell["attribute"], cell["agent"]) in seen:
            raise ContentSourceError(f"{where}: given twice")
        seen.add((cell["attribute"], cell["agent"]))
        if cell["effect"] not in EFFECTS:
            raise ContentSourceError(f"{where}: effect must be one of {EFFECTS}")
        checks = {"seed": _check_seed_cell, "added": _check_added_cell, "none": _check_gap_cell}
        check = checks.get(cell["provenance"])
        if check is None:
            raise ContentSourceError(f"{where}: provenance must be 'seed', 'added' or 'none'")
        check(content, cell, where)


def _check_seed_cell(content: Content, cell: dict[str, Any], where: str) -> None:
    rows = content.tables[cell["table"]]["rows"]
    if not (1 <= cell["row"] <= len(rows) and 1 <= cell["column"] <= len(rows[0])):
        raise ContentSourceError(f"{where}: no such table cell")


def _check_added_cell(content: Content, cell: dict[str, Any], where: str) -> None:
    if not (cell.get("text") or cell.get("item")) or not cell.get("short"):
        raise ContentSourceError(f"{where}: an added cell needs `short` and `text`")
    # Only a finding of absence ("no data found in the sources reviewed") may stand
    # without a source: it cites nothing because it states that nothing was found.
    if not cell.get("sources") and cell["effect"] != "no data":
        raise ContentSourceError(f"{where}: an added fact needs at least one source")
    unknown = [s for s in cell.get("sources", []) if s not in content.sources]
    if unknown:
        raise ContentSourceError(f"{where}: unknown sources {unknown}")
    _check_items(content, cell, where)


def _check_gap_cell(content: Content, cell: dict[str, Any], where: str) -> None:
    if cell["effect"] != "no data" or cell.get("sources") or cell.get("text"):
        raise ContentSourceError(f"{where}: a 'none' cell has no data, text or sources")


def _check_cautions(content: Content) -> None:
    """cautions.toml: a known verdict, known sources, and each quote found exactly once."""
    for number, caution in enumerate(content.cautions, 1):
        if caution["verdict"] not in VERDICTS:
            raise ContentSourceError(f"cautions.toml #{number}: verdict must be one of {VERDICTS}")
        unknown = [s for s in caution["sources"] if s not in content.sources]
        if unknown or not caution["sources"]:
            raise ContentSourceError(f"cautions.toml #{number}: sources missing or unknown")
        for quote in caution["quotes"]:
            if "table" in caution:
                rows = content.tables[caution["table"]]["rows"]
                places = int(quote in rows[caution["row"] - 1][caution["column"] - 1])
            else:
                places = sum(quote in b.text for s in content.sections for b in s.blocks)
            if places != 1:
                raise ContentSourceError(
                    f"cautions.toml #{number}: {quote[:50]!r} found in {places} places, expected 1"
                )


def _check_repairs(content: Content) -> None:
    """repairs.toml: every restored word is marked where it belongs."""
    for repair in content.repairs:
        marked = "{++" + repair["inserted"] + "++}"
        if not any(marked in _marked_text(block) for s in content.sections for block in s.blocks):
            raise ContentSourceError(f"repairs.toml line {repair['line']}: insertion not in text")


def _check_items(content: Content, cell: dict[str, Any], where: str) -> None:
    """A list cell's items: a known kind, the words each kind needs, known sources."""
    for number, item in enumerate(cell.get("item", []), 1):
        place = f"{where} item {number}"
        if item.get("kind") not in ITEM_KINDS:
            raise ContentSourceError(f"{place}: kind must be one of {ITEM_KINDS}")
        needed = ("with", "advice", "why") if item["kind"] == "interaction" else ("text",)
        if not all(str(item.get(key, "")).strip() for key in needed):
            raise ContentSourceError(f"{place}: needs {', '.join(needed)}")
        if item["kind"] == "interaction" and not item.get("sources"):
            raise ContentSourceError(f"{place}: an interaction needs its sources")
        unknown = [s for s in item.get("sources", []) if s not in content.sources]
        if unknown:
            raise ContentSourceError(f"{place}: unknown sources {unknown}")


def _check_attributes(content: Content) -> None:
    """Topic terms must find a section, and a side table must have one row per agent."""
    names = {a["name"] for a in content.agents}
    for attribute in content.attributes:
        where = f"comparison.toml attribute {attribute['key']}"
        if not attribute.get("terms"):
            raise ContentSourceError(f"{where}: needs `terms` naming its topic")
        table_key = attribute.get("article_table")
        if table_key is None:
            continue
        if table_key not in content.tables:
            raise ContentSourceError(f"{where}: unknown article_table {table_key}")
        first_column = [row[0] for row in content.tables[table_key]["rows"]]
        if sorted(first_column) != sorted(names):
            raise ContentSourceError(f"{where}: {table_key} needs one row per agent")


def _marked_text(block: Block) -> str:
    """Rebuild the marked-up form of a block so repairs can be checked against it."""
    text = block.text
    for insertion in reversed(block.insertions):
        end = insertion.start + len(insertion.text)
        text = text[: insertion.start] + "{++" + insertion.text + "++}" + text[end:]
    return text
