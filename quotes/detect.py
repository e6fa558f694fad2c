"""Quote marks and frames: where quoted words are, and the sentence groups that hold them.

Quote marks bound a quote, not sentence ends: a quoted passage of three sentences is one quote,
and the sentences it spans are merged into one *frame*, the unit attribution reads.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, islice

from .lexicon import (
    APPOSITIVE_WORDS,
    CLOSE_MARKS,
    HONORIFICS,
    OPEN_MARKS,
    SINGLE_MARKS,
    SINGLE_OPEN_MARKS,
    SPEECH_FORMS,
    STRAIGHT_MARKS,
)
from .models import Span
from .split import is_heading, paragraphs, sentence_starters, sentences
from .tokens import Tok, tokenize

# "''" before '"' so doubled apostrophes are read as one mark; single curly marks are not
# outer quotes (they double as apostrophes) and are left inside.
# every mark of the lexicon, two-character ones first
_MARK = re.compile("|".join(re.escape(m) for m in sorted(OPEN_MARKS | CLOSE_MARKS | STRAIGHT_MARKS, key=lambda m: (-len(m), m))))
# the double marks of one character, counted before the regex runs (a lower bound on ``_MARK``)
_ONE_CHAR_DOUBLES = tuple(sorted(m for m in OPEN_MARKS | CLOSE_MARKS | STRAIGHT_MARKS if len(m) == 1))
MASK_OPEN, MASK_CLOSE = "\u201c", "\u201d"


@dataclass(frozen=True)
class QuoteMarks:
    """A quoted passage inside one paragraph.

    Attributes:
        start: Offset of the opening mark.
        end: Offset one past the closing mark (or the paragraph end, if it never closes).
        inner_start: Offset of the first quoted character.
        inner_end: Offset one past the last quoted character.
        closed: Whether a closing mark was found in the paragraph.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


@dataclass(frozen=True)
class Frame:
    """Consecutive sentences of one paragraph that quote marks tie together.

    Attributes:
        start: Offset of the frame's first character.
        end: Offset one past its last.
        paragraph: Index of the paragraph it belongs to.
        quotes: Quoted passages inside the frame, in order.
    """

    start: int
    end: int
    paragraph: int
    quotes: tuple[QuoteMarks, ...]


def _is_opener(text: str, i: int, mark: str, lo: int, hi: int) -> bool | None:
    """For a straight mark at ``i``: True if it opens, False if it closes, None if unclear."""
    before = text[i - 1] if i > lo else " "
    after = text[i + len(mark)] if i + len(mark) < hi else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return False
    return None


# Titles written with a period ("Mr.", "Gov.", "Adm."): never the last word of a sentence.
_TITLE_ABBREVIATIONS = frozenset(h for h in HONORIFICS if h.endswith("."))


# Punkt ends a sentence at a middle initial ("Douglas J.") when the surname is also a common
# word ("Band", "Fox"); the next "sentence" goes on with the name, unless its first word is one
# that often starts sentences
_MIDDLE_INITIAL = re.compile(r"(?<![\w.’'-])[A-Z][a-z]+ [A-Z]\.$")
_NEXT_NAME = re.compile(r"[A-Z][a-z]+\b")

_QUOTE_END = re.compile(r"[?!.,…]\s*(?:[”\"»’']|'')\s*$")
_WORD = re.compile(r"[A-Za-z’'\-]+|,")


def _after_initial(text: str, g_start: int, g_end: int, nxt: Span) -> bool:
    """Whether a sentence ends at a name's middle initial ("Douglas J.") and the next one goes
    on with the surname ("Band, who led …"): a capitalised word that is not one of Punkt's
    frequent sentence starters."""
    if not _MIDDLE_INITIAL.search(text, max(g_start, g_end - 30), g_end):
        return False
    m = _NEXT_NAME.match(text, nxt.start, nxt.end)
    return m is not None and m.group().lower() not in sentence_starters()


