"""Build the read-only content database from ``resources/content/``.

Usage: ``python -m db.build [--out PATH] [--if-stale]`` — prints the path it wrote.
``python db/build.py`` does the same wherever the project is installed (``pip install -e``,
as ``run-tests`` and the CI do): that puts the repository root, and so ``db``, on the path.

Everything that costs time (parsing, cross-checks, the FTS5 index, integrity
checks) happens here, once, so the app on a clinic workstation only opens and
reads. The output is deterministic: the same sources give the same bytes, so a
checksum written beside it (the manifest) can prove the shipped file untouched.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from db import cell_items, content_sources, search_cautions
from db.content_sources import Content, ContentSourceError, load_content
from desktop_app.content.database import (
    SCHEMA_VERSION,
    START_DIGEST,
    file_blake2b,
    file_sha256,
    manifest_path,
)
from desktop_app.content.records import NOT_COVERED
from desktop_app.content.search.text import normalise
from desktop_app.content.search.text import tokens as search_tokens

HERE = Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "schema.sql"
DEFAULT_OUT = HERE.parent / "desktop_app" / "data" / "serm-reference.sqlite"
DRUG_CLASS = "Selective estrogen receptor modulator (SERM)"


def build_inputs_checksum() -> str:
    """Hash of everything that shapes the output: content, schema and this build code."""
    digest = hashlib.sha256(content_sources.content_checksum(content_sources.CONTENT_DIR).encode())
    sources = [SCHEMA_FILE, Path(__file__).resolve(), Path(content_sources.__file__).resolve()]
    sources.append(Path(cell_items.__file__).resolve())
    sources.append(HERE.parent / "desktop_app" / "content" / "restrictions.py")  # composed text
    sources.append(HERE.parent / "desktop_app" / "content" / "search" / "text.py")  # search keys
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stale(database: Path) -> bool:
    manifest = manifest_path(database)
    if not database.is_file() or not manifest.is_file():
        return True
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return bool(
        recorded.get("inputs_sha256") != build_inputs_checksum()
        or recorded.get("sha256") != file_sha256(database)
        or recorded.get(START_DIGEST) != file_blake2b(database)
    )


Rows = Iterator[tuple[str, list[dict[str, Any]]]]
BlockIds = dict[tuple[str, int], int]


def _rows(content: Content) -> Rows:
    """Yield (table, rows) in dependency order; ids are assigned here so they are stable."""
    yield "meta", _meta_rows(content)
    block_ids: BlockIds = {}
    yield from _article_rows(content, block_ids)
    yield from _agent_rows(content, block_ids)
    attributes = _attribute_rows(content)
    yield "attributes", attributes
    yield "sources", [{"key": k, "citation": v} for k, v in sorted(content.sources.items())]
    cells, cell_sources = _cell_rows(content)
    yield "cells", cells
    yield "cell_sources", cell_sources
    item_rows = list(cell_items.item_rows(content.cells, content.sources))
    for item_table in ("cell_items", "cell_item_sources"):
        yield item_table, [row for kind, row in item_rows if kind == item_table]
    yield "attribute_mentions", list(_attribute_mention_rows(content))
    yield "cell_article_rows", list(_cell_article_rows(content))
    yield "references", _reference_rows(content)
    cautions, caution_sources, anchors = _caution_rows(content, block_ids)
    yield "cautions", cautions
    yield "caution_sources", caution_sources
    yield "caution_anchors", anchors
    synonyms = sorted(_synonym_rows(content), key=lambda r: (r["term"], r["expansion"]))
    yield "synonyms", synonyms
    search_units = _search_rows(content, cells, attributes)
    yield "search_units", search_units
    yield "search_vocabulary", _vocabulary_rows(search_units, synonyms)


def _meta_rows(content: Content) -> list[dict[str, Any]]:
    values = {
        **content.edition,
        "schema_version": SCHEMA_VERSION,
        "content_checksum": content.checksum,
    }
    return [{"key": key, "value": str(value)} for key, value in sorted(values.items())]


def _article_rows(content: Content, block_ids: BlockIds) -> Rows:
    """Sections, their blocks, the article's tables, restored words and take-aways.

    Fills ``block_ids`` ((section, index) -> block id) for the groups that follow.
    """
    sections, blocks = [], []
    table_sections: dict[str, str] = {}
    block_id = 0
    for position, section in enumerate(content.sections):
        sections.append(
            {
                "slug": section.slug,
                "uri": f"serm://section/{section.slug}",
                "heading": section.heading,
                "depth": section.depth,
                "parent_slug": section.parent_slug,
                "level_slug": section.level_slug,
                "position": position,
            }
        )
        for index, block in enumerate(section.blocks):
            block_id += 1
            block_ids[(section.slug, index)] = block_id
            if block.kind == "table":
                table_sections[block.table_key] = section.slug
            blocks.append(
                {
                    "id": block_id,
                    "section_slug": section.slug,
                    "position": index,
                    "kind": block.kind,
                    "label": block.label,
                    "text": block.text,
                    "table_key": block.table_key or None,
                }
            )
    yield "sections", sections
    tables, table_cells = _table_rows(content, table_sections)
    yield "article_tables", tables
    yield "blocks", blocks
    yield "table_cells", table_cells
    yield "insertions", list(_insertion_rows(content, block_ids))
    yield "takeaways", _takeaway_rows(content, block_ids)


def _table_rows(
    content: Content, table_sections: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tables, table_cells = [], []
    for key, table in content.tables.items():
        if key not in table_sections:
            raise ContentSourceError(f"tables.toml [{key}] is not placed in any section")
        tables.append(
            {
                "key": key,
                "caption": table["caption"],
                "columns": json.dumps(table["columns"], ensure_ascii=False),
                "section_slug": table_sections[key],
            }
        )
        for r, row in enumerate(table["rows"], 1):
            for c, text in enumerate(row, 1):
                table_cells.append({"table_key": key, "row": r, "column": c, "text": text})
    return tables, table_cells


def _takeaway_rows(content: Content, block_ids: BlockIds) -> list[dict[str, Any]]:
    takeaways = (
        (block_ids[(s.slug, i)], b.text)
        for s in content.sections
        for i, b in enumerate(s.blocks)
        if b.kind == "takeaway"
    )
    return [
        {"number": n, "uri": f"serm://takeaway/{n}", "block_id": bid, "text": text}
        for n, (bid, text) in enumerate(takeaways, 1)
    ]


def _agent_rows(content: Content, block_ids: BlockIds) -> Rows:
    agents, names = [], []
    for position, agent in enumerate(content.agents):
        profile = [
            block_ids[(s.slug, i)]
            for s in content.sections
            for i, b in enumerate(s.blocks)
            if b.kind == "list_item" and b.label.lower() == agent["inn"]
        ]
        if len(profile) != 1:
            raise ContentSourceError(f"agent {agent['inn']}: expected one profile list item")
        agents.append(
            {
                "inn": agent["inn"],
                "uri": f"serm://agent/{agent['inn']}",
                "name": agent["name"],
                "salt": agent.get("salt", ""),
                "drug_class": DRUG_CLASS,
                "profile_block_id": profile[0],
                "position": position,
            }
        )
        names += _agent_name_rows(agent)
    yield "agents", agents
    yield "agent_names", names
    yield "agent_mentions", list(_mention_rows(content))


def _agent_name_rows(agent: dict[str, Any]) -> list[dict[str, Any]]:
    names = []
    for kind, values in (
        ("brand", [(b["name"], b["region"]) for b in agent.get("brands", [])]),
        ("code", [(c, "") for c in agent.get("codes", [])]),
        ("abbreviation", [(a, "") for a in agent.get("abbreviations", [])]),
    ):
        for index, (name, region) in enumerate(values):
            names.append(
                {
                    "inn": agent["inn"],
                    "name": name,
                    "kind": kind,
                    "region": region,
                    "position": index,
                }
            )
    return names


def _attribute_rows(content: Content) -> list[dict[str, Any]]:
    return [
        {
            "key": a["key"],
            "uri": f"serm://compare/{a['key']}",
            "label": a["label"],
            "provenance": "seed" if a.get("seed_row") else "added",
            "seed_row": a.get("seed_row"),
            "position": position,
        }
        for position, a in enumerate(content.attributes)
    ]


def _cell_rows(content: Content) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    cells, cell_sources = [], []
    for cell in content.cells:
        seed = cell["provenance"] == "seed"
        text = (
            content.tables[cell["table"]]["rows"][cell["row"] - 1][cell["column"] - 1]
            if seed
            else cell.get("text", NOT_COVERED)
        )
        cells.append(
            {
                "attribute": cell["attribute"],
                "agent": cell["agent"],
                "uri": f"serm://compare/{cell['attribute']}/{cell['agent']}",
                "provenance": cell["provenance"],
                "effect": cell["effect"],
                "short": cell.get("short") or text,
                "text": text,
                "applies_to": cell.get("applies_to", ""),
                "note": cell.get("note", ""),
                "table_key": cell["table"] if seed else None,
                "table_row": cell["row"] if seed else None,
                "table_column": cell["column"] if seed else None,
            }
        )
        for index, key in enumerate(cell.get("sources", [])):
            cell_sources.append(
                {
                    "attribute": cell["attribute"],
                    "agent": cell["agent"],
                    "source_key": key,
                    "position": index,
                }
            )
    return cells, cell_sources


def _reference_rows(content: Content) -> list[dict[str, Any]]:
    return [
        {
            "number": r["number"],
            "uri": f"serm://reference/{r['number']}",
            "title": r["title"],
            "container": r.get("container", ""),
            "date": r.get("date", ""),
        }
        for r in content.references
    ]


def _insertion_rows(
    content: Content, block_ids: dict[tuple[str, int], int]
) -> Iterator[dict[str, Any]]:
    by_inserted: dict[str, list[dict[str, Any]]] = {}
    for repair in content.repairs:
        by_inserted.setdefault(repair["inserted"], []).append(repair)
    used: set[int] = set()
    for section in content.sections:
        for index, block in enumerate(section.blocks):
            for insertion in block.insertions:
                candidates = [
                    r
                    for r in by_inserted.get(insertion.text, [])
                    if id(r) not in used and r["after"] in block.text
                ]
                if not candidates:
                    raise ContentSourceError(
                        f"section {section.slug}: insertion {insertion.text!r} has no entry "
                        "in repairs.toml"
                    )
                repair = candidates[0]
                used.add(id(repair))
                yield {
                    "block_id": block_ids[(section.slug, index)],
                    "start": insertion.start,
                    "length": len(insertion.text),
                    "inserted": insertion.text,
                    "original_fragment": repair["before"],
                    "confidence": repair["confidence"],
                    "alternatives": json.dumps(repair.get("alternatives", []), ensure_ascii=False),
                    "seed_line": repair["line"],
                }


def _mention_rows(content: Content) -> Iterator[dict[str, Any]]:
    for agent in content.agents:
        pattern = re.compile(rf"\b{re.escape(agent['inn'])}\b", re.IGNORECASE)
        for section in content.sections:
            texts = [b.text + " " + b.label for b in section.blocks]
            texts += [
                " ".join(" ".join(row) for row in content.tables[b.table_key]["rows"])
                for b in section.blocks
                if b.kind == "table"
            ]
            count = sum(len(pattern.findall(t)) for t in texts)
            if count:
                yield {"inn": agent["inn"], "section_slug": section.slug, "count": count}


def _section_texts(content: Content, section: content_sources.Section) -> list[str]:
    """Every text a reader sees in a section: blocks, list labels and table cells."""
    texts = [b.text + " " + b.label for b in section.blocks]
    texts += [
        " ".join(" ".join(row) for row in content.tables[b.table_key]["rows"])
        for b in section.blocks
        if b.kind == "table"
    ]
    return texts


def _attribute_mention_rows(content: Content) -> Iterator[dict[str, Any]]:
    """Sections whose text has a word starting with one of the attribute's topic terms."""
    for attribute in content.attributes:
        terms = "|".join(re.escape(t) for t in attribute["terms"])
        pattern = re.compile(rf"\b(?:{terms})", re.IGNORECASE)
        for section in content.sections:
            count = sum(len(pattern.findall(t)) for t in _section_texts(content, section))
            if count:
                yield {"attribute": attribute["key"], "section_slug": section.slug, "count": count}


