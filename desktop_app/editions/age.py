"""How old the content is, and the calm notice shown when it is old: never a lock."""

from __future__ import annotations

import calendar
from datetime import date

from desktop_app.editions.policy import DEFAULT_AGE_MONTHS


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_old(made: date, today: date) -> int:
    """Whole months from ``made`` to ``today``."""
    months = (today.year - made.year) * 12 + today.month - made.month
    return months - (1 if add_months(made, months) > today else 0)


def age_notice(
    edition: str, edition_date: str, today: date | None = None, limit: int = DEFAULT_AGE_MONTHS
) -> str | None:
    """The notice when the edition is more than ``limit`` months old (0: never); else None."""
    if limit <= 0:
        return None
    try:
        made = date.fromisoformat(edition_date)
    except ValueError:
        return None
    today = today or date.today()
    if today <= add_months(made, limit):
        return None
    return (
        f"This content edition ({edition}, {edition_date}) is {months_old(made, today)} months"
        " old; the evidence may have changed since. Ask your IT department for the newest"
        " signed content pack and install it with Help → Install Content Update…."
        " The reference stays fully usable."
    )
