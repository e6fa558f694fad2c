"""Index writing on several cores: worker processes extract articles and each writes a Whoosh
segment of its own; the parent commits their segments together under its write lock.

Whoosh analyses and pools every posting in Python, about as much CPU per article as extraction
itself, so one writer fed by extraction workers caps ``quotes index -j N`` near one core.
Here each worker keeps one open segment per batch: it extracts the articles it is sent, adds
their documents, and on ``finish`` closes the segment and hands back its description. The
parent never sees a quote; it plans the batch (what is new, what replaces what), deletes the
replaced articles' documents, and writes one table of contents naming the old segments and
the workers' new ones, so a batch becomes visible whole or not at all.

Safety:
    The workers start before the parent takes the write lock, so none of them holds a copy of
    the lock's descriptor (a forked child would keep a lock alive after its parent died).
    A worker's segment files are invisible until the parent's table of contents names them;
    if anything fails, the parent stops every worker first and then removes what no commit
    names (``files.remove_uncommitted``), so the index stays at its last commit.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import IndexWriteError
from ..models import Article

log = logging.getLogger(__name__)

#: Articles per message to a worker: small enough to keep both cores busy to the end of a
#: batch and the progress display moving, large enough that messages cost nothing.
CHUNK = 16
_OUTSTANDING = 2  # chunks queued per worker, so a worker never waits for the parent
_POLL = 0.5       # seconds between checks that every worker is still alive


def _worker(path: str, wid: int, tasks: Any, results: Any) -> None:
    """A worker's loop: ``("add", items)`` extracts and writes, ``("finish", None)`` closes
    the segment and returns it, ``None`` ends the process."""
    from ..workers import ignore_interrupts, safe_extract
    from . import files
    from .schema import SCHEMA
    from .writer import index_documents, open_writer

    ignore_interrupts()
    parent = _die_with_parent()
    ix = files.open_index(Path(path), SCHEMA)
    writer: Any = None
    while True:
        try:
            msg = tasks.get(timeout=_POLL)
        except queue.Empty:
            if os.getppid() != parent:
                break  # the parent is gone (where the kernel cannot end us with it)
            continue
        if msg is None:
            break
        op, items = msg
        try:
            if op == "add":
                if writer is None:
                    writer = open_writer(ix, _lk=False)
                counts = []
                for article, key in items:
                    quotes = safe_extract(article)
                    for doc in index_documents(article, key, quotes):
                        writer.add_document(**doc)
                    counts.append(len(quotes))
                results.put(("added", wid, counts))
            else:
                segment = None
                if writer is not None and writer._added:
                    # flushed and closed, not _finish()ed: the temporary folder is the parent's
                    segment = writer._finalize_segment()
                elif writer is not None:
                    writer._close_segment()
                writer = None
                results.put(("segment", wid, segment))
        except BaseException as e:  # reported to the parent, which stops the batch
            results.put(("error", wid, (isinstance(e, OSError), f"{type(e).__name__}: {e}")))
            if writer is not None:
                try:
                    writer._close_segment()
                except Exception as e2:
                    log.debug("closing a failed segment: %s", e2)
                writer = None


def _die_with_parent() -> int:
    """Ask the kernel to kill this worker when its parent dies; returns the parent's pid.

    Notes:
        A parent killed with SIGKILL cannot stop its workers, and a worker still writing would
        leave files behind that the next run's cleanup could race with. Linux's
        ``PR_SET_PDEATHSIG`` ends the worker at once; elsewhere the worker's loop notices the
        new parent pid within ``_POLL`` seconds of its next idle moment.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError) as e:
            log.debug("PR_SET_PDEATHSIG unavailable: %s", e)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
    return parent


