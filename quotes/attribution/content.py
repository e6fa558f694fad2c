"""Content spans: what a cue reports, its kind (direct, mixed, indirect), and where it ends."""

from __future__ import annotations

import re

from ..detect import MASK_CLOSE, MASK_OPEN, Frame, QuoteMarks
from ..lexicon import (
    ADDRESSEE_WORDS,
    ADVERBIAL_PREPOSITIONS,
    CUE_ADVERBIAL_HEADS,
    DETERMINERS,
    LEAD_WORDS,
    SPEECH_FORMS,
    TELL_VERBS,
    TIME_WORDS,
)
from ..tokens import Tok
from .records import Cue


def content_start_after_cue(toks: list[Tok], j: int, hi: int, lemma: str | None) -> int:
    """Where reported content starts after a cue at ``toks[j-1]``: past adverbials, an indirect
    object ("told Reuters"), 'that', a colon or a comma."""
    k = j
    # look for "that" past adverbials: "said in a statement that", "told Reuters on … that"
    in_pp = False
    for m in range(j, min(hi, j + 16)):
        t = toks[m]
        if t.low == "that":
            return m + 1
        if t.low in (MASK_OPEN, MASK_CLOSE, ".", ";", ":"):
            break
        if t.text == ",":
            if in_pp or (m + 1 < hi and (toks[m + 1].is_cap or toks[m + 1].text[:1].isdigit() or toks[m + 1].low == "that")):
                continue
            break
        if t.text[:1].isdigit():
            continue
        if t.low in CUE_ADVERBIAL_HEADS:
            in_pp = True
            continue
        if in_pp or t.is_cap or t.low in TIME_WORDS or t.low in ADDRESSEE_WORDS or t.low in DETERMINERS or t.text in ("’s", "'s"):
            continue
        break
    # an indirect object of tell-like verbs: "told reporters", "told the New Arab"
    if lemma in TELL_VERBS and k < hi:
        m = k
        if toks[m].low in DETERMINERS and m + 1 < hi:
            m += 1
        n = m
        while n < hi and (toks[n].is_cap or toks[n].text in ("’s", "'s")) and toks[n].low not in ("i",):
            n += 1
        if n == m and m < hi and toks[m].low in ADDRESSEE_WORDS:
            n = m + 1
        if n > m and not (n < hi and toks[n].low in ("to", "not")):
            k = n  # (with an infinitive the object belongs to the report: "urged residents to stay")
    # adverbial days: "said Friday the …", "said on Tuesday the …", "said late on Monday night …"
    while k < hi:
        if toks[k].low in TIME_WORDS and toks[k].low not in ("this", "now", "then", "also"):
            k += 1
        elif k + 1 < hi and toks[k].low in ("on", "late", "early") and (
                toks[k + 1].low in TIME_WORDS or (toks[k].low != "on" and toks[k + 1].low == "on")):
            k += 1
        else:
            break
    # a place or occasion, then a colon: "told reporters in Brussels: “…”"
    colon = next((m for m in range(k, min(hi, k + 6)) if toks[m].text == ":"), None)
    if colon is not None and toks[k].low in ADVERBIAL_PREPOSITIONS and all(t.is_word for t in toks[k:colon]):
        k = colon
    while k < hi and toks[k].text in (",", ":", "—", "—", "-"):
        k += 1
    if k < hi and toks[k].low in ("of", "about") and lemma in ("warn", "caution", "complain", "boast", "speak"):
        k += 1
    if k < hi and toks[k].low == "that":
        k += 1
    return k


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces and joining punctuation from both ends of ``text[a:b]``; a final period
    goes too unless a quote mark closes after it."""
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a:
        c = text[b - 1]
        if c.isspace() or c in ",;:—–-(":
            b -= 1
        elif c == "." and not (b - 2 >= a and text[b - 2] == "."):
            b -= 1
        else:
            break
    return a, b


def classify_content(text: str, a: int, b: int, quotes: tuple[QuoteMarks, ...]) -> tuple[int, int, str] | None:
    """Content span and kind: direct when the span is one quoted passage, mixed when it holds
    quoted words among others, else indirect."""
    a, b = _trim(text, a, b)
    if b - a < 2:
        return None
    inside = [q for q in quotes if q.start >= a and q.end <= b + 1 and q.start < b]
    for q in inside:
        rest = text[a:q.start] + text[q.end:b]
        if not re.search(r"\w", rest):
            s, e = q.inner_start, q.inner_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            return (s, e, "direct") if e - s >= 2 else None
    # a quote that opens inside the span and closes after it (cut by our end): still mixed
    quoted_words = sum(len(re.findall(r"\w+", text[q.inner_start:q.inner_end])) for q in quotes if q.start >= a and q.start < b)
    if quoted_words >= 2:
        e = b
        for q in quotes:
            if q.start >= a and q.start < b and q.end > b:
                e = q.end
        return a, e, "mixed"
    if not re.search(r"[A-Za-z]{2}", text[a:b]):
        return None
    return a, b, "indirect"


def adverbial_lead(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` before a subject are a lead-in, not a report.

    "Turning to the economy, the chancellor pledged …", "Asked about the plan, she said …",
    "In 2008, he said …": a participle or a short prepositional phrase, closed by a comma.
    """
    words = [t for t in toks[a:b] if t.is_word]
    if not words or b - 1 < 0 or toks[b - 1].text != ",":
        return False
    first = words[0]
    if first.low.endswith(("ing", "ed")) and first.low not in SPEECH_FORMS and len(words) > 1 and (
            words[1].low in ADVERBIAL_PREPOSITIONS or words[1].low in DETERMINERS or words[1].low in ("about", "whether", "if")):
        return True  # "Turning to …", "Asked about …", "Citing the …" (not "Shifting monsoon patterns …")
    return first.low in ADVERBIAL_PREPOSITIONS and len(words) <= 5


def opens_adverbial(t: Tok | None) -> bool:
    """Whether a stretch starting with ``t`` is a sentence adverbial ("In 2008, he said, …")."""
    return t is not None and (t.low in ADVERBIAL_PREPOSITIONS or t.low.endswith("ly") or t.low in LEAD_WORDS)


def adverbial_only(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` are one prepositional phrase with no clause ("on Saturday night")."""
    if a < b <= len(toks) and all(t.low.endswith("ly") or t.low in TIME_WORDS or not t.is_word for t in toks[a:b]):
        return True  # "said pleasantly", "said Tuesday"
    if a >= b or a >= len(toks) or toks[a].low not in ADVERBIAL_PREPOSITIONS:
        return False
    return not any(t.text in (",", ";", ":") or t.low in ("that", MASK_OPEN) for t in toks[a:b])


def ends_with_comma_quote(text: str, l_b: int, frame: Frame) -> bool:
    """Whether a direct quote closes just before the speaker ("“A,” he said, “B.”")."""
    seg = text[frame.start:l_b].rstrip()
    return seg.endswith(("”", '"', "''", "»", "’", "'"))


def prev_content_end(cues: list[Cue], ci: int) -> int:
    """Token index where the previous cue's material ends (where this cue's left content may start)."""
    if ci == 0:
        return 0
    prev = cues[ci - 1]
    return max(prev.j, prev.right_start) if prev.form == "according" else prev.j if prev.right_start <= prev.j else prev.right_start
