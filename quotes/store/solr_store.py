"""The quote index on SolrCloud: the same records and searches as ``WhooshStore``, over HTTP.

Selected by an index location ``http://HOST:PORT/solr/COLLECTION``. The collection's schema
(``solr_conf/``, shipped in the package) mirrors the Whoosh schema field for field and analyses
text alike, so the same words, phrases, filters and date ranges find the same quotes. Nothing
but the standard library talks to Solr (``urllib``, JSON).

Writes: one update request per batch (deletions of the batch's changed articles, their quotes,
each article's marker last, then a commit), so a batch becomes visible at once; a run cut short
leaves articles without their marker, which the next run writes again.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from importlib import resources
from typing import Any

from ..errors import IndexNotFoundError, IndexWriteError, QueryError, QuotesError
from ..models import Article, Quote
from .backend import BatchCounts, Hits
from .documents import marker_record, plan_batch, quote_records, to_quote
from .filters import SearchFilters, has_words, indexed_words, words_of

log = logging.getLogger(__name__)

#: The configset's name carries its version: a changed schema is uploaded beside the old one.
CONFIGSET = "quotes-2"  # 2: words of one character are indexed in the quote text, as Whoosh does
TIMEOUT = 120.0
#: Seconds an update keeps trying through a node's failure (ZooKeeper notices within its session timeout).
UPDATE_RETRY = 60.0
#: Seconds a search keeps trying while the cluster fails over (Solr answers 503 meanwhile).
QUERY_RETRY = 20.0
_PAGE = 1000
_URL = re.compile(r"(?P<base>https?://[^/\s]+/solr)/(?P<collection>[A-Za-z0-9_\-.]+)/?")
_STORED = ("id,rtype,article,doc,text,speaker,speaker_id,aliases,speaker_type,role,title,kind,cue,sieve,"
           "confidence,article_title,outlet,date_str,start,end,mention,mention_start,mention_end,sentence")
_SPEAKER_CLAUSE = re.compile(r'(?<![\w"])speaker:(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s()"]+))')


def split_url(url: str) -> tuple[str, str]:
    """(``http://host:port/solr``, collection) of a collection URL.

    Raises:
        IndexNotFoundError: the URL does not name a collection.
    """
    m = _URL.fullmatch(url.strip())
    if m is None:
        raise IndexNotFoundError(f"{url} does not name a Solr collection",
                                 "Give http://HOST:PORT/solr/COLLECTION, e.g. http://127.0.0.1:8983/solr/quotes.")
    return m.group("base"), m.group("collection")


def _q(value: str) -> str:
    """A Solr query term for an exact value."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Http:
    """JSON over HTTP to one Solr node, with the package's errors."""

    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, path: str, params: dict[str, Any] | None = None, body: bytes | None = None,
             content_type: str = "application/json", retry: float = 0.0) -> dict[str, Any]:
        """One request; with ``retry`` seconds, transient failures (a 5xx while the cluster
        fails over from a dead node) are tried again with backoff: updates are idempotent."""
        delay, deadline = 1.0, time.monotonic() + retry
        while True:
            try:
                return self._call(path, params, body, content_type)
            except _Transient as e:
                if time.monotonic() + delay > deadline:
                    raise e.error from None
                log.info("Solr: %s; trying again in %.0f s", e.error, delay)
                time.sleep(delay)
                delay = min(delay * 2, 8.0)

    def _call(self, path: str, params: dict[str, Any] | None, body: bytes | None,
              content_type: str) -> dict[str, Any]:
        query = urllib.parse.urlencode({"wt": "json", **(params or {})}, doseq=True)
        req = urllib.request.Request(f"{self.base}{path}?{query}", data=body, method="POST" if body is not None else "GET")
        if body is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                answer: dict[str, Any] = json.loads(resp.read().decode("utf-8"))
                return answer
        except urllib.error.HTTPError as e:
            detail = _solr_message(e)
            if e.code == 404:
                raise IndexNotFoundError(f"Solr at {self.base} has no {path.split('/')[1]!r} ({detail})",
                                         "Create it: quotes solr init http://HOST:PORT/solr/COLLECTION") from e
            if e.code == 400:
                raise QueryError(f"Solr refused the request: {detail}") from e
            err = QuotesError(f"Solr at {self.base} answered {e.code}: {detail}",
                              "Check the cluster (its nodes and replicas), then run the command again.")
            err.__cause__ = e
            raise _Transient(err) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise IndexNotFoundError(f"cannot reach Solr at {self.base} ({reason})",
                                     "Is the cluster running? scripts/solrcloud start DIR starts one on this machine.") from e


class _Transient(Exception):
    """A failure worth trying again (Solr answered 5xx)."""

    def __init__(self, error: QuotesError) -> None:
        super().__init__(str(error))
        self.error = error


def _solr_message(e: urllib.error.HTTPError) -> str:
    try:
        data = json.loads(e.read().decode("utf-8"))
        return str(data.get("error", {}).get("msg") or data)[:500]
    except Exception:  # not JSON: the status line will do
        return str(e.reason)


