"""The quote index: ``QuoteIndex``, the one API over whichever engine holds the quotes.

Engine-independent here: reading and extracting articles, incremental batches by content hash
(indexing the same content again changes nothing; changed content replaces exactly that
article's quotes), speakers merged across articles, CSV quote sheets. The engine (``store``)
stores the records and answers searches; search returns ``Quote`` records, never engine hits.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import OutputError
from .export import write_csv
from .models import Article, Quote, Speaker
from .pipeline import articles_from, extract_many
from .read import Skipped
from .store.backend import Backend, Hits
from .store.documents import article_key, is_unchanged
from .store.filters import SearchFilters, check_limit
from .store.registry import merge_speakers

if TYPE_CHECKING:
    from .cluster import Partition

log = logging.getLogger(__name__)

ENV_VAR = "QUOTES_INDEX"
DEFAULT_DIR = "index"
#: Characters of article text a batch holds at most while its workers extract and write it.
BATCH_CHARS = 64 * 2**20


def resolve_index_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The index folder: ``path`` if given, else ``$QUOTES_INDEX``, else ``./index``."""
    return Path(path or os.environ.get(ENV_VAR) or DEFAULT_DIR)


def resolve_location(location: str | os.PathLike[str] | None = None) -> str | Path:
    """Where the index is: a Solr collection URL as given, else a folder (``resolve_index_dir``)."""
    given = location if location is not None else os.environ.get(ENV_VAR)
    if isinstance(given, str) and given.startswith(("http://", "https://")):
        return given
    return resolve_index_dir(location)


@dataclass
class IndexReport:
    """What one ``QuoteIndex.add`` did."""

    articles: int = 0          # articles read
    added: int = 0             # new articles indexed
    replaced: int = 0          # articles whose content changed
    unchanged: int = 0         # articles already indexed with the same content
    quotes: int = 0            # quotes written
    skipped: list[Skipped] = field(default_factory=list)
    total_quotes: int = 0      # quotes in the index after the run
    seconds: float = 0.0


def _filters(filters: SearchFilters | None, kwargs: dict[str, Any]) -> SearchFilters:
    """``filters``, or one built from keyword arguments (speaker=, role=, kind=, doc=, since=, until=)."""
    if filters is not None and kwargs:
        raise TypeError("give filters= or filter keywords, not both")
    return filters if filters is not None else SearchFilters(**kwargs)


