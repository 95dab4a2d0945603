"""The built database carries the whole article faithfully, and nothing else of the page."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.content import ContentRepository
from desktop_app.content.page_records import Section

NOISE_MARK = "hormone optimization"

EXPECTED_HEADINGS = [
    (0, "Fundamentals"),
    (0, "Intermediate"),
    (1, "How Do SERMs Influence Hormonal Systems?"),
    (1, "Specific SERM Agents and Their Profiles"),
    (1, "Addressing Specific Safety Considerations"),
    (2, "Venous Thromboembolic Events"),
    (2, "Endometrial Health"),
    (2, "Vasomotor Symptoms and Quality of Life"),
    (2, "Bone Health Considerations"),
    (0, "Academic"),
    (1, "Molecular Mechanisms of SERM Selectivity"),
    (1, "Endocrine System Interplay and Metabolic Pathways"),
    (1, "Cardiovascular and Thromboembolic Considerations"),
    (1, "What Are the Implications for Bone Mineral Density in Perimenopause?"),
    (1, "How Do SERMs Impact Neuroendocrine Signaling?"),
    (0, "References"),
    (0, "Reflection"),
]


def _all_text(database_path: Path) -> list[str]:
    """Every text value stored anywhere in the database."""
    connection = sqlite3.connect(database_path)
    texts = []
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        if table.startswith("search_units_fts"):
            continue
        for row in connection.execute(f'SELECT * FROM "{table}"'):
            texts += [v for v in row if isinstance(v, str)]
    connection.close()
    return texts


def test_headings_levels_and_nesting(repository: ContentRepository) -> None:
    toc = repository.table_of_contents()
    assert [(e.depth, e.heading) for e in toc] == EXPECTED_HEADINGS
    addressing = next(e for e in toc if e.heading.startswith("Addressing"))
    children = [e.heading for e in toc if e.parent_slug == addressing.slug]
    assert children == [
        "Venous Thromboembolic Events",
        "Endometrial Health",
        "Vasomotor Symptoms and Quality of Life",
        "Bone Health Considerations",
    ]
    assert all(e.uri == f"serm://section/{e.slug}" for e in toc)
    assert (
        repository.section(
            "what-are-the-implications-for-bone-mineral-density-in-perimenopause"
        ).entry.level_slug
        == "academic"
    )


def test_four_agents_with_brands(repository: ContentRepository) -> None:
    assert [a.inn for a in repository.agents()] == [
        "tamoxifen",
        "raloxifene",
        "bazedoxifene",
        "ospemifene",
    ]
    raloxifene = repository.agent("raloxifene")
    assert ("Evista", "brand") in [(n.name, n.kind) for n in raloxifene.names]
    assert raloxifene.profile.text.startswith("Primarily approved for the prevention")
    assert repository.agent("bazedoxifene").profile.text.endswith("regarding breast tissue.")


def test_tables_cell_by_cell_against_the_seed(
    repository: ContentRepository, seed_lines: list[str]
) -> None:
    endometrial = repository.article_table("endometrial")
    safety = repository.article_table("long-term-safety")
    assert len(endometrial.rows) == 4 and len(safety.rows) == 6
    assert endometrial.columns == ("SERM Agent", "Endometrial Effect", "Clinical Implication")
    assert safety.columns == ("Safety Consideration", "Tamoxifen Profile", "Raloxifene Profile")
    # Each seed table line is exactly its cells joined by single spaces.
    for table, first_line in ((endometrial, 79), (safety, 150)):
        for offset, row in enumerate(table.rows):
            assert " ".join(c.text for c in row) == seed_lines[first_line - 1 + offset]
    assert safety.rows[5][1].text == "Associated with cataracts"
    assert endometrial.rows[3][1].text == "Neutral/Slightly Agonist (vaginal specific)"
    assert endometrial.caption.startswith("The table below summarizes")


def test_takeaways_are_seed_lines_19_39_113(
    repository: ContentRepository, seed_lines: list[str]
) -> None:
    assert [t.text for t in repository.takeaways()] == [
        seed_lines[18],
        seed_lines[38],
        seed_lines[112],
    ]


def test_references_parsed_without_invention(repository: ContentRepository) -> None:
    references = repository.references()
    assert [r.number for r in references] == list(range(1, 25))
    assert references[0].date == "6 July 2023"
    assert references[0].container == "Gynecological and Reproductive Endocrinology & Metabolism"
    assert references[22].title.startswith("Hormone Replacement Therapy and Risk of Venous")
    assert references[9].date == ""  # "Tamoxifen | Breast Cancer Now." has no date
    assert not any("http" in r.title + r.container for r in references)


def test_no_noise_and_no_infinity_anywhere(database_path: Path) -> None:
    texts = _all_text(database_path)
    assert texts, "the database holds text"
    assert not [t for t in texts if NOISE_MARK in t.lower()]
    assert not [t for t in texts if "∞" in t]
    assert not [t for t in texts if "Skip to main content" in t]


def test_every_repair_present_and_marked(repository: ContentRepository) -> None:
    marked = []
    for entry in repository.table_of_contents():
        for block in repository.section(entry.slug).blocks:
            for insertion in block.insertions:
                end = insertion.start + insertion.length
                assert block.text[insertion.start : end] == insertion.inserted
                assert insertion.original_fragment not in block.text  # the gap is filled
                marked.append(insertion.inserted)
    assert len(marked) == 12
    assert "Selective Estrogen Receptor" in marked and "neuroendocrine signaling" in marked
    fundamentals = repository.section("fundamentals")
    assert any(
        "Among these, Selective Estrogen Receptor Modulators, or SERMs" in b.text
        for b in fundamentals.blocks
    )


def test_every_address_resolves(repository: ContentRepository) -> None:
    addresses = repository.all_addresses()
    assert len(addresses) == len(set(addresses))
    for address in addresses:
        assert repository.exists(address), address
    assert "serm://compare/vte/raloxifene" in addresses
    assert "serm://reference/24" in addresses
    assert isinstance(repository.resolve("serm://section/fundamentals"), Section)
    assert not repository.exists("serm://section/not-a-section")
    assert not repository.exists("serm://reference/25")


def _section_strings(repository: ContentRepository) -> set[str]:
    strings: set[str] = set()
    for entry in repository.table_of_contents():
        strings.add(entry.heading)
        for block in repository.section(entry.slug).blocks:
            strings.add(f"{block.label}: {block.text}" if block.label else block.text)
            if block.table is not None:
                strings.add(block.table.caption)
                strings.add(" ".join(block.table.columns))
                strings.update(" ".join(c.text for c in row) for row in block.table.rows)
    return strings


def test_every_non_noise_seed_line_is_accounted_for(
    repository: ContentRepository, seed_lines: list[str]
) -> None:
    strings = _section_strings(repository)
    titles = [r.title for r in repository.references()]
    restored_lines = _restore(seed_lines, repository)
    missing = []
    for number, line in enumerate(restored_lines, 1):
        stripped = line.strip()
        if not stripped or stripped == "Skip to main content" or NOISE_MARK in stripped:
            continue
        text = stripped.replace(" ∞ ", ": ")
        if text.startswith("• "):
            body = text[2:]
            if any(body.startswith(f"“{t}.”") for t in titles):
                continue
            text = body
        if text not in strings:
            missing.append((number, text[:70]))
    assert missing == []


def _restore(seed_lines: list[str], repository: ContentRepository) -> list[str]:
    """Apply the recorded repairs to the seed, as the editors did."""
    lines = list(seed_lines)
    for entry in repository.table_of_contents():
        for block in repository.section(entry.slug).blocks:
            for insertion in block.insertions:
                for index, line in enumerate(lines):
                    if insertion.original_fragment in line:
                        after = insertion.original_fragment
                        # Rebuild the 'after' text from the block around the insertion.
                        window = block.text[
                            max(0, insertion.start - 60) : insertion.start + insertion.length + 60
                        ]
                        candidate = _fill(after, insertion.inserted, window)
                        if candidate:
                            lines[index] = line.replace(after, candidate, 1)
                            break
    return lines


def _fill(fragment: str, inserted: str, window: str) -> str | None:
    """Find where ``inserted`` goes in ``fragment`` so that the result stands in ``window``."""
    words = fragment.split(" ")
    for cut in range(1, len(words)):
        candidate = " ".join([*words[:cut], inserted, *words[cut:]])
        if candidate in window:
            return candidate
    return None


@pytest.mark.parametrize("seed_line", [47, 48, 49, 50])
def test_agent_profile_is_the_article_list_item(
    repository: ContentRepository, seed_lines: list[str], seed_line: int
) -> None:
    label, _, text = seed_lines[seed_line - 1].strip()[2:].partition(" ∞ ")
    agent = repository.agent(label.lower())
    assert agent.profile.label == label
    assert agent.profile.text == text
