"""Quote-marked spans no cue rule took: words in quotation marks with no speech verb in reach
("Trump openly admires Putin as a “strong leader”", "Politifact then ruled that … “true”").

Such a span is speech more often than not, but not always: a title, a nickname or a scare
quote is marked the same way. A small learned model (``quotes.learned``) scores each from
features of the span and its sentence; a span it accepts becomes a quote, attributed to the
subject of the clause it stands in, else to the paragraph's last speaker.
"""

from __future__ import annotations

import re
from typing import Protocol

from ..detect import MASK_CLOSE, MASK_OPEN, Frame, QuoteMarks
from ..lexicon import (
    ADVERBIAL_PREPOSITIONS,
    AUXILIARIES,
    DETERMINERS,
    DISTANCING_WORDS,
    FIRST_PERSON,
    NAMING_WORDS,
    PHRASE_PREPOSITIONS,
    PRONOUNS,
    ROLE_HEADS,
    SPEECH_FORMS,
)
from ..tokens import Tok
from .paragraph_rules import ParagraphState
from .records import Candidate, Mention, QuoteKind
from .subjects import scan_left

_WORD = re.compile(r"[\w’'\-]+")


class SpanScorer(Protocol):
    """What decides the spans: ``learned.SpanModel``, or a ``Recorder`` in training."""

    @property
    def threshold(self) -> float: ...

    def score(self, features: dict[str, float]) -> float: ...


class Recorder:
    """A scorer that takes every span and keeps its features (for training)."""

    threshold = 0.0

    def __init__(self) -> None:
        self.features: list[dict[str, float]] = []

    def score(self, features: dict[str, float]) -> float:
        self.features.append(features)
        return 1.0


def orphans(frame: Frame, found: list[Candidate]) -> list[QuoteMarks]:
    """The frame's closed quote marks that no quote found in it overlaps."""
    return [m for m in frame.quotes if m.closed and m.inner_end > m.inner_start
            and not any(c.start < m.end and m.start < c.end for c in found)]


def features(text: str, frame: Frame, before: list[Tok], m: QuoteMarks, mention: Mention | None,
             source: str) -> dict[str, float]:
    """What the model reads of a quote-marked span: its words, and the words around it.

    Notes:
        Generic cues of English news only (no names, no outlet's habits): the span's length
        and shape (capitals, end punctuation, first person), the word before its opening mark
        (a naming word, a determiner, a preposition, a verb, a colon), whether the sentence
        has a subject a clause could hang on, and where in the sentence the span stands.
    """
    inner = text[m.inner_start:m.inner_end]
    words = _WORD.findall(inner)
    n = len(words)
    f: dict[str, float] = {"bias": 1.0}
    f[f"len={_bucket(n)}"] = 1.0
    if words and words[0][:1].isupper():
        f["starts_cap"] = 1.0
    if words and all(w[:1].isupper() or w.lower() in DETERMINERS or w.lower() in ("of", "and", "in", "on", "for")
                     for w in words):
        f["title_case"] = 1.0
    if inner.rstrip()[-1:] in ".!?,":
        f["ends_punct"] = 1.0
    if any(w.lower() in FIRST_PERSON for w in words):
        f["first_person"] = 1.0
    words_before = [t for t in before if t.text not in (MASK_OPEN, MASK_CLOSE)]
    prev = words_before[-1] if words_before else None
    f[f"prev={_word_class(prev)}"] = 1.0
    after = text[m.end:frame.end].lstrip()[:1]
    f[f"next={after if after in ',.;:)—–-' else ('end' if not after else 'word')}"] = 1.0
    if not words_before:
        f["at_start"] = 1.0
    if len(text[m.end:frame.end].strip()) < 3:
        f["at_end"] = 1.0
    if _verb_before(before) is not None:
        f["verb_before"] = 1.0
    f[f"subject={mention.kind if mention else 'none'}"] = 1.0
    f[f"source={source}"] = 1.0
    return f


def speaker(before: list[Tok], m: QuoteMarks, found: list[Candidate], state: ParagraphState,
            frame: Frame) -> tuple[Mention | None, str]:
    """Who a span is attributed to, and how that was found (a feature of the model):
    ``clause``, the subject left of the nearest verb; ``opening``, the subject the sentence
    opens with ("He’s claiming that voting fraud is “…”"); ``frame``, the speaker of a quote
    found earlier in the sentence; ``paragraph``, the paragraph's last speaker; or ``none``.
    ``before`` holds the frame's tokens left of the span."""
    vi = _verb_before(before)
    if vi is not None:
        mention, _ = scan_left(before, vi, 0)
        if mention is not None:
            return mention, "clause"
        if vi and before[vi - 1].low in ("which", "who", "that", "whose"):
            # a relative clause's verb ("an assessment by academics … which concluded that")
            # speaks for its antecedent, never for the sentence's first subject
            return None, "relative"
    mention = opening_subject(before, strict=False)
    if mention is not None:
        return mention, "opening"
    mention = next((c.mention for c in reversed(found) if c.mention is not None and c.start < m.start), None)
    if mention is not None:
        return mention, "frame"
    if frame.paragraph in state.last_in_para:
        return state.last_in_para[frame.paragraph].mention, "paragraph"
    return None, "none"


