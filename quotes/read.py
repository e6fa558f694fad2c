"""Reading articles: .txt files, folders, stdin, and JSONL/CSV tables with a text column.

Bad input never raises out of ``iter_articles``: each unreadable file or row is skipped with a
one-line warning naming it, and reported to the caller through ``skipped``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .dates import find_date, normalise_date
from .errors import InputError
from .models import Article
from .split import paragraphs

log = logging.getLogger(__name__)

#: Articles larger than this many bytes are skipped (override with ``max_bytes``).
MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv")
TEXT_FIELDS = ("text", "body", "content", "article")
ID_FIELDS = ("id", "doc", "doc_id", "article_id", "url", "path")

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls but tab, newline, VT, FF, CR


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why."""

    source: str
    reason: str


def seeds_dir() -> Path:
    """The folder of seed articles shipped with the package (for demos and smoke tests)."""
    return Path(__file__).parent / "data"


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode article bytes to text with ``\\n`` line ends.

    Tries UTF-8 (a BOM is dropped), UTF-16 with a BOM, then CP1252 and Latin-1 with a warning.
    Refuses binary data (NUL bytes outside UTF-16).

    Raises:
        InputError: the bytes are binary.

    Notes:
        The one normalisation is of line ends (CRLF and CR become LF): every offset in the
        package indexes the text this returns.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise InputError(f"{source}: binary file (NUL bytes), not an article")
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                log.warning("%s: not UTF-8; read as Windows-1252", source)
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                log.warning("%s: not UTF-8; read as Latin-1", source)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROLS.findall(text, 0, 4096))
    if controls > 8:
        raise InputError(f"{source}: looks binary ({controls} control characters in the first 4 KiB)")
    return text


def article_from_text(text: str, id: str, path: str | None = None, key: str | None = None,
                      **meta: str | None) -> Article:
    """Build an ``Article``, taking title, byline, outlet and date from the text where it gives them.

    Notes:
        The title is a first line that reads as a heading; a byline is an early short line
        "Name – Outlet"; a date is one written in the first lines (never one from the body,
        which is usually the date of an event).
    """
    paras = paragraphs(text)[:4]
    lines = [text[p.start:p.end] for p in paras]
    title = meta.get("title")
    byline = meta.get("byline")
    outlet = meta.get("outlet")
    date = normalise_date(meta.get("date")) if meta.get("date") else None
    for i, line in enumerate(lines[:3]):
        if byline is None and len(line) < 90:
            m = re.fullmatch(r"(?:By\s+)?([A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})\s+[–—|-]\s+([A-Z][\w&.'’ \-]{1,60})", line)
            if m:
                byline = line
                outlet = outlet or m.group(2).strip()
                continue
        if title is None and i == 0 and len(line) < 200 and not re.search(r"[.!?:;”\"]$", line):
            title = line
        if date is None and len(line) < 120:
            date = find_date(line)
    if title is None and lines and len(lines[0]) < 200 and len(lines) > 1:
        # "Headline." on its own line, followed by the body (BBC, PolNeAR)
        first = lines[0]
        if first.count(". ") == 0 and len(first.split()) <= 25:
            title = first.rstrip(".")
    return Article(id=id, text=text, title=title, byline=byline, outlet=outlet, date=date, path=path, key=key)


