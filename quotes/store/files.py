"""The index folder on disk: opening it safely, checksums per commit, cleanup, check and repair.

Whoosh keeps an index as a table of contents (``_MAIN_<generation>.toc``: the segment list)
plus one compound file per segment (``MAIN_<segment id>.seg``); a commit writes new segment
files, then a new TOC, then deletes what the new TOC no longer names. This module adds:

- ``open_index``: the TOC is read with the project's own schema (the pickled schema is never
  loaded) and every pickle Whoosh reads goes through ``safepickle`` (no code runs from a folder).
- ``quotes-manifest.json``: after each commit, the generation's segments (id, documents,
  deletions) and every file's size and CRC-32. Opening verifies the files against it, so a
  truncated, emptied, deleted or overwritten segment is an ``IndexCorruptError`` naming the file,
  not a traceback or a quiet wrong answer; ``repair`` can rebuild a lost TOC from it.
- ``remove_uncommitted``: after a failed write (a full disk), the half-written segment files and
  temporary folders are removed so the index stays at its last commit and frees the space.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IndexCorruptError
from .safepickle import UnsafePickleError, harden_whoosh

log = logging.getLogger(__name__)

INDEXNAME = "MAIN"
MANIFEST = "quotes-manifest.json"
MANIFEST_FORMAT = 1
_TOC_RE = re.compile(rf"^_{INDEXNAME}_([0-9]+)\.toc$")
_SEGMENT_RE = re.compile(rf"^{INDEXNAME}_([0-9a-z]+)\.[A-Za-z0-9_.]+$")
# what a writer leaves while it works: its temporary folder and a TOC not yet renamed
_TEMP_RE = re.compile(rf"^(?:{INDEXNAME}\.tmp|_{INDEXNAME}_[0-9]+\.toc\.[0-9.]+|{MANIFEST}\.part)$")
_REPAIR_HINT = "Run 'quotes repair --index {path}': it rebuilds what can be recovered and says what cannot."


@dataclass(frozen=True)
class FileSum:
    """Size and CRC-32 of one index file."""

    size: int
    crc: int


@dataclass
class Generation:
    """What one commit left: its TOC and segments, as recorded in the manifest."""

    generation: int
    schema: int
    toc: FileSum | None
    segments: list[dict[str, Any]] = field(default_factory=list)  # {id, docs, deleted, files{name: [size, crc]}}


def toc_name(gen: int) -> str:
    return f"_{INDEXNAME}_{gen}.toc"


#: How ``problems`` names an index whose only fault may be its age (``repair`` upgrades it).
OLDER_SCHEMA = "written by an older quotes"


def toc_generations(folder: Path) -> list[int]:
    """Generations of the TOC files in ``folder``, newest first."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted((int(m.group(1)) for n in names if (m := _TOC_RE.match(n))), reverse=True)


def segment_files(folder: Path) -> list[str]:
    """Names of every segment file in ``folder`` (committed or not)."""
    try:
        return sorted(n for n in os.listdir(folder) if _SEGMENT_RE.match(n))
    except OSError:
        return []


def file_sum(path: Path) -> FileSum:
    """Size and CRC-32 of a file, read in 1 MiB blocks."""
    crc = 0
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            crc = zlib.crc32(block, crc)
            size += len(block)
    return FileSum(size, crc)


def _storage(folder: Path) -> Any:
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(folder))


def read_toc(folder: Path, schema: Any, gen: int | None = None) -> Any:
    """The TOC of generation ``gen`` (default: the newest), read without unpickling any code.

    Raises:
        IndexCorruptError: the TOC is missing, truncated or names anything but Whoosh segments.
    """
    from whoosh.index import TOC

    harden_whoosh()
    if gen is None:
        gens = toc_generations(folder)
        if not gens:
            raise IndexCorruptError(f"{folder} has no table of contents ({toc_name(0)[:-6]}<n>.toc)",
                                    _REPAIR_HINT.format(path=folder))
        gen = gens[0]
    _check_toc_version(folder, gen)
    try:
        toc = TOC.read(_storage(folder), INDEXNAME, gen=gen, schema=schema)
        from whoosh.codec.whoosh3 import W3Segment

        if not isinstance(toc.segments, list) or not all(isinstance(s, W3Segment) for s in toc.segments):
            raise IndexCorruptError(f"{folder / toc_name(gen)}: the segment list is not Whoosh segments")
        return toc
    except IndexCorruptError:
        raise
    except UnsafePickleError as e:
        raise IndexCorruptError(f"{folder / toc_name(gen)}: refused to load it: {e}",
                                _junk_toc_hint(folder, gen)) from e
    except Exception as e:  # struct.error, EOFError, UnpicklingError …: a damaged TOC
        raise IndexCorruptError(f"{folder / toc_name(gen)}: damaged table of contents ({type(e).__name__}: {e})",
                                _junk_toc_hint(folder, gen)) from e


