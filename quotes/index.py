"""The quote index: Whoosh (whoosh-reloaded) documents built from ``Quote`` records.

One schema; quotes are keyed ``<article key>#<start>-<end>``; each article also has a marker
document holding its content hash, so indexing unchanged content again changes nothing and
changed content replaces that article's quotes. Writes go through ``with ix.writer()``: a batch
commits whole or not at all. Search returns ``Quote`` records, never Whoosh hits.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import heapq
import logging
import os
import pickle
import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import IO, Any, TypeVar

from whoosh import index as windex
from whoosh import query as Q
from whoosh.qparser import QueryParser

from .errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriteError,
    OutputError,
    QueryError,
    QuotesError,
)
from .export import write_csv
from .models import Article, Quote, Speaker
from .pipeline import extract_many
from .read import Skipped
from .store import ANALYZER, QUERY_FIELDS, SCHEMA, files
from .store.schema import cache_missing_length_columns

log = logging.getLogger(__name__)

ENV_VAR = "QUOTES_INDEX"
DEFAULT_DIR = "index"
MAX_LIMIT = 100_000
MAX_QUERY_CHARS = 2_000
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "who", "which", "you"}

_analyzer = ANALYZER


def resolve_index_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The index folder: ``path`` if given, else ``$QUOTES_INDEX``, else ``./index``."""
    return Path(path or os.environ.get(ENV_VAR) or DEFAULT_DIR)


def content_hash(text: str) -> str:
    """A stable fingerprint of an article's text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class IndexReport:
    """What one ``QuoteIndex.add`` did."""

    articles: int = 0          # articles read
    added: int = 0             # new articles indexed
    replaced: int = 0          # articles whose content changed
    unchanged: int = 0         # articles already indexed with the same content
    quotes: int = 0            # quotes written
    skipped: list[Skipped] = field(default_factory=list)
    speakers: int = 0          # distinct canonical speakers in the index after the run
    seconds: float = 0.0


_DAMAGE = (struct.error, zlib.error, pickle.UnpicklingError, EOFError, ValueError, IndexError, KeyError,
           TypeError, OSError)
_F = TypeVar("_F", bound=Callable[..., Any])


def _reads(method: _F) -> _F:
    """Turn what Whoosh raises on damaged files into ``IndexCorruptError`` (never a traceback).

    Notes:
        The files are checksummed when the index opens (``store.files.verify``); this catches
        damage that arrives later, or a file crafted to match its checksum but refused by the
        safe unpickler. The original error stays on ``__cause__`` and in the debug log.
    """
    @functools.wraps(method)
    def wrapper(self: QuoteIndex, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except QuotesError:
            raise
        except _DAMAGE as e:
            log.debug("reading %s failed", self.path, exc_info=True)
            raise IndexCorruptError(f"the index at {self.path} cannot be read ({type(e).__name__}: {e})",
                                    f"Run 'quotes check --index {self.path}' to see what is damaged, then "
                                    f"'quotes repair --index {self.path}'.") from e

    return wrapper  # type: ignore[return-value]


class _Columns:
    """Each live quote's day, article key and start, read once per searcher.

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
        self.day = _column(r, "date", n, 0)
        self.article = _column(r, "article", n, "")
        self.start = _column(r, "start", n, 0)
        self.speaker_id = _column(r, "speaker_id", n, "")
        self.quotes = {d for d in live if self.article[d]}  # markers have no article value
        order = sorted((d for d in self.quotes if self.day[d] and self.day[d] > 0), key=self.day.__getitem__)
        self._by_day = order
        self._days = [self.day[d] for d in order]

    def in_days(self, first: int, last: int) -> set[int]:
        """Documents whose article's day is within [first, last]."""
        return set(self._by_day[bisect.bisect_left(self._days, first):bisect.bisect_right(self._days, last)])

    def reading_key(self, d: int) -> tuple[str, int]:
        return (self.article[d], self.start[d])

    def date_key(self, d: int) -> tuple[int, str, int]:
        return (-(self.day[d] or 0), self.article[d], self.start[d])


