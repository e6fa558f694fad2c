"""Writing quotes out: JSONL (the scorer's format), JSON, CSV quote sheets and a readable table.

CSV follows RFC 4180 (every cell quoted where needed, CRLF row ends), UTF-8, with an optional BOM
for Excel; a cell a spreadsheet would run as a formula is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import textwrap
from collections.abc import Iterable
from typing import IO, Any

from .models import Quote, Speaker

FORMATS = ("jsonl", "json", "csv", "table")
#: Column order of CSV output: the field order of ``Quote``.
CSV_COLUMNS: tuple[str, ...] = tuple(Quote.field_names())
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# C0 and C1 controls but newline and tab: an article's ESC sequences must not drive the terminal
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters (terminal escapes), for human-readable output."""
    return _CONTROLS.sub("", text)


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Notes:
        OWASP's advice for CSV injection: a cell that starts with ``= + - @``, a tab or a
        carriage return gets a leading apostrophe. Numbers (``-3.5``) are left as they are.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value)
    if s.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(s):
        return "'" + s  # "-inf", "-nan", "-1+1" and "=…" alike: only a plain number is left as it is
    return s


def write_csv(quotes: Iterable[Quote], out: IO[str], excel: bool = False) -> int:
    """Write a CSV quote sheet: a header, then one row per quote. Returns the row count."""
    if excel:
        out.write("\ufeff")
    w = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for q in quotes:
        d = q.to_dict()
        w.writerow([safe_cell(d[c]) for c in CSV_COLUMNS])
        n += 1
    return n


# one encoder for every line: json.dumps with options builds a new encoder per call
_JSON_LINE = json.JSONEncoder(ensure_ascii=False)


def write_jsonl(records: Iterable[Quote | Speaker], out: IO[str]) -> int:
    """One JSON object per line, keys in field order. Returns the count."""
    n = 0
    encode = _JSON_LINE.encode
    for r in records:
        out.write(encode(r.to_dict()) + "\n")
        n += 1
    return n


def write_json(records: Iterable[Quote | Speaker], out: IO[str]) -> int:
    """A JSON array of objects. Returns the count."""
    items = [r.to_dict() for r in records]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)


def write_table(quotes: Iterable[Quote], out: IO[str], highlight: Any = None, width: int | None = None) -> int:
    """A readable listing: speaker and role, the quote wrapped, the article.

    Args:
        highlight: Optional callable ``(Quote) -> str`` giving the quote text with matches marked.
    """
    width = width or min(shutil.get_terminal_size((100, 20)).columns, 120)
    n = 0
    for q in quotes:
        who = q.speaker or (q.mention or "(unattributed)")
        head = printable(who + (f" — {q.role}" if q.role else ""))
        where = printable(q.doc + (f", {q.outlet}" if q.outlet else "") + (f", {q.date}" if q.date else ""))
        body = printable(highlight(q) if highlight else q.text)
        out.write(f"{head}  [{q.kind}, {printable(q.cue or 'no cue')}]\n")
        body = f"“{body}”" if q.kind == "direct" else body
        out.write(textwrap.fill(body, width=width, initial_indent="    ", subsequent_indent="    ") + "\n")
        out.write(f"    — {where}\n\n")
        n += 1
    return n


def write_speakers_table(speakers: Iterable[Speaker], out: IO[str]) -> int:
    """One line per speaker: name, type, quote count, articles, roles."""
    n = 0
    for s in speakers:
        roles = printable("; ".join(s.roles[:3]))
        out.write(f"{printable(s.name)}  ({s.type}, {s.quotes} quote{'s' if s.quotes != 1 else ''} in {len(s.articles)} article{'s' if len(s.articles) != 1 else ''})"
                  + (f"  — {roles}" if roles else "") + "\n")
        n += 1
    return n


def write_speakers_csv(speakers: Iterable[Speaker], out: IO[str], excel: bool = False) -> int:
    """Speakers as CSV: name, type, title, roles, aliases, quotes, articles (lists joined by '; ')."""
    if excel:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    cols = ("name", "type", "title", "roles", "aliases", "quotes", "articles")
    w.writerow(cols)
    n = 0
    for s in speakers:
        d = s.to_dict()
        w.writerow([safe_cell("; ".join(d[c]) if isinstance(d[c], list) else d[c]) for c in cols])
        n += 1
    return n


SPEAKER_FORMATS = ("table", "json", "jsonl", "csv")


def write_speakers(speakers: Iterable[Speaker], out: IO[str], fmt: str, excel: bool = False) -> int:
    """Write speakers in one of ``SPEAKER_FORMATS``. Returns the count."""
    if fmt == "table":
        return write_speakers_table(speakers, out)
    if fmt == "json":
        return write_json(speakers, out)
    if fmt == "jsonl":
        return write_jsonl(speakers, out)
    if fmt == "csv":
        return write_speakers_csv(speakers, out, excel=excel)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(SPEAKER_FORMATS)}")


def write_quotes(quotes: Iterable[Quote], out: IO[str], fmt: str, excel: bool = False, highlight: Any = None) -> int:
    """Write quotes in one of ``FORMATS``. Returns the count."""
    if fmt == "jsonl":
        return write_jsonl(quotes, out)
    if fmt == "json":
        return write_json(quotes, out)
    if fmt == "csv":
        return write_csv(quotes, out, excel=excel)
    if fmt == "table":
        return write_table(quotes, out, highlight=highlight)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
