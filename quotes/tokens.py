"""Word tokens with offsets, the unit the cue and speaker rules step through."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import HONORIFICS, NEWS_ABBREVIATIONS

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’'\-.&]\w+)*|[^\w\s]")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]$")


@dataclass(frozen=True)
class Tok:
    """One token: its text, offsets into the article, and its lower-cased form."""

    text: str
    start: int
    end: int
    low: str

    @property
    def is_cap(self) -> bool:
        """Starts with an upper-case letter (a name, a title, a sentence start)."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        """Holds a letter or digit (not punctuation or a quote mark)."""
        return self.text[:1].isalnum()


def tokenize(text: str, start: int = 0, end: int | None = None, offset: int = 0) -> list[Tok]:
    """Tokenize ``text[start:end]``; offsets are shifted by ``offset``.

    A final period joins its word when the word is an initial ("G."), a run of initials
    ("U.S.") or a known abbreviation ("Adm.", "Feb."), so titles stay one token.
    """
    end = len(text) if end is None else end
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        if out and s < out[-1].end - offset:
            continue  # the period already joined to the abbreviation before it
        if (
            e < end and text[e] == "."
            and word[:1].isalpha()
            and (
                _INITIALS.match(word)
                or word.lower() in NEWS_ABBREVIATIONS
                or (word.lower() + ".") in HONORIFICS
            )
        ):
            e += 1
            word += "."
        out.append(Tok(word, s + offset, e + offset, word.lower()))
    return out
