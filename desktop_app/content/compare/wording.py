"""How each cell of the comparison grid reads in words: markers, provenance, summaries.

The grid widget, its exports, the pages and the ``compare`` command all word a
cell from here, without Qt, so the screen, the CSV, the printout and the
terminal cannot drift apart. The markers and provenance labels are needed by
the first page shown; which part of the grid is visible is ``layout``'s job.
"""

from desktop_app.content.records import NOT_COVERED, ComparisonCell

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