def opening_subject(before: list[Tok], strict: bool = True) -> Mention | None:
    """The name, pronoun or organisation a clause opens with, when a verb follows it
    ("Trump went even further").

    Args:
        before: The clause's tokens.
        strict: Also a role ("The Tory leader went on"), but None when the clause opens with
            a phrase of place or time ("In Mr Peston's book …") or its subject is a possessor
            ("Labour's election slogan will be"). The span model reads the looser answer as
            one feature among others ("Trump's claim that …" is Trump's in news annotation).
    """
    if not before or (strict and before[0].low in ADVERBIAL_PREPOSITIONS):
        return None
    for k in range(1, min(len(before), 12)):
        t = before[k]
        if t.text in (".", ";", ":", MASK_OPEN):
            break
        if t.is_word and not t.is_cap and t.low not in DETERMINERS and t.low not in ("of", "and", "’s", "'s") \
                and not (strict and t.low in ROLE_HEADS):
            mention, _ = scan_left(before, k, 0)
            if mention is None or (strict and mention.text.endswith(("’s", "'s"))):
                return None
            if mention.kind in ("name", "pronoun", "org") or (
                    strict and mention.kind == "generic" and mention.text.split()[-1].lower() in ROLE_HEADS):
                return mention
            break
    return None


def candidates(text: str, frame: Frame, toks: list[Tok], found: list[Candidate], state: ParagraphState,
               spans: SpanScorer) -> list[Candidate]:
    """The frame's quote-marked spans the model accepts, each attributed (see the module)."""
    out = []
    for m in orphans(frame, found):
        before = [t for t in toks if t.end <= m.start]
        prev = [t for t in before if t.text not in (MASK_OPEN, MASK_CLOSE)][-1:]
        if prev and prev[0].low in DISTANCING_WORDS:
            continue  # "a so-called “magic circle”": the writer keeps a term at arm's length
        mention, source = speaker(before, m, found, state, frame)
        p = spans.score(features(text, frame, before, m, mention, source))
        if p < spans.threshold:
            continue
        outside = text[frame.start:m.start].strip() or text[m.end:frame.end].strip(" .,\n")
        # after a colon ("X commented: “…”") the passage is the speaker's own sentence
        kind: QuoteKind = "direct" if not outside or (prev and prev[0].text == ":") else "mixed"
        out.append(Candidate(m.inner_start, m.inner_end, kind, frame, None, None, mention, "marked_span", round(p, 3)))
    return out


def _verb_before(before: list[Tok]) -> int | None:
    """Index of the nearest lower-case word left of the span that can be a clause's verb."""
    for k in range(len(before) - 1, max(-1, len(before) - 12), -1):
        t = before[k]
        if t.text in (".", ";", "?", "!"):
            return None
        if (t.is_word and not t.is_cap and t.low not in DETERMINERS and t.low not in PHRASE_PREPOSITIONS
                and t.low not in PRONOUNS and t.low not in AUXILIARIES and t.low not in NAMING_WORDS
                and t.low not in ("and", "or", "but", "that", "to", "of", "in", "on", "for", "with", "as")
                and t.low.endswith(("s", "ed", "es", "ing")) and len(t.low) > 3):
            return k
    return None


def _word_class(t: Tok | None) -> str:
    if t is None:
        return "none"
    low = t.low
    if not t.is_word:
        return low if low in (":", ",", "(", "—", "–", "-") else "punct"
    if low in NAMING_WORDS:
        return "naming"
    if low in SPEECH_FORMS:
        return "speech"
    if low in DETERMINERS:
        return "det"
    if low in ("that", "whether", "if"):
        return "that"
    if low in PHRASE_PREPOSITIONS or low in ("of", "in", "on", "for", "with", "to", "about", "by", "from"):
        return "prep"
    if low in ("and", "or", "but"):
        return "conj"
    if t.is_cap:
        return "cap"
    if low.endswith(("ed", "es", "s", "ing")):
        return "verbish"
    return "word"


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-9" if n <= 9 else "10+"