class SolrStore:
    """A quote index in a SolrCloud collection (see ``backend.Backend`` for each method).

    Args:
        url: ``http://HOST:PORT/solr/COLLECTION``.
        create: Accepted for the same signature as ``WhooshStore``; a collection is created
            only by ``init_collection`` (``quotes solr init``), with its shards and replicas.
        lock_timeout: Unused: Solr serialises updates itself.

    Raises:
        IndexNotFoundError: Solr cannot be reached, or has no such collection.
    """

    def __init__(self, url: str, create: bool = False, lock_timeout: float = 30.0) -> None:
        self.base, self.collection = split_url(url)
        self.location = f"{self.base}/{self.collection}"
        self.http = _Http(self.base)
        status = self.http.call("/admin/collections", {"action": "CLUSTERSTATUS"})
        if self.collection not in status.get("cluster", {}).get("collections", {}):
            raise IndexNotFoundError(f"Solr at {self.base} has no collection {self.collection!r}",
                                     f"Create it: quotes solr init {self.location}")

    def close(self) -> None:
        pass

    # -- writing ------------------------------------------------------------------------------
    def _update(self, commands: list[tuple[str, Any]], commit: bool = True) -> None:
        """One update request; JSON with repeated keys, as Solr's command format allows."""
        parts = [f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=False)}" for k, v in commands]
        if commit:
            parts.append('"commit":{}')
        body = ("{" + ",".join(parts) + "}").encode("utf-8")
        try:
            self.http.call(f"/{self.collection}/update", body=body, retry=UPDATE_RETRY)
        except QueryError as e:
            raise IndexWriteError(f"Solr refused a batch: {e}") from e

    def write(self, batch: list[tuple[Article, str, list[Quote]]]) -> BatchCounts:
        counts = BatchCounts()
        current = self._hashes_of([key for _a, key, _q in batch])
        commands: list[tuple[str, Any]] = []
        for article, key, quotes, replaces in plan_batch(batch, current, counts):
            if replaces:
                commands.append(("delete", {"query": f"article:{_q(key)} OR marker:{_q(key)}"}))
            # the marker last: an article whose request broke off is written again next time
            for doc in [*quote_records(article, key, quotes), marker_record(article, key, len(quotes))]:
                commands.append(("add", {"doc": {k: v for k, v in doc.items() if v is not None}}))
        if commands:
            self._update(commands)
        return counts

    def remove(self, key: str) -> int:
        n = self._count(f"article:{_q(key)} OR marker:{_q(key)}")
        self._update([("delete", {"query": f"article:{_q(key)} OR marker:{_q(key)}"})])
        return n

    # -- reading ------------------------------------------------------------------------------
    def _select(self, params: dict[str, Any]) -> dict[str, Any]:
        # as a form POST: a query naming hundreds of article keys is longer than a URL may be
        body = urllib.parse.urlencode({"wt": "json", **params}, doseq=True).encode("utf-8")
        return self.http.call(f"/{self.collection}/select", body=body, content_type="application/x-www-form-urlencoded",
                              retry=QUERY_RETRY)

    def _count(self, q: str) -> int:
        return int(self._select({"q": q, "rows": 0})["response"]["numFound"])

    def _cursor(self, q: str, fl: str) -> Iterator[dict[str, Any]]:
        """Every document matching ``q``, by id."""
        return self._cursor_sorted({"q": q, "fl": fl}, "id asc")

    def _hashes_of(self, keys: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(keys), 200):
            q = "marker:(" + " OR ".join(_q(k) for k in keys[i:i + 200]) + ")"
            for d in self._cursor(q, "marker,hash"):
                out[d["marker"]] = d["hash"]
        return out

    def hashes(self) -> dict[str, str]:
        return {d["marker"]: d["hash"] for d in self._cursor("rtype:article", "marker,hash")}

    def quote_count(self) -> int:
        return self._count("rtype:quote")

    def article_count(self) -> int:
        return self._count("rtype:article")

    def speaker_count(self) -> int:
        data = self._select({"q": "rtype:quote", "fq": "speaker_id:[* TO *]", "rows": 0,
                             "json.facet": json.dumps({"n": "unique(speaker_id)"})})
        return int(data.get("facets", {}).get("n", 0))

    def records(self) -> Iterator[dict[str, Any]]:
        return self._cursor("rtype:quote", _STORED)

    def search(self, query: str | None, filters: SearchFilters, limit: int | None, sort: str) -> Hits:
        words = query if query is not None and has_words(query) else None
        if words is not None:
            from .query import (
                parse_query,  # Whoosh's parser: loaded only to check a query
            )

            parse_query(words)  # the same syntax checks, the same errors, as on Whoosh
            words = self._speaker_clauses(words)
        fq = ["rtype:quote", *self._filter_queries(filters)]
        if words is None or sort == "date":
            order = "date desc, article asc, start asc" if sort == "date" else "article asc, start asc"
        else:
            order = "score desc, article asc, start asc"
        params = {"q": words or "*:*", "fq": fq, "fl": _STORED, "sort": order}
        if limit is None:  # every hit, a page at a time
            docs = [to_quote(_plain(d)) for d in self._cursor_sorted(params, order)]
            return Hits(docs, len(docs))
        data = self._select({**params, "rows": limit})
        return Hits([to_quote(_plain(d)) for d in data["response"]["docs"]], int(data["response"]["numFound"]))

    def _cursor_sorted(self, params: dict[str, Any], order: str) -> Iterator[dict[str, Any]]:
        """Every document ``params`` select, in ``order``, a page at a time (cursorMark: stable
        under paging; it needs the unique key as the last sort)."""
        sort = order if order.endswith("id asc") else f"{order}, id asc"
        mark = "*"
        while True:
            data = self._select({**params, "rows": _PAGE, "sort": sort, "cursorMark": mark})
            yield from data["response"]["docs"]
            nxt = data.get("nextCursorMark", mark)
            if nxt == mark:
                return
            mark = nxt

    def _filter_queries(self, f: SearchFilters) -> list[str]:
        fq = []
        if f.speaker:
            fq.append(self._speaker_filter(f.speaker))
        if f.role:
            fq.append("role:(" + " AND ".join(_q(w) for w in indexed_words(f.role)) + ")")
        if f.kind:
            fq.append(f"kind:{_q(f.kind)}")
        if f.doc:
            fq.append(f"doc:{_q(f.doc)} OR article:{_q(f.doc)}")
        days = f.days()
        if days is not None:
            fq.append(f"date:[{days[0]} TO {days[1]}]")
        return fq

    def _speaker_ids(self, speaker: str) -> list[str]:
        """Canonical speaker ids whose name or aliases hold every word of ``speaker``."""
        words = words_of(speaker)
        if not words:
            return []
        q = " AND ".join(f"(speaker:{_q(w)} OR aliases:{_q(w)})" for w in words)
        data = self._select({"q": q, "fq": "rtype:quote", "rows": 0,
                             "json.facet": json.dumps({"ids": {"type": "terms", "field": "speaker_id", "limit": -1}})})
        ids = {b["val"] for b in data.get("facets", {}).get("ids", {}).get("buckets", [])}
        ids.add(speaker.strip().lower())
        return sorted(ids)

    def _speaker_filter(self, speaker: str) -> str:
        return "speaker_id:(" + " OR ".join(_q(i) for i in self._speaker_ids(speaker)) + ")"

    def _speaker_clauses(self, query: str) -> str:
        """``speaker:X`` and ``speaker:"X Y"`` in a query mean what ``--speaker`` means."""
        def swap(m: re.Match[str]) -> str:
            name = m.group("phrase") if m.group("phrase") is not None else m.group("word")
            return "(" + self._speaker_filter(name) + ")" if words_of(name) else m.group(0)

        return _SPEAKER_CLAUSE.sub(swap, query)


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    """A Solr document as the stored record ``to_quote`` reads (multi-values are never used)."""
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in d.items()}


