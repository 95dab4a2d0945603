-- SERM Reference content database, schema version 2 (PRAGMA user_version).
-- Version 2: list cells (cell_items: contraindications, interactions), the 'fact' and
-- 'restriction' markers, and search units that know whether they carry a caution.
-- Built from resources/content/ by db/build.py; opened read-only by the app.
-- Addresses (uri) are the stable serm:// names used by links, bookmarks,
-- search results, the command line and tests.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,          -- title, edition, date, source, disclaimer,
    value TEXT NOT NULL            -- schema_version, content_checksum
);

CREATE TABLE sections (
    slug TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    heading TEXT NOT NULL,
    depth INTEGER NOT NULL,        -- 0 level, 1 section, 2 subsection
    parent_slug TEXT REFERENCES sections(slug),
    level_slug TEXT NOT NULL REFERENCES sections(slug),
    position INTEGER NOT NULL UNIQUE  -- reading order across the article
);

CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    section_slug TEXT NOT NULL REFERENCES sections(slug),
    position INTEGER NOT NULL,     -- order within the section, from 0
    kind TEXT NOT NULL CHECK (kind IN ('paragraph', 'list_item', 'takeaway', 'table', 'references')),
    label TEXT NOT NULL DEFAULT '', -- list items: the bold label ("Tamoxifen")
    text TEXT NOT NULL DEFAULT '', -- plain text, editorial insertions included
    table_key TEXT REFERENCES article_tables(key),
    UNIQUE (section_slug, position)
);

-- Words the scrape lost, restored by the editors: shown marked in the text.
CREATE TABLE insertions (
    id INTEGER PRIMARY KEY,
    block_id INTEGER NOT NULL REFERENCES blocks(id),
    start INTEGER NOT NULL,        -- character offset in blocks.text
    length INTEGER NOT NULL,
    inserted TEXT NOT NULL,
    original_fragment TEXT NOT NULL, -- the scrape's text, kept for audit
    confidence TEXT NOT NULL,
    alternatives TEXT NOT NULL DEFAULT '[]', -- JSON list
    seed_line INTEGER NOT NULL
);

CREATE TABLE article_tables (
    key TEXT PRIMARY KEY,
    caption TEXT NOT NULL,
    columns TEXT NOT NULL,         -- JSON list of header labels
    section_slug TEXT NOT NULL REFERENCES sections(slug)
);

CREATE TABLE table_cells (
    table_key TEXT NOT NULL REFERENCES article_tables(key),
    row INTEGER NOT NULL,          -- 1-based, header excluded
    "column" INTEGER NOT NULL,     -- 1-based
    text TEXT NOT NULL,
    PRIMARY KEY (table_key, row, "column")
);

CREATE TABLE takeaways (
    number INTEGER PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    block_id INTEGER NOT NULL REFERENCES blocks(id),
    text TEXT NOT NULL
);

CREATE TABLE agents (
    inn TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    salt TEXT NOT NULL DEFAULT '',
    drug_class TEXT NOT NULL,
    profile_block_id INTEGER NOT NULL REFERENCES blocks(id),
    position INTEGER NOT NULL UNIQUE
);

CREATE TABLE agent_names (
    inn TEXT NOT NULL REFERENCES agents(inn),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('brand', 'code', 'abbreviation')),
    region TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    PRIMARY KEY (inn, kind, name)
);

-- Which sections name which agent (for "sections that discuss it").
CREATE TABLE agent_mentions (
    inn TEXT NOT NULL REFERENCES agents(inn),
    section_slug TEXT NOT NULL REFERENCES sections(slug),
    count INTEGER NOT NULL,
    PRIMARY KEY (inn, section_slug)
);

CREATE TABLE attributes (
    key TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    provenance TEXT NOT NULL CHECK (provenance IN ('seed', 'added')),
    seed_row INTEGER,              -- row of the article's long-term safety table
    position INTEGER NOT NULL UNIQUE
);

CREATE TABLE cells (
    attribute TEXT NOT NULL REFERENCES attributes(key),
    agent TEXT NOT NULL REFERENCES agents(inn),
    uri TEXT NOT NULL UNIQUE,
    provenance TEXT NOT NULL CHECK (provenance IN ('seed', 'added', 'none')),
    effect TEXT NOT NULL CHECK (effect IN ('adverse', 'neutral', 'favourable', 'mixed', 'no data',
                                           'fact', 'restriction')),
    short TEXT NOT NULL,
    text TEXT NOT NULL,
    applies_to TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',  -- 'none' cells: the editors' note on the gap
    table_key TEXT REFERENCES article_tables(key),  -- seed cells: where in the article
    table_row INTEGER,
    table_column INTEGER,
    PRIMARY KEY (attribute, agent)
);

-- Which sections discuss which attribute (a word of its topic in their text).
CREATE TABLE attribute_mentions (
    attribute TEXT NOT NULL REFERENCES attributes(key),
    section_slug TEXT NOT NULL REFERENCES sections(slug),
    count INTEGER NOT NULL,
    PRIMARY KEY (attribute, section_slug)
);