def _check_toc_version(folder: Path, gen: int) -> None:
    """Refuse a TOC of any format but Whoosh 2.7's own before Whoosh reads it.

    Notes:
        For older format numbers Whoosh hands the file to ``whoosh.legacy``, whose unpickler
        has no allow-list: a crafted TOC could choose that path by its version number alone.
    """
    from whoosh.filedb.structfile import StructFile
    from whoosh.index import _CURRENT_TOC_VERSION

    path = folder / toc_name(gen)
    try:
        with open(path, "rb") as raw:
            f = StructFile(raw)
            for _ in range(3):
                f.read_varint()
            f.read_int()
            version = f.read_int()
    except Exception as e:  # a short or garbled header
        raise IndexCorruptError(f"{path}: damaged table of contents ({type(e).__name__}: {e})",
                                _junk_toc_hint(folder, gen)) from e
    if version != _CURRENT_TOC_VERSION:
        raise IndexCorruptError(f"{path}: table of contents format {version}, not Whoosh 2.7's "
                                f"{_CURRENT_TOC_VERSION}; refused to load it",
                                _junk_toc_hint(folder, gen))


def _junk_toc_hint(folder: Path, gen: int) -> str:
    older = [g for g in toc_generations(folder) if g < gen]
    if older:
        return (f"An older commit ({toc_name(older[0])}) is still there: remove only the file "
                f"{folder / toc_name(gen)} to go back to it, or run 'quotes repair --index {folder}'.")
    return _REPAIR_HINT.format(path=folder)


def open_index(folder: Path, schema: Any) -> Any:
    """Open the Whoosh index in ``folder`` with ``schema``, verifying it against the manifest.

    Raises:
        IndexCorruptError: a damaged or unsafe TOC, or a file that does not match its checksum.

    Notes:
        ``FileIndex`` given a schema skips the pickled one; the segment list and everything read
        later goes through the restricted unpickler.
    """
    from whoosh.index import FileIndex

    read_toc(folder, schema)  # raises a precise error before Whoosh sees a bad TOC
    verify(folder, schema)
    try:
        return FileIndex(_storage(folder), schema=schema, indexname=INDEXNAME)
    except Exception as e:
        raise IndexCorruptError(f"the index at {folder} cannot be opened ({type(e).__name__}: {e})",
                                _REPAIR_HINT.format(path=folder)) from e


def create_index(folder: Path, schema: Any) -> Any:
    """Create an empty index in ``folder``, refusing to write over any index data.

    Raises:
        IndexCorruptError: the folder holds segment files or a manifest but no readable TOC:
            creating would delete them (Whoosh's ``create`` clears the folder).
    """
    from whoosh.index import FileIndex

    harden_whoosh()
    leftovers = segment_files(folder) + ([MANIFEST] if (folder / MANIFEST).exists() else [])
    if leftovers:
        raise IndexCorruptError(
            f"{folder} holds index data ({', '.join(leftovers[:3])}{' …' if len(leftovers) > 3 else ''}) "
            f"but no table of contents; nothing was changed",
            _REPAIR_HINT.format(path=folder))
    ix = FileIndex.create(_storage(folder), schema, INDEXNAME)
    record(folder, schema)
    return ix


# -- the manifest -----------------------------------------------------------------------------

