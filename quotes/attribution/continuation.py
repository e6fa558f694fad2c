"""An article's frames in order: the cue sieves on each, the paragraph sieves on the rest.

A frame with no cue of its own that is only a quoted passage (perhaps signed "— Name") is
handed to ``sieves.PARAGRAPH_SIEVES`` with what the frames before it attributed; a sentence
with no cue that quotes at length right after its speaker's own report goes on reporting them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..detect import MASK_CLOSE, MASK_OPEN, Frame, QuoteMarks
from ..lexicon import (
    CONTINUATION_LEADS,
)
from ..tokens import Tok, tokenize
from . import marked
from .marked import opening_subject
from .subjects import (
    scan_left,
)
from .cues import find_cues
from .frame import analyse_frame
from .paragraph_rules import ParagraphState
from .phrases import (
    make_mention,
    role_text,
)
from .records import Candidate, Mention, SieveName
from .sieves import PARAGRAPH_SIEVES, SIEVES

# a lone "But" or "And" before the mark still continues the speaker
_LEAD = re.compile(r"\s*(?:" + "|".join(CONTINUATION_LEADS) + r")\s*,?\s*")


def quote_only(text: str, frame: Frame) -> tuple[QuoteMarks, Mention | None] | None:
    """If a frame is one quoted passage (perhaps signed "— Name"), that passage and the signer.

    Scare quotes inside a sentence never qualify: the words outside the marks must be empty.
    """
    if not frame.quotes:
        return None
    q = frame.quotes[0]
    if len(frame.quotes) > 1:
        return None
    before = text[frame.start:q.start]
    after = text[q.end:frame.end]
    if re.search(r"\w", before) and not _LEAD.fullmatch(before):
        return None  # (a lone "But" or "And" before the mark still continues the speaker)
    if not re.search(r"\w", after):
        return (q, None) if re.search(r"\w", text[q.inner_start:q.inner_end]) else None
    m = re.match(r"\s*[―—–-]+\s*(.+?)\s*$", after)
    if m:
        toks = tokenize(text, q.end + m.start(1), q.end + m.end(1))
        if toks and toks[0].is_cap and len(toks) <= 8:
            e = len(toks)
            for i, t in enumerate(toks):
                if t.text == ",":
                    e = i
                    break
            men = make_mention(toks[:e], role_text(toks[e + 1:]) if e < len(toks) else None, None, toks, e - 1)
            return q, men
    return None


def lead_in_colon(text: str, frame: Frame) -> bool:
    """Whether a frame ends with a colon (a lead-in to a quote in the next paragraph)."""
    return text[frame.start:frame.end].rstrip().endswith(":")


def with_mention(c: Candidate, mention: Mention | None, sieve: SieveName) -> Candidate:
    """A copy of ``c`` attributed to ``mention`` by ``sieve``."""
    return replace(c, mention=mention, sieve=sieve, confidence=SIEVES[sieve])


def attribute_frames(text: str, fr: list[Frame], narratives: list[tuple[str, list[Tok]]],
                     spans: marked.SpanScorer | None = None) -> list[Candidate]:
    """Every quote of an article's frames, with its cue and speaker mention (unresolved).

    Notes:
        Frames are visited in order; ``ParagraphState`` carries what the paragraph sieves read
        (the last speaker per paragraph, an unclosed quote, a colon lead-in). With ``spans``,
        the quote-marked spans no rule took in a frame are scored (``marked``) last.
    """
    out: list[Candidate] = []
    state = ParagraphState()
    for f, (_, toks) in zip(fr, narratives):
        _enter_paragraph(state, fr, f)
        first = len(out)
        found = analyse_frame(text, f, toks)
        if found:
            out.extend(found)
            attributed = [c for c in found if c.mention is not None]
            if attributed:
                state.last_in_para[f.paragraph] = attributed[-1]
        elif (qo := quote_only(text, f)) is not None:
            c = _quoted_passage(text, f, *qo, state)
            if c is not None:
                out.append(c)
                if c.mention is not None:
                    state.last_in_para[f.paragraph] = c
        elif (c := _after_colon(text, f, toks)) is not None:
            out.append(c)
            state.last_in_para[f.paragraph] = c
        elif (f.paragraph in state.last_in_para and state.last_in_para[f.paragraph].frame is state.prev_frame
              and _quotes_words(text, f) >= 4):
            # a sentence with no cue that quotes at length, right after the speaker's own
            # report in the same paragraph, goes on reporting them (mixed)
            base = Candidate(f.start, f.end, "mixed", f, None, None, None, "unattributed", SIEVES["unattributed"])
            out.append(with_mention(base, state.last_in_para[f.paragraph].mention, "same_paragraph"))
        if spans is not None and f.quotes:
            out.extend(marked.candidates(text, f, toks, out[first:], state, spans))
        _leave_frame(state, text, f, toks)
    return out


def _after_colon(text: str, f: Frame, toks: list[Tok]) -> Candidate | None:
    """"Trump went even further: “If he goes forward …”": with no cue in the sentence, a
    passage right after a colon is the words of the subject of the clause before it."""
    if not f.quotes:
        return None
    for k, t in enumerate(toks):
        if t.low == MASK_OPEN and k and toks[k - 1].text == ":":
            # the clause before the colon, from its last comma: its opening subject speaks
            start = max((i + 1 for i in range(k - 1) if toks[i].text in (",", ";", MASK_CLOSE)), default=0)
            mention = opening_subject(toks[start:k - 1])
            if mention is None or mention.text.lower() in ("it", "this", "that"):
                return None  # "It will be: “Should the United Kingdom …?”": no one speaks
            q = next((m for m in f.quotes if m.start >= toks[k - 1].end), None)
            if q is None or not q.closed or len(text[q.inner_start:q.inner_end].split()) < 3:
                return None
            base = Candidate(q.inner_start, q.inner_end, "direct", f, None, None, None, "unattributed",
                             SIEVES["unattributed"])
            return with_mention(base, mention, "colon_lead_in")
    return None


def _enter_paragraph(state: ParagraphState, fr: list[Frame], f: Frame) -> None:
    """On a new paragraph, remember the last speaker of the one before (or forget it)."""
    if f.paragraph == state.paragraph:
        return
    if state.paragraph in state.last_in_para:
        state.prev_para_last = state.last_in_para[state.paragraph]
    elif state.paragraph >= 0 and f.paragraph - state.paragraph >= 1 and not _has_quote_in_para(fr, state.paragraph):
        state.prev_para_last = None  # a paragraph of plain narrative between breaks the chain
    state.paragraph = f.paragraph


def _quoted_passage(text: str, f: Frame, q: QuoteMarks, signer: Mention | None,
                    state: ParagraphState) -> Candidate | None:
    """A frame that is one quoted passage, attributed by the first paragraph sieve that decides."""
    s, e = q.inner_start, q.inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    base = Candidate(s, e, "direct", f, None, None, None, "unattributed", SIEVES["unattributed"])
    c = base
    for sieve in PARAGRAPH_SIEVES:
        mention = sieve.rule(state, f, signer)
        if mention is not None:
            c = with_mention(base, mention, sieve.name)
            break
    if c.sieve in ("unattributed", "previous_paragraph") and len(text[s:e].split()) < 3:
        return None  # a short quoted line far from any speaker is a title or a term
    return c


def _leave_frame(state: ParagraphState, text: str, f: Frame, toks: list[Tok]) -> None:
    """Record what the next frame's sieves read of this one: a colon lead-in, an unclosed quote."""
    state.lead_in = _lead_in_mention(toks) if lead_in_colon(text, f) else None
    if f.quotes and not f.quotes[-1].closed:
        state.unclosed_para = f.paragraph
    elif f.paragraph != state.unclosed_para:
        state.unclosed_para = None if state.unclosed_para != f.paragraph - 1 else state.unclosed_para
    state.prev_frame = f


def _quotes_words(text: str, f: Frame) -> int:
    """Words inside the frame's closed quote marks."""
    return sum(len(text[q.inner_start:q.inner_end].split()) for q in f.quotes if q.closed)


def _has_quote_in_para(fr: list[Frame], para: int) -> bool:
    return any(f.quotes for f in fr if f.paragraph == para)


def _lead_in_mention(toks: list[Tok]) -> Mention | None:
    """The speaker of a frame that ends "X said:" and hands its quote to the next paragraph."""
    cues = find_cues(toks)
    if not cues:
        return None
    m, _ = scan_left(toks, cues[-1].i, 0)
    return m
