"""The embedded engine: a folder holding a Whoosh index of quote and article records.

One schema (``schema.SCHEMA``); writes go through one writer per batch that commits whole or not
at all; reads go through one searcher kept open until another commit. Everything Whoosh raises on
damaged files becomes ``IndexCorruptError``; everything the file system refuses, ``IndexWriteError``.
"""

from __future__ import annotations

import functools
import heapq
import logging
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as windex
from whoosh import query as Q
from whoosh.query.qcore import QueryError as WhooshQueryError

from ..errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriteError,
    QueryError,
    QuotesError,
)
from ..models import Article, Quote
from . import files
from .backend import BatchCounts, Hits
from .columns import Columns
from .documents import plan_batch, to_quote
from .filters import SearchFilters, has_words, words_of
from .query import DocSet, parse_query
from .schema import ARTICLE_FIELDS, SCHEMA
from .segments import CHUNK, SegmentPool
from .writer import index_documents, open_writer

log = logging.getLogger(__name__)

_DAMAGE = (struct.error, zlib.error, pickle.UnpicklingError, EOFError, ValueError, IndexError, KeyError,
           TypeError, OSError)
_F = TypeVar("_F", bound=Callable[..., Any])


def _reads(method: _F) -> _F:
    """Turn what Whoosh raises on damaged files into ``IndexCorruptError`` (never a traceback).

    Notes:
        The files are checksummed when the index opens (``files.verify``); this catches damage
        that arrives later, or a file crafted to match its checksum but refused by the safe
        unpickler. The original error stays on ``__cause__`` and in the debug log.
    """
    @functools.wraps(method)
    def wrapper(self: WhooshStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except QuotesError:
            raise
        except WhooshQueryError as e:  # a query Whoosh accepted but cannot run
            raise QueryError(f"the query cannot be run: {e}",
                             'Quote phrases on the text ("regional security"); fields: speaker:"Full Name".') from e
        except _DAMAGE as e:
            log.debug("reading %s failed", self.path, exc_info=True)
            raise IndexCorruptError(f"the index at {self.path} cannot be read ({type(e).__name__}: {e})",
                                    f"Run 'quotes check --index {self.path}' to see what is damaged, then "
                                    f"'quotes repair --index {self.path}'.") from e

    return wrapper  # type: ignore[return-value]


def _field_words(field: str, text: str) -> list[str]:
    """The terms ``text`` makes in ``field`` (the field's own analyzer: the same tokens, stop
    words and lengths as indexing)."""
    return [t.text for t in SCHEMA[field].analyzer(text)]


def _hashes(searcher: Any) -> dict[str, str]:
    """Article key -> content hash of every article the searcher's index holds."""
    return {d["marker"]: d["hash"] for d in searcher.documents(rtype="article")}


def _delete_article(w: Any, key: str) -> int:
    """Delete an article's quotes and its marker with writer ``w``; how many documents went."""
    return int(w.delete_by_term("article", key)) + int(w.delete_by_term("marker", key))


def _submit_batch(w: Any, first: tuple[Article, str], articles: Iterator[tuple[Article, str]], current: dict[str, str],
                  counts: BatchCounts, pool: SegmentPool, done: Callable[[Article], None] | None, limit: int,
                  max_chars: int) -> int:
    """Plan each article of a batch as it is read and hand the changed ones to the pool in
    chunks; the writer ``w`` deletes what they replace. Returns the batch's article count."""
    chunk: list[tuple[Article, str]] = []
    n = chars = 0
    item: tuple[Article, str] | None = first
    while item is not None:
        article, key = item
        n += 1
        chars += len(article.text)
        for _a, _k, _q, replaces in plan_batch([(article, key, [])], current, counts):
            if replaces:
                _delete_article(w, key)
            chunk.append(item)
            break
        else:  # unchanged since the run began: nothing to write
            if done:
                done(article)
        if len(chunk) >= CHUNK:
            pool.submit(chunk, done)
            chunk = []
        item = next(articles, None) if n < limit and chars < max_chars else None
    if chunk:
        pool.submit(chunk, done)
    return n


class WhooshStore:
    """A quote index in a folder (see ``backend.Backend`` for what each method promises).

    Args:
        path: The folder.
        create: Create the index if the folder holds none.
        lock_timeout: Seconds a writer waits for another process's write lock.

    Raises:
        IndexNotFoundError: no index there and ``create`` is false, or the path is a file.
        IndexCorruptError: the folder holds a damaged or unsafe index, or data without a
            table of contents (never created over).
        IndexWriteError: the folder cannot be created or written.
    """

    def __init__(self, path: Path, create: bool = False, lock_timeout: float = 30.0) -> None:
        self.path = path
        self.location = str(path)
        self.lock_timeout = lock_timeout
        self._ix: Any = None
        self._searcher: Any = None
        self._cols: Columns | None = None
        if path.exists() and not path.is_dir():
            raise IndexNotFoundError(f"{path} is a file, not an index folder",
                                     "Give --index a folder (it is created if missing).")
        if files.toc_generations(path):
            self._ix = files.open_index(path, SCHEMA)
        elif create:
            try:
                path.mkdir(parents=True, exist_ok=True)
                self._ix = self._create_or_open()
            except OSError as e:
                raise IndexWriteError(f"cannot create the index at {path}: {e.strerror or e}") from e
        elif files.segment_files(path):
            files.create_index(path, SCHEMA)  # raises: data without a table of contents
        else:
            raise IndexNotFoundError(f"no quote index at {path}")

    def _create_or_open(self) -> Any:
        """Create the index, or open it if another process created it meanwhile.

        Notes:
            Whoosh's ``create_in`` takes no lock: two ``quotes index`` runs starting on a new
            folder at once raced on the first table of contents. A lock file serialises
            creation; the second process finds the index made and opens it. Creation never
            runs over a folder holding segments (``files.create_index`` refuses).
        """
        from whoosh.filedb.filestore import FileStorage

        lock = FileStorage(str(self.path)).lock("_CREATE_LOCK")
        lock.acquire(blocking=True)
        try:
            if files.toc_generations(self.path):
                return files.open_index(self.path, SCHEMA)
            return files.create_index(self.path, SCHEMA)
        finally:
            lock.release()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
            self._cols = None
        if self._ix is not None:
            self._ix.close()

    # -- writing ------------------------------------------------------------------------------
    def _writer(self) -> Any:
        try:
            return open_writer(self._ix, timeout=self.lock_timeout)
        except windex.LockError as e:
            raise IndexLockedError(f"the index at {self.path} is locked by another writer "
                                   f"(waited {self.lock_timeout:g} s)") from e
        except OSError as e:
            raise IndexWriteError(f"cannot write to the index at {self.path}: {e.strerror or e}") from e

    def _write(self, fill: Callable[[Any], Any], commit: Callable[[Any], None] | None = None,
               stop: Callable[[], None] | None = None) -> Any:
        """Run ``fill(writer)`` and commit: the whole batch, or nothing.

        Args:
            fill: Adds and deletes documents with the writer; its result is returned.
            commit: Commits the writer (default: ``writer.commit()``).
            stop: Called first on a failure, before any file is removed (ends the processes
                that write segments for this batch).

        Notes:
            On any failure (a full disk, a read-only folder, Ctrl-C) the writer is abandoned
            while it still holds the lock: its half-written segment files and temporary folder
            are removed, so the index stays at its last commit and the space is freed; then
            the lock is released. After a commit the manifest records the new generation.
        """
        w = self._writer()
        try:
            result = fill(w)
            commit(w) if commit else w.commit()
        except BaseException as e:
            if stop:
                stop()
            self._abandon(w)
            if isinstance(e, OSError):
                raise IndexWriteError(f"writing the index at {self.path} failed: {e.strerror or e}; "
                                      f"it stays at its last commit") from e
            raise
        try:
            files.record(self.path, SCHEMA)
        except OSError as e:  # the commit stands; the next open records it
            log.warning("could not record the index manifest: %s", e)
        return result

    def _abandon(self, w: Any) -> None:
        """Give up a failed writer: close its files, remove what it wrote, release its lock."""
        if getattr(w, "is_closed", True):
            return
        for step in (w._close_segment, w._tempstorage.destroy):
            try:
                step()
            except Exception as e:  # best effort: the folder may be read-only or full
                log.debug("abandoning the writer: %s", e)
        files.remove_uncommitted(self.path)
        w.is_closed = True
        if w.writelock:
            try:
                w.writelock.release()
            except Exception as e:
                log.debug("releasing the write lock: %s", e)

    def write(self, batch: list[tuple[Article, str, list[Quote]]]) -> BatchCounts:
        counts = BatchCounts()

        def fill(w: Any) -> None:
            # the hashes may have changed while we extracted (another process): re-read under the lock
            with w.searcher() as s:
                current = _hashes(s)
            for article, key, quotes, replaces in plan_batch(batch, current, counts):
                if replaces:
                    _delete_article(w, key)
                # the article's old documents are deleted above, so plain adds are safe, and
                # Whoosh's documented fast path (update_document searches every segment per doc)
                for doc in index_documents(article, key, quotes):
                    w.add_document(**doc)

        self._write(fill)
        return counts

    def segment_pool(self, jobs: int) -> SegmentPool:
        """Worker processes that extract and write segments of this index (``write_articles``);
        start them before the first batch, and use the pool as a context manager."""
        return SegmentPool(self.path, jobs)

    def write_articles(self, articles: Iterator[tuple[Article, str]], pool: SegmentPool,
                       done: Callable[[Article], None] | None = None, limit: int = 2000,
                       max_chars: int = 64 * 2**20, on_commit: Callable[[int], None] | None = None) -> BatchCounts | None:
        """Extract and index the next batch of (article, key) from ``articles`` on the pool's
        workers: ``write`` for articles not yet extracted, with the same rules and the same
        all-or-nothing commit.

        Args:
            articles: Read from as the workers need more: at most ``limit`` articles and about
                ``max_chars`` characters of text make the batch.
            pool: The workers (``segment_pool``).
            done: Called with each article once it is written (or found unchanged).
            on_commit: Called with the batch's size before its segments are closed.

        Returns:
            The batch's counts, or None when ``articles`` had nothing left.

        Notes:
            Planned under the write lock as ``write`` plans (hashes re-read, replaced articles'
            documents deleted by this writer), article by article as they are read, so reading
            overlaps the workers' extraction; the workers' segments join the existing ones in
            the one table of contents this writer commits.
        """
        first = next(articles, None)
        if first is None:
            return None
        counts = BatchCounts()
        segments: list[Any] = []

        def fill(w: Any) -> None:
            with w.searcher() as s:
                current = _hashes(s)
            n = _submit_batch(w, first, articles, current, counts, pool, done, limit, max_chars)
            if on_commit:
                on_commit(n)
            new, counts.quotes = pool.finish(done)
            segments.extend(new)

        def commit(w: Any) -> None:
            final = w._merge_segments(None, None, None)  # Whoosh's policy: small segments merged
            if w._added:
                final.append(w._finalize_segment())
            else:
                w._close_segment()
            w._commit_toc(final + segments)
            w._finish()

        self._write(fill, commit, stop=lambda: pool.close(kill=True))
        return counts

    def remove(self, key: str) -> int:
        return int(self._write(lambda w: _delete_article(w, key)))

    # -- reading ------------------------------------------------------------------------------
    def _reader(self) -> Any:
        """A searcher on the latest commit, kept open between calls.

        Notes:
            Opening a searcher opens every segment's files (a quarter of a query's time at 100k
            quotes); the open one serves until a writer commits.
        """
        if self._searcher is not None and not self._searcher.up_to_date():
            # not Searcher.refresh(): whoosh-reloaded 2.7.5 fails reusing a one-segment reader
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            files.verify(self.path, SCHEMA)  # another process may have committed since we opened
            self._searcher = self._ix.searcher()
        return self._searcher

    def _columns(self, searcher: Any) -> Columns:
        if self._cols is None or self._cols.searcher is not searcher:
            self._cols = Columns(searcher)
        return self._cols

    @_reads
    def hashes(self) -> dict[str, str]:
        s = self._reader()
        return _hashes(s)

    @_reads
    def quote_count(self) -> int:
        s = self._reader()
        return int(s.doc_count()) - len(list(s.document_numbers(rtype="article")))

    @_reads
    def article_count(self) -> int:
        return len(list(self._reader().document_numbers(rtype="article")))

    @_reads
    def speaker_count(self) -> int:
        cols = self._columns(self._reader())
        return len({cols.speaker_id[d] for d in cols.quotes} - {""})  # live quotes only

    @_reads
    def records(self) -> Iterator[dict[str, Any]]:
        yield from self._reader().documents(rtype="quote")

    @_reads
    def search(self, query: str | None, filters: SearchFilters, limit: int | None, sort: str) -> Hits:
        words = parse_query(query) if query is not None and has_words(query) else None
        s = self._reader()
        cols = self._columns(s)
        if words is not None:
            words = words.accept(lambda node: self._field_words(node, s, cols))
        parts = self._filter_queries(filters, s, cols)
        days = filters.days()
        allowed = cols.in_days(*days) if days else None
        conditions = ([words] if words is not None else []) + parts
        q = None if not conditions else conditions[0] if len(conditions) == 1 else Q.And(conditions)
        if words is None or sort == "date":
            # no scores needed: the matching set, in reading order or newest first (undated last)
            docs = set(s.docs_for_query(q)) if q is not None else set(cols.quotes)
            if allowed is not None:
                docs &= allowed
            key = cols.date_key if sort == "date" else cols.reading_key
            top = heapq.nsmallest(limit, docs, key=key) if limit else sorted(docs, key=key)
            return Hits([to_quote(s.stored_fields(d)) for d in top], len(docs))
        if allowed is not None and not allowed:
            return Hits([], 0)  # Whoosh reads an empty filter set as no filter at all
        results = s.search(q, limit=limit, filter=allowed)  # limit None: every hit (an export is never cut short)
        return Hits([to_quote(hit.fields()) for hit in results], len(results))

    def _filter_queries(self, f: SearchFilters, s: Any, cols: Columns) -> list[Q.Query]:
        """The Whoosh queries of every filter but the date range."""
        parts: list[Q.Query] = []
        if f.speaker:
            parts.append(self._speaker_query(f.speaker, s, cols))
        if f.role:
            parts.append(Q.And([Q.Term("role", w) for w in _field_words("role", f.role)] or [Q.NullQuery]))
        if f.kind:
            parts.append(Q.Term("kind", f.kind))
        if f.doc:
            parts.append(Q.Or([Q.Term("doc", f.doc), Q.Term("article", f.doc)]))
        return parts

    def _field_words(self, node: Q.Query, s: Any, cols: Columns) -> Q.Query:
        """Words on fields Whoosh cannot run as written in a query.

        ``speaker:Cooper`` and ``speaker:"Brad Cooper"`` mean what ``--speaker`` means (the
        speaker by any alias). A phrase on a short field indexed without positions (title,
        cue, outlet, article title, aliases) asks for all its words.
        """
        field = getattr(node, "fieldname", None)
        if field == "speaker" and isinstance(node, (Q.Term, Q.Phrase)):
            text = node.text if isinstance(node, Q.Term) else " ".join(node.words)
            return self._speaker_query(text, s, cols) if words_of(text) else Q.NullQuery
        if isinstance(node, Q.Phrase) and not SCHEMA[field].format.supports("positions"):
            node = Q.And([Q.Term(field, w) for w in node.words])
        if field in ARTICLE_FIELDS:
            return self._article_query(node, s, cols)
        return node

    @staticmethod
    def _article_query(node: Q.Query, s: Any, cols: Columns) -> Q.Query:
        """The quotes whose article matches ``node``, a query on an article's field.

        Notes:
            Such fields are indexed on each article's marker (``schema.ARTICLE_FIELDS``): the
            markers that match name their articles, whose quotes (from the columns) are the
            answer. Quotes of an index written before that hold the field themselves and match
            directly. One pass over ``node``'s documents, told apart by the article column:
            intersecting with the ``rtype`` terms instead cost ten times as much.
        """
        found = list(s.docs_for_query(node))  # markers, and quotes of an older index
        keys = {cols.marker_key(d) for d in found if not cols.article[d]}
        return DocSet({d for d in found if cols.article[d]}.union(cols.quotes_of(keys)), s)

    @staticmethod
    def _speaker_query(speaker: str, s: Any, cols: Columns) -> Q.Query:
        """Quotes by every canonical speaker that ``speaker`` names, by name or by any alias.

        Notes:
            Two steps: find the canonical names whose name or aliases hold all the words (in any
            article), then match those names exactly, so an alias used in one article ("CENTCOM")
            finds the speaker's quotes in articles that never used it.
        """
        words = _field_words("speaker", speaker)  # as the field splits them: "O'Neill" is "neill"
        if not words:
            return Q.Term("speaker_id", speaker.strip().lower())
        per_word = Q.And([Q.Or([Q.Term("speaker", w), Q.Term("aliases", w)]) for w in words])
        names = {speaker.strip().lower()}
        names.update(cols.speaker_id[d] for d in s.docs_for_query(per_word) if cols.speaker_id[d])
        return Q.Or([Q.Term("speaker_id", n) for n in sorted(names)])