def _open_regular(p: Path) -> IO[bytes]:
    """Open a regular file for reading, refusing FIFOs, devices and sockets.

    Notes:
        ``os.open`` with ``O_NONBLOCK`` so that opening a FIFO cannot block; the type is
        checked on the open descriptor (no race with a swap after a ``stat``).
    """
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
                else "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise InputError(f"{p}: {kind}, not a file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, key: str | None = None) -> Article:
    """Read one ``.txt`` article.

    Args:
        path: The file.
        max_bytes: Larger files are refused.
        key: The article's key, its resolved path, when the caller knows it (default: resolved here).

    Raises:
        InputError: missing, unreadable, not a regular file, too large, binary or empty.

    Notes:
        Reads at most ``max_bytes`` + 1 bytes whatever the file claims to be, so a link to
        ``/dev/zero`` or a file growing while read cannot exhaust memory.
    """
    p = Path(path)
    try:
        with _open_regular(p) as f:
            too_big = os.fstat(f.fileno()).st_size > max_bytes
            data = b"" if too_big else f.read(max_bytes + 1)
        if too_big or len(data) > max_bytes:
            raise InputError(f"{p}: over the {max_bytes:,}-byte limit", "Raise the limit with --max-bytes, or split the file.")
    except InputError:
        raise
    except IsADirectoryError as e:
        raise InputError(f"{p}: is a folder") from e
    except FileNotFoundError as e:
        raise InputError(f"{p}: no such file") from e
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from e
    text = decode(data, str(p))
    if not text.strip():
        raise InputError(f"{p}: empty")
    return article_from_text(text, id=p.name, path=str(p), key=key or str(p.resolve()))


def _decode_row(line: bytes, source: str, state: dict[str, str]) -> str:
    """One JSONL line as text: UTF-8, else the file's fallback code page (warned once)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        if "fallback" not in state:
            state["fallback"] = "cp1252"
            log.warning("%s: not UTF-8; rows read as Windows-1252", source)
        return line.decode("cp1252", errors="replace")


def jsonl_rows(f: IO[bytes], source: str, skipped: list[Skipped], max_bytes: int,
               first_row: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, object) of each JSON line, streamed; bad or oversized lines are skipped.

    Args:
        f: The lines, as bytes (a file, or one byte range of a file).
        source: The name warnings give.
        skipped: Receives a ``Skipped`` for each line not read.
        max_bytes: Longer lines are skipped.
        first_row: Rows before ``f`` (a later part of a file numbers its rows on from there).

    Notes:
        Lines end at ``\n`` alone: U+2028, U+2029 and U+0085 are legal inside JSON strings
        (``str.splitlines`` would cut a row there). A line over ``max_bytes`` is skipped
        without being held in memory.
    """
    state: dict[str, str] = {}
    n = first_row  # a part of a file (``cluster``) numbers its rows as the whole file does
    limit = max_bytes + 1
    while True:
        line = f.readline(limit)
        if not line:
            return
        n += 1
        if len(line) >= limit and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # drain the oversized line without keeping it
            _skip(skipped, f"{source}:{n}", f"row over the {max_bytes:,}-byte limit")
            continue
        if n == 1 and first_row == 0 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        text = _decode_row(line, source, state)
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as e:
            _skip(skipped, f"{source}:{n}", f"not JSON ({e.msg})")
            continue
        except RecursionError:
            _skip(skipped, f"{source}:{n}", "JSON nested too deeply")
            continue
        if not isinstance(row, dict):
            _skip(skipped, f"{source}:{n}", "not a JSON object")
            continue
        yield n, row


