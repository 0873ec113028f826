"""The two dates of a figure in the factor table.

    as_of: "2024"        # the period the figure describes: a year, a month (2025-05), a day
                         # (2025-05-20), or an interval of those (2023-09/2024-08)
    checked: 2026-11-25  # the day it was last compared with its source (ISO 8601 date)

Both are read as written and kept as text; this module only checks their form.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from aicost.i18n import tr

if TYPE_CHECKING:
    from aicost.fields import Fields

DATE_KEYS = ("as_of", "checked")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _period_start_end(text: str) -> tuple[date, date] | None:
    """The first and last day of '2024', '2025-05' or '2025-05-20'; None if not one of those."""
    found = _PERIOD.fullmatch(text)
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        one = date(year, month, day)
    except ValueError:
        return None
    return one, one


def is_period(text: str) -> bool:
    """'2024', '2025-05', '2025-05-20', or 'START/END' of those with START ≤ END."""
    parts = text.split("/")
    if len(parts) > 2:
        return False
    bounds = [_period_start_end(p) for p in parts]
    if any(b is None for b in bounds):
        return False
    if len(bounds) == 2:
        start, end = bounds[0], bounds[1]
        assert start is not None and end is not None
        return start[0] <= end[1]
    return True


def is_day(text: str) -> bool:
    """An ISO 8601 calendar date: 2026-11-25."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and _period_start_end(text) is not None


def read_dates(f: Fields) -> dict[str, str | None]:
    """`as_of` and `checked` of an entry, checked for form; None where absent."""
    out: dict[str, str | None] = {}
    for key, valid, wanted in (
        (
            "as_of",
            is_period,
            tr(
                "a year, a month or a day (2024, 2025-05, 2025-05-20), or two of those as START/END"
            ),
        ),
        ("checked", is_day, tr("a date as YYYY-MM-DD")),
    ):
        value = f.raw(key)
        if value is None:
            out[key] = None
            continue
        text = (
            str(value).strip()
            if isinstance(value, str | int) and not isinstance(value, bool)
            else None
        )
        if text is None or not valid(text):
            raise f.error(tr("must be {wanted}, got '{got}'", wanted=wanted, got=value), key)
        out[key] = text
    return out


__all__ = ["DATE_KEYS", "is_day", "is_period", "read_dates"]
