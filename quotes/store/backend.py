"""The seam between ``QuoteIndex`` and a search engine: what any engine must do.

``QuoteIndex`` keeps everything engine-independent (reading and extracting articles, incremental
batches by content hash, speakers across articles, CSV); an engine stores records and answers
searches. ``WhooshStore`` (a folder, the default) is one; a search server is another, behind
the same ``QuoteIndex`` API.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import Article, Quote
from .filters import SearchFilters


@dataclass
class BatchCounts:
    """What one committed batch did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quotes: int = 0
    written: dict[str, str] = field(default_factory=dict)  # article key -> content hash written


@dataclass(frozen=True)
class Hits:
    """A search's answer: the quotes returned (up to the limit) and how many matched in all."""

    quotes: list[Quote]
    total: int


class Backend(Protocol):
    """A quote engine. Every method raises ``QuotesError`` subclasses, never the engine's own."""

    location: str  # where it is, for messages

    def write(self, batch: list[tuple[Article, str, list[Quote]]]) -> BatchCounts:
        """Index each (article, key, quotes): replace an article whose hash changed, skip one
        whose hash is the same; all of the batch becomes visible at once, or none of it."""

    def remove(self, key: str) -> int:
        """Delete one article and its quotes; the number of records deleted."""

    def hashes(self) -> dict[str, str]:
        """Article key -> content hash of every indexed article."""

    def search(self, query: str | None, filters: SearchFilters, limit: int | None, sort: str) -> Hits:
        """Quotes matching the words query (Whoosh syntax) and the filters, best (or newest) first."""

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored quote record (the fields of ``documents.quote_records``)."""

    def quote_count(self) -> int: ...

    def article_count(self) -> int: ...

    def speaker_count(self) -> int: ...

    def close(self) -> None: ...
