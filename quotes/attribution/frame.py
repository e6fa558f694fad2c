"""The cue-bound sieves on one frame: each cue gets its speaker mention and its content."""

from __future__ import annotations


from ..detect import MASK_CLOSE, Frame, narrative
from ..lexicon import (
    AUXILIARIES,
    CLAUSE_OPENERS,
    LEAD_WORDS,
    NEW_CLAUSE_WORDS,
    SENTENCE_ADVERBS,
    SPEECH_FORMS,
    TIME_WORDS,
)
from ..tokens import Tok
from .content import adverbial_lead, adverbial_only, classify_content, content_start_after_cue, ends_with_comma_quote, opens_adverbial, prev_content_end
from .cues import find_cues
from .phrases import according_phrase, frame_subject, scan_left, scan_right
from .records import Candidate, Cue, Mention
from .sieves import SIEVES


def analyse_frame(text: str, frame: Frame, toks: list[Tok] | None = None) -> list[Candidate]:
    """The quotes a frame holds, each with its cue and speaker mention (unresolved).

    Notes:
        Works on the frame with quoted passages blanked, so only narrative words can be cues
        or speakers. For each cue: the speaker is the subject on its left, else the noun phrase
        after it (inversion); the content is what follows the cue (past objects, adverbials and
        'that') up to the next cue's clause, or, when nothing follows, what precedes it.
    """
    if toks is None:
        toks = narrative(text, frame)[1]
    cues = find_cues(toks)
    out: list[Candidate] = []
    if not cues:
        return out
    n = len(toks)
    prev_speaker: Mention | None = None
    # 1. speakers and clause bounds
    for ci, cue in enumerate(cues):
        lo = cues[ci - 1].j if ci else 0
        if cue.form == "according":
            m, after = scan_right(toks, cue.j, n)
            if m is None:
                m, after = according_phrase(toks, cue.j, n)
            cue.mention, cue.sieve = m, "according_to"
            cue.left_bound = cue.i
            cue.right_start = after
            if cue.i > 0 and toks[cue.i - 1].text == ",":
                cue.left_bound = cue.i - 1
            continue
        if cue.form == "participle":
            cue.mention = prev_speaker or frame_subject(toks, 0, cue.i)
            cue.sieve = "participle_cue"
            cue.left_bound = cue.i - 1 if cue.i and toks[cue.i - 1].low in (",", "and", "—", "–") else cue.i
            cue.right_start = content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
            prev_speaker = cue.mention or prev_speaker
            continue
        before = toks[cue.i - 1].low if cue.i > 0 else ""
        m, after = (None, cue.j)
        if cue.i == 0 or before in (",", MASK_CLOSE):
            m, after = scan_right(toks, cue.j, n)
        if m is not None:
            cue.mention, cue.sieve = m, "cue_inverted"
            cue.left_bound, cue.right_start = cue.i, after
            prev_speaker = m
            continue
        m, start_k = scan_left(toks, cue.i, lo)
        if m is not None:
            cue.mention, cue.sieve = m, "cue_subject"
            cue.left_bound = start_k
            cue.right_start = content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
            if ci and cues[ci - 1].mention is not None and cues[ci - 1].form != "according" and cues[ci - 1].right_start == start_k:
                cue.mention = None  # "Lynch said she recalled …": a report inside a report
                cue.sieve = "nested"
                continue
        elif (joined := _conjoined_at(toks, cue.i, lo)) is not None and (
                prev_speaker is not None or frame_subject(toks, 0, cue.i) is not None):
            cue.mention, cue.sieve = prev_speaker or frame_subject(toks, 0, cue.i), "conjoined_cue"
            cue.left_bound = joined
            while cue.left_bound > lo and toks[cue.left_bound - 1].low in (",", "and", "but"):
                cue.left_bound -= 1
            cue.right_start = content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
        else:
            m, after = scan_right(toks, cue.j, n)
            cue.mention, cue.sieve = m, "cue_inverted"
            cue.left_bound = cue.i
            cue.right_start = after
            if m is None:
                cue.right_start = content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
        if cue.mention is not None:
            prev_speaker = cue.mention
    cues = [c for c in cues if c.sieve != "nested"]
    # 2. contents
    for ci, cue in enumerate(cues):
        if cue.mention is None:
            continue
        nxt_bound = cues[ci + 1].left_bound if ci + 1 < len(cues) else n
        prev_end = prev_content_end(cues, ci)
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
        conf = SIEVES[cue.sieve]
        cue_tok = toks[cue.i]
        lead_only = all(not t.is_word or t.low in CLAUSE_OPENERS or t.low in SENTENCE_ADVERBS
                        or t.low in LEAD_WORDS for t in toks[prev_end:cue.i])
        if cue.form == "according" and right is not None and (cue.i <= 1 or lead_only):
            _emit(out, right, frame, cue, cue_tok, conf)
            continue
        if cue.form == "according":
            if left is not None:
                _emit(out, left, frame, cue, cue_tok, conf)
            continue
        if right is not None and cue.form != "evaluative_left":
            # "“A,” he said, “B.”" and "A, he said, B": the report is split around its cue
            split = (after_comma and cue.left_bound > 0 and toks[cue.left_bound - 1].text == ","
                     and not opens_adverbial(toks[prev_end] if prev_end < n else None))
            if left is not None and ((left[2] == "direct" and ends_with_comma_quote(text, l_b, frame)) or split):
                _emit(out, left, frame, cue, cue_tok, conf)
            _emit(out, right, frame, cue, cue_tok, conf)
        elif left is not None and not (left[2] == "indirect" and adverbial_lead(toks, prev_end, cue.left_bound)):
            _emit(out, left, frame, cue, cue_tok, conf)
    return out
def _conjoined_at(toks: list[Tok], cue_i: int, lo: int) -> int | None:
    """Index of the "and"/"but"/"," that joins a cue to an earlier verb of the same subject.

    "… and said", "…, but has since said", "… and later told": auxiliaries and adverbs may stand
    between the conjunction and the cue.
    """
    k = cue_i - 1
    while k > lo and (toks[k].low in AUXILIARIES or toks[k].low.endswith("ly") or toks[k].low in TIME_WORDS
                      or toks[k].low in ("since", "already")) \
            and toks[k].low not in ("and", "but", "that", "to", "who", "which"):
        k -= 1
    if k >= lo and k >= 0 and toks[k].low in ("and", "but", ",", "then", "also", "later"):
        return k
    return None
def _emit(out: list[Candidate], content: tuple[int, int, str], frame: Frame, cue: Cue, cue_tok: Tok, conf: float) -> None:
    a, b, kind = content
    for c in out:
        if a < c.end and b > c.start:
            return  # the same words already reported by an earlier cue
    out.append(Candidate(a, b, kind, frame, cue.word, cue_tok.start, cue.mention, cue.sieve, conf))
