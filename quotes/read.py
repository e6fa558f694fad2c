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
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTH_ABBR = {k[:3]: v for k, v in _MONTHS.items()} | {"sept": 9}
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2}),? (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]{2,8})\.? (?P<y>(?:19|20)\d\d)\b"),
)


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
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > 8:
        raise InputError(f"{source}: looks binary ({controls} control characters in the first 4 KiB)")
    return text


def article_from_text(text: str, id: str, path: str | None = None, **meta: str | None) -> Article:
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
    return Article(id=id, text=text, title=title, byline=byline, outlet=outlet, date=date, path=path)


def find_date(text: str) -> str | None:
    """The first full date written in ``text``, as ISO YYYY-MM-DD."""
    for pat in _DATE_PATTERNS:
        m = pat.search(text)
        if m:
            iso = _iso(m.groupdict())
            if iso:
                return iso
    return None


def normalise_date(value: str | None) -> str | None:
    """An ISO date from a value given in a JSONL/CSV row ("2026-02-13", "Feb. 13, 2026" …)."""
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
        return value[:10]
    return find_date(value)


def _iso(g: dict[str, str | None]) -> str | None:
    try:
        y, d = int(g["y"] or 0), int(g["d"] or 0)
        if g.get("m"):
            mo = int(g["m"] or 0)
        else:
            name = (g.get("mon") or "").lower().rstrip(".")
            mo = _MONTHS.get(name) or _MONTH_ABBR.get(name, 0)
            if not mo:
                return None
    except (TypeError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def read_file(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Article:
    """Read one ``.txt`` article.

    Raises:
        InputError: missing, unreadable, too large, binary or empty.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{p}: {size:,} bytes is over the {max_bytes:,}-byte limit",
                             "Raise the limit with --max-bytes, or split the file.")
        data = p.read_bytes()
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
    return article_from_text(text, id=p.name, path=str(p))


def _rows(data: str, suffix: str, source: str, skipped: list[Skipped]) -> Iterator[dict[str, str]]:
    if suffix == ".csv":
        csv.field_size_limit(sys.maxsize)
        try:
            for row in csv.DictReader(io.StringIO(data)):
                yield row
        except csv.Error as e:
            _skip(skipped, source, f"CSV error: {e}")
        return
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            _skip(skipped, f"{source}:{n}", f"not JSON ({e.msg})")
            continue
        if not isinstance(row, dict):
            _skip(skipped, f"{source}:{n}", "not a JSON object")
            continue
        yield row


def read_table(data: str, source: str, suffix: str, skipped: list[Skipped] | None = None,
               text_field: str | None = None) -> Iterator[Article]:
    """Articles from JSONL or CSV rows: a text column plus optional id, title, outlet, date, byline."""
    skipped = skipped if skipped is not None else []
    stem = Path(source).name
    for n, row in enumerate(_rows(data, suffix, source, skipped), 1):
        fields = (text_field,) if text_field else TEXT_FIELDS
        text = next((row[f] for f in fields if isinstance(row.get(f), str)), None)
        ident = next((str(row[f]) for f in ID_FIELDS if row.get(f) not in (None, "")), f"{stem}:{n}")
        if text is None:
            _skip(skipped, f"{source}:{n}", f"no text column ({'/'.join(fields)})")
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            _skip(skipped, f"{source}:{n}", "empty text")
            continue
        meta = {k: (str(row[k]) if row.get(k) not in (None, "") else None) for k in ("title", "outlet", "date", "byline")}
        yield article_from_text(text, id=ident, path=None, **meta)


def _skip(skipped: list[Skipped], source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)
    skipped.append(Skipped(source, reason))


def _walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    def onerror(e: OSError) -> None:
        _skip(skipped, str(e.filename), f"cannot read folder ({e.strerror})")

    # followlinks=False: a symlink loop cannot trap the walk
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            if f.lower().endswith(TEXT_SUFFIXES + TABLE_SUFFIXES):
                yield Path(root) / f


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
            buf = stdin if stdin is not None else sys.stdin.buffer
            data = buf.read()
            try:
                text = decode(data, "<stdin>")
            except InputError as e:
                _skip(skipped, "<stdin>", str(e))
                continue
            if text.lstrip().startswith("{"):
                yield from read_table(text, "stdin", ".jsonl", skipped, text_field)
            elif not text.strip():
                _skip(skipped, "<stdin>", "empty")
            else:
                yield article_from_text(text, id="stdin")
            continue
        p = Path(raw)
        if p.is_dir():
            files: Iterable[Path] = _walk(p, skipped)
        elif p.exists() or p.is_symlink():
            files = [p]
        else:
            _skip(skipped, str(p), "no such file or folder")
            continue
        for f in files:
            if f.suffix.lower() in TABLE_SUFFIXES:
                try:
                    data = f.read_bytes()
                    text = decode(data, str(f))
                except (OSError, InputError) as e:
                    _skip(skipped, str(f), str(e) if isinstance(e, InputError) else f"cannot read ({e})")
                    continue
                yield from read_table(text, str(f), f.suffix.lower(), skipped, text_field)
                continue
            try:
                yield read_file(f, max_bytes=max_bytes)
            except InputError as e:
                _skip(skipped, str(f), str(e).removeprefix(f"{f}: "))