def _configset_zip() -> bytes:
    """The shipped configset (``solr_conf/``) as the zip Solr's upload API takes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in resources.files(__package__).joinpath("solr_conf").iterdir():
            if f.is_file():
                z.writestr(f.name, f.read_bytes())
    return buf.getvalue()


def init_collection(url: str, shards: int = 2, replicas: int = 2, wait: float = 120.0) -> str:
    """Upload the quotes configset and create the collection ``url`` names, then wait until
    every replica is active.

    Args:
        url: ``http://HOST:PORT/solr/COLLECTION``.
        shards: Number of shards.
        replicas: Replicas of each shard (the replication factor).
        wait: Seconds to wait for every replica to be active.

    Returns:
        What was done: "created" or "exists".

    Raises:
        IndexNotFoundError: Solr cannot be reached.
        QuotesError: Solr refused, or the replicas did not become active in time.
    """
    base, collection = split_url(url)
    http = _Http(base)
    status = http.call("/admin/collections", {"action": "CLUSTERSTATUS"})
    if collection in status.get("cluster", {}).get("collections", {}):
        return "exists"
    configs = http.call("/admin/configs", {"action": "LIST"}).get("configSets", [])
    if CONFIGSET not in configs:
        http.call("/admin/configs", {"action": "UPLOAD", "name": CONFIGSET}, body=_configset_zip(),
                  content_type="application/octet-stream")
    http.call("/admin/collections", {"action": "CREATE", "name": collection, "numShards": shards,
                                     "replicationFactor": replicas, "collection.configName": CONFIGSET,
                                     "waitForFinalState": "true"})
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if _all_active(http, collection):
            return "created"
        time.sleep(0.5)
    raise QuotesError(f"collection {collection!r} was created, but not every replica is active after {wait:g} s",
                      "Check the nodes' logs; the collection may still come up.")


def _all_active(http: _Http, collection: str) -> bool:
    state = http.call("/admin/collections", {"action": "CLUSTERSTATUS", "collection": collection})
    shards = state.get("cluster", {}).get("collections", {}).get(collection, {}).get("shards", {})
    live = set(state.get("cluster", {}).get("live_nodes", []))
    replicas = [r for s in shards.values() for r in s.get("replicas", {}).values()]
    return bool(replicas) and all(r.get("state") == "active" and r.get("node_name") in live for r in replicas)
