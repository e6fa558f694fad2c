"""Extraction over many articles: reading, optional parallel workers, and skipping.

Shared by ``quotes extract`` and ``quotes index`` (and the benchmarks), so both read input the
same way and report the same skipped files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .extract import extract_article
from .models import Article, Quote
from .read import MAX_BYTES, Skipped, iter_articles

log = logging.getLogger(__name__)


def _articles(sources: Iterable[str | os.PathLike[str] | Article], skipped: list[Skipped],
              max_bytes: int | None) -> Iterator[Article]:
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
                 chunk: int = 64) -> Iterator[tuple[Article, list[Quote] | None]]:
    """Extract quotes from every article of ``sources``, in input order.

    Args:
        sources: Paths (files, folders, ``-``) or ``Article`` objects.
        jobs: Worker processes (1: in this process).
        skipped: Receives a ``Skipped`` for each unreadable input.
        max_bytes: Skip files larger than this.
        skip: If it returns True for an article, the article is yielded with ``None`` and not
            extracted (the index uses this for unchanged articles).
        chunk: Articles sent to the workers at a time.

    Yields:
        ``(article, quotes)``; quotes is None for articles ``skip`` passed over.

    Notes:
        Workers come from a ``multiprocessing`` pool with ``imap`` (order kept); reading stays in
        this process so warnings and the skipped list are complete.
    """
    skipped = skipped if skipped is not None else []
    articles = _articles(sources, skipped, max_bytes)
    if jobs <= 1:
        for a in articles:
            yield (a, None) if skip and skip(a) else (a, _safe_extract(a))
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs) as pool:
        while True:
            block = list(islice(articles, chunk * jobs))
            if not block:
                break
            todo = [a for a in block if not (skip and skip(a))]
            done = iter(pool.imap(_safe_extract, todo, chunksize=max(1, len(todo) // (jobs * 4) or 1)))
            todo_ids = {id(a) for a in todo}
            for a in block:
                yield (a, next(done)) if id(a) in todo_ids else (a, None)