class QuoteIndex:
    """A quote index: a Whoosh folder (the default engine) or a SolrCloud collection.

    Args:
        path: The index folder (see ``resolve_index_dir``), or a collection URL
            ``http://HOST:PORT/solr/COLLECTION`` (created by ``quotes solr init``).
        create: Create the index if missing (``add`` does); otherwise a missing index raises.
        lock_timeout: Seconds a writer waits for another process's write lock.

    Raises:
        IndexNotFoundError: ``create`` is false and there is no index at ``path``.
        IndexCorruptError: The folder holds a damaged or unsafe index (see ``quotes check``).
        IndexWriteError: The folder cannot be created.

    Example:
        >>> with QuoteIndex("index", create=True) as ix:          # doctest: +SKIP
        ...     ix.add(["seeds"])
        ...     ix.search("regional security", speaker="Cooper")
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, create: bool = False,
                 lock_timeout: float = 30.0) -> None:
        where = resolve_location(path)
        self.backend: Backend
        if isinstance(where, str):
            from .store.solr_store import SolrStore

            self.backend = SolrStore(where, create=create, lock_timeout=lock_timeout)
            self.path: str | Path = self.backend.location
        else:
            from .store.whoosh_store import WhooshStore

            self.path = where
            self.backend = WhooshStore(where, create=create, lock_timeout=lock_timeout)

    def __enter__(self) -> QuoteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the index."""
        self.backend.close()

    # -- writing --------------------------------------------------------------------------------
    def add(self, sources: Iterable[str | os.PathLike[str] | Article], jobs: int = 1,
            commit_every: int = 2000, progress: Callable[[Article], None] | None = None,
            max_bytes: int | None = None, on_commit: Callable[[int], None] | None = None,
            cluster: str | None = None) -> IndexReport:
        """Extract and index articles: paths (files, folders, ``-``) or ``Article`` objects.

        Args:
            sources: What to index.
            jobs: Processes for extraction.
            commit_every: Articles per commit; each batch commits whole or not at all, so an
                interrupted run keeps its finished batches and a re-run does only the rest.
            progress: Called after each article is handled.
            max_bytes: Skip files larger than this.
            on_commit: Called with the batch's article count before each commit (a commit
                can take seconds: a progress display can say so).
            cluster: Extract on a Dask cluster (``tcp://HOST:PORT`` or ``local:N``): with a Solr
                index each worker writes its own partitions; with Whoosh the results stream to
                this process's one writer.

        Returns:
            An ``IndexReport`` of what was added, replaced, left unchanged or skipped.

        Raises:
            IndexLockedError: Another writer held the lock for longer than ``lock_timeout``.
            IndexWriteError: The index could not be written (it stays at its last commit).

        Notes:
            Incremental by content hash; the article's key is its path (files) or its table's
            path and row id (rows).
        """
        report = IndexReport()
        if cluster and hasattr(self.backend, "collection"):
            return self._add_on_cluster(sources, cluster, report, max_bytes)
        if jobs > 1 and not cluster and hasattr(self.backend, "write_articles"):
            return self._add_in_segments(sources, jobs, report, commit_every, progress, max_bytes, on_commit)
        seen: set[str] = set()
        known = self.backend.hashes()
        pairs = extract_many(sources, jobs=jobs, skipped=report.skipped, max_bytes=max_bytes,
                             skip=lambda a: is_unchanged(a, known, seen), cluster=cluster)
        try:
            return self._ingest(pairs, known, report, commit_every, progress, on_commit)
        finally:
            # on any error (a held lock, a full disk, Ctrl-C) end the workers now: a pool left
            # to the interpreter's exit handlers deadlocks with its feeder thread
            pairs.close()

    def _add_in_segments(self, sources: Iterable[str | os.PathLike[str] | Article], jobs: int,
                         report: IndexReport, commit_every: int, progress: Callable[[Article], None] | None,
                         max_bytes: int | None, on_commit: Callable[[int], None] | None) -> IndexReport:
        """``add`` with ``jobs`` processes that each extract and write their own segment.

        Notes:
            Batches are cut by articles (``commit_every``) and by characters (``BATCH_CHARS``);
            articles are read as the workers need them, under the batch's write lock.
        """
        t0 = time.perf_counter()
        seen: set[str] = set()
        known = self.backend.hashes()
        backend: Any = self.backend

        def fresh() -> Iterator[tuple[Article, str]]:
            for article in articles_from(sources, report.skipped, max_bytes):
                report.articles += 1
                if is_unchanged(article, known, seen):
                    report.unchanged += 1
                    if progress:
                        progress(article)
                    continue
                yield article, article_key(article)

        items = fresh()
        with backend.segment_pool(jobs) as pool:
            while True:
                counts = backend.write_articles(items, pool, progress, commit_every, BATCH_CHARS, on_commit)
                if counts is None:
                    break
                known.update(counts.written)
                for k in ("unchanged", "replaced", "added", "quotes"):
                    setattr(report, k, getattr(report, k) + getattr(counts, k))
        report.total_quotes = self.count()
        report.seconds = time.perf_counter() - t0
        return report

    def _add_on_cluster(self, sources: Iterable[str | os.PathLike[str] | Article], cluster: str,
                        report: IndexReport, max_bytes: int | None) -> IndexReport:
        """Every worker of the cluster writes its partitions to the Solr collection itself."""
        from .cluster import run_on_cluster
        from .read import MAX_BYTES

        t0 = time.perf_counter()
        paths = [s for s in sources if not isinstance(s, Article)]
        counts = dict.fromkeys(("articles", "added", "replaced", "unchanged", "quotes"), 0)
        for part in run_on_cluster(paths, cluster, index_partition, str(self.path), max_bytes or MAX_BYTES,
                                   skipped=report.skipped):
            for k in counts:
                counts[k] += part[k]
        for k in ("articles", "added", "replaced", "unchanged", "quotes"):
            setattr(report, k, counts[k])
        report.total_quotes = self.count()
        report.seconds = time.perf_counter() - t0
        return report

    def add_quotes(self, pairs: Iterable[tuple[Article, list[Quote]]], commit_every: int = 2000,
                   progress: Callable[[Article], None] | None = None) -> IndexReport:
        """Index quotes already extracted (by ``extract_many`` or your own rules), per article.

        Args:
            pairs: ``(article, quotes)``; the article's key (path or id) decides what it
                replaces, its content hash whether anything changed.
            commit_every: Articles per commit (see ``add``).
            progress: Called after each article is handled.

        Returns:
            An ``IndexReport``.

        Notes:
            The same incremental rules as ``add``: an article already indexed with the same
            content is left as it is, and an article given twice is indexed once.
        """
        seen: set[str] = set()
        known = self.backend.hashes()
        fresh = ((a, None if is_unchanged(a, known, seen) else q) for a, q in pairs)
        return self._ingest(fresh, known, IndexReport(), commit_every, progress)

    def _ingest(self, pairs: Iterable[tuple[Article, list[Quote] | None]], known: dict[str, str],
                report: IndexReport, commit_every: int, progress: Callable[[Article], None] | None,
                on_commit: Callable[[int], None] | None = None) -> IndexReport:
        t0 = time.perf_counter()
        batch: list[tuple[Article, str, list[Quote]]] = []
        for article, quotes in pairs:
            report.articles += 1
            if quotes is None:  # unchanged or a repeat in this run: nothing to do
                report.unchanged += 1
            else:
                batch.append((article, article_key(article), quotes))
                if len(batch) >= commit_every:
                    if on_commit:
                        on_commit(len(batch))
                    self._commit(batch, known, report)
                    batch = []
            if progress:
                progress(article)
        if batch:
            if on_commit:
                on_commit(len(batch))
            self._commit(batch, known, report)
        report.total_quotes = self.count()
        report.seconds = time.perf_counter() - t0
        return report

    def _commit(self, batch: list[tuple[Article, str, list[Quote]]], known: dict[str, str], report: IndexReport) -> None:
        counts = self.backend.write(batch)
        # counted only once the batch is committed: a failed batch reports nothing as written
        known.update(counts.written)
        report.unchanged += counts.unchanged
        report.replaced += counts.replaced
        report.added += counts.added
        report.quotes += counts.quotes

    def remove(self, key: str) -> int:
        """Remove one article (by key) and its quotes. Returns the records deleted."""
        return self.backend.remove(key)

    # -- reading ------------------------------------------------------------------------------
    def count(self) -> int:
        """Number of quotes in the index."""
        return self.backend.quote_count()

    def article_count(self) -> int:
        """Number of articles in the index."""
        return self.backend.article_count()

    def speaker_count(self) -> int:
        """Distinct canonical speakers in the index.

        Notes:
            Read from the speaker column, a fraction of ``len(speakers())``'s cost on a large
            index; it does not merge a lone surname into its full name as ``speakers`` does.
        """
        return self.backend.speaker_count()

    def find(self, query: str | None = None, filters: SearchFilters | None = None, *, limit: int | None = 20,
             sort: str = "relevance", **filter_kwargs: str | Date | None) -> Hits:
        """Like ``search``, with the number of quotes that matched in all (``Hits.total``)."""
        f = _filters(filters, filter_kwargs)
        check_limit(limit, sort)
        return self.backend.search(query, f, limit, sort)

    def search(self, query: str | None = None, filters: SearchFilters | None = None, *, limit: int | None = 20,
               sort: str = "relevance", **filter_kwargs: str | Date | None) -> list[Quote]:
        """Quotes matching a words query and filters.

        Args:
            query: Whoosh query syntax over the quote text: words, "phrases", AND/OR/NOT,
                wild*cards, and ``field:value`` for speaker, role, kind, cue, doc, outlet….
            filters: A ``SearchFilters``; or give its fields as keywords (``speaker="Cooper"``,
                ``role``, ``kind``, ``doc``, ``since``, ``until``).
            limit: Most results (None: all of them).
            sort: ``relevance`` or ``date`` (newest first; undated quotes last).

        Returns:
            ``Quote`` records, best first.

        Raises:
            QueryError: A malformed query, an unknown field, a bad date, kind or limit.
        """
        return self.find(query, filters, limit=limit, sort=sort, **filter_kwargs).quotes

    def highlighter(self, query: str | None) -> Callable[[Quote], str]:
        """A function marking the words of ``query`` in a quote's text with ``[…]``."""
        from .store.query import highlighter

        return highlighter(query)

    def speakers(self, include_groups: bool = False) -> list[Speaker]:
        """Every speaker in the index, merged across articles, most quoted first (see
        ``store.registry.merge_speakers``).

        Args:
            include_groups: Also list collective sources ("analysts", "the report"), one per
                article.
        """
        return merge_speakers(self.backend.records(), include_groups=include_groups)

    def export_csv(self, out: str | os.PathLike[str] | IO[str], query: str | None = None,
                   filters: SearchFilters | None = None, *, excel: bool = False, limit: int | None = None,
                   sort: str = "relevance", **filter_kwargs: str | Date | None) -> int:
        """Write the quotes a search finds as a CSV quote sheet. Returns the row count.

        Raises:
            OutputError: ``out`` is a folder, in a missing folder, or cannot be written.

        Notes:
            Without a limit every matching quote is written. The file is written to a hidden
            temporary name beside it and renamed, so a failed export leaves no half-written sheet.
        """
        quotes = self.search(query, filters, limit=limit, sort=sort, **filter_kwargs)
        if hasattr(out, "write"):
            return write_csv(quotes, out, excel=excel)  # type: ignore[arg-type]
        target = Path(out)
        if target.is_dir():
            raise OutputError(f"{target} is a folder; give the quote sheet a file name",
                              f"For example: --csv {target / 'quotes.csv'}")
        if not target.parent.is_dir():
            raise OutputError(f"cannot write {target}: the folder {target.parent} does not exist")
        tmp = target.with_name(f".{target.name}.part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                n = write_csv(quotes, f, excel=excel)
            os.replace(tmp, target)
        except OSError as e:
            _remove_quietly(tmp)
            raise OutputError(f"cannot write {target}: {e.strerror or e}") from e
        except BaseException:
            _remove_quietly(tmp)
            raise
        return n


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a read-only folder: nothing was written there either
        pass


def index_partition(part: Partition, url: str, max_bytes: int) -> tuple[dict[str, int], list[Skipped]]:
    """Read, extract and write one partition of a corpus to the Solr collection ``url``: what a
    Dask worker runs for ``QuoteIndex.add(..., cluster=…)``.

    Returns:
        The partition's counts (articles, added, replaced, unchanged, quotes) and what it skipped.
    """
    from .cluster import extract_partition

    pairs, skipped = extract_partition(part, max_bytes)
    with QuoteIndex(url) as ix:
        r = ix.add_quotes(pairs, commit_every=max(1, len(pairs)))
    return {"articles": r.articles, "added": r.added, "replaced": r.replaced, "unchanged": r.unchanged,
            "quotes": r.quotes}, skipped
