"""Frames with no cue of their own: a quoted paragraph continuing, signed or introduced elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace

from ..detect import Frame, QuoteMarks
from ..lexicon import (
    CONTINUATION_LEADS,
)
from ..tokens import Tok, tokenize
from .cues import find_cues
from .frame import analyse_frame
from .phrases import make_mention, role_text, scan_left
from .records import Candidate, Mention
from .sieves import SIEVES

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
def with_mention(c: Candidate, mention: Mention | None, sieve: str) -> Candidate:
    """A copy of ``c`` attributed to ``mention`` by ``sieve``."""
    return replace(c, mention=mention, sieve=sieve, confidence=SIEVES[sieve])


def attribute_frames(text: str, fr: list[Frame], narratives: list[tuple[str, list[Tok]]]) -> list[Candidate]:
    """Cue-bound sieves on each frame, then the continuation sieves on quote-only frames."""
    out: list[Candidate] = []
    last_in_para: dict[int, Candidate] = {}
    prev_frame: Frame | None = None
    prev_para_last: Candidate | None = None  # last attributed quote of the previous paragraph
    unclosed_para: int | None = None  # paragraph whose last quote never closed
    lead_in: Mention | None = None
    cur_para = -1
    for f, (_, toks) in zip(fr, narratives):
        if f.paragraph != cur_para:
            if cur_para in last_in_para:
                prev_para_last = last_in_para[cur_para]
            elif cur_para >= 0 and f.paragraph - cur_para >= 1 and not _has_quote_in_para(fr, cur_para):
                # a paragraph of plain narrative between breaks the chain
                prev_para_last = None
            cur_para = f.paragraph
        found = analyse_frame(text, f, toks)
        if found:
            out.extend(found)
            attributed = [c for c in found if c.mention is not None]
            if attributed:
                last_in_para[f.paragraph] = attributed[-1]
        else:
            qo = quote_only(text, f)
            if qo is not None:
                q, signer = qo
                s, e = q.inner_start, q.inner_end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                base = Candidate(s, e, "direct", f, None, None, None, "unattributed", SIEVES["unattributed"])
                if signer is not None:
                    c = with_mention(base, signer, "dash_byline")
                elif f.paragraph in last_in_para:
                    prev = last_in_para[f.paragraph]
                    c = with_mention(base, prev.mention, "same_paragraph")
                elif unclosed_para is not None and unclosed_para == f.paragraph - 1 and prev_para_last is not None:
                    c = with_mention(base, prev_para_last.mention, "multi_paragraph")
                elif lead_in is not None and prev_frame is not None and prev_frame.paragraph == f.paragraph - 1:
                    c = with_mention(base, lead_in, "colon_lead_in")
                elif prev_para_last is not None and prev_para_last.frame.paragraph == f.paragraph - 1:
                    c = with_mention(base, prev_para_last.mention, "previous_paragraph")
                else:
                    c = base
                if c.sieve in ("unattributed", "previous_paragraph") and len(text[s:e].split()) < 3:
                    continue  # a short quoted line far from any speaker is a title or a term
                out.append(c)
                if c.mention is not None:
                    last_in_para[f.paragraph] = c
            elif (f.paragraph in last_in_para and last_in_para[f.paragraph].frame is prev_frame
                  and _quotes_words(text, f) >= 4):
                # a sentence with no cue that quotes at length, right after the speaker's own
                # report in the same paragraph, goes on reporting them (mixed)
                prev = last_in_para[f.paragraph]
                s, e = f.start, f.end
                base = Candidate(s, e, "mixed", f, None, None, None, "unattributed", SIEVES["unattributed"])
                out.append(with_mention(base, prev.mention, "same_paragraph"))
        lead_in = _lead_in_mention(toks) if lead_in_colon(text, f) else None
        if f.quotes and not f.quotes[-1].closed:
            unclosed_para = f.paragraph
        elif f.paragraph != unclosed_para:
            unclosed_para = None if unclosed_para != f.paragraph - 1 else unclosed_para
        prev_frame = f
    return out


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
