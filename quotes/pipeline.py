"""Extraction over many articles: reading, optional parallel workers, and skipping.

Shared by ``quotes extract`` and ``quotes index`` (and the benchmarks), so both read input the
same way and report the same skipped files.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any

from .extract import extract_article
from .models import Article, Quote
from .read import MAX_BYTES, Skipped, iter_articles

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


def _safe_extract(article: Article) -> list[Quote]:
    """Extraction that never takes the run down: a rule that fails on one article is logged."""
    try:
        return extract_article(article)
    except Exception:  # a bug in a rule must not lose the rest of the archive
        log.exception("extraction failed on %s; no quotes kept for it", article.id)
        return []


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
            yield (a, None) if skip and skip(a) else (a, _safe_extract(a))
        return
    yield from _parallel(articles, jobs, skip, chunk)


_END = object()


#: Allocations between collections of the youngest generation in a settled process.
GC_YOUNG_THRESHOLD = 10_000


def settle_process() -> None:
    """Prepare a process whose work is extraction: load what every article reads (Punkt's
    parameters, the span model), then freeze everything alive out of the garbage collector.

    Notes:
        CPython's cyclic collector walks every tracked object on each full collection: the
        modules, word tables and Punkt's parameters are tens of thousands of them, and an
        archive's worth of tokens triggers many collections (about 5 % of ``quotes
        extract``). ``gc.freeze`` moves what exists now to a permanent generation that is never
        walked and never freed, which suits the command line and its workers but not a library
        caller's long-lived process, so the API never calls it on its own.

        The youngest generation is also collected less often (``GC_YOUNG_THRESHOLD``
        allocations, not CPython's 700): extraction makes a token object per word and the
        index writer a tuple per posting, nearly all freed by reference counting or never
        cyclic, and walking them a few hundred at a time cost about 4 % of ``quotes extract``
        and of ``quotes index -j 2`` (their workers are forked from the settled process).
        Finalizers then run in larger batches, so a Ctrl-C that lands in one, which Python
        drops, is raised again (``_interrupts_kept``).
    """
    import gc

    from .learned import default_model
    from .split import tokenizer

    tokenizer()
    default_model()
    if not gc.get_freeze_count():  # once per process: a host that calls it again keeps its garbage
        gc.freeze()
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        sys.unraisablehook = _interrupts_kept(sys.unraisablehook)


def _interrupts_kept(previous: Callable[[Any], object]) -> Callable[[Any], object]:
    """An ``sys.unraisablehook`` that raises a dropped Ctrl-C again in the main thread.

    Notes:
        Python runs a finalizer (``__del__``: Whoosh's file locks have one) whenever an object
        is freed, and a KeyboardInterrupt raised inside one is printed as "Exception ignored"
        and dropped: the run would go on and exit 0. A thread sends SIGINT to the main thread
        again a moment later (from inside this hook it would be raised in the hook, and dropped
        again), as a signal so that a main thread blocked on a lock wakes to it; should it land
        in a finalizer once more, this hook sends it once more.
    """
    import _thread
    import signal
    import threading
    import time

    def again() -> None:
        time.sleep(0.01)
        if hasattr(signal, "pthread_kill"):
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        else:  # Windows: no per-thread signals
            _thread.interrupt_main()

    def hook(unraisable: Any) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            threading.Thread(target=again, daemon=True, name="quotes-interrupt").start()
            return
        previous(unraisable)

    return hook


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which ends them: no traceback from each worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    with ctx.Pool(jobs, initializer=_ignore_interrupts) as pool:
        try:
            results = pool.imap(_safe_extract, feed(), chunksize=max(1, chunk // 4))
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
