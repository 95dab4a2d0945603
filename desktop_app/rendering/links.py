"""Where the article names an agent or a compared safety topic, link it.

Each target is linked once per page, at its first mention, so pages stay
readable. The topic words below only choose link targets (navigation); they
add no clinical statement to the text.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from desktop_app.content.records import AgentSummary, Attribute

# Words that name each row of the comparison grid, longest first when matched.
ATTRIBUTE_TERMS: dict[str, tuple[str, ...]] = {
    "vte": (
        "venous thromboembolism",
        "venous thromboembolic events",
        "venous thromboembolic",
        "deep vein thrombosis",
        "VTE",
    ),
    "endometrium": ("endometrial", "endometrium"),
    "vasomotor": ("vasomotor symptoms", "hot flashes", "hot flushes"),
    "bmd": ("bone mineral density", "BMD"),
    "lipids": ("lipid profiles", "lipids", "cholesterol"),
    "ocular": ("cataracts", "ocular"),
    "stroke": ("stroke",),
    "breast": ("breast cancer",),
}


class Link(NamedTuple):
    """A link to put on ``text[start:end]``."""

    start: int
    end: int
    href: str
    title: str


class LinkFinder:
    """Finds agent names and comparison topics in text, with their addresses."""

    def __init__(self, agents: Iterable[AgentSummary], attributes: Iterable[Attribute]) -> None:
        targets: dict[str, tuple[str, str]] = {}
        for agent in agents:
            for word in {agent.name, agent.inn}:
                targets[word.lower()] = (agent.uri, f"{agent.name}: agent page")
        for attribute in attributes:
            for word in ATTRIBUTE_TERMS.get(attribute.key, ()):
                targets[word.lower()] = (
                    attribute.uri,
                    f"Compare {attribute.label.lower()} across the agents",
                )
        self._targets = targets
        words = sorted(targets, key=len, reverse=True)
        self._pattern = re.compile(
            r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE
        )

    def find(
        self, text: str, boundaries: set[int], linked: set[str], self_address: str
    ) -> list[Link]:
        """First mentions of not-yet-linked targets that cross no mark boundary."""
        found: list[Link] = []
        for match in self._pattern.finditer(text):
            href, title = self._targets[match.group(1).lower()]
            if href in linked or href == self_address:
                continue
            start, end = match.span()
            if any(start < b < end for b in boundaries):
                continue
            linked.add(href)
            found.append(Link(start, end, href, title))
        return found
