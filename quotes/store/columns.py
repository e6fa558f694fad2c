"""What a Whoosh searcher's columns say about each document, read whole once per searcher."""

from __future__ import annotations

import bisect
from typing import Any

_NO_DAY = 2**31 - 1  # what Whoosh fills a missing number with


class Columns:
    """Each live quote's day, article key, start and speaker, read once per searcher.

    Notes:
        Whoosh runs a date range as a union of numeric-trie terms and steps through every
        matching document in Python: 80 % of a date query's time at 100k quotes. Read from the
        sortable columns once, a range is two bisections over the documents sorted by day, and
        filter-only results sort by (article, start) without Whoosh's sorting collector.
    """

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        r = searcher.reader()
        n = r.doc_count_all()
        live = set(r.all_doc_ids())
        # Whoosh fills a missing number with the largest int32: an undated quote is day 0 here
        self.day = [0 if v >= _NO_DAY else v for v in _column(r, "date", n, 0)]
        self.article = _column(r, "article", n, "")
        self.start = _column(r, "start", n, 0)
        self.speaker_id = _column(r, "speaker_id", n, "")
        self.quotes = {d for d in live if self.article[d]}  # markers have no article value
        self._markers: dict[int, str] = {}
        self._by_article: dict[str, list[int]] | None = None
        order = sorted((d for d in self.quotes if self.day[d] and self.day[d] > 0), key=self.day.__getitem__)
        self._by_day = order
        self._days = [self.day[d] for d in order]

    def quotes_of(self, keys: set[str]) -> list[int]:
        """The live quotes of the articles ``keys`` names."""
        if self._by_article is None:
            self._by_article = {}
            for d in self.quotes:
                self._by_article.setdefault(self.article[d], []).append(d)
        return [d for k in keys for d in self._by_article.get(k, ())]

    def marker_key(self, d: int) -> str:
        """The article key of marker ``d`` (read once per searcher)."""
        key = self._markers.get(d)
        if key is None:
            key = self._markers[d] = self.searcher.stored_fields(d)["marker"]
        return key

    def in_days(self, first: int, last: int) -> set[int]:
        """Quotes whose article's day is within [first, last]; undated quotes never are."""
        return set(self._by_day[bisect.bisect_left(self._days, first):bisect.bisect_right(self._days, last)])

    def reading_key(self, d: int) -> tuple[str, int]:
        return (self.article[d], self.start[d])

    def date_key(self, d: int) -> tuple[int, int, str, int]:
        """Newest first; undated quotes after every dated one."""
        day = self.day[d] or 0
        return (0 if day > 0 else 1, -day, self.article[d], self.start[d])


def _column(reader: Any, field: str, n: int, default: Any) -> list[Any]:
    """Every document's value of a sortable field, ``default`` where it has none."""
    if not reader.has_column(field):
        return [default] * n
    values = list(reader.column_reader(field))
    if len(values) < n:
        values += [default] * (n - len(values))
    return [default if v is None else v for v in values]
