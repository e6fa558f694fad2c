"""``SearchFilters``: what a search asks beside its words, checked once, for every engine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from ..dates import day_number
from ..errors import QueryError
from ..models import KINDS
from ..lexicon import INDEX_STOP_WORDS

SORTS = ("relevance", "date")
MAX_LIMIT = 100_000
_WORD = re.compile(r"[\w’'\-]+")


def has_words(query: str | None) -> bool:
    """Whether a query asks for words at all (empty, blank and a bare ``*`` do not)."""
    return bool(query and query.strip().strip("*"))


def words_of(text: str) -> list[str]:
    """The lower-cased words of a filter value ("Brad Cooper" -> ["brad", "cooper"])."""
    return [w.lower() for w in _WORD.findall(text)]


def indexed_words(text: str) -> list[str]:
    """The words of ``text`` a word field indexes: no stop words, none of one letter
    ("head of campaigns" -> ["head", "campaigns"])."""
    return [w for w in words_of(text) if len(w) >= 2 and w not in INDEX_STOP_WORDS]


@dataclass(frozen=True)
class SearchFilters:
    """Filters of a search, built once by the CLI or the caller and taken by every engine.

    Attributes:
        speaker: A name or part of one ("Cooper" finds "Brad Cooper" by any alias).
        role: Words of the role ("commander").
        kind: ``direct``, ``mixed`` or ``indirect``.
        doc: An article id (file name) or key.
        since: Earliest article date, YYYY[-MM[-DD]], inclusive.
        until: Latest article date, inclusive.

    Raises:
        QueryError: on construction, for a value that can match nothing as written (a kind not
            in the list, a date that is not one, an inverted range, a filter with no words).
    """

    speaker: str | None = None
    role: str | None = None
    kind: str | None = None
    doc: str | None = None
    since: str | Date | None = None
    until: str | Date | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise QueryError(f"kind must be direct, mixed or indirect, not {self.kind!r}",
                             "--kind direct, --kind mixed or --kind indirect.")
        for name in ("speaker", "role"):
            value = getattr(self, name)
            if value is not None and not (indexed_words(value) if name == "role" else words_of(value)):
                raise QueryError(f"{name} {value!r} has no words to search for",
                                 f"Give words of the {name}: --{name} {'Cooper' if name == 'speaker' else 'minister'}.")
        days = self.days()
        if days is not None and days[0] > days[1]:
            raise QueryError(f"--since {self.since} is after --until {self.until}: no date is in that range",
                             "Swap them, or drop one.")

    def days(self) -> tuple[int, int] | None:
        """The (first, last) day number of the date range, or None without one."""
        if not self.since and not self.until:
            return None
        try:
            first = day_number(self.since) if self.since else 1
            last = day_number(self.until, end=True) if self.until else Date.max.toordinal()
        except ValueError as e:
            raise QueryError(str(e), "Dates are YYYY, YYYY-MM or YYYY-MM-DD: --since 2026-02.") from e
        return first, last

    @property
    def empty(self) -> bool:
        return not any((self.speaker, self.role, self.kind, self.doc, self.since, self.until))


def check_limit(limit: int | None, sort: str) -> None:
    """Raise ``QueryError`` for a limit or sort no engine can honour."""
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1 or limit > MAX_LIMIT):
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT:,}, not {limit!r}", "-n 20, or -n 1000.")
    if sort not in SORTS:
        raise QueryError(f"sort must be 'relevance' or 'date', not {sort!r}", "--sort relevance or --sort date.")