def _attribution_follows(text: str, g_start: int, g_end: int, nxt: Span) -> bool:
    """Whether a sentence that ends inside a closed quote ("“Why not?”") is attributed by the next.

    Punkt ends the sentence at "?”", "!”" or ".”" when a capitalised speaker follows
    ("“Why not?” Smith asked."); the two belong to one frame when a speech verb opens the next
    sentence (within its first dozen words, after a name, title or appositive).
    """
    if not _QUOTE_END.search(text, max(g_start, g_end - 4), g_end):
        return False
    # one pass over the sentence's first words: enough to find the cue and judge what follows it
    items = [m.group() for m in islice(_WORD.finditer(text, nxt.start, nxt.end), 40)]
    words = items[:20]
    commas = 0
    for k, w in enumerate(words):
        if w == ",":
            commas += 1
            continue
        low = w.lower()
        if low in SPEECH_FORMS and (k == 0 or not w[:1].isupper()):
            # only a bare attribution ("Smith asked on Tuesday."): a sentence that goes on to
            # report something of its own ("Okafor emphasized that …") is a frame of its own
            rest = [x for x in items[k + 1:] if x != ","]
            return k == 0 or (len(rest) <= 6 and "that" not in (x.lower() for x in rest))
        if not w[:1].isupper() and low not in APPOSITIVE_WORDS and commas % 2 == 0:
            return False  # a lower-case word outside an appositive, not a cue: something else
    return False


_ANY_WORD_CHAR = re.compile(r"\w")


def find_marks(text: str, para: Span, single: bool = False) -> list[QuoteMarks]:
    """Pair the quote marks of one paragraph.

    Args:
        text: The article.
        para: The paragraph.
        single: Whether single marks (‘…’ and '…') are the article's speech marks
            (``quote_style``); otherwise they only nest inside double ones and are left alone.

    Notes:
        Curly marks pair by direction; straight marks by context (space before and a word
        after opens) and, where context is unclear, by alternation. A quote closes only on a
        mark of its own family (single or double): the other kind inside it is nested. A mark
        left open runs to the paragraph's end: the caller may continue it into the next paragraph.
    """
    out: list[QuoteMarks] = []
    open_at: int | None = None
    open_len = 0
    open_single = False
    marks = _ANY_MARK if single else _MARK
    for m in marks.finditer(text, para.start, para.end):
        mark, i = m.group(), m.start()
        is_single = mark in SINGLE_MARKS
        if is_single:
            is_open = _single_opens(text, i, para.start, para.end)
            if is_open is None:
                continue  # an apostrophe: "don’t", "’90s", "the players’ union"
        elif mark in OPEN_MARKS:
            is_open = True
        elif mark in CLOSE_MARKS:
            is_open = False
        else:
            is_open = _is_opener(text, i, mark, para.start, para.end)
            if is_open is None:
                is_open = open_at is None
        if open_at is not None and is_single != open_single:
            continue  # the other family inside an open quote: nested
        if is_open:
            if open_at is None:
                open_at, open_len, open_single = i, len(mark), is_single
            # a second opener inside an open quote: a nested or stray mark; keep the outer one
        elif open_at is not None:
            # marks with no word between ("" or " ") quote nothing: a run of them is no quote
            # (and would cost a record each); one letter between is "rock 'n' roll"
            inner = text[open_at + open_len:i]
            if _ANY_WORD_CHAR.search(inner) and not (is_single and len(inner.strip()) < 2):
                out.append(QuoteMarks(open_at, i + len(mark), open_at + open_len, i, True))
            open_at = None
        # a closer with nothing open: stray (or closes a quote from an earlier paragraph)
    if open_at is not None:
        out.append(QuoteMarks(open_at, para.end, open_at + open_len, para.end, False))
    return out


_ANY_MARK = re.compile("|".join(re.escape(m) for m in sorted(OPEN_MARKS | CLOSE_MARKS | STRAIGHT_MARKS | SINGLE_MARKS,
                                                             key=lambda m: (-len(m), m))))
_DECADE = re.compile(r"\d\ds\b")