def _column(reader: Any, field: str, n: int, default: Any) -> list[Any]:
    """Every document's value of a sortable field, ``default`` where it has none."""
    if not reader.has_column(field):
        return [default] * n
    values = list(reader.column_reader(field))
    if len(values) < n:
        values += [default] * (n - len(values))
    return [default if v is None else v for v in values]


class QuoteIndex:
    """A folder holding a Whoosh index of quotes.

    Args:
        path: The index folder (see ``resolve_index_dir``).
        create: Create the index if missing (``add`` does); otherwise a missing index raises.
        lock_timeout: Seconds a writer waits for another process's write lock.

    Raises:
        IndexNotFoundError: ``create`` is false and there is no index at ``path``.
        IndexCorruptError: The folder holds an index that cannot be opened.

    Example:
        >>> with QuoteIndex("index", create=True) as ix:          # doctest: +SKIP
        ...     ix.add(["seeds"])
        ...     ix.search("regional security", speaker="Cooper")
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, create: bool = False,
                 lock_timeout: float = 30.0) -> None:
        self.path = resolve_index_dir(path)
        self.lock_timeout = lock_timeout
        self._ix: Any = None
        self._searcher: Any = None
        self._cols: _Columns | None = None
        cache_missing_length_columns()
        if self.path.exists() and not self.path.is_dir():
            raise IndexNotFoundError(f"{self.path} is a file, not an index folder",
                                     "Give --index a folder (it is created if missing).")
        if files.toc_generations(self.path):
            self._ix = files.open_index(self.path, SCHEMA)
        elif create:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = self._create_or_open()
            except OSError as e:
                raise IndexWriteError(f"cannot create the index at {self.path}: {e.strerror or e}") from e
        elif files.segment_files(self.path):
            files.create_index(self.path, SCHEMA)  # raises: data without a table of contents
        else:
            raise IndexNotFoundError(f"no quote index at {self.path}")

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

    # -- context manager -----------------------------------------------------------------------
    def __enter__(self) -> QuoteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the index (open readers are closed by their own ``with`` blocks)."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
            self._cols = None
        if self._ix is not None:
            self._ix.close()

    # -- writing --------------------------------------------------------------------------------
    def add(self, sources: Iterable[str | os.PathLike[str] | Article], jobs: int = 1,
            commit_every: int = 2000, progress: Callable[[Article], None] | None = None,
            max_bytes: int | None = None) -> IndexReport:
        """Extract and index articles: paths (files, folders, ``-``) or ``Article`` objects.

        Args:
            sources: What to index.
            jobs: Processes for extraction.
            commit_every: Articles per commit; each batch commits whole or not at all, so an
                interrupted run keeps its finished batches and a re-run does only the rest.
            progress: Called after each article is handled.
            max_bytes: Skip files larger than this.

        Returns:
            An ``IndexReport`` of what was added, replaced, left unchanged or skipped.

        Raises:
            IndexLockedError: Another writer held the lock for longer than ``lock_timeout``.

        Notes:
            Incremental by content hash; the article's key is its path (files) or id (rows).
        """
        seen: set[str] = set()
        known = self._article_hashes()
        report = IndexReport()
        pairs = extract_many(sources, jobs=jobs, skipped=report.skipped, max_bytes=max_bytes,
                             skip=lambda a: _is_unchanged(a, known, seen))
        try:
            return self._ingest(pairs, known, report, commit_every, progress)
        finally:
            # on any error (a held lock, a full disk, Ctrl-C) end the workers now: a pool left
            # to the interpreter's exit handlers deadlocks with its feeder thread
            pairs.close()

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
        known = self._article_hashes()
        fresh = ((a, None if _is_unchanged(a, known, seen) else q) for a, q in pairs)
        return self._ingest(fresh, known, IndexReport(), commit_every, progress)

    def _ingest(self, pairs: Iterable[tuple[Article, list[Quote] | None]], known: dict[str, str],
                report: IndexReport, commit_every: int,
                progress: Callable[[Article], None] | None) -> IndexReport:
        import time

        t0 = time.perf_counter()
        batch: list[tuple[Article, str, list[Quote]]] = []
        for article, quotes in pairs:
            report.articles += 1
            key = article_key(article)
            if quotes is None:  # unchanged or a repeat in this run: nothing to do
                report.unchanged += 1
            else:
                batch.append((article, key, quotes))
                if len(batch) >= commit_every:
                    self._commit(batch, known, report)
                    batch = []
            if progress:
                progress(article)
        if batch:
            self._commit(batch, known, report)
        report.speakers = self.speaker_count()
        report.seconds = time.perf_counter() - t0
        return report

    def _writer(self) -> Any:
        try:
            return self._ix.writer(timeout=self.lock_timeout)
        except windex.LockError as e:
            raise IndexLockedError(f"the index at {self.path} is locked by another writer "
                                   f"(waited {self.lock_timeout:g} s)") from e
        except OSError as e:
            raise IndexWriteError(f"cannot write to the index at {self.path}: {e.strerror or e}") from e

    def _write(self, fill: Callable[[Any], Any]) -> Any:
        """Run ``fill(writer)`` and commit: the whole batch, or nothing.

        Notes:
            On any failure (a full disk, a read-only folder, Ctrl-C) the writer is abandoned
            while it still holds the lock: its half-written segment files and temporary folder
            are removed, so the index stays at its last commit and the space is freed; then
            the lock is released. After a commit the manifest records the new generation.
        """
        w = self._writer()
        try:
            result = fill(w)
            w.commit()
        except BaseException as e:
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

    def _commit(self, batch: list[tuple[Article, str, list[Quote]]], known: dict[str, str], report: IndexReport) -> None:
        counts = {"unchanged": 0, "replaced": 0, "added": 0, "quotes": 0}
        written: dict[str, str] = {}

        def fill(w: Any) -> None:
            # the hashes may have changed while we extracted (another process): re-read under the lock
            with w.searcher() as s:
                current = {d["marker"]: d["hash"] for d in s.documents(rtype="article")}
            for article, key, quotes in batch:
                h = content_hash(article.text)
                if current.get(key) == h:
                    counts["unchanged"] += 1
                    continue
                if key in current:
                    w.delete_by_term("article", key)
                    w.delete_by_term("marker", key)
                    counts["replaced"] += 1
                else:
                    counts["added"] += 1
                # the article's old documents are deleted above, so plain adds are safe, and
                # Whoosh's documented fast path (update_document searches every segment per doc)
                for doc in _documents(article, key, quotes):
                    w.add_document(**doc)
                # the marker shares no searchable field with quotes, so no query can return it
                w.add_document(id=key, rtype="article", marker=key, hash=h, date_str=article.date)
                current[key] = h
                written[key] = h
                counts["quotes"] += len(quotes)

        self._write(fill)
        # counted only once the batch is committed: a failed batch reports nothing as written
        known.update(written)
        report.unchanged += counts["unchanged"]
        report.replaced += counts["replaced"]
        report.added += counts["added"]
        report.quotes += counts["quotes"]

    @_reads
    def _article_hashes(self) -> dict[str, str]:
        s = self._reader()
        return {d["marker"]: d["hash"] for d in s.documents(rtype="article")}

    def remove(self, key: str) -> int:
        """Remove one article (by key) and its quotes. Returns the documents deleted."""
        return int(self._write(lambda w: int(w.delete_by_term("article", key)) + int(w.delete_by_term("marker", key))))

    # -- reading -------------------------------------------------------------------------------
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

    @_reads
    def count(self) -> int:
        """Number of quotes in the index."""
        s = self._reader()
        return int(s.doc_count()) - len(list(s.document_numbers(rtype="article")))

    @_reads
    def speaker_count(self) -> int:
        """Distinct canonical speakers in the index.

        Notes:
            Read from the speaker column, a fraction of ``len(speakers())``'s cost on a large
            index; it does not merge a lone surname into its full name as ``speakers`` does.
        """
        cols = self._columns(self._reader())
        return len({cols.speaker_id[d] for d in cols.quotes} - {""})  # live quotes only

    @_reads
    def article_count(self) -> int:
        """Number of articles in the index."""
        s = self._reader()
        return len(list(s.document_numbers(rtype="article")))

    @_reads
    def search(self, query: str | None = None, speaker: str | None = None, role: str | None = None,
               kind: str | None = None, doc: str | None = None, since: str | Date | None = None,
               until: str | Date | None = None, limit: int | None = 20, sort: str = "relevance") -> list[Quote]:
        """Quotes matching a words query and filters.

        Args:
            query: Whoosh query syntax over the quote text: words, "phrases", AND/OR/NOT,
                wild*cards, and ``field:value`` for speaker, role, kind, cue, doc, outlet….
            speaker: A name or part of one ("Cooper" finds "Brad Cooper" and every alias).
            role: Words of the role ("commander").
            kind: direct, mixed or indirect.
            doc: An article id or key.
            since: Earliest article date (YYYY-MM-DD), inclusive.
            until: Latest article date, inclusive.
            limit: Most results (None: all of them).
            sort: ``relevance`` or ``date`` (newest first).

        Returns:
            ``Quote`` records, best first.

        Raises:
            QueryError: A malformed query, an unknown field, a bad date or limit.
        """
        words, filters, days = self._query_parts(query, speaker, role, kind, doc, since, until)
        if limit is not None and (not isinstance(limit, int) or limit < 1 or limit > MAX_LIMIT):
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT:,}, not {limit!r}")
        if sort not in ("relevance", "date"):
            raise QueryError(f"sort must be 'relevance' or 'date', not {sort!r}")
        s = self._reader()
        cols = self._columns(s)
        allowed = cols.in_days(*days) if days else None
        if words is None:
            # filters only: a set of documents in reading order (or newest first), no scoring
            if filters:
                docs = set(s.docs_for_query(filters[0] if len(filters) == 1 else Q.And(filters)))
                if allowed is not None:
                    docs &= allowed
            else:
                docs = allowed if allowed is not None else cols.quotes
            key = cols.date_key if sort == "date" else cols.reading_key
            top = heapq.nsmallest(limit, docs, key=key) if limit else sorted(docs, key=key)
            return [_to_quote(s.stored_fields(d)) for d in top]
        q = words if not filters else Q.And([words, *filters])
        kwargs: dict[str, Any] = {"limit": limit}  # None: every hit (an export is never cut short)
        if allowed is not None:
            kwargs["filter"] = allowed
        if sort == "date":
            kwargs.update(sortedby="date", reverse=True)
        return [_to_quote(hit.fields()) for hit in s.search(q, **kwargs)]

    def build_query(self, query: str | None = None, speaker: str | None = None, role: str | None = None,
                    kind: str | None = None, doc: str | None = None, since: str | Date | None = None,
                    until: str | Date | None = None) -> Q.Query:
        """The Whoosh query for ``search``'s arguments (exposed for tests and debugging).

        ``search`` itself runs the date range from a per-searcher day table rather than as
        this query's ``NumericRange``; both select the same quotes.
        """
        words, filters, days = self._query_parts(query, speaker, role, kind, doc, since, until)
        parts = ([words] if words is not None else []) + filters
        if days:
            parts.append(Q.NumericRange("date", days[0], days[1]))
        if not parts:
            return Q.Term("rtype", "quote")
        return parts[0] if len(parts) == 1 else Q.And(parts)

    def _query_parts(self, query: str | None, speaker: str | None, role: str | None, kind: str | None,
                     doc: str | None, since: str | Date | None,
                     until: str | Date | None) -> tuple[Q.Query | None, list[Q.Query], tuple[int, int] | None]:
        """The words query, the filter queries, and the (first, last) day of a date range."""
        # Article markers share no searchable field with quotes, so a words query or a filter
        # never matches them; only a bare NOT needs the rtype term.
        words: Q.Query | None = None
        if query is not None and query.strip().strip("*"):  # a bare "*" asks for no words
            words = _parse(query)
            if isinstance(words, Q.Not):
                words = Q.And([Q.Term("rtype", "quote"), words])
        filters: list[Q.Query] = []
        if speaker:
            filters.append(self._speaker_query(speaker))
        if role is not None:
            role_words = [w.lower() for w in re.findall(r"[\w’'\-]+", role)]
            if not role_words:
                raise QueryError(f"role {role!r} has no words to search for", "Give words of the role: --role minister.")
            filters.append(Q.And([Q.Term("role", w) for w in role_words]))
        if kind:
            if kind not in ("direct", "mixed", "indirect"):
                raise QueryError(f"kind must be direct, mixed or indirect, not {kind!r}")
            filters.append(Q.Term("kind", kind))
        if doc:
            filters.append(Q.Or([Q.Term("doc", doc), Q.Term("article", doc)]))
        days = None
        if since or until:
            days = (_date(since) or 1, _date(until, end=True) or Date.max.toordinal())
        return words, filters, days

    def _columns(self, searcher: Any) -> _Columns:
        if self._cols is None or self._cols.searcher is not searcher:
            self._cols = _Columns(searcher)
        return self._cols

    def _speaker_query(self, speaker: str) -> Q.Query:
        """Quotes by every canonical speaker that ``speaker`` names, by name or by any alias.

        Notes:
            Two steps: find the canonical names whose name or aliases hold all the words (in any
            article), then match those names exactly, so an alias used in one article ("CENTCOM")
            finds the speaker's quotes in articles that never used it.
        """
        words = [w.lower() for w in re.findall(r"[\w’'\-]+", speaker)]
        if not words:
            raise QueryError(f"speaker {speaker!r} has no words to search for")
        per_word = Q.And([Q.Or([Q.Term("speaker", w), Q.Term("aliases", w)]) for w in words])
        names = {speaker.strip().lower()}
        s = self._reader()
        speaker_ids = self._columns(s).speaker_id
        names.update(speaker_ids[d] for d in s.docs_for_query(per_word) if speaker_ids[d])
        return Q.Or([Q.Term("speaker_id", n) for n in sorted(names)])

    def highlighter(self, query: str | None) -> Callable[[Quote], str]:
        """A function marking the words of ``query`` in a quote's text with ``[…]``.

        Notes:
            Matches by the index's own stemming, so "security" marks "Security" and "secure".
        """
        terms = set()
        if query:
            for t in _analyzer(re.sub(r"\b(?:AND|OR|NOT)\b|\w+:", " ", query)):
                terms.add(t.text)

        def mark(q: Quote) -> str:
            if not terms:
                return q.text
            out, last = [], 0
            for t in _analyzer(q.text, chars=True, removestops=False):
                if t.text in terms:
                    out.append(q.text[last:t.startchar] + "[" + q.text[t.startchar:t.endchar] + "]")
                    last = t.endchar
            out.append(q.text[last:])
            return "".join(out)

        return mark

    @_reads
    def speakers(self) -> list[Speaker]:
        """Every speaker in the index, merged across articles, most quoted first.

        Notes:
            Speakers merge by canonical name; a person named by surname alone in some article
            joins the one indexed person with that surname, when there is exactly one.
        """
        groups: dict[str, dict[str, Any]] = {}
        s = self._reader()
        for d in s.documents(rtype="quote"):
            name = d.get("speaker")
            if not name:
                continue
            g = groups.setdefault(name, {"type": d.get("speaker_type") or "unknown", "title": None,
                                         "roles": [], "aliases": [], "quotes": 0, "articles": []})
            g["quotes"] += 1
            if d.get("title") and not g["title"]:
                g["title"] = d["title"]
            if d.get("role") and d["role"] not in g["roles"]:
                g["roles"].append(d["role"])
            for a in (d.get("aliases") or "").split(" | "):
                if a and a not in g["aliases"]:
                    g["aliases"].append(a)
            if d["doc"] not in g["articles"]:
                g["articles"].append(d["doc"])
        # "Lambert" alone joins "Kevin Lambert" when he is the only person of that surname
        by_surname: dict[str, list[str]] = defaultdict(list)
        for name, g in groups.items():
            if g["type"] == "person" and len(name.split()) > 1:
                by_surname[name.split()[-1].lower()].append(name)
        for name in list(groups):
            g = groups[name]
            if len(name.split()) == 1 and g["type"] in ("person", "unknown"):
                full = by_surname.get(name.lower(), [])
                if len(full) == 1:
                    tgt = groups[full[0]]
                    tgt["quotes"] += g["quotes"]
                    tgt["roles"] += [r for r in g["roles"] if r not in tgt["roles"]]
                    tgt["aliases"] += [a for a in g["aliases"] + [name] if a not in tgt["aliases"]]
                    tgt["articles"] += [a for a in g["articles"] if a not in tgt["articles"]]
                    del groups[name]
        out = [Speaker(name=n, type=g["type"], title=g["title"], roles=tuple(g["roles"]),
                       aliases=tuple(g["aliases"]), quotes=g["quotes"], articles=tuple(g["articles"]))
               for n, g in groups.items()]
        out.sort(key=lambda sp: (-sp.quotes, sp.name))
        return out

    def export_csv(self, out: str | os.PathLike[str] | IO[str], excel: bool = False, **filters: Any) -> int:
        """Write the quotes ``search(**filters)`` finds as a CSV quote sheet. Returns the row count.

        Notes:
            Without a limit in ``filters`` every matching quote is written. The file is written
            to a temporary name and renamed, so a failed export leaves no half-written sheet.
        """
        filters.setdefault("limit", None)
        quotes = self.search(**filters)
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


def article_key(article: Article) -> str:
    """The key an article is indexed under: ``article.key`` as the reader set it (a file's
    absolute path; a row's table path and id), else its path, else its id."""
    if article.key:
        return article.key
    return str(Path(article.path).resolve()) if article.path else article.id


def _is_unchanged(article: Article, known: dict[str, str], seen: set[str]) -> bool:
    key = article_key(article)
    if key in seen:
        return True  # the same article twice in one run
    seen.add(key)
    return known.get(key) == content_hash(article.text)


def _aliases(quotes: list[Quote]) -> dict[str | None, str]:
    """Every name an article used for each speaker, joined with " | ".

    Notes:
        A person's mention counts only when it is their title and name ("Adm. Brad Cooper",
        "Cooper"): "Mr Brown's former adviser Ed Balls" must not answer ``--speaker Brown``.
        An organisation keeps every mention ("CENTCOM", "the command").
    """
    names: dict[str | None, list[str]] = defaultdict(list)
    for q in quotes:
        if q.mention and q.mention.lower() not in _PRONOUNS:
            mention: str | None = q.mention
            if q.speaker_type == "person" and q.speaker:
                own = set(re.findall(r"[\w’'.\-]+", f"{q.title or ''} {q.speaker}".lower()))
                if not set(re.findall(r"[\w’'.\-]+", q.mention.lower())) <= own | {"the"}:
                    mention = None
            for a in (mention, f"{q.title} {q.speaker}" if q.title and q.speaker else None):
                if a and a not in names[q.speaker]:
                    names[q.speaker].append(a)
    return {k: " | ".join(v) for k, v in names.items()}


def _documents(article: Article, key: str, quotes: list[Quote]) -> Iterator[dict[str, Any]]:
    aliases = _aliases(quotes)
    try:
        when = _date(article.date) if article.date else None
    except QueryError:
        log.warning("%s: date %r is not YYYY-MM-DD; its quotes are indexed without a date", article.id, article.date)
        when = None
    for q in quotes:
        d: dict[str, Any] = {
            "id": f"{key}#{q.start}-{q.end}", "rtype": "quote", "article": key, "doc": q.doc,
            "text": q.text, "speaker": q.speaker or "", "speaker_id": (q.speaker or "").lower(),
            "aliases": aliases.get(q.speaker, ""), "speaker_type": q.speaker_type,
            "role": q.role or "", "title": q.title or "", "kind": q.kind, "cue": q.cue or "",
            "sieve": q.sieve, "confidence": float(q.confidence),
            "article_title": article.title or "", "outlet": article.outlet or "",
            "date_str": article.date, "start": q.start, "end": q.end, "mention": q.mention,
            "mention_start": q.mention_start, "mention_end": q.mention_end, "sentence": q.sentence,
        }
        if when is not None:
            d["date"] = when
        yield d


def _to_quote(d: dict[str, Any]) -> Quote:
    return Quote(
        speaker=d.get("speaker") or None, role=d.get("role") or None, text=d["text"], kind=d["kind"],
        cue=d.get("cue") or None, doc=d["doc"], article_title=d.get("article_title") or None,
        outlet=d.get("outlet") or None, date=d.get("date_str"), sentence=d.get("sentence") or "",
        confidence=float(d.get("confidence", 0.0)), speaker_type=d.get("speaker_type") or "unknown",
        title=d.get("title") or None, mention=d.get("mention"), mention_start=d.get("mention_start"),
        mention_end=d.get("mention_end"), start=int(d["start"]), end=int(d["end"]), sieve=d.get("sieve") or "",
    )


def _date(value: str | Date | None, end: bool = False) -> int | None:
    """The day number (``date.toordinal()``) of YYYY, YYYY-MM or YYYY-MM-DD; ``end`` takes the
    last day of a year or month."""
    if value is None:
        return None
    if isinstance(value, Date):
        value = value.isoformat()
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", str(value).strip())
    if not m:
        raise QueryError(f"dates are YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    y, mo, d = int(m.group(1)), int(m.group(2) or (12 if end else 1)), m.group(3)
    try:
        if d is None:
            import calendar

            day = calendar.monthrange(y, mo)[1] if end else 1
        else:
            day = int(d)
        return Date(y, mo, day).toordinal()
    except ValueError as e:
        raise QueryError(f"not a date: {value!r} ({e})") from e


def _parse(text: str) -> Q.Query:
    """Parse a user's words query, refusing what Whoosh would silently misread."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters; the most is {MAX_QUERY_CHARS:,}")
    outside = re.sub(r'"[^"]*"', " ", text)  # a colon inside a phrase is a word's
    for f, value in re.findall(r"(?<![\w\"])([A-Za-z_]\w*):(\S?)", outside):
        if f not in QUERY_FIELDS:
            raise QueryError(f"unknown field {f!r} in the query",
                             f"Fields: {', '.join(sorted(QUERY_FIELDS))}. Put text with a colon in quotes.")
        if not value:
            raise QueryError(f"the field {f!r} is given no value", f'Write {f}:word or {f}:"two words".')
    if re.fullmatch(r"\s*(?:(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\s*)+", text):
        raise QueryError(f"the query {text!r} is only operators", 'Put words around them: "Iraq AND security".')
    if text.count('"') % 2:
        raise QueryError("unbalanced double quote in the query", 'Close the phrase: "regional security".')
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            break
    if depth != 0:
        raise QueryError("unbalanced parentheses in the query")
    parser = QueryParser("text", SCHEMA)
    try:
        q = parser.parse(text)
    except Exception as e:  # whoosh's parser errors have no common base
        raise QueryError(f"cannot parse the query: {e}") from e
    if q is Q.NullQuery:
        raise QueryError(f"the query {text!r} has no words to search for")
    return q.accept(_flat_patterns)


class _FlatPrefix(Q.Prefix):
    """A prefix query matched as one flat list of documents (see ``_flat_matcher``)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _flat_matcher(self, searcher, context, super().matcher)


class _FlatWildcard(Q.Wildcard):
    """A wildcard query matched as one flat list of documents (see ``_flat_matcher``)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _flat_matcher(self, searcher, context, super().matcher)


def _flat_matcher(q: Any, searcher: Any, context: Any, fallback: Callable[..., Any]) -> Any:
    """The documents of every term a pattern expands to, as one constant-score list.

    Notes:
        Whoosh ORs the expanded terms into a tree of union matchers and walks it with
        block-max bookkeeping per document: ``a*`` (thousands of terms) took 21.8 s at 103k
        quotes. A pattern scores every match alike anyway, so the union of the terms'
        posting ids (deletions already filtered by the reader) answers the same, in one pass.
    """
    from whoosh import matching

    if q.text in ("", "*"):
        return fallback(searcher, context)
    reader = searcher.reader()
    ids: set[int] = set()
    for word in q._btexts(reader):
        if word:
            ids.update(reader.postings(q.fieldname, word).all_ids())
    if not ids:
        return matching.NullMatcher()
    return matching.ListMatcher(sorted(ids), all_weights=q.boost)


def _flat_patterns(q: Q.Query) -> Q.Query:
    """Swap Whoosh's pattern queries for the flat ones; a bare ``*`` means every quote."""
    if isinstance(q, Q.Wildcard) and q.text.strip("*") == "":
        return Q.Term("rtype", "quote")
    if type(q) is Q.Prefix:
        return _FlatPrefix(q.fieldname, q.text, boost=q.boost)
    if type(q) is Q.Wildcard:
        return _FlatWildcard(q.fieldname, q.text, boost=q.boost)
    return q
