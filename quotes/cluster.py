"""Extraction on a Dask cluster, for corpora past one machine.

``--cluster tcp://SCHEDULER:8786`` uses a running ``dask scheduler`` and its workers;
``--cluster local:N`` starts N worker processes here. The corpus is cut into partitions (a group
of text files, a byte range of a JSONL file, one CSV file) that workers read themselves, so a
10-million-article corpus never sits in one process: the client holds only the partition list
and a bounded window of results. Results come back in input order. With a Whoosh index they
stream to its one writer; with a Solr index each worker writes its own batches to Solr (the
index hands ``run_on_cluster`` the function that does it).

A worker killed mid-run changes nothing in the result: Dask runs its partitions again elsewhere,
and writes are idempotent (the same keys; an unchanged article is left as it is).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, QuotesError
from .models import Article, Quote
from .read import MAX_BYTES, TABLE_SUFFIXES, Skipped, iter_articles, jsonl_rows, row_articles, walk
from .workers import safe_extract

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Text files per partition, and bytes of a JSONL file per partition.
FILES_PER_PART = 32
BYTES_PER_PART = 4 * 1024 * 1024


class ClusterError(QuotesError):
    """The Dask cluster cannot be reached or started, or Dask is not installed."""

    default_hint = "Start one (dask scheduler; dask worker tcp://HOST:8786), or use --cluster local:2."


@dataclass(frozen=True)
class Partition:
    """A piece of the corpus one worker reads: text files; or the lines of one JSONL file from
    byte ``start`` to ``end`` (both at line starts), the first being row ``first_row + 1``; or
    one CSV file (whose quoted cells may hold newlines, so it is never cut)."""

    kind: str  # "text" | "jsonl" | "csv"
    paths: tuple[str, ...]
    start: int = 0
    end: int = 0
    first_row: int = 0


def partitions(paths: Iterable[str | os.PathLike[str]], skipped: list[Skipped]) -> Iterator[Partition]:
    """The partitions of ``paths`` (files and folders; not standard input), in input order.

    Notes:
        A JSONL file is cut at line starts about every ``BYTES_PER_PART`` bytes; the client
        counts the lines while it cuts (one streaming read, nothing held), so rows keep the
        numbers a single process gives them.
    """
    texts: list[str] = []
    for raw in paths:
        if str(raw) == "-":
            raise InputError("standard input cannot be spread over a cluster", "Give files or folders with --cluster.")
        p = Path(raw)
        files = walk(p, skipped) if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() not in TABLE_SUFFIXES:
                texts.append(str(f))
                if len(texts) >= FILES_PER_PART:
                    yield Partition("text", tuple(texts))
                    texts = []
                continue
            if texts:
                yield Partition("text", tuple(texts))
                texts = []
            if f.suffix.lower() == ".csv":
                yield Partition("csv", (str(f),))
            else:
                yield from _jsonl_parts(f, skipped)
    if texts:
        yield Partition("text", tuple(texts))


def _jsonl_parts(f: Path, skipped: list[Skipped]) -> Iterator[Partition]:
    try:
        handle = open(f, "rb")
    except OSError:
        yield Partition("text", (str(f),))  # let the worker's reader name the problem
        return
    with handle:
        start, rows = 0, 0
        while True:
            handle.seek(start)
            taken, lines = 0, 0
            while taken < BYTES_PER_PART:
                line = handle.readline(1 << 20)
                if not line:
                    break
                taken += len(line)
                lines += line.endswith(b"\n")
            if taken == 0:
                return
            if line and not line.endswith(b"\n"):  # a line longer than one read: finish it
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    taken += len(rest)
                if rest:
                    taken += len(rest)
                    lines += 1
            yield Partition("jsonl", (str(f),), start, start + taken, rows)
            start, rows = start + taken, rows + lines


def read_partition(part: Partition, max_bytes: int, skipped: list[Skipped]) -> Iterator[Article]:
    """The articles of one partition (on the worker)."""
    if part.kind != "jsonl":
        yield from iter_articles(list(part.paths), skipped, max_bytes=max_bytes)
        return
    path = Path(part.paths[0])
    with open(path, "rb") as f:
        f.seek(part.start)
        data = io.BytesIO(f.read(part.end - part.start))
    rows = jsonl_rows(data, str(path), skipped, max_bytes, first_row=part.first_row)
    yield from row_articles(rows, str(path), str(path.resolve()), skipped, None, max_bytes)


def extract_partition(part: Partition, max_bytes: int) -> tuple[list[tuple[Article, list[Quote]]], list[Skipped]]:
    """Read and extract one partition (runs on a worker)."""
    skipped: list[Skipped] = []
    return [(a, safe_extract(a)) for a in read_partition(part, max_bytes, skipped)], skipped


@contextmanager
def connect(spec: str) -> Iterator[Any]:
    """A Dask client: ``tcp://HOST:PORT`` (a running scheduler) or ``local:N`` (N worker
    processes started here, one thread each)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ClusterError("Dask is not installed", "pip install 'quotes[cluster]' (dask[distributed])") from e
    try:
        if spec.startswith("local:"):
            n = int(spec.split(":", 1)[1])
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                              dashboard_address=None, silence_logs=logging.ERROR) as lc, \
                    Client(lc) as client:  # type: ignore[no-untyped-call]
                yield client
        else:
            with Client(spec, timeout=10) as client:  # type: ignore[no-untyped-call]
                yield client
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec} ({e})") from e
    except ValueError as e:
        raise ClusterError(f"not a cluster: {spec!r} (tcp://HOST:PORT or local:N)") from e


def _in_order(client: Any, func: Any, parts: Iterable[Partition], *args: Any, window: int) -> Iterator[Any]:
    """``func(part, *args)`` over every partition on the cluster, results in input order, at
    most ``window`` partitions in flight (the client's memory stays bounded)."""
    pending: list[Any] = []
    it = iter(parts)
    for part in it:
        pending.append(client.submit(func, part, *args, pure=False))
        if len(pending) >= window:
            break
    while pending:
        fut = pending.pop(0)
        yield fut.result()
        fut.release()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(client.submit(func, nxt, *args, pure=False))


def run_on_cluster(paths: Iterable[str | os.PathLike[str]], spec: str, func: Callable[..., tuple[T, list[Skipped]]],
                   *args: Any, skipped: list[Skipped]) -> Iterator[T]:
    """``func(partition, *args)`` on the cluster ``spec`` for every partition of ``paths``, in
    input order; each call returns its result and the inputs it skipped.

    Notes:
        ``func`` runs on a worker, so it must be a module's function (Dask ships it by name).
        The index uses this to have each worker write its own partitions to Solr: what runs
        where is the caller's choice, and this module never calls back into the index. A
        bounded window (four partitions per worker) is in flight.
    """
    with connect(spec) as client:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})))
        for result, lost in _in_order(client, func, partitions(paths, skipped), *args, window=window):
            for s in lost:
                log.warning("skipped %s: %s", s.source, s.reason)
            skipped.extend(lost)
            yield result


def extract_on_cluster(paths: Iterable[str | os.PathLike[str]], spec: str, skipped: list[Skipped] | None = None,
                       max_bytes: int = MAX_BYTES) -> Iterator[tuple[Article, list[Quote]]]:
    """Every article of ``paths`` with its quotes, extracted on the cluster ``spec``, in input order.

    Notes:
        Partitions are read on the workers (``extract_partition``).
    """
    skipped = skipped if skipped is not None else []
    for pairs in run_on_cluster(paths, spec, extract_partition, max_bytes, skipped=skipped):
        yield from pairs