def _cell_article_rows(content: Content) -> Iterator[dict[str, Any]]:
    """Link each cell of an attribute with an ``article_table`` to that table's agent row."""
    by_name = {a["name"]: a["inn"] for a in content.agents}
    for attribute in content.attributes:
        key = attribute.get("article_table")
        if key is None:
            continue
        for number, row in enumerate(content.tables[key]["rows"], 1):
            yield {
                "attribute": attribute["key"],
                "agent": by_name[row[0]],
                "table_key": key,
                "table_row": number,
            }


def _caution_rows(
    content: Content, block_ids: dict[tuple[str, int], int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    cautions, sources, anchors = [], [], []
    for cid, caution in enumerate(content.cautions, 1):
        cautions.append({"id": cid, "verdict": caution["verdict"], "note": caution["note"]})
        sources += [
            {"caution_id": cid, "source_key": key, "position": i}
            for i, key in enumerate(caution["sources"])
        ]
        for quote in caution["quotes"]:
            if "table" in caution:
                table = content.tables[caution["table"]]
                text = table["rows"][caution["row"] - 1][caution["column"] - 1]
                start = text.find(quote)
                if start < 0:
                    raise ContentSourceError(f"cautions.toml #{cid}: {quote!r} not in table cell")
                anchors.append(
                    {
                        "caution_id": cid,
                        "block_id": None,
                        "table_key": caution["table"],
                        "table_row": caution["row"],
                        "table_column": caution["column"],
                        "start": start,
                        "length": len(quote),
                        "quote": quote,
                    }
                )
                continue
            found = [
                (block_ids[(s.slug, i)], b.text.find(quote))
                for s in content.sections
                for i, b in enumerate(s.blocks)
                if quote in b.text
            ]
            if len(found) != 1:
                raise ContentSourceError(
                    f"cautions.toml #{cid}: {quote!r} found in {len(found)} blocks, expected 1"
                )
            anchors.append(
                {
                    "caution_id": cid,
                    "block_id": found[0][0],
                    "table_key": None,
                    "table_row": None,
                    "table_column": None,
                    "start": found[0][1],
                    "length": len(quote),
                    "quote": quote,
                }
            )
    return cautions, sources, anchors


def normalise_term(term: str) -> str:
    """A synonym term as the engine reads it: normalised like a query, single spaces."""
    return " ".join(normalise(term).split())


def _variants(key: str) -> list[str]:
    return [v.strip() for v in key.split(" / ") if v.strip()]


def _alternatives(expansion: str) -> list[str]:
    """One searchable phrase per alternative: commas and " / " separate alternatives, and
    "hormone (replacement) therapy" means both "hormone replacement therapy" and
    "hormone therapy"."""
    found: list[str] = []
    for part in re.split(r",|\s/\s", expansion):
        part = " ".join(part.split())
        if not part:
            continue
        optional = re.search(r"\(([^()]*)\)", part)
        if optional:
            found.append(" ".join((part[: optional.start()] + part[optional.end() :]).split()))
            found.append(
                " ".join(
                    (part[: optional.start()] + optional.group(1) + part[optional.end() :]).split()
                )
            )
        else:
            found.append(part)
    return list(dict.fromkeys(found))


def _synonym_rows(content: Content) -> Iterator[dict[str, Any]]:
    """(term, expansion) pairs for query expansion, one row per alternative phrase."""
    seen: set[tuple[str, str]] = set()

    def row(term: str, expansion: str, kind: str) -> Iterator[dict[str, Any]]:
        for alternative in _alternatives(expansion):
            key = (normalise_term(term), alternative)
            if key[0] and key[0] != normalise_term(alternative) and key not in seen:
                seen.add(key)
                yield {"term": key[0], "expansion": alternative, "kind": kind}

    for agent in content.agents:
        for brand in agent.get("brands", []):
            yield from row(brand["name"], agent["inn"], "brand")
        for code in agent.get("codes", []):
            yield from row(code, agent["inn"], "code")
        for abbreviation in agent.get("abbreviations", []):
            yield from row(abbreviation, agent["inn"], "abbreviation")
        if agent.get("salt"):
            yield from row(agent["salt"], agent["inn"], "brand")
    for section_name, kind in (
        ("abbreviations", "abbreviation"),
        ("lay_terms", "lay"),
        ("other_drugs", "brand"),  # brands of drugs an interaction names
        ("drug_classes", "class"),  # class words -> the members the interactions name
    ):
        for key, expansion in content.synonyms.get(section_name, {}).items():
            for variant in _variants(key):
                yield from row(variant, expansion, kind)
    spelling = content.synonyms.get("spelling", {})
    for british, american in spelling.get("british", {}).items():
        yield from row(british, american, "british")
    for pair in spelling.get("hyphen_variants", []):
        hyphenated, joined = _variants(pair)
        yield from row(hyphenated, joined, "hyphen")
        yield from row(joined, hyphenated, "hyphen")


SEARCH_KIND_ORDER = ("agent", "comparison", "section", "reference")
# Marks FTS5 puts around matched words in snippets; they must never occur in indexed text.
_SNIPPET_MARKS = re.compile("[\x02\x03]")


def _unit(
    uri: str,
    kind: str,
    part: str,
    title: str,
    body: str,
    *,
    keywords: str = "",
    block_position: int | None = None,
    cautioned: bool = False,
) -> dict[str, Any]:
    for text in (title, keywords, body):
        if _SNIPPET_MARKS.search(text):
            raise ContentSourceError(f"{uri}: control characters in searchable text")
    return {
        "uri": uri,
        "kind": kind,
        "part": part,
        "title": title,
        "keywords": keywords,
        "body": body,
        "block_position": block_position,
        "cautioned": int(cautioned),
    }


def _search_rows(
    content: Content, cells: list[dict[str, Any]], attributes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Searchable units: each block of a section, each agent, comparison row and cell, reference.

    Key takeaways are indexed once, as the block of their section they are
    (part "takeaway"), not again under serm://takeaway/N: one place, one result.
    """
    rows: list[dict[str, Any]] = []
    for section in content.sections:
        uri = f"serm://section/{section.slug}"
        if all(block.kind == "references" for block in section.blocks):
            rows.append(_unit(uri, "section", "heading", section.heading, ""))
        for index, block in enumerate(section.blocks):
            if block.kind == "table":
                table = content.tables[block.table_key]
                body = table["caption"] + " " + " ".join(" ".join(r) for r in table["rows"])
            elif block.kind == "references":
                continue
            else:
                text = search_cautions.bracketed(block)  # restored words shown [like this]
                body = f"{block.label}: {text}" if block.label else text
            rows.append(
                _unit(uri, "section", block.kind, section.heading, body, block_position=index)
            )
    profile_text = {
        b.label.lower(): b.text for s in content.sections for b in s.blocks if b.kind == "list_item"
    }
    for agent in content.agents:
        names = [agent.get("salt", "")] + [b["name"] for b in agent.get("brands", [])]
        names += agent.get("codes", []) + agent.get("abbreviations", [])
        rows.append(
            _unit(
                f"serm://agent/{agent['inn']}",
                "agent",
                "profile",
                agent["name"],
                profile_text[agent["inn"]],
                keywords=", ".join(n for n in names if n),
            )
        )
    agent_names = {a["inn"]: a["name"] for a in content.agents}
    labels = {a["key"]: a["label"] for a in attributes}
    for attribute in attributes:
        texts = [
            f"{agent_names[c['agent']]}: {c['text']}"
            for c in cells
            if c["attribute"] == attribute["key"]
        ]
        rows.append(
            _unit(attribute["uri"], "comparison", "row", attribute["label"], " ".join(texts))
        )
    keywords = _cell_keywords(content)
    for cell in cells:
        title = f"{agent_names[cell['agent']]}: {labels[cell['attribute']]}"
        rows.append(
            _unit(
                cell["uri"],
                "comparison",
                "cell",
                title,
                cell["text"],
                keywords=keywords.get((cell["attribute"], cell["agent"]), ""),
            )
        )
    rows += _caution_units(content, agent_names, labels)
    for reference in content.references:
        body = " ".join(filter(None, [reference.get("container"), reference.get("date")]))
        rows.append(
            _unit(
                f"serm://reference/{reference['number']}",
                "reference",
                "citation",
                reference["title"],
                body,
            )
        )
    cautioned = search_cautions.cautioned_addresses(content)
    cautioned_rows = {uri.rsplit("/", 1)[0] for uri, _ in cautioned if uri.count("/") == 4}
    for row in rows:
        row["cautioned"] = int(
            row["cautioned"]
            or (row["uri"], row["block_position"]) in cautioned
            or (row["part"] == "row" and row["uri"] in cautioned_rows)
        )
    # Ids in order of importance: the engine ranks the first matches in id order
    # when a query matches very many units (see desktop_app/content/search/engine.py).
    rows.sort(key=lambda row: SEARCH_KIND_ORDER.index(row["kind"]))
    for index, row in enumerate(rows, 1):
        row["id"] = index
    return rows


def _cell_keywords(content: Content) -> dict[tuple[str, str], str]:
    """Editorial search keywords of a cell: its attribute's, then its own (never shown)."""
    by_attribute = {a["key"]: a.get("search_keywords", []) for a in content.attributes}
    return {
        (c["attribute"], c["agent"]): ", ".join(
            by_attribute[c["attribute"]] + c.get("search_keywords", [])
        )
        for c in content.cells
        if by_attribute[c["attribute"]] or c.get("search_keywords")
    }


def _caution_units(
    content: Content, agent_names: dict[str, str], labels: dict[str, str]
) -> list[dict[str, Any]]:
    """Each editorial caution, indexed under every address that shows its statement."""
    headings = {f"serm://section/{s.slug}": s.heading for s in content.sections}
    units = []
    for caution in content.cautions:
        body = search_cautions.caution_body(caution, content.sources)
        for address, kind, position in search_cautions.caution_places(content, caution):
            if kind == "section":
                title = headings[address]
            elif kind == "agent":
                title = agent_names[address.rsplit("/", 1)[1]]
            else:
                attribute, agent = address.split("/")[-2:]
                title = f"{agent_names[agent]}: {labels[attribute]}"
            units.append(
                _unit(
                    address,
                    kind,
                    search_cautions.CAUTION_PART,
                    title,
                    body,
                    block_position=position,
                    cautioned=True,
                )
            )
    return units


def _vocabulary_rows(
    units: list[dict[str, Any]], synonyms: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every indexed word (and every word of a synonym term): what a typo is corrected to and
    what a prefix being typed is completed to."""
    counts: Counter[str] = Counter()
    for unit in units:
        for column in ("title", "keywords", "body"):
            counts.update(search_tokens(normalise(unit[column])))
    for synonym in synonyms:
        for word in search_tokens(synonym["term"]):
            counts[word] += 0
    return [{"word": word, "frequency": counts[word]} for word in sorted(counts) if len(word) >= 2]


def build(out: Path, content_dir: Path | None = None) -> Path:
    """Build into a temporary file beside ``out`` and move it into place only when it is sound.

    ``content_dir`` builds from other sources (the test-only second edition).
    """
    import sqlite_utils  # build-time only: never imported by the app

    content = load_content(content_dir) if content_dir is not None else load_content()
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".building-", suffix=".sqlite", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        temp.unlink()
        connection = sqlite3.connect(temp)
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA page_size=4096")
        connection.executescript(SCHEMA_FILE.read_text(encoding="utf-8"))
        database = sqlite_utils.Database(connection)
        with connection:
            for table, rows in _rows(content):
                if rows:
                    database.table(table).insert_all(rows)
        connection.execute("INSERT INTO search_units_fts(search_units_fts) VALUES ('rebuild')")
        connection.execute("INSERT INTO search_units_fts(search_units_fts) VALUES ('optimize')")
        connection.commit()
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        connection.commit()
        connection.execute("VACUUM")
        _verify(connection)  # the bytes shipped: the app skips these scans when they match
        connection.close()
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    manifest = {
        "file": out.name,
        "size": out.stat().st_size,
        "sha256": file_sha256(out),
        START_DIGEST: file_blake2b(out),
        "schema_version": SCHEMA_VERSION,
        "edition": content.edition["edition"],
        "date": content.edition["date"],
        "content_checksum": content.checksum,
        "inputs_sha256": build_inputs_checksum(),
    }
    manifest_path(out).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return out


def _verify(connection: sqlite3.Connection) -> None:
    """Refuse to ship a file that SQLite itself does not call sound."""
    result = connection.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise RuntimeError(f"integrity_check failed: {result[:5]}")
    connection.execute(
        "INSERT INTO search_units_fts(search_units_fts, rank) VALUES ('integrity-check', 1)"
    )
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"foreign_key_check failed: {broken[:5]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="database file to write")
    parser.add_argument(
        "--if-stale", action="store_true", help="build only when sources changed since last build"
    )
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if args.if_stale and not is_stale(out):
        print(out)
        return 0
    try:
        build(out)
    except ContentSourceError as error:
        print(f"content error: {error}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
