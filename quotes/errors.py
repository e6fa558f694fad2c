"""The package's exceptions: one base class, a few kinds a caller can act on.

Each carries a ``hint``: what the user can do about it. The CLI prints ``Error: <message>``
and the hint, and exits non-zero.
"""

from __future__ import annotations


class QuotesError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1
    default_hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint if hint is not None else self.default_hint


class InputError(QuotesError):
    """An input could not be read or decoded (binary, unreadable, missing, too large)."""

    default_hint = "Check the path; quotes reads UTF-8 (or Latin-1/CP1252) .txt, .jsonl and .csv files."


class IndexNotFoundError(QuotesError):
    """No index exists at the given location."""

    default_hint = "Build one first: quotes index PATH... --index DIR"


class IndexLockedError(QuotesError):
    """Another process holds the index's write lock and did not release it in time."""

    default_hint = "Another 'quotes index' is writing; wait for it or raise --lock-timeout."


class IndexCorruptError(QuotesError):
    """The index exists but is damaged, unsafe to load, or cannot be opened."""

    default_hint = "Run 'quotes check' to see what is damaged, then 'quotes repair': it keeps the damaged copy."


class QueryError(QuotesError):
    """A search query or filter is malformed."""

    exit_code = 2
    default_hint = 'Query syntax: words, "a phrase", AND/OR/NOT, wild*; fields: speaker, role, kind, doc, cue.'


class IndexWriteError(QuotesError):
    """The index could not be written (a full disk, a read-only folder); it stays at its last commit."""

    default_hint = "Free space or fix the folder's permissions, then run the same command again: it resumes."


class OutputError(QuotesError):
    """An output file could not be written."""

    default_hint = "Check that the folder exists and is writable, and that the path is not a folder."
