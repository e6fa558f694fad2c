"""One frame's quotes: each cue gets its speaker from the cue sieves, then its content.

Works on the frame with quoted passages blanked, so only narrative words can be cues or
speakers. For each cue, ``sieves.CUE_SIEVES`` decide the speaker mention and the cue's clause;
the content is what follows the cue (past objects, adverbials and "that") up to the next cue's
clause, or, when nothing follows, what precedes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..detect import Frame, narrative
from ..lexicon import (
    CLAUSE_OPENERS,
    LEAD_WORDS,
    NEW_CLAUSE_WORDS,
    SENTENCE_ADVERBS,
    SPEECH_FORMS,
)
from ..tokens import Tok
from .content import (
    adverbial_lead,
    adverbial_only,
    classify_content,
    ends_with_comma_quote,
    opens_adverbial,
    prev_content_end,
)
from .cue_rules import CueContext
from .cues import find_cues
from .records import Candidate, Cue, Mention
from .sieves import CUE_SIEVES, SIEVES

Content = tuple[int, int, str]  # (start, end, kind) of a content span


def analyse_frame(text: str, frame: Frame, toks: list[Tok] | None = None) -> list[Candidate]:
    """The quotes a frame holds, each with its cue and speaker mention (unresolved).

    Notes:
        Two passes: ``assign_speakers`` walks the cue sieves for each cue, then each cue with
        a speaker emits the content on its right, its left, or both (a report split around its
        cue). Words reported by an earlier cue are never reported twice.
    """
    if toks is None:
        toks = narrative(text, frame)[1]
    cues = find_cues(toks)
    if not cues:
        return []
    cues = assign_speakers(toks, cues)
    out: list[Candidate] = []
    for ci, cue in enumerate(cues):
        if cue.mention is not None:
            _emit_contents(text, frame, toks, cues, ci, out)
    return out


def assign_speakers(toks: list[Tok], cues: list[Cue]) -> list[Cue]:
    """Walk ``CUE_SIEVES`` for each cue: the first rule that decides sets its speaker and clause.

    Returns:
        The cues that stay (a report nested in another is dropped).
    """
    prev_speaker: Mention | None = None
    dropped: set[int] = set()
    for ci, cue in enumerate(cues):
        ctx = CueContext(toks, cues, ci, prev_speaker)
        for sieve in CUE_SIEVES:
            decision = sieve.rule(ctx)
            if decision is None:
                continue
            cue.mention, cue.sieve = decision.mention, sieve.name
            cue.left_bound, cue.right_start = decision.left_bound, decision.right_start
            if not decision.keep:
                dropped.add(ci)
            elif decision.carries and decision.mention is not None:
                prev_speaker = decision.mention
            break
    return [c for ci, c in enumerate(cues) if ci not in dropped]


@dataclass
class _Spans:
    """The content candidates on either side of one cue."""

    right: Content | None
    left: Content | None
    prev_end: int  # token where the previous cue's material ends
    after_comma: bool  # the right content follows a comma
    l_b: int  # character offset where the cue's clause starts


def _emit_contents(text: str, frame: Frame, toks: list[Tok], cues: list[Cue], ci: int, out: list[Candidate]) -> None:
    """Emit what cue ``ci`` reports: after it, before it, or split around it."""
    cue, n = cues[ci], len(toks)
    sp = _spans(text, frame, toks, cues, ci)
    right, left, prev_end = sp.right, sp.left, sp.prev_end
    conf = SIEVES[cue.sieve]
    cue_tok = toks[cue.i]
    lead_only = all(not t.is_word or t.low in CLAUSE_OPENERS or t.low in SENTENCE_ADVERBS
                    or t.low in LEAD_WORDS for t in toks[prev_end:cue.i])
    if cue.form == "according":
        if right is not None and (cue.i <= 1 or lead_only):
            _emit(out, right, frame, cue, cue_tok, conf)
        elif left is not None:
            _emit(out, left, frame, cue, cue_tok, conf)
        return
    if right is not None:
        # "“A,” he said, “B.”" and "A, he said, B": the report is split around its cue
        split = (sp.after_comma and cue.left_bound > 0 and toks[cue.left_bound - 1].text == ","
                 and not opens_adverbial(toks[prev_end] if prev_end < n else None))
        if left is not None and ((left[2] == "direct" and ends_with_comma_quote(text, sp.l_b, frame)) or split):
            _emit(out, left, frame, cue, cue_tok, conf)
        _emit(out, right, frame, cue, cue_tok, conf)
    elif left is not None and not (left[2] == "indirect" and adverbial_lead(toks, prev_end, cue.left_bound)):
        _emit(out, left, frame, cue, cue_tok, conf)


def _spans(text: str, frame: Frame, toks: list[Tok], cues: list[Cue], ci: int) -> _Spans:
    """The content on the right of cue ``ci`` (up to the next cue's clause) and on its left
    (back to the previous cue's material), each None where it is not a report."""
    cue, n = cues[ci], len(toks)
    right, after_comma = _right_content(text, frame, toks, cues, ci)
    prev_end = prev_content_end(cues, ci)
    l_a = toks[prev_end].start if prev_end < n else frame.start
    if prev_end == 0:
        l_a = frame.start
    l_b = toks[cue.left_bound].start if cue.left_bound < n else frame.end
    left = classify_content(text, l_a, l_b, frame.quotes) if l_b > l_a and cue.form != "participle" else None
    if (right is not None and right[2] == "indirect" and left is not None and left[2] in ("direct", "mixed")
            and ends_with_comma_quote(text, l_b, frame)):
        # "“…,” said Lindsey Graham, his colleague" / "“…,” she told moderator John
        # Dickerson": after a quote that hands over to its cue, the rest describes the scene
        right = None
    return _Spans(right, left, prev_end, after_comma, l_b)


def _right_content(text: str, frame: Frame, toks: list[Tok], cues: list[Cue], ci: int) -> tuple[Content | None, bool]:
    """The content after cue ``ci``, and whether a comma stands before it."""
    cue, n = cues[ci], len(toks)
    nxt_bound = cues[ci + 1].left_bound if ci + 1 < len(cues) else n
    r_a = toks[cue.right_start].start if cue.right_start < n else frame.end
    r_b = toks[nxt_bound - 1].end if nxt_bound - 1 >= 0 and nxt_bound <= n and nxt_bound > cue.right_start else r_a
    if nxt_bound >= n:
        r_b = frame.end
    right = classify_content(text, r_a, r_b, frame.quotes) if r_b > r_a else None
    if right is not None and right[2] == "indirect" and adverbial_only(toks, cue.right_start, nxt_bound):
        right = None
    rk = cue.right_start
    while rk < n and toks[rk].text == ",":
        rk += 1
    after_comma = 0 < rk < n and toks[rk - 1].text == ","
    if right is not None and after_comma and (
            toks[rk].low in NEW_CLAUSE_WORDS
            or (not toks[rk].is_cap and toks[rk].low.endswith(("ed", "ing")) and toks[rk].low not in SPEECH_FORMS)):
        # "…, he said, and the talks ended" / "said Cha, who served …" / "…, surrounded by
        # his siblings": not what was said
        right = None
    return right, after_comma


def _emit(out: list[Candidate], content: Content, frame: Frame, cue: Cue, cue_tok: Tok, conf: float) -> None:
    a, b, kind = content
    for c in out:
        if a < c.end and b > c.start:
            return  # the same words already reported by an earlier cue
    out.append(Candidate(a, b, kind, frame, cue.word, cue_tok.start, cue.mention, cue.sieve, conf))  # type: ignore[arg-type]
