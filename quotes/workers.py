"""What every process that extracts does for itself: the worker side of extraction.

The command line, its ``--jobs`` pool (``pipeline``), the index's segment workers
(``store.segments``) and Dask's workers (``cluster``) all extract articles in processes whose
only job that is. Each needs the same three things, kept here so that none of them reaches into
another for them: extraction that never raises (``safe_extract``), a worker that leaves Ctrl-C
to its parent (``ignore_interrupts``), and a process settled for the work (``settle_process``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from .extract import extract_article
from .models import Article, Quote

log = logging.getLogger(__name__)


def safe_extract(article: Article) -> list[Quote]:
    """Extraction that never takes the run down: a rule that fails on one article is logged."""
    try:
        return extract_article(article)
    except Exception:  # a bug in a rule must not lose the rest of the archive
        log.exception("extraction failed on %s; no quotes kept for it", article.id)
        return []


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which ends them: no traceback from each worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