-- Rows of another article table that speak to a cell (the endometrial table).
CREATE TABLE cell_article_rows (
    attribute TEXT NOT NULL,
    agent TEXT NOT NULL,
    table_key TEXT NOT NULL REFERENCES article_tables(key),
    table_row INTEGER NOT NULL,
    PRIMARY KEY (attribute, agent, table_key),
    FOREIGN KEY (attribute, agent) REFERENCES cells(attribute, agent)
);

CREATE TABLE sources (
    key TEXT PRIMARY KEY,
    citation TEXT NOT NULL
);

CREATE TABLE cell_sources (
    attribute TEXT NOT NULL,
    agent TEXT NOT NULL,
    source_key TEXT NOT NULL REFERENCES sources(key),
    position INTEGER NOT NULL,
    PRIMARY KEY (attribute, agent, source_key),
    FOREIGN KEY (attribute, agent) REFERENCES cells(attribute, agent)
);

-- The items of a list cell, in the editors' order: a contraindication (with the product
-- or indication it applies to), a label warning that is not a contraindication, or an
-- interaction (the other drug or class, the label's advice words, the reason).
CREATE TABLE cell_items (
    attribute TEXT NOT NULL,
    agent TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('contraindication', 'label_warning', 'interaction')),
    text TEXT NOT NULL DEFAULT '',
    applies_to TEXT NOT NULL DEFAULT '',
    other TEXT NOT NULL DEFAULT '',
    advice TEXT NOT NULL DEFAULT '',
    why TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (attribute, agent, position),
    FOREIGN KEY (attribute, agent) REFERENCES cells(attribute, agent)
);

CREATE TABLE cell_item_sources (
    attribute TEXT NOT NULL,
    agent TEXT NOT NULL,
    item_position INTEGER NOT NULL,
    source_key TEXT NOT NULL REFERENCES sources(key),
    position INTEGER NOT NULL,
    PRIMARY KEY (attribute, agent, item_position, source_key),
    FOREIGN KEY (attribute, agent, item_position) REFERENCES cell_items(attribute, agent, position)
);

CREATE TABLE "references" (
    number INTEGER PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    container TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT ''
);

-- Editorial cautions on the article's statements (the words stay verbatim).
CREATE TABLE cautions (
    id INTEGER PRIMARY KEY,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE caution_sources (
    caution_id INTEGER NOT NULL REFERENCES cautions(id),
    source_key TEXT NOT NULL REFERENCES sources(key),
    position INTEGER NOT NULL,
    PRIMARY KEY (caution_id, source_key)
);

-- Where each caution sits: a span of a block, or a span of a table cell.
CREATE TABLE caution_anchors (
    caution_id INTEGER NOT NULL REFERENCES cautions(id),
    block_id INTEGER REFERENCES blocks(id),
    table_key TEXT REFERENCES article_tables(key),
    table_row INTEGER,
    table_column INTEGER,
    start INTEGER NOT NULL,
    length INTEGER NOT NULL,
    quote TEXT NOT NULL
);

-- Query expansion: what a typed term means in this content.
CREATE TABLE synonyms (
    term TEXT NOT NULL,            -- normalised: case-folded, single spaces
    expansion TEXT NOT NULL,
    kind TEXT NOT NULL,            -- brand | code | abbreviation | lay | british | hyphen
    PRIMARY KEY (term, expansion)
);

-- One row per searchable unit: a block of a section (paragraph, list item, key
-- takeaway, table), an agent's profile, a comparison row or cell, a reference.
-- Several units can share a uri (a section's blocks); search shows the best one.
-- title is shown; keywords carries names people type but the text lacks (brands,
-- codes); both are ranked above body by the engine's bm25 column weights.
CREATE TABLE search_units (
    id INTEGER PRIMARY KEY,
    uri TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('section', 'agent', 'comparison', 'reference')),
    part TEXT NOT NULL,            -- heading | paragraph | list_item | takeaway | table |
                                   -- profile | row | cell | citation | caution (an editorial
                                   -- caution, indexed under the address of its statement)
    title TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    block_position INTEGER,        -- sections: which block, to scroll to
    cautioned INTEGER NOT NULL DEFAULT 0  -- 1: the text carries an editorial caution
);

CREATE VIRTUAL TABLE search_units_fts USING fts5(
    title, keywords, body,
    content="search_units", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2",
    prefix="2 3"
);

-- Every word of the indexed text (and of synonym terms), as written, for typo
-- correction: "tamoxifan" is corrected to the nearest word people can find.
CREATE TABLE search_vocabulary (
    word TEXT PRIMARY KEY,         -- normalised like a query: case-folded, no diacritics
    frequency INTEGER NOT NULL     -- occurrences in the index; ties go to the commoner word
) WITHOUT ROWID;