class SegmentPool:
    """Worker processes that extract articles and write them as segments of one index.

    Args:
        path: The index folder (it must exist: the workers open it).
        jobs: Worker processes.

    Notes:
        Started before the parent's writer takes its lock (see the module's notes); used as a
        context manager, so the workers end with the run however it ends.
    """

    def __init__(self, path: Path, jobs: int) -> None:
        from ..split import tokenizer

        tokenizer()  # loaded once here, shared by the forked workers instead of loaded by each
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.results: Any = ctx.Queue()
        self.tasks: list[Any] = [ctx.Queue() for _ in range(jobs)]
        self.procs = [ctx.Process(target=_worker, args=(str(path), i, q, self.results), daemon=True,
                                  name=f"quotes-segment-{i}") for i, q in enumerate(self.tasks)]
        self._closed = False
        self._sent: dict[int, list[list[tuple[Article, str]]]] = {w: [] for w in range(jobs)}
        self._turn = 0    # chunks submitted in this batch: who gets the next
        self._quotes = 0  # quotes written in this batch
        for p in self.procs:
            p.start()

    def __enter__(self) -> SegmentPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(kill=exc[0] is not None)

    def close(self, kill: bool = False) -> None:
        """End the workers: politely after a finished batch, at once after a failure."""
        if self._closed:
            return
        self._closed = True
        for p, q in zip(self.procs, self.tasks):
            if kill:
                p.kill()
            elif p.is_alive():
                q.put(None)
        for p in self.procs:
            p.join(timeout=None if kill else 10)
            if p.is_alive():
                p.kill()
                p.join()
        for q in [*self.tasks, self.results]:
            q.close()
            q.cancel_join_thread()  # a killed worker leaves messages nobody reads

    def submit(self, chunk: list[tuple[Article, str]], done: Callable[[Article], None] | None = None) -> None:
        """Send a chunk of (article, key) to be extracted and written; returns once it is
        queued, handling finished chunks while the worker it goes to is busy.

        Notes:
            Chunks go to the workers in turn (the n-th to worker n % jobs) whatever the timing,
            so each segment's documents, and so Whoosh's document order, are the same on every
            run of the same input.
        """
        wid = self._turn % len(self.procs)
        self._turn += 1
        while len(self._sent[wid]) >= _OUTSTANDING:
            self._take(self._next(), done)
        self._sent[wid].append(chunk)
        self.tasks[wid].put(("add", chunk))

    def finish(self, done: Callable[[Article], None] | None = None) -> tuple[list[Any], int]:
        """Wait for every chunk submitted since the last ``finish`` and close the workers'
        segments.

        Returns:
            The new segments, in worker order (none for a worker that got no article), and the
            number of quotes they hold.

        Raises:
            IndexWriteError: A worker failed or died; nothing of the batch may be committed.
        """
        while any(self._sent.values()):
            self._take(self._next(), done)
        for q in self.tasks:
            q.put(("finish", None))
        segments = []
        for _ in self.procs:
            _kind, wid, payload = self._next(want="segment")
            if payload is not None:
                segments.append((wid, payload))
        quotes, self._quotes, self._turn = self._quotes, 0, 0
        return [seg for _, seg in sorted(segments, key=lambda x: x[0])], quotes

    def _take(self, msg: tuple[str, int, Any], done: Callable[[Article], None] | None) -> None:
        """Account for a worker's finished chunk."""
        _kind, wid, counts = msg
        chunk = self._sent[wid].pop(0)
        self._quotes += sum(counts)
        if done:
            for article, _key in chunk:
                done(article)

    def _next(self, want: str = "added") -> tuple[str, int, Any]:
        """The next message from a worker; an error or a dead worker raises."""
        while True:
            try:
                kind, wid, payload = self.results.get(timeout=_POLL)
            except queue.Empty:
                dead = [p for p in self.procs if not p.is_alive()]
                if dead:
                    raise IndexWriteError(f"an indexing worker ({dead[0].name}) ended unexpectedly "
                                          f"(exit code {dead[0].exitcode})", "Run the same command again: "
                                          "finished batches are kept and the rest is indexed.") from None
                continue
            if kind == "error":
                is_os, text = payload
                raise IndexWriteError(f"an indexing worker failed: {text}; the index stays at its last commit",
                                      "Run the same command again: it resumes." if not is_os else
                                      "Free space or fix the folder's permissions, then run the same command again.")
            if kind != want:
                raise IndexWriteError(f"an indexing worker answered {kind!r} where {want!r} was due")
            return kind, wid, payload