def _single_opens(text: str, i: int, lo: int, hi: int) -> bool | None:
    """For a single mark at ``i``: True if it opens a quote, False if it closes one, None if it
    is an apostrophe (inside a word, before a decade, after a plural possessive)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return None  # "don’t", "Sam's"
    if (before.isspace() or before in "([{—–-/:;\"“") and not after.isspace():
        if _DECADE.match(text, i + 1, hi):
            return None  # "the ’90s"
        return True if text[i] in SINGLE_OPEN_MARKS or text[i] == "'" else None
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-\"”"):
        if before in "sS" and after == " " and i + 2 < hi and text[i + 2].islower():
            return None  # "the players’ union": a plural possessive
        if i - 2 >= lo and before.isalpha() and text[i - 2] in SINGLE_MARKS:
            return None  # "rock 'n' roll"
        return False
    return None


# a single mark opening a word at a line start or after a space, bracket, dash or colon
# (a negative lookbehind of the other characters: the same matches, found faster than "^|(?<=…)")
_OPENING_SINGLE = re.compile(r"(?<![^\s(\[—–:])[‘'](?=\w)")


def quote_style(text: str) -> bool:
    """Whether an article quotes speech in single marks (British style): more marks that open a
    single quote than there are pairs of double marks, and a single-mark quote that closes. Judged once
    per article, as house styles are."""
    at_least = sum(text.count(m) for m in _ONE_CHAR_DOUBLES)  # str.count: a cheap first look
    if text.count("'") + text.count("\u2018") <= at_least / 2:
        return False  # not even every single mark, apostrophes included, could outnumber them
    doubles = len(_MARK.findall(text))
    singles = sum(1 for m in _OPENING_SINGLE.finditer(text) if not _DECADE.match(text, m.end()))
    if singles == 0 or singles <= doubles / 2:  # opening singles against double pairs
        return False
    # and at least one single-mark quote that closes: a stray "'em" alone proves nothing
    return any(q.closed for p in paragraphs(text) for q in find_marks(text, p, single=True))


def masked(text: str, span: Span, quotes: tuple[QuoteMarks, ...] | list[QuoteMarks]) -> str:
    """The text of ``span`` with every quoted passage blanked, marks kept as “ and ”.

    Offsets are preserved, so a match at ``i`` in the result is at ``span.start + i`` in
    ``text``; cue and speaker rules then never match words inside a quote.
    """
    if not quotes:
        return text[span.start:span.end]
    # built from slices, not a list of characters: most of a frame is narrative kept as is
    parts: list[str] = []
    pos = span.start
    for q in quotes:
        a, b = max(q.start, span.start), min(q.end, span.end)
        if a < pos or b <= a:
            continue
        parts.append(text[pos:a])
        width = b - a
        head = MASK_OPEN if q.start >= span.start else " "
        tail = MASK_CLOSE if q.closed and q.end <= span.end else " "
        if width == 1:
            parts.append(tail if tail != " " else head)
        else:
            parts.append(head + " " * (width - 2) + tail)
        pos = b
    parts.append(text[pos:span.end])
    return "".join(parts)


def narrative(text: str, frame: Frame) -> tuple[str, list[Tok]]:
    """A frame's text with its quoted passages blanked (see ``masked``), and its tokens.

    Token offsets index ``text``. Extraction computes these once per frame and hands them to
    every rule that reads the frame's narrative.
    """
    mt = masked(text, Span(frame.start, frame.end), frame.quotes)
    return mt, tokenize(mt, 0, len(mt), frame.start)


def frames(text: str) -> list[Frame]:
    """Split an article into frames: paragraphs, then sentences, merged across quote marks.

    Headings and bylines (short lines with no end punctuation) give no frames.

    Notes:
        Punkt sentences are merged when a quoted passage straddles their boundary, and when
        the next sentence starts in lower case (‘“Why?” he asked.’ is one frame).
    """
    out: list[Frame] = []
    single = quote_style(text)
    for pi, para in enumerate(paragraphs(text)):
        qs = find_marks(text, para, single)
        if not qs and is_heading(text, para):
            continue
        sents = sentences(text, para) or [para]
        # bisect over the quotes' starts (with a running maximum of their ends) keeps a long
        # paragraph of many quotes linear: "does a quote straddle g_end" and "which quotes start
        # in [a, b)" are each one lookup
        qs = sorted(qs, key=lambda q: q.start)
        starts = [q.start for q in qs]
        max_end = list(accumulate((q.end for q in qs), max))
        groups: list[list[int]] = []
        for s in sents:
            if groups:
                g_start, g_end = groups[-1]
                k = bisect_left(starts, g_end) - 1  # the last quote starting before g_end
                straddles = k >= 0 and max_end[k] > g_end
                first = text[s.start:s.start + 1]
                # "he said." after a quote, or a signature line "― Name" after it
                lower_start = first.islower() or first in ",;:—–―)"
                # Punkt sometimes ends a sentence at "Mr." before a name it has not seen
                after_title = text[g_end - 1] == "." and text[max(g_start, text.rfind(" ", g_start, g_end) + 1):g_end].lower() in _TITLE_ABBREVIATIONS
                if straddles or lower_start or after_title or _after_initial(text, g_start, g_end, s) \
                        or _attribution_follows(text, g_start, g_end, s):
                    groups[-1][1] = s.end
                    continue
            groups.append([s.start, s.end])
        for a, b in groups:
            inside = tuple(qs[bisect_left(starts, a):bisect_left(starts, b)])
            out.append(Frame(a, b, pi, inside))
    return out
