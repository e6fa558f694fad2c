"""Dates: the one parser that reading (an article's date) and search (``--since``) share.

An article's date is kept as ISO ``YYYY-MM-DD``; a search bound may be a year or a month as
well, and is compared as a day number (``date.toordinal()``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date as Date

from .lexicon import (
    MONTHS,
)

_MONTH_ABBR = {k[:3]: v for k, v in MONTHS.items()} | {"sept": 9}
_WRITTEN = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2}),? (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]{2,8})\.? (?P<y>(?:19|20)\d\d)\b"),
)
_BOUND = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


def find_date(text: str) -> str | None:
    """The first real date written in ``text`` ("2026-02-13", "Feb. 13, 2026", "13 February
    2026"), as ISO YYYY-MM-DD."""
    for pat in _WRITTEN:
        for m in pat.finditer(text):
            iso = _iso(m.groupdict())
            if iso:
                return iso
    return None


def normalise_date(value: str | None) -> str | None:
    """An ISO date from a value given in a JSONL/CSV row ("2026-02-13T10:00Z", "Feb. 13, 2026")."""
    if not value:
        return None
    value = str(value).strip()
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)  # ISO, perhaps with a time after it
    if m:
        return _iso({"y": m.group(1), "m": m.group(2), "d": m.group(3)})
    return find_date(value)


def day_number(value: str | Date, end: bool = False) -> int:
    """The day (``date.toordinal()``) of YYYY, YYYY-MM or YYYY-MM-DD.

    Args:
        value: The date, or a ``date``.
        end: For a year or a month, its last day (else its first).

    Raises:
        ValueError: ``value`` is not such a date, or no such day exists.
    """
    if isinstance(value, Date):
        return value.toordinal()
    m = _BOUND.fullmatch(str(value).strip())
    if not m:
        raise ValueError(f"dates are YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    y, mo = int(m.group(1)), int(m.group(2) or (12 if end else 1))
    try:
        if m.group(3) is None:
            day = calendar.monthrange(y, mo)[1] if end else 1
        else:
            day = int(m.group(3))
        return Date(y, mo, day).toordinal()
    except ValueError as e:
        raise ValueError(f"not a date: {value!r} ({e})") from e


def _iso(g: dict[str, str | None]) -> str | None:
    """ISO text of a matched date's parts, or None when no such day exists."""
    try:
        y, d = int(g["y"] or 0), int(g["d"] or 0)
        if g.get("m"):
            mo = int(g["m"] or 0)
        else:
            name = (g.get("mon") or "").lower().rstrip(".")
            mo = MONTHS.get(name) or _MONTH_ABBR.get(name, 0)
        return Date(y, mo, d).isoformat()
    except (TypeError, ValueError):
        return None
