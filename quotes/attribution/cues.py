"""Finding cues: verbs and phrases of speech ("said", "told", "according to", "pointed out")."""

from __future__ import annotations

from ..detect import MASK_CLOSE, MASK_OPEN
from ..lexicon import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    EVALUATIVE_FORMS,
    NOUNLIKE_FORMS,
    PARTICIPLE_CUES,
    PASSIVE_AUXILIARIES,
    PHRASE_PREPOSITIONS,
    SPEECH_FORMS,
    TIME_WORDS,
    WH_WORDS,
)
from ..tokens import Tok
from .records import Cue, CueForm

# First word of each multi-word cue -> the phrase lengths it starts, longest first: the phrase
# lookup runs only at tokens that can begin one ("point out", "went on to say").
_PHRASE_STARTS: dict[str, tuple[int, ...]] = {}
for _phrase in SPEECH_FORMS:
    if " " in _phrase:
        _w = _phrase.split()
        _PHRASE_STARTS[_w[0]] = tuple(sorted(set(_PHRASE_STARTS.get(_w[0], ())) | {len(_w)}, reverse=True))
# Every word that can begin a cue: most tokens are not one, and skip the cue matcher.
_CUE_STARTS = frozenset(SPEECH_FORMS) | frozenset(EVALUATIVE_FORMS) | frozenset(_PHRASE_STARTS) | {"according"}


def _match_cue(toks: list[Tok], i: int) -> tuple[int, str, CueForm] | None:
    """The cue starting at token ``i``: (end index, cue text, form), or None."""
    t = toks[i]
    if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return i + 2, "according to", "according"
    lengths = _PHRASE_STARTS.get(t.low)
    for n in lengths or ():
        if i + n <= len(toks):
            phrase = " ".join(x.low for x in toks[i:i + n])
            if phrase in SPEECH_FORMS:
                return i + n, " ".join(x.text for x in toks[i:i + n]), "verb"
    if t.low in SPEECH_FORMS:
        form: CueForm = "participle" if t.low in PARTICIPLE_CUES else "verb"
        return i + 1, t.text, form
    if t.low in EVALUATIVE_FORMS:
        return i + 1, t.text, "evaluative"
    return None


def _followed_by_speech(toks: list[Tok], j: int, wh: bool = False) -> bool:
    """Whether the words after a cue hold 'that', a colon or a quote mark soon enough."""
    for k in range(j, min(len(toks), j + 10)):
        low = toks[k].low
        if low in ("that", ":", MASK_OPEN) or (wh and low in WH_WORDS):
            return True
        if low in (".", ";") or low in SPEECH_FORMS:
            return False
    return False


def find_cues(toks: list[Tok]) -> list[Cue]:
    """Every cue in a frame's narrative tokens, filtered for the senses that are not speech.

    Notes:
        Drops passives ("was told", "is said to"), "so-called", "that said", adjectival uses
        ("a stated focus"); nounlike forms ("reports", "claims") count only with "that", a colon
        or a quote after them; evaluative verbs ("called", "described") only with a quote.
    """
    cues: list[Cue] = []
    j = 0  # end of the last cue taken: a phrase's later words start no cue of their own
    for i in [k for k, t in enumerate(toks) if t.low in _CUE_STARTS]:
        if i < j:
            continue
        m = _match_cue(toks, i)
        if not m:
            continue
        end, word, form = m
        if toks[i].is_cap and i and toks[i - 1].is_word:
            continue  # "United States military": a capitalised word mid-sentence is a name
        sense = _speech_sense(toks, i, end, form)
        if sense is not None:
            cues.append(Cue(i, end, word, sense))
        j = end
    return cues


def _speech_sense(toks: list[Tok], i: int, j: int, form: CueForm) -> CueForm | None:
    """The form of the cue at tokens ``i:j`` when it reports speech here, else None."""
    prev = toks[i - 1].low if i else ""
    nxt = toks[j].low if j < len(toks) else ""
    low = toks[i].low
    ok = True
    before = [t.low for t in toks[max(0, i - 3):i]]
    if any(w in ("not", "n't", "never") for w in before[-2:]) or before[-3:-1] == ["not", "immediately"]:
        return None  # "did not (immediately) respond", "did not say whether": no report
    if form == "according":
        pass
    elif prev in DETERMINERS or prev in ("so", "-", "so-") or toks[i].text.startswith("so-") or (
            prev[:1].isdigit() and not prev.endswith("-year-old")):
        ok = False  # "the said", "a stated focus", "so-called", "271 pledged delegates"
    elif prev in PASSIVE_AUXILIARIES and low.endswith(("ed", "old", "aid", "ten")):
        ok = False  # "was told", "is said to"; "has been asked"
    elif low == "said" and prev == "that" and nxt == ",":
        ok = False  # "That said, …"
    elif low in ("say", "said", "says") and nxt == "to" and prev in PASSIVE_AUXILIARIES:
        ok = False
    elif prev == "to" and low == SPEECH_FORMS.get(low) and form == "verb":
        ok = _followed_by_speech(toks, j)
    elif form == "evaluative":
        # "called it “absurd”"; "described the plan as a failure" reports speech without a quote
        ok = _followed_by_quote(toks, j) or (EVALUATIVE_FORMS.get(low) == "describe" and any(
            t.low == "as" for t in toks[j:j + 8]))
    elif low in NOUNLIKE_FORMS and prev in ("’s", "'s") or toks[i - 1].text.endswith(("’s", "'s")) and i:
        ok = False  # "the editor's note", "Trump's claims"
    elif low in NOUNLIKE_FORMS:
        # "…?” Graham asked." : a quote closes just before the subject
        # "…?” asked Graham.": the cue right after the closing mark
        ok = _followed_by_speech(toks, j, wh=low.startswith("ask")) or (
            (nxt in (".", ",", "?", "!", "") or nxt in TIME_WORDS or nxt in PHRASE_PREPOSITIONS)
            and _quote_closes_before(toks, i)) or (prev == MASK_CLOSE and j < len(toks) and toks[j].is_cap)
    elif low.endswith("ing") and prev not in (",", "and", "—", "–", "by", "after", "before",
                                                 "while", "in", "without", "when"):
        # "saying" as a noun or gerund subject ("the saying goes"), or "keep saying"
        ok = prev in ("was", "were", "is", "are", "been", "kept", "keeps", "keep") and _followed_by_speech(toks, j)
        form = "verb"
    if ok and form == "verb" and low.endswith("ing") and prev in (",", "and", "—", "–"):
        form = "participle"
    return form if ok else None


def _quote_closes_before(toks: list[Tok], i: int) -> bool:
    """Whether a closing mark or a comma stands within a short noun phrase before token ``i``."""
    for k in range(i - 1, max(-1, i - 7), -1):
        if toks[k].low == MASK_CLOSE or (toks[k].text == "," and k + 1 < i):
            return True
        if toks[k].low in AUXILIARIES or toks[k].low in CLAUSE_WORDS:
            return False  # "…, adding that talks would continue": a clause, not a speaker's name
    return False


def _followed_by_quote(toks: list[Tok], j: int) -> bool:
    for k in range(j, min(len(toks), j + 8)):
        if toks[k].low == MASK_OPEN:
            return True
        if toks[k].low in (".", ";", ",", MASK_CLOSE):
            return False
    return False
