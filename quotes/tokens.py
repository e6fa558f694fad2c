"""Word tokens with offsets, the unit the cue and speaker rules step through."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    HONORIFICS,
    NEWS_ABBREVIATIONS,
)

# a run of four or more of one mark ("""", "!!!!", "----") is one token: it means no more than
# one, and a token per mark made a flood of them cost ~200 bytes per input character. The
# repeat is possessive (+) so the regex engine keeps no backtracking state per mark either.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|(?:[A-Za-z]\.){2,}|\w+(?:[’'\-.&]\w+)*|([^\w\s])\1{3,}+|[^\w\s]")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]$")


class Tok:
    """One token: its text, offsets into the article, and its lower-cased form.

    Attributes:
        text: The token as written.
        start: Offset of its first character.
        end: Offset one past its last.
        low: Lower-cased text.
        is_cap: Starts with an upper-case letter (a name, a title, a sentence start).
        is_word: Holds a letter or digit first (not punctuation or a quote mark).

    Notes:
        A plain class with ``__slots__`` rather than a frozen dataclass: extraction makes
        millions of these and the dataclass's frozen ``__init__`` was a tenth of its time.
    """

    __slots__ = ("text", "start", "end", "low", "is_cap", "is_word")

    def __init__(self, text: str, start: int, end: int, low: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = low
        first = text[0] if text else ""
        self.is_cap = first.isupper()
        self.is_word = first.isalnum()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tok) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str, start: int = 0, end: int | None = None, offset: int = 0) -> list[Tok]:
    """Tokenize ``text[start:end]``; offsets are shifted by ``offset``.

    A final period joins its word when the word is an initial ("G."), a run of initials
    ("U.S.") or a known abbreviation ("Adm.", "Feb."), so titles stay one token.
    """
    end = len(text) if end is None else end
    out: list[Tok] = []
    append = out.append
    joined_to = -1  # end of a period joined to the token before (in ``text`` offsets)
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        if s < joined_to:
            continue  # the period already joined to the abbreviation before it
        word = m.group()
        if e < end and text[e] == "." and _takes_period(word):
            e += 1
            word += "."
            joined_to = e
        append(Tok(word, s + offset, e + offset, word.lower()))
    return out


@lru_cache(maxsize=8192)
def _takes_period(word: str) -> bool:
    """Whether a period after ``word`` belongs to it: an initial, initials, or an abbreviation."""
    low = word.lower()
    return word[:1].isalpha() and bool(
        _INITIALS.match(word) or low in NEWS_ABBREVIATIONS or (low + ".") in HONORIFICS
    )