def _csv_rows(f: IO[bytes], source: str, skipped: list[Skipped], max_bytes: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) of a CSV file with a header, streamed; a cell over ``max_bytes`` ends it.

    Notes:
        The encoding is decided from the first 64 KiB (a BOM, UTF-8, else Windows-1252). After
        a malformed row or an oversized cell the reader cannot know where the next row starts,
        so the rest of the file is skipped, with a warning naming the row.
    """
    head = f.read(65536)
    f.seek(0)
    encoding = "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as e:
            if e.start < len(head) - 4:  # not just a character cut at the 64 KiB edge
                encoding = "cp1252"
                log.warning("%s: not UTF-8; read as Windows-1252", source)
    text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
    old = csv.field_size_limit()
    csv.field_size_limit(max_bytes)
    n = 0
    try:
        reader = csv.DictReader(text)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                what = (f"a cell over the {max_bytes:,}-byte limit" if "field limit" in str(e)
                        else f"CSV error ({e})")
                _skip(skipped, f"{source}:{n + 1}", f"{what}; the rest of the file is not read")
                return
            n += 1
            yield n, row
    finally:
        csv.field_size_limit(old)
        text.detach()


def row_articles(rows: Iterable[tuple[int, dict[str, Any]]], source: str, key_base: str, skipped: list[Skipped],
                 text_field: str | None, max_bytes: int) -> Iterator[Article]:
    """Articles from table rows: a text column plus optional id, title, outlet, date, byline.

    Args:
        rows: (row number, object) pairs, as ``jsonl_rows`` gives them.
        source: The table's name (warnings; an article's ``path``).
        key_base: What each row's key starts with (the table's resolved path, or ``stdin``).
        skipped: Receives a ``Skipped`` for each row not read.
        text_field: The column holding the text (default: the first of ``TEXT_FIELDS``).
        max_bytes: Longer texts are skipped.

    Notes:
        A row is keyed ``<key_base>#<id>`` (its id column, else its row number), so the same
        ids in two files, or two files of one name in different folders, never collide. An id
        repeated within a file is warned about: the same text again is skipped as a duplicate,
        other text is kept under ``#<id>@<row>``.
    """
    stem = Path(source).name
    seen: dict[str, tuple[int, str]] = {}
    fields = (text_field,) if text_field else TEXT_FIELDS
    for n, row in rows:
        where = f"{source}:{n}"
        text = next((row[f] for f in fields if isinstance(row.get(f), str)), None)
        if text is None:
            _skip(skipped, where, f"no text column ({'/'.join(fields)})")
            continue
        given = next((str(row[f]) for f in ID_FIELDS if row.get(f) not in (None, "")), None)
        ident = given or f"{stem}:{n}"
        try:
            text.encode("utf-8")
            meta = {k: (str(row[k]) if row.get(k) not in (None, "") else None) for k in ("title", "outlet", "date", "byline")}
            for v in (ident, *meta.values()):
                if v is not None:
                    v.encode("utf-8")
        except UnicodeEncodeError:
            _skip(skipped, where, "text holds a lone surrogate (invalid Unicode)")
            continue
        if len(text) > max_bytes:
            _skip(skipped, where, f"text over the {max_bytes:,}-byte limit")
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            _skip(skipped, where, "empty text")
            continue
        key = f"{key_base}#{ident}"
        if given is not None and given in seen:
            first_row, first_text = seen[given]
            if first_text == text:
                _skip(skipped, where, f"duplicate of row {first_row} (same id {given!r}, same text)")
                continue
            log.warning("%s: id %r already used by row %d; kept as %s@%d", where, given, first_row, given, n)
            key = f"{key}@{n}"
        elif given is not None:
            seen[given] = (n, text)
        yield article_from_text(text, id=ident, path=None if key_base == "stdin" else source, key=key, **meta)


def _read_table_file(f: Path, skipped: list[Skipped], text_field: str | None, max_bytes: int) -> Iterator[Article]:
    try:
        handle = _open_regular(f)
    except InputError as e:
        _skip(skipped, str(f), str(e).removeprefix(f"{f}: "))
        return
    except OSError as e:
        _skip(skipped, str(f), f"cannot read ({e.strerror or e})")
        return
    with handle:
        head = handle.read(4096)
        handle.seek(0)
        if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _skip(skipped, str(f), "binary file (NUL bytes), not a table")
            return
        suffix = f.suffix.lower()
        try:
            rows = (_csv_rows(handle, str(f), skipped, max_bytes) if suffix == ".csv"
                    else jsonl_rows(handle, str(f), skipped, max_bytes))
            yield from row_articles(rows, str(f), str(f.resolve()), skipped, text_field, max_bytes)
        except OSError as e:
            _skip(skipped, str(f), f"read failed part way ({e.strerror or e})")


def _skip(skipped: list[Skipped], source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)
    skipped.append(Skipped(source, reason))


def walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """The article files under ``folder``, in sorted order (hidden files and folders left out)."""
    return (f for f, _key in _walk_keys(folder, skipped))


def _walk_keys(folder: Path, skipped: list[Skipped]) -> Iterator[tuple[Path, str]]:
    """``walk``, each file with its resolved path (an article's key).

    Notes:
        The walk never enters a linked folder, so a file that is no link itself resolves to
        its folder's resolved path and its name: the folder is resolved once, not each file
        (resolving asked the file system about every part of every path, a sixth of reading).
    """
    def onerror(e: OSError) -> None:
        _skip(skipped, str(e.filename), f"cannot read folder ({e.strerror})")

    # followlinks=False: a symlink loop cannot trap the walk
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        real = os.path.realpath(root)
        for f in sorted(files):
            if f.startswith("."):
                continue
            if f.lower().endswith(TEXT_SUFFIXES + TABLE_SUFFIXES):
                path = os.path.join(root, f)
                yield Path(path), os.path.realpath(path) if os.path.islink(path) else os.path.join(real, f)


def iter_articles(paths: Iterable[str | os.PathLike[str]], skipped: list[Skipped] | None = None,
                  max_bytes: int = MAX_BYTES, text_field: str | None = None,
                  stdin: io.BufferedIOBase | None = None) -> Iterator[Article]:
    """Every article under ``paths``: files, folders (recursively: .txt, .jsonl, .csv) or ``-``.

    Args:
        paths: Files, folders, or ``-`` for standard input (one article, or JSONL rows).
        skipped: A list that receives a ``Skipped`` for each input not read.
        max_bytes: Larger files are skipped.
        text_field: The column holding the text in JSONL/CSV (default: text, body, content…).
        stdin: Where ``-`` reads from (default ``sys.stdin.buffer``).

    Notes:
        Never raises for bad input: each bad file or row is logged as one warning line naming
        it and appended to ``skipped``.
    """
    skipped = skipped if skipped is not None else []
    for raw in paths:
        if str(raw) == "-":
            buf: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer  # type: ignore[assignment]
            yield from _read_stdin(buf, skipped, text_field, max_bytes)
            continue
        p = Path(raw)
        if p.is_dir():
            files: Iterable[tuple[Path, str | None]] = _walk_keys(p, skipped)
        elif p.exists() or p.is_symlink():
            files = [(p, None)]
        else:
            _skip(skipped, str(p), "no such file or folder")
            continue
        for f, key in files:
            if f.suffix.lower() in TABLE_SUFFIXES:
                yield from _read_table_file(f, skipped, text_field, max_bytes)
                continue
            try:
                yield read_file(f, max_bytes=max_bytes, key=key)
            except InputError as e:
                _skip(skipped, str(f), str(e).removeprefix(f"{f}: "))


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many articles ``iter_articles(paths)`` will yield, when that is known without reading
    them: the text files, found by the same walk. None with stdin or a JSONL/CSV table (rows)."""
    n = 0
    for raw in paths:
        p = Path(raw)
        if str(raw) == "-" or p.suffix.lower() in TABLE_SUFFIXES:
            return None
        for f in walk(p, []) if p.is_dir() else [p]:
            if f.suffix.lower() in TABLE_SUFFIXES:
                return None
            n += 1
    return n


def _read_stdin(buf: IO[bytes], skipped: list[Skipped], text_field: str | None, max_bytes: int) -> Iterator[Article]:
    """Standard input: JSONL rows (streamed) when it starts with ``{``, else one article of at
    most ``max_bytes``."""
    head = buf.read(1)
    while head[-1:].isspace():
        more = buf.read(1)
        if not more:
            break
        head += more
    if head.lstrip().startswith(b"{"):
        rows = jsonl_rows(io.BufferedReader(_Prefixed(head, buf)), "<stdin>", skipped, max_bytes)
        yield from row_articles(rows, "<stdin>", "stdin", skipped, text_field, max_bytes)
        return
    data = head + buf.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        _skip(skipped, "<stdin>", f"over the {max_bytes:,}-byte limit")
        return
    try:
        text = decode(data, "<stdin>")
    except InputError as e:
        _skip(skipped, "<stdin>", str(e).removeprefix("<stdin>: "))
        return
    if not text.strip():
        _skip(skipped, "<stdin>", "empty")
        return
    yield article_from_text(text, id="stdin", key="stdin")


class _Prefixed(io.RawIOBase):
    """A byte stream that yields ``prefix`` then the rest of ``stream`` (stdin we peeked at)."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._prefix:
            n = min(len(b), len(self._prefix))
            b[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._stream.read(len(b))
        b[:len(chunk)] = chunk
        return len(chunk)
