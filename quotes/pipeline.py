"""Extraction over many articles: reading, optional parallel workers, and skipping.

Shared by ``quotes extract`` and ``quotes index`` (and the benchmarks), so both read input the
same way and report the same skipped files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any

from .models import Article, Quote
from .read import MAX_BYTES, Skipped, iter_articles
from .workers import ignore_interrupts, safe_extract

log = logging.getLogger(__name__)


def articles_from(sources: Iterable[str | os.PathLike[str] | Article], skipped: list[Skipped],
              max_bytes: int | None) -> Iterator[Article]:
    """The articles of ``sources`` (paths or ``Article`` objects) in order; unreadable inputs
    go to ``skipped`` with a warning."""
    paths: list[str | os.PathLike[str]] = []
    for s in sources:
        if isinstance(s, Article):
            if paths:
                yield from iter_articles(paths, skipped, max_bytes=max_bytes or MAX_BYTES)
                paths = []
            yield s
        else:
            paths.append(s)
    if paths:
        yield from iter_articles(paths, skipped, max_bytes=max_bytes or MAX_BYTES)


def extract_many(sources: Iterable[str | os.PathLike[str] | Article], jobs: int = 1,
                 skipped: list[Skipped] | None = None, max_bytes: int | None = None,
                 skip: Callable[[Article], bool] | None = None,
                 chunk: int = 64, cluster: str | None = None) -> Generator[tuple[Article, list[Quote] | None], None, None]:
    """Extract quotes from every article of ``sources``, in input order.

    Args:
        sources: Paths (files, folders, ``-``) or ``Article`` objects.
        jobs: Worker processes (1: in this process).
        skipped: Receives a ``Skipped`` for each unreadable input.
        max_bytes: Skip files larger than this.
        skip: If it returns True for an article, the article is yielded with ``None`` and not
            extracted (the index uses this for unchanged articles).
        chunk: With ``jobs`` > 1, articles per worker that reading may run ahead (a quarter of
            it goes to a worker per task).
        cluster: A Dask cluster (``tcp://HOST:PORT`` or ``local:N``): workers read and extract
            partitions of the input (``quotes.cluster``); ``jobs`` is then unused. Paths only.

    Yields:
        ``(article, quotes)``; quotes is None for articles ``skip`` passed over.

    Notes:
        Workers come from a ``multiprocessing`` pool with ``imap`` (order kept); reading stays in
        this process so warnings and the skipped list are complete.
    """
    skipped = skipped if skipped is not None else []
    if cluster:
        from .cluster import extract_on_cluster

        paths = [s for s in sources if not isinstance(s, Article)]
        for a, q in extract_on_cluster(paths, cluster, skipped, max_bytes or MAX_BYTES):
            yield (a, None) if skip and skip(a) else (a, q)
        return
    articles = articles_from(sources, skipped, max_bytes)
    if jobs <= 1:
        for a in articles:
            yield (a, None) if skip and skip(a) else (a, safe_extract(a))
        return
    yield from _parallel(articles, jobs, skip, chunk)


_END = object()


def _parallel(articles: Iterator[Article], jobs: int, skip: Callable[[Article], bool] | None,
              chunk: int) -> Iterator[tuple[Article, list[Quote] | None]]:
    """``extract_many`` over a process pool, streaming: no barrier between batches.

    Notes:
        The pool's feeder thread pulls articles through ``feed`` while this generator hands
        out results, so workers never wait for the consumer to finish a batch. A queue keeps
        input order (skipped articles included) and a semaphore bounds how far reading runs
        ahead of the consumer (``jobs * chunk`` articles), so memory stays flat on any archive.
    """
    import multiprocessing as mp
    import queue
    import threading

    order: queue.Queue[Any] = queue.Queue()
    bound = max(2, jobs * chunk)
    ahead = threading.Semaphore(bound)
    stop = threading.Event()
    failure: list[BaseException] = []

    def feed() -> Iterator[Article]:
        try:
            for a in articles:
                ahead.acquire()
                if stop.is_set():
                    return
                if skip and skip(a):
                    order.put((a, False))
                else:
                    order.put((a, True))
                    yield a
        except BaseException as e:  # reading failed: hand the error to the consumer
            failure.append(e)
        finally:
            order.put(_END)

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=ignore_interrupts) as pool:
        try:
            results = pool.imap(safe_extract, feed(), chunksize=max(1, chunk // 4))
            while True:
                item = order.get()
                if item is _END:
                    break
                article, extracted = item
                quotes = next(results) if extracted else None
                ahead.release()
                yield article, quotes
        finally:
            # the consumer may stop early: let a feeder blocked on the semaphore see the stop,
            # or the pool's shutdown would wait for its task thread forever
            stop.set()
            for _ in range(bound):
                ahead.release()
    if failure:
        raise failure[0]