def read_manifest(folder: Path) -> Generation | None:
    """The manifest's record, or None when there is none (or it is unreadable)."""
    try:
        raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if raw.get("format") != MANIFEST_FORMAT:
            return None
        toc = FileSum(*raw["toc"]) if raw.get("toc") else None
        return Generation(int(raw["generation"]), int(raw.get("schema", 0)), toc, list(raw["segments"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_json_atomically(path: Path, data: Any) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, path)


_sums: dict[tuple[str, int, int], FileSum] = {}  # (path, size, mtime_ns) -> sum: segments never change


def _cached_sum(path: Path) -> FileSum:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _sums:
        _sums[key] = file_sum(path)
    return _sums[key]


def describe(folder: Path, schema: Any, gen: int) -> Generation:
    """The manifest record of generation ``gen``, computed from its TOC and files."""
    toc = read_toc(folder, schema, gen)
    names = segment_files(folder)
    segments = []
    for s in toc.segments:
        prefix = f"{INDEXNAME}_{s.segid}."
        files = {n: list(_as_tuple(_cached_sum(folder / n))) for n in names if n.startswith(prefix)}
        segments.append({"id": s.segid, "docs": s.doc_count_all(), "deleted": sorted(s.deleted_docs()),
                         "compound": bool(getattr(s, "compound", False)), "files": files})
    from .schema import SCHEMA_VERSION

    return Generation(gen, SCHEMA_VERSION, _cached_sum(folder / toc_name(gen)), segments)


def _as_tuple(s: FileSum) -> tuple[int, int]:
    return (s.size, s.crc)


def record(folder: Path, schema: Any) -> None:
    """Write the manifest for the newest generation (after a commit).

    Notes:
        Serialised by a lock of its own and never written backwards: two writers finishing in
        turn leave the newer generation's record. A run killed between its commit and this
        leaves the previous record; the next open records the current one (``verify``).
    """
    lock = _storage(folder).lock("MANIFEST_LOCK")
    lock.acquire(blocking=True)
    try:
        gens = toc_generations(folder)
        if not gens:
            return
        current = read_manifest(folder)
        if current is not None and current.generation >= gens[0]:
            return
        try:
            gen = describe(folder, schema, gens[0])
        except (OSError, IndexCorruptError) as e:  # a newer commit removed this one's files meanwhile
            log.debug("manifest not recorded: %s", e)
            return
        _write_json_atomically(folder / MANIFEST, {
            "format": MANIFEST_FORMAT, "generation": gen.generation, "schema": gen.schema,
            "toc": list(_as_tuple(gen.toc)) if gen.toc else None, "segments": gen.segments})
    finally:
        lock.release()


def problems(folder: Path, schema: Any, deep: bool = True) -> list[str]:
    """What is wrong with the newest generation's files: an empty list when they match.

    Args:
        deep: Compare CRCs (reads every file once per process), not just sizes.
    """
    gens = toc_generations(folder)
    if not gens:
        return [f"{folder}: no table of contents"]
    gen = gens[0]
    found: list[str] = []
    m = read_manifest(folder)
    try:
        toc = read_toc(folder, schema, gen)
    except IndexCorruptError as e:
        return [str(e)]
    if m is not None:
        from .schema import SCHEMA_VERSION

        if m.schema < SCHEMA_VERSION:
            found.append(f"{folder}: {OLDER_SCHEMA} (schema {m.schema}, now {SCHEMA_VERSION}); "
                         f"searches may miss words until 'quotes repair' rebuilds it")
    if m is None or m.generation != gen:
        # no checksums for this commit (an interrupted run, or an index from before the
        # manifest): every named segment must at least exist
        names = segment_files(folder)
        for s in toc.segments:
            if not any(n.startswith(f"{INDEXNAME}_{s.segid}.") for n in names):
                found.append(f"{folder / f'{INDEXNAME}_{s.segid}.seg'}: missing (the table of contents names it)")
        return found
    if m.toc is not None and not _matches(folder / toc_name(gen), m.toc, deep):
        found.append(f"{folder / toc_name(gen)}: does not match its checksum")
    for seg in m.segments:
        for name, (size, crc) in seg["files"].items():
            p = folder / name
            if not p.exists():
                found.append(f"{p}: missing")
            elif not _matches(p, FileSum(size, crc), deep):
                actual = p.stat().st_size
                what = "emptied" if actual == 0 else f"truncated ({actual:,} of {size:,} bytes)" if actual < size \
                    else "changed (checksum differs)" if actual == size else f"grown ({actual:,} of {size:,} bytes)"
                found.append(f"{p}: {what}")
    return found


def _matches(path: Path, want: FileSum, deep: bool) -> bool:
    try:
        if path.stat().st_size != want.size:
            return False
        return not deep or _cached_sum(path) == want
    except OSError:
        return False


def verify(folder: Path, schema: Any) -> None:
    """Raise ``IndexCorruptError`` naming the first damaged file, if any.

    Notes:
        Where the newest commit has no record (its run was killed just after committing), the
        record is made now: the files are as that commit left them.
    """
    found = problems(folder, schema)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise IndexCorruptError(f"the index at {folder} is damaged: {found[0]}{more}", _REPAIR_HINT.format(path=folder))
    m = read_manifest(folder)
    gens = toc_generations(folder)
    if gens and (m is None or m.generation < gens[0]) and os.access(folder, os.W_OK):
        try:
            record(folder, schema)
        except OSError as e:
            log.debug("could not record the manifest: %s", e)


def remove_uncommitted(folder: Path) -> list[str]:
    """Delete files no committed generation uses (call while holding the write lock).

    Returns:
        The names removed.

    Notes:
        Only Whoosh's own file names are touched: segment files the newest readable TOC does
        not name, unfinished TOCs and the writer's temporary folder. A folder whose TOC cannot
        be read is left alone (``repair`` handles it).
    """
    gens = toc_generations(folder)
    if not gens:
        return []
    try:
        from .schema import SCHEMA

        toc = read_toc(folder, SCHEMA, gens[0])
    except IndexCorruptError:
        return []
    keep = {f"{INDEXNAME}_{s.segid}" for s in toc.segments}
    removed = []
    for name in os.listdir(folder):
        m = _SEGMENT_RE.match(name)
        stale = (m is not None and f"{INDEXNAME}_{m.group(1)}" not in keep) or _TEMP_RE.match(name) is not None
        if stale:
            p = folder / name
            try:
                shutil.rmtree(p) if p.is_dir() else p.unlink()
                removed.append(name)
            except OSError as e:
                log.warning("could not remove %s: %s", p, e)
    if removed:
        log.info("removed %d uncommitted file(s) from %s", len(removed), folder)
    return removed
