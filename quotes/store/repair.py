"""``quotes check`` and ``quotes repair``: say what is wrong with an index, rebuild what survives.

Every field of a quote document but ``date`` is stored (and ``date`` is derived from
``date_str``), so an index can be rebuilt from its own segments. ``repair`` never deletes data:
it builds the recovered index beside the damaged one, then moves the damaged folder aside
(``<name>.damaged-<time>``) and the new one into its place. An index whose only fault is its
age (an older schema) is rebuilt the same way and kept as ``<name>.previous-<time>``.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriteError,
)
from . import files

log = logging.getLogger(__name__)

_DONE = ".complete"


@dataclass
class CheckReport:
    """What ``check`` found: ``problems`` is empty when the index is whole."""

    path: str
    generation: int = -1
    segments: int = 0
    documents: int = 0
    quotes: int = 0
    articles: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RepairReport:
    """What ``repair`` did."""

    path: str
    repaired: bool = False
    segments_read: int = 0
    segments_lost: list[str] = field(default_factory=list)
    articles: int = 0
    quotes: int = 0
    quotes_dropped: int = 0      # quotes whose article's record was lost with another segment
    documents_lost: int = 0      # unreadable documents inside segments that were read
    moved_aside: str | None = None
    problems: list[str] = field(default_factory=list)
    upgraded: bool = False       # nothing was damaged: an index of an older schema was rebuilt


def _segments(folder: Path) -> tuple[int, list[Any], list[str]]:
    """The segment list to trust: the newest readable TOC's, else the manifest's.

    Returns:
        (generation, segments, notes on what was passed over)
    """
    from whoosh.codec.whoosh3 import W3Segment

    from .codec import QuotesCodec
    from .schema import SCHEMA

    notes: list[str] = []
    for gen in files.toc_generations(folder):
        try:
            return gen, list(files.read_toc(folder, SCHEMA, gen).segments), notes
        except IndexCorruptError as e:
            notes.append(str(e))
    m = files.read_manifest(folder)
    if m is None:
        raise IndexCorruptError(f"{folder}: no readable table of contents and no manifest: the segments "
                                f"cannot be put back together",
                                "Re-index your sources into a new folder: quotes index PATH... --index NEW")
    segs = []
    for rec in m.segments:
        s = W3Segment(QuotesCodec(), files.INDEXNAME, rec["docs"], rec["id"], set(rec["deleted"]) or None)
        s.compound = bool(rec.get("compound", True))
        segs.append(s)
    notes.append(f"the segment list was taken from {files.MANIFEST} (generation {m.generation})")
    return m.generation, segs, notes


def _read_segment(folder: Path, segment: Any, lost: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every live document's stored fields in one segment.

    Args:
        lost: If given, a document that cannot be read is counted here and passed over;
            otherwise its error is raised.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.reading import SegmentReader

    from .schema import SCHEMA

    r = SegmentReader(FileStorage(str(folder)), SCHEMA, segment)
    try:
        for n in range(segment.doc_count_all()):
            if segment.is_deleted(n):
                continue
            try:
                d = dict(r.stored_fields(n))
                if d.get("rtype") not in ("quote", "article"):
                    raise ValueError(f"document {n} has no record type")
            except Exception:
                if lost is None:
                    raise
                lost.append(n)
                continue
            yield d
    finally:
        r.close()


def check(folder: str | os.PathLike[str]) -> CheckReport:
    """Verify an index: its table of contents, every file's checksum, every stored document.

    Returns:
        A ``CheckReport``; its ``problems`` name each damaged file and what is wrong with it.

    Raises:
        IndexNotFoundError: ``folder`` holds no index at all.

    Notes:
        Reads every segment in full, so it also finds damage the manifest cannot vouch for
        (an index whose newest commit has no checksums yet).
    """
    from .safepickle import harden_whoosh
    from .schema import SCHEMA

    harden_whoosh()
    path = Path(folder)
    report = CheckReport(str(path))
    if not files.toc_generations(path) and not files.segment_files(path):
        raise IndexNotFoundError(f"no quote index at {path}")
    report.problems.extend(files.problems(path, SCHEMA))
    try:
        gen, segments, notes = _segments(path)
    except IndexCorruptError as e:
        report.problems.append(str(e))
        return report
    report.generation = gen
    report.segments = len(segments)
    if notes and not report.problems:
        report.problems.extend(notes)
    for s in segments:
        try:
            for d in _read_segment(path, s):
                report.documents += 1
                if d.get("rtype") == "article":
                    report.articles += 1
                else:
                    report.quotes += 1
        except Exception as e:  # whatever a damaged segment raises
            msg = f"{path / f'{files.INDEXNAME}_{s.segid}.seg'}: unreadable ({type(e).__name__}: {e})"
            if msg not in report.problems:
                report.problems.append(msg)
    return report


def repair(folder: str | os.PathLike[str], lock_timeout: float = 30.0) -> RepairReport:
    """Rebuild a damaged index from every segment that can still be read.

    Args:
        folder: The index folder.
        lock_timeout: Seconds to wait for another writer.

    Returns:
        A ``RepairReport``: what was recovered, what was lost, where the damaged copy went.
        An index that ``check`` finds whole is left as it is (``repaired`` False).

    Raises:
        IndexNotFoundError: no index data in ``folder``.
        IndexLockedError: another process is writing.
        IndexCorruptError: nothing can be put back together (no TOC and no manifest).

    Notes:
        Keeps an article only whole: quotes whose article record was in a lost segment are
        dropped (and counted), so re-running ``quotes index`` on the sources restores every
        lost article and nothing is indexed twice. The rebuilt index is written in the
        current schema, so repair also upgrades an index made by an older ``quotes``.
    """

    from whoosh.filedb.filestore import FileStorage

    from .schema import SCHEMA_VERSION

    path = Path(folder).absolute()
    _finish_interrupted(path)
    report = RepairReport(str(path))
    before = check(path)
    m = files.read_manifest(path)
    old_schema = m is not None and m.schema != SCHEMA_VERSION
    if before.ok and not old_schema:
        return report
    report.problems = before.problems
    report.upgraded = all(files.OLDER_SCHEMA in p for p in before.problems)
    lock = FileStorage(str(path)).lock(f"{files.INDEXNAME}_WRITELOCK")
    deadline = time.monotonic() + lock_timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            raise IndexLockedError(f"the index at {path} is locked by another writer")
        time.sleep(0.1)
    try:
        gen, segments, _notes = _segments(path)
        docs: list[dict[str, Any]] = []
        for s in segments:
            name = f"{files.INDEXNAME}_{s.segid}.seg"
            lost: list[int] = []
            try:
                docs.extend(_read_segment(path, s, lost))
                report.segments_read += 1
                report.documents_lost += len(lost)
            except Exception as e:
                log.warning("segment %s is lost: %s", name, e)
                report.segments_lost.append(name)
        whole = _whole_articles(docs, damaged=report.documents_lost > 0 or bool(report.segments_lost))
        kept = [d for d in docs if (d["marker"] if d.get("rtype") == "article" else d.get("article")) in whole]
        report.quotes_dropped = sum(1 for d in docs if d.get("rtype") == "quote") - (len(kept) - len(whole))
        report.articles = len(whole)
        report.quotes = len(kept) - len(whole)
        tmp = path.parent / f".{path.name}.repair"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            _build(tmp, kept)
            kind = "previous" if report.upgraded else "damaged"
            aside = path.parent / f"{path.name}.{kind}-{time.strftime('%Y%m%d-%H%M%S')}"
            lock.release()
            os.rename(path, aside)
            os.rename(tmp, path)
            (path / _DONE).unlink(missing_ok=True)
        except OSError as e:
            raise IndexWriteError(f"repair could not write beside {path}: {e.strerror or e}; nothing was changed") from e
        report.moved_aside = str(aside)
        report.repaired = True
        return report
    finally:
        try:
            lock.release()
        except Exception:  # released above before the move
            pass


def _whole_articles(docs: list[dict[str, Any]], damaged: bool) -> set[str]:
    """Keys of the articles whose marker and every quote were recovered.

    Notes:
        An article missing quotes must go whole: kept, its unchanged hash would stop
        ``quotes index`` from ever restoring them. A marker records its article's quote count;
        one written before it did (no count) is kept only when nothing at all was lost.
    """
    found: dict[str, int] = {}
    for d in docs:
        if d.get("rtype") == "quote":
            found[d.get("article", "")] = found.get(d.get("article", ""), 0) + 1
    whole = set()
    for d in docs:
        if d.get("rtype") != "article":
            continue
        want = d.get("nquotes")
        if (want is None and not damaged) or (want is not None and found.get(d["marker"], 0) == want):
            whole.add(d["marker"])
    return whole


def _build(tmp: Path, docs: list[dict[str, Any]]) -> None:
    """Write ``docs`` as a new one-segment index in ``tmp``, marked complete when done."""
    from ..dates import day_number
    from .schema import ARTICLE_FIELDS, SCHEMA
    from .writer import open_writer, store_article_fields

    tmp.mkdir(parents=True)
    ix = files.create_index(tmp, SCHEMA)
    w = open_writer(ix)
    # an article's own fields go on its marker (``writer.index_documents``); a marker written
    # before they did takes them from its quotes
    own = {d.get("article"): {f: d.get(f) or "" for f in ARTICLE_FIELDS} for d in docs if d.get("rtype") == "quote"}
    try:
        for d in docs:
            d = {k: v for k, v in d.items() if k in SCHEMA.names()}
            if d.get("rtype") == "quote":
                store_article_fields(d)
                if d.get("date_str"):
                    try:
                        d["date"] = day_number(d["date_str"])
                    except ValueError:
                        pass  # indexed without a date, as when it was first written
            else:
                for f in ARTICLE_FIELDS:
                    d[f] = d.get(f) or own.get(d.get("marker"), {}).get(f, "")
            w.add_document(**d)
        w.commit()
    except BaseException:
        w.cancel()
        raise
    files.record(tmp, SCHEMA)
    (tmp / _DONE).write_text("")


def _finish_interrupted(path: Path) -> None:
    """A repair killed between its two renames: put the finished rebuild in place."""
    tmp = path.parent / f".{path.name}.repair"
    if not path.exists() and (tmp / _DONE).exists():
        os.rename(tmp, path)
        log.warning("finished an interrupted repair of %s", path)
