"""Why a pack or an edition was refused: one exception type, one readable sentence.

Every refusal carries a message an IT person can act on and a promise that
nothing changed, so the command line and the dialog can show it as it is.
"""

from __future__ import annotations

NOTHING_CHANGED = "Nothing was changed: the current edition stays in use."


class EditionError(Exception):
    """A pack or an edition that cannot be used; ``message`` is shown as it is."""

    def __init__(self, problem: str, advice: str = "") -> None:
        self.problem = problem
        self.advice = advice
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return " ".join(part for part in (self.problem, self.advice) if part)


class PackRefused(EditionError):
    """The pack failed a check; nothing was installed or replaced."""

    def __init__(self, problem: str, advice: str = "") -> None:
        super().__init__(problem, " ".join(p for p in (advice, NOTHING_CHANGED) if p))


class PolicyError(EditionError):
    """The policy file exists but cannot be read as the documented TOML."""
