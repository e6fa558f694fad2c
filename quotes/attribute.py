"""Cues, speaker mentions and content spans: what each frame of an article reports, and who says it.

Attribution follows ordered sieves (after Muzny et al. 2017, "A Two-stage Sieve Approach for
Quote Attribution"): the cue-bound sieves run on each frame first, then frames left without a
cue are handed to the continuation sieves, and last ``speakers`` resolves every mention to an
entity. ``SIEVES`` lists them all, in order, with their confidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace

from .detect import MASK_CLOSE, MASK_OPEN, Frame, QuoteMarks, narrative
from .lexicon import (
    AUXILIARIES,
    CLAUSE_WORDS,
    CUE_ADVERBIAL_HEADS,
    DETERMINERS,
    EVALUATIVE_FORMS,
    GENERIC_SPEAKERS,
    HONORIFICS,
    LEAD_WORDS,
    NEW_CLAUSE_WORDS,
    NOT_NAMES,
    NOT_SUBJECT_HEADS,
    NOUNLIKE_FORMS,
    NUMBER_WORD,
    ORG_HEADS,
    PARTICIPLE_CUES,
    PHRASE_PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    REFLEXIVES,
    ROLE_HEADS,
    SENTENCE_ADVERBS,
    SPEECH_FORMS,
    TELL_VERBS,
    TITLE_WORDS,
)
from .tokens import Tok, tokenize

# The attribution policy at a glance: sieve name -> confidence, in the order they are tried.
SIEVES: dict[str, float] = {
    "cue_subject": 0.9,       # X said (that) …  /  “…,” X said
    "cue_inverted": 0.9,      # “…,” said X
    "according_to": 0.85,     # according to X, …  /  …, according to X
    "conjoined_cue": 0.85,    # X acknowledged that …, but insisted that …
    "participle_cue": 0.8,    # X said …, adding that …
    "dash_byline": 0.75,      # “…” — X
    "colon_lead_in": 0.8,     # X said: ¶ “…”
    "same_paragraph": 0.8,    # “A,” X said. “B.”
    "multi_paragraph": 0.8,   # “A … ¶ “B …”  (the first paragraph's quote never closed)
    "previous_paragraph": 0.6,  # ¶ “…” right after a paragraph that quotes X
    "unattributed": 0.2,      # a quoted paragraph with no speaker in reach
}

_NAME_CONNECTORS = frozenset({"of", "for", "and", "de", "al", "el", "bin", "ibn", "van", "von",
                              "der", "la", "le", "du", "da", "di", "&", "on"})
_CLAUSE_OPENERS = frozenset({"and", "but", "while", "whereas", "although", "though", "as",
                             "because", "so", "yet", "or", "then", ";"})
_OBJECT_WORDS = frozenset({"me", "him", "her", "us", "them", "you", "reporters", "journalists",
                           "lawmakers", "supporters", "voters", "listeners", "viewers", "the",
                           "a", "an", "crowd", "audience", "congress", "committee", "senators",
                           "members", "students", "residents", "parliament", "delegates",
                           "press", "media", "his", "their", "its", "our", "my"})
_WH = frozenset({"whether", "if", "why", "what", "how", "when", "where", "who"})
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"})
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "yesterday", "today", "tonight", "recently", "earlier", "later", "again",
                   "also", "repeatedly", "publicly", "privately", "previously", "once", "then",
                   "now", "last", "this", "week", "month", "year", "morning", "evening",
                   "afternoon", "night"})
_SENT_END = re.compile(r"[\s,;:—–\-]+$")
_MAX_NP = 12


@dataclass(frozen=True)
class Mention:
    """The words a cue attaches to: a name, a pronoun, an organisation or a common noun."""

    start: int
    end: int
    text: str
    kind: str  # 'name' | 'pronoun' | 'generic' | 'org'
    role: str | None = None  # appositive or pre-name role, as written
    alias: str | None = None  # a parenthesised acronym right after the name ("CENTCOM")
    antecedent: "Mention | None" = None  # for 'who': the noun phrase it stands for


@dataclass(frozen=True)
class Candidate:
    """A quote found in a frame, before speaker resolution."""

    start: int
    end: int
    kind: str
    frame: Frame
    cue: str | None
    cue_start: int | None
    mention: Mention | None
    sieve: str
    confidence: float


@dataclass
class _Cue:
    i: int  # index of the cue's first token
    j: int  # index one past its last token
    word: str
    form: str  # 'verb' | 'participle' | 'according' | 'evaluative'
    mention: Mention | None = None
    sieve: str = "cue_subject"
    left_bound: int = 0  # token index where this cue's own clause material starts
    right_start: int = 0  # token index where content after the cue starts


# --- cue finding --------------------------------------------------------------------------------

# First word of each multi-word cue -> the phrase lengths it starts, longest first: the phrase
# lookup runs only at tokens that can begin one ("point out", "went on to say").
_PHRASE_STARTS: dict[str, tuple[int, ...]] = {}
for _phrase in SPEECH_FORMS:
    if " " in _phrase:
        _w = _phrase.split()
        _PHRASE_STARTS[_w[0]] = tuple(sorted(set(_PHRASE_STARTS.get(_w[0], ())) | {len(_w)}, reverse=True))


# Every word that can begin a cue: most tokens are not one, and skip the cue matcher.
_CUE_STARTS = frozenset(SPEECH_FORMS) | frozenset(EVALUATIVE_FORMS) | frozenset(_PHRASE_STARTS) | {"according"}


def _match_cue(toks: list[Tok], i: int) -> tuple[int, str, str] | None:
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
        form = "participle" if t.low in PARTICIPLE_CUES else "verb"
        return i + 1, t.text, form
    if t.low in EVALUATIVE_FORMS:
        return i + 1, t.text, "evaluative"
    return None


def _followed_by_speech(toks: list[Tok], j: int, wh: bool = False) -> bool:
    """Whether the words after a cue hold 'that', a colon or a quote mark soon enough."""
    for k in range(j, min(len(toks), j + 10)):
        low = toks[k].low
        if low in ("that", ":", MASK_OPEN) or (wh and low in _WH):
            return True
        if low in (".", ";") or low in SPEECH_FORMS:
            return False
    return False


def find_cues(toks: list[Tok]) -> list[_Cue]:
    """Every cue in a frame's narrative tokens, filtered for the senses that are not speech.

    Notes:
        Drops passives ("was told", "is said to"), "so-called", "that said", adjectival uses
        ("a stated focus"); nounlike forms ("reports", "claims") count only with "that", a colon
        or a quote after them; evaluative verbs ("called", "described") only with a quote.
    """
    cues: list[_Cue] = []
    i = 0
    while i < len(toks):
        if toks[i].low not in _CUE_STARTS:
            i += 1
            continue
        m = _match_cue(toks, i)
        if not m:
            i += 1
            continue
        j, word, form = m
        prev = toks[i - 1].low if i else ""
        if toks[i].is_cap and i and toks[i - 1].is_word:
            i += 1
            continue  # "United States military": a capitalised word mid-sentence is a name
        nxt = toks[j].low if j < len(toks) else ""
        low = toks[i].low
        ok = True
        if form == "according":
            ok = True
        elif prev in DETERMINERS or prev in ("so", "-", "so-") or toks[i].text.startswith("so-") or prev[:1].isdigit():
            ok = False  # "the said", "a stated focus", "so-called", "271 pledged delegates"
        elif prev in _PASSIVE and low.endswith(("ed", "old", "aid", "ten")):
            ok = False  # "was told", "is said to"; "has been asked"
        elif low == "said" and prev == "that" and nxt == ",":
            ok = False  # "That said, …"
        elif low in ("say", "said", "says") and nxt == "to" and prev in _PASSIVE:
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
                (nxt in (".", ",", "?", "!", "") or nxt in _DAYS or nxt in PHRASE_PREPOSITIONS)
                and _quote_closes_before(toks, i)) or (prev == MASK_CLOSE and j < len(toks) and toks[j].is_cap)
        elif low.endswith("ing") and prev not in (",", "and", "—", "–", "by", "after", "before",
                                                     "while", "in", "without", "when"):
            # "saying" as a noun or gerund subject ("the saying goes"), or "keep saying"
            ok = prev in ("was", "were", "is", "are", "been", "kept", "keeps", "keep") and _followed_by_speech(toks, j)
            form = "verb"
        if ok and form == "verb" and low.endswith("ing") and prev in (",", "and", "—", "–"):
            form = "participle"
        if ok:
            cues.append(_Cue(i, j, word, form))
        i = j
    return cues


def _quote_closes_before(toks: list[Tok], i: int) -> bool:
    """Whether a closing mark or a comma stands within a short noun phrase before token ``i``."""
    for k in range(i - 1, max(-1, i - 7), -1):
        if toks[k].low == MASK_CLOSE or (toks[k].text == "," and k + 1 < i):
            return True
    return False


def _followed_by_quote(toks: list[Tok], j: int) -> bool:
    for k in range(j, min(len(toks), j + 8)):
        if toks[k].low == MASK_OPEN:
            return True
        if toks[k].low in (".", ";", ",", MASK_CLOSE):
            return False
    return False


# --- speaker noun phrases ----------------------------------------------------------------------

def _np_word(t: Tok) -> str | None:
    """How a token can take part in a speaker noun phrase: 'cap', 'role', 'conn', or None."""
    return _np_class(t.text)


@lru_cache(maxsize=65536)
def _np_class(text: str) -> str | None:
    # a token's class depends on its text alone: cached, as names and titles recur
    t = Tok(text, 0, len(text), text.lower())
    low = t.low
    if not t.is_word or text in ("who", "which", "whose", "that"):
        return None  # lower-case relatives end a phrase (the WHO, in capitals, is a name)
    if not t.is_cap and (low in SPEECH_FORMS or low in EVALUATIVE_FORMS or low == "according"):
        return None
    if t.is_cap:
        if low in NOT_NAMES and low not in DETERMINERS and not (t.text.isupper() and len(t.text) > 1):
            return None  # "WHO", "AND" in capitals are names, "Who", "And" are not
        return "cap"
    if low in HONORIFICS or low in ROLE_HEADS or low in GENERIC_SPEAKERS or low in ORG_HEADS or low in TITLE_WORDS:
        return "role"
    if low in _NAME_CONNECTORS:
        return "conn"
    return None


def _parenthetical_before(toks: list[Tok], k: int, lo: int) -> int | None:
    """Index of the '(' matching the ')' at ``k`` (within 8 tokens), or None."""
    for m in range(k - 1, max(lo, k - 9) - 1, -1):
        if toks[m].text == "(":
            return m
    return None


def scan_left(toks: list[Tok], cue_i: int, lo: int) -> tuple[Mention | None, int]:
    """The subject noun phrase before a cue: (mention, index where its clause material starts).

    Notes:
        Skips auxiliaries and adverbs ("has also said"), a party tag or acronym in parentheses,
        and an appositive between commas ("Lambert, commander of …, said"), then takes the
        longest run of name, title, role and organisation words, with a determiner in front.
    """
    k = cue_i - 1
    while k >= lo and (toks[k].low in REFLEXIVES or toks[k].low in SENTENCE_ADVERBS):
        k -= 1  # "Ford itself said", "Carter however said"
    while k >= lo and ((toks[k].low in AUXILIARIES and toks[k].low not in ("that", "and", "but", "to", "on", "in", "who", "which"))
                       or (toks[k].low in _DAYS and k > lo and toks[k].low not in ("now", "then"))):
        k -= 1
    if k < lo:
        return None, cue_i
    k = _skip_trailing_pp(toks, k, lo, cue_i - 1)
    if toks[k].text in ("who", "which") and k - 1 >= lo:
        # "Mr. Kamin, who emphasized that …": the mention is 'who', standing for Mr. Kamin
        rel = toks[k]
        end = k - 2 if toks[k - 1].text == "," else k - 1
        start_k = _np_start(toks, end, lo) if end >= lo else None
        ante = _make_mention(toks[start_k:end + 1], None, None, toks, end) if start_k is not None else None
        if ante is None:
            return None, cue_i
        return Mention(rel.start, rel.end, rel.text, "relative", antecedent=ante), k
    t = toks[k]
    if t.low in PRONOUNS and (t.low != "it" or True):
        return Mention(t.start, t.end, t.text, "pronoun"), k
    role = None
    alias = None
    end_k = k
    if t.text == ")":
        p = _parenthetical_before(toks, k, lo)
        if p is None:
            return None, cue_i
        inner = toks[p + 1:k]
        if len(inner) == 1 and inner[0].text.isupper() and len(inner[0].text) >= 2:
            alias = inner[0].text
        k = p - 1
        end_k = k
    elif t.text == ",":
        # appositive: find the comma that opens it
        open_k = None
        for m in range(k - 1, max(lo, k - 30) - 1, -1):
            if toks[m].text == ",":
                open_k = m
                break
            if toks[m].low in (MASK_OPEN, MASK_CLOSE) or toks[m].low in SPEECH_FORMS:
                break
        if open_k is None:
            return None, cue_i
        appos = toks[open_k + 1:k]
        if not appos:
            return None, cue_i
        k = open_k - 1
        if k >= lo and toks[k].text == ")":
            p = _parenthetical_before(toks, k, lo)
            if p is not None:
                k = p - 1
        if appos and not all(a.text.isdigit() for a in appos):
            role = _role_text(appos)
        end_k = k
    if end_k < lo:
        return None, cue_i
    start_k = _np_start(toks, end_k, lo)
    if start_k is None:
        of_np = _of_phrase_np(toks, end_k, lo, role, alias)
        if of_np is not None:
            return of_np
        start_k = _common_np_start(toks, end_k, lo)
        if start_k is None:
            return None, cue_i
        np = toks[start_k:end_k + 1]
        return Mention(np[0].start, np[-1].end, _span_text(np), "generic", role, alias), start_k
    np = toks[start_k:end_k + 1]
    return _make_mention(np, role, alias, toks, end_k), start_k


def _of_phrase_np(toks: list[Tok], end_k: int, lo: int, role: str | None,
                  alias: str | None) -> tuple[Mention, int] | None:
    """A speaker whose head comes before an "of" phrase: "the organizer of a pro-Trump rally".

    The mention runs through the whole phrase; its kind comes from the head before "of".
    """
    for m in range(end_k - 1, max(lo, end_k - 6), -1):
        if toks[m].low == "of" and m - 1 >= lo:
            head_start = _np_start(toks, m - 1, lo)
            if head_start is None:
                return None
            base = _make_mention(toks[head_start:m], role, alias, toks, m - 1)
            if base is None or base.kind == "org":
                return None
            whole = toks[head_start:end_k + 1]
            return replace(base, end=whole[-1].end, text=_span_text(whole)), head_start
        if not toks[m].is_word or toks[m].low in AUXILIARIES and toks[m].low not in DETERMINERS:
            return None
    return None


def _common_np_start(toks: list[Tok], end_k: int, lo: int) -> int | None:
    """A common-noun subject that no word list names: "the probe said", "46 percent said".

    Notes:
        Taken only where the phrase reads as a subject: a determiner or number opens it, or
        its head is plural and it opens its clause ("Investigators said"). Up to three
        lower-case modifiers ("the internal probe", "1,409 union teachers").
    """
    head = toks[end_k]
    low = head.low
    if end_k - 1 >= lo and toks[end_k - 1].low == "those" and low.endswith("ed"):
        return end_k - 1  # "those surveyed said", "those polled"
    if (head.is_cap or not head.text.isalpha() or len(low) < 3 or low in NOT_SUBJECT_HEADS
            or low in AUXILIARIES or low in DETERMINERS or low in PRONOUNS or low in _ADVERBIAL_PREPS
            or low in _DAYS or low in NOT_NAMES or low.endswith(("ly", "ing", "ed"))):
        return None
    k = end_k
    seen_of = False
    while k - 1 >= lo and end_k - k < 6:
        t = toks[k - 1]
        if t.low in DETERMINERS or t.low in QUANTIFIERS or t.text[:1].isdigit() or NUMBER_WORD.match(t.low):
            k -= 1
            while k - 1 >= lo and toks[k - 1].low in ("almost", "nearly", "about", "some", "only", "just", "over"):
                k -= 1  # "almost half of respondents"
            return k
        if t.low == "of" and not seen_of and k - 2 >= lo:
            seen_of = True  # "supporters of reform", "half of respondents"
            k -= 1
            continue
        if t.is_cap or not t.text.isalpha() or t.low in NOT_SUBJECT_HEADS or t.low in AUXILIARIES \
                or t.low in _ADVERBIAL_PREPS or t.low in NOT_NAMES or t.low.endswith("ly"):
            break
        k -= 1
    if seen_of:
        return None  # an "of" phrase needs a determiner or number to open it
    opens_clause = k == lo or toks[k - 1].text in (",", ";", ":", "—", "–", MASK_CLOSE) or toks[k - 1].low in ("and", "but")
    if low.endswith("s") and not low.endswith("ss") and opens_clause:
        return k
    return None


def _skip_trailing_pp(toks: list[Tok], k: int, lo: int, last: int) -> int:
    """Step back over a short phrase between a named subject and its cue.

    "Hillary Clinton on Tuesday said", "Jeb Bush in a Medium post said": the phrase (up to six
    words, no punctuation) is skipped only when a name or a pronoun stands before it, so
    "the head of the agency said" keeps its own noun.
    """
    for m in range(k, max(lo, k - 6) - 1, -1):
        t = toks[m]
        if not t.is_word or t.low in CLAUSE_WORDS or (t.low in AUXILIARIES and t.low not in DETERMINERS and t.low not in PHRASE_PREPOSITIONS) \
                or (not t.is_cap and t.low.endswith("ed")):
            return k  # the words before the cue are a clause of their own, not a phrase
        if t.low in PHRASE_PREPOSITIONS and m - 1 >= lo and m < last:
            before = toks[m - 1]
            if before.low in PRONOUNS or (before.is_cap and _np_word(before) == "cap" and m - 1 > lo - 1):
                return m - 1
            return k
    return k


def _np_start(toks: list[Tok], end_k: int, lo: int) -> int | None:
    """Walk left from ``end_k`` over a noun phrase; its first index, or None if there is none."""
    head = toks[end_k]
    kind = _np_word(head)
    if kind is None:
        # a lower-case common-noun speaker with modifiers ("two senior officials")
        return None
    if head.low in DETERMINERS:
        return None
    k = end_k
    lower_mods = 0
    while k - 1 >= lo and end_k - k < _MAX_NP:
        t = toks[k - 1]
        if t.low in DETERMINERS and t.low not in ("one",):
            k -= 1
            break
        w = _np_word(t)
        if w is None:
            # lower-case modifiers of a common-noun head: "senior administration officials"
            if (not t.is_cap and t.is_word and lower_mods < 3 and not t.low.endswith("ly")
                    and t.low not in AUXILIARIES and t.low not in _NAME_CONNECTORS
                    and t.low not in NOT_NAMES and not toks[end_k].is_cap and len(t.low) <= 14
                    and not t.low.endswith(("ed", "ing"))):
                lower_mods += 1
                k -= 1
                continue
            if t.text in ("’s", "'s") or (t.text in ("-",)):
                k -= 1
                continue
            break
        k -= 1
    while k < end_k and toks[k].low in _NAME_CONNECTORS:
        k += 1
    return k


def _role_text(toks: list[Tok]) -> str | None:
    """An appositive's words as a role, if they read as one (not an age, not a clause)."""
    if not toks or len(toks) > 25:
        return None
    first = toks[0]
    if first.text.isdigit():
        return None
    if any(t.low in SPEECH_FORMS for t in toks):
        return None
    if not any(t.low in ROLE_HEADS or t.low in HONORIFICS for t in toks[:5]):
        return None
    if first.low in ("who", "which", "where", "when", "whose", "speaking", "in", "at", "on",
                     "during", "after", "before", "while", "though", "although", "however",
                     "meanwhile", "also", "too", "for", "with", "according"):
        return None
    return None if not toks else _span_text(toks)


def _span_text(toks: list[Tok]) -> str:
    return " ".join(t.text for t in toks).replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",").replace("( ", "(").replace(" )", ")")


def _make_mention(np: list[Tok], role: str | None, alias: str | None, toks: list[Tok], end_k: int) -> Mention | None:
    if not np:
        return None
    head = np[-1]
    text = _span_text(np)
    start, end = np[0].start, np[-1].end
    if alias is not None:
        # "The US Central Command (CENTCOM)": the mention runs through the parenthesis
        end = toks[end_k + 1].end if end_k + 1 < len(toks) else end
        for t in toks[end_k + 1:end_k + 5]:
            end = t.end
            if t.text == ")":
                break
    words = [t for t in np if t.is_word]
    caps = [t for t in words if t.is_cap and t.low not in DETERMINERS]
    if head.low in ORG_HEADS or (len(head.text) >= 2 and head.text.isupper() and head.text.isalpha() and len(caps) == 1 and len(words) == 1):
        kind = "org"
    elif caps and head.is_cap:
        kind = "name"
    elif head.low in GENERIC_SPEAKERS or head.low in ROLE_HEADS or head.low in TITLE_WORDS:
        kind = "generic"
    else:
        return None
    return Mention(start, end, text, kind, role, alias)


def _ends_phrase(toks: list[Tok], k: int, hi: int) -> bool:
    """Whether a speaker phrase may end before token ``k``: punctuation, the end, an adverbial."""
    if k >= hi:
        return True
    t = toks[k]
    return (t.text in (",", ".", ";", ":", "?", "!", "(", MASK_OPEN, "—", "–") or t.low in CUE_ADVERBIAL_HEADS
            or t.low in _DAYS or t.low in PARTICIPLE_CUES or t.low in ("who", "whose"))


def scan_right(toks: list[Tok], j: int, hi: int, strict: bool = True) -> tuple[Mention | None, int]:
    """The speaker noun phrase right after a cue ("…,” said Rep. G.K. Butterfield (D-N.C.), head of …).

    Returns the mention and the index one past everything that belongs to it (the
    parenthetical and the appositive included).
    """
    k = j
    while k < hi and toks[k].low in AUXILIARIES and toks[k].low not in ("the", "a", "an", "that", "to", "on", "in", "and", "but", "who", "which"):
        k += 1
    if k >= hi:
        return None, j
    t = toks[k]
    if t.low in PRONOUNS and t.low not in ("it", "you"):
        if strict and not _ends_phrase(toks, k + 1, hi):
            return None, j  # "said he would …": the pronoun starts the content
        return Mention(t.start, t.end, t.text, "pronoun"), k + 1
    if not t.is_cap and (t.low in _NAME_CONNECTORS or t.low in _ADVERBIAL_PREPS):
        return None, j  # "said on NBC's …": an adverbial, not a speaker ("said Le Pen" is one)
    s = k
    if t.low in DETERMINERS:
        k += 1
    while k < hi and k - s < _MAX_NP:
        w = _np_word(toks[k])
        if w is None and toks[k].text not in ("’s", "'s"):
            # lower-case modifiers before a common-noun head: "said a senior official"
            # (after a determiner, also before a name: "said the younger Mr. Trump")
            nxt = _np_word(toks[k + 1]) if k + 1 < hi else None
            if not toks[k].is_cap and toks[k].is_word and toks[k].low not in AUXILIARIES and (
                    nxt == "role" or (nxt == "cap" and toks[s].low in DETERMINERS)):
                k += 1
                continue
            break
        k += 1
    e = k
    while e > s and (toks[e - 1].low in _NAME_CONNECTORS or toks[e - 1].low in DETERMINERS):
        e -= 1
    if e <= s:
        return None, j
    np = toks[s:e]
    after = e
    if strict and not _ends_phrase(toks, e, hi):
        return None, j
    alias = None
    if after < hi and toks[after].text == "(":
        for m in range(after + 1, min(hi, after + 9)):
            if toks[m].text == ")":
                inner = toks[after + 1:m]
                if len(inner) == 1 and inner[0].text.isupper() and len(inner[0].text) >= 2:
                    alias = inner[0].text
                after = m + 1
                break
    role = None
    if after < hi and toks[after].text == ",":
        stop = after + 1
        while stop < hi and toks[stop].text not in (",", ".", ";", ":", MASK_OPEN) and toks[stop].low not in PARTICIPLE_CUES:
            stop += 1
        role = _role_text(toks[after + 1:stop])
        if role is not None:
            after = stop
    mention = _make_mention(np, role, alias, toks, e - 1)
    if mention is None:
        return None, j
    return mention, after


# --- content spans ------------------------------------------------------------------------------

def _content_start_after_cue(toks: list[Tok], j: int, hi: int, lemma: str | None) -> int:
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
        if in_pp or t.is_cap or t.low in _DAYS or t.low in _OBJECT_WORDS or t.low in DETERMINERS or t.text in ("’s", "'s"):
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
        if n == m and m < hi and toks[m].low in _OBJECT_WORDS:
            n = m + 1
        if n > m and not (n < hi and toks[n].low in ("to", "not")):
            k = n  # (with an infinitive the object belongs to the report: "urged residents to stay")
    # adverbial days: "said Friday the …"
    while k < hi and toks[k].low in _DAYS and toks[k].low not in ("this", "now", "then", "also"):
        k += 1
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


def _classify(text: str, a: int, b: int, quotes: tuple[QuoteMarks, ...]) -> tuple[int, int, str] | None:
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


def _frame_subject(toks: list[Tok], lo: int, hi: int) -> Mention | None:
    """The first noun phrase of a clause, for participle cues with no speaker of their own."""
    k = lo
    while k < hi and (toks[k].low in _CLAUSE_OPENERS or toks[k].low in ("but", "and", "meanwhile", "however", ",")):
        k += 1
    if k < hi and toks[k].low in PRONOUNS:
        t = toks[k]
        return Mention(t.start, t.end, t.text, "pronoun")
    e = k
    while e < hi and _np_word(toks[e]) is not None:
        e += 1
    if e == k:
        return None
    return _make_mention(toks[k:e] if toks[k].low not in DETERMINERS or e - k > 1 else [], None, None, toks, e - 1)


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
                m, after = _according_phrase(toks, cue.j, n)
            cue.mention, cue.sieve = m, "according_to"
            cue.left_bound = cue.i
            cue.right_start = after
            if cue.i > 0 and toks[cue.i - 1].text == ",":
                cue.left_bound = cue.i - 1
            continue
        if cue.form == "participle":
            cue.mention = prev_speaker or _frame_subject(toks, 0, cue.i)
            cue.sieve = "participle_cue"
            cue.left_bound = cue.i - 1 if cue.i and toks[cue.i - 1].low in (",", "and", "—", "–") else cue.i
            cue.right_start = _content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
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
            cue.right_start = _content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
            if ci and cues[ci - 1].mention is not None and cues[ci - 1].form != "according" and cues[ci - 1].right_start == start_k:
                cue.mention = None  # "Lynch said she recalled …": a report inside a report
                cue.sieve = "nested"
                continue
        elif (joined := _conjoined_at(toks, cue.i, lo)) is not None and (
                prev_speaker is not None or _frame_subject(toks, 0, cue.i) is not None):
            cue.mention, cue.sieve = prev_speaker or _frame_subject(toks, 0, cue.i), "conjoined_cue"
            cue.left_bound = joined
            while cue.left_bound > lo and toks[cue.left_bound - 1].low in (",", "and", "but"):
                cue.left_bound -= 1
            cue.right_start = _content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
        else:
            m, after = scan_right(toks, cue.j, n)
            cue.mention, cue.sieve = m, "cue_inverted"
            cue.left_bound = cue.i
            cue.right_start = after
            if m is None:
                cue.right_start = _content_start_after_cue(toks, cue.j, n, SPEECH_FORMS.get(cue.word.lower()))
        if cue.mention is not None:
            prev_speaker = cue.mention
    cues = [c for c in cues if c.sieve != "nested"]
    # 2. contents
    for ci, cue in enumerate(cues):
        if cue.mention is None:
            continue
        nxt_bound = cues[ci + 1].left_bound if ci + 1 < len(cues) else n
        prev_end = _prev_content_end(cues, ci)
        r_a = toks[cue.right_start].start if cue.right_start < n else frame.end
        r_b = toks[nxt_bound - 1].end if nxt_bound - 1 >= 0 and nxt_bound <= n and nxt_bound > cue.right_start else r_a
        if nxt_bound >= n:
            r_b = frame.end
        right = _classify(text, r_a, r_b, frame.quotes) if r_b > r_a else None
        if right is not None and right[2] == "indirect" and _adverbial_only(toks, cue.right_start, nxt_bound):
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
        left = _classify(text, l_a, l_b, frame.quotes) if l_b > l_a and cue.form != "participle" else None
        if (right is not None and right[2] == "indirect" and left is not None and left[2] in ("direct", "mixed")
                and _ends_with_comma_quote(text, l_b, frame)):
            # "“…,” said Lindsey Graham, his colleague" / "“…,” she told moderator John
            # Dickerson": after a quote that hands over to its cue, the rest describes the scene
            right = None
        conf = SIEVES[cue.sieve]
        cue_tok = toks[cue.i]
        lead_only = all(not t.is_word or t.low in _CLAUSE_OPENERS or t.low in SENTENCE_ADVERBS
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
                     and not _opens_adverbial(toks[prev_end] if prev_end < n else None))
            if left is not None and ((left[2] == "direct" and _ends_with_comma_quote(text, l_b, frame)) or split):
                _emit(out, left, frame, cue, cue_tok, conf)
            _emit(out, right, frame, cue, cue_tok, conf)
        elif left is not None and not (left[2] == "indirect" and _adverbial_lead(toks, prev_end, cue.left_bound)):
            _emit(out, left, frame, cue, cue_tok, conf)
    return out


def _adverbial_lead(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` before a subject are a lead-in, not a report.

    "Turning to the economy, the chancellor pledged …", "Asked about the plan, she said …",
    "In 2008, he said …": a participle or a short prepositional phrase, closed by a comma.
    """
    words = [t for t in toks[a:b] if t.is_word]
    if not words or b - 1 < 0 or toks[b - 1].text != ",":
        return False
    first = words[0]
    if first.low.endswith(("ing", "ed")) and first.low not in SPEECH_FORMS and len(words) > 1 and (
            words[1].low in _ADVERBIAL_PREPS or words[1].low in DETERMINERS or words[1].low in ("about", "whether", "if")):
        return True  # "Turning to …", "Asked about …", "Citing the …" (not "Shifting monsoon patterns …")
    return first.low in _ADVERBIAL_PREPS and len(words) <= 5


_ADVERBIAL_PREPS = frozenset({"on", "at", "in", "during", "after", "before", "while", "when",
                              "following", "from", "via", "with", "as", "outside", "inside",
                              "to", "for", "of", "near", "by", "through", "over", "since"})


def _according_phrase(toks: list[Tok], j: int, hi: int) -> tuple[Mention | None, int]:
    """The source after "according to" that no name rule reads: "a count by The Associated
    Press", "the foundation's tally", "officials involved at the time" — up to the next
    punctuation, as a generic source."""
    k = j
    while k < hi and k - j < 25 and toks[k].text not in (",", ".", ";", ":", "?", "!", "(", MASK_OPEN, MASK_CLOSE, "—", "–"):
        k += 1
    words = [t for t in toks[j:k] if t.is_word]
    if not words or k - j >= 25:
        return None, j
    return Mention(toks[j].start, toks[k - 1].end, _span_text(toks[j:k]), "generic"), k


def _conjoined_at(toks: list[Tok], cue_i: int, lo: int) -> int | None:
    """Index of the "and"/"but"/"," that joins a cue to an earlier verb of the same subject.

    "… and said", "…, but has since said", "… and later told": auxiliaries and adverbs may stand
    between the conjunction and the cue.
    """
    k = cue_i - 1
    while k > lo and (toks[k].low in AUXILIARIES or toks[k].low.endswith("ly") or toks[k].low in _DAYS
                      or toks[k].low in ("since", "already")) \
            and toks[k].low not in ("and", "but", "that", "to", "who", "which"):
        k -= 1
    if k >= lo and k >= 0 and toks[k].low in ("and", "but", ",", "then", "also", "later"):
        return k
    return None


def _opens_adverbial(t: Tok | None) -> bool:
    """Whether a stretch starting with ``t`` is a sentence adverbial ("In 2008, he said, …")."""
    return t is not None and (t.low in _ADVERBIAL_PREPS or t.low.endswith("ly") or t.low in LEAD_WORDS)


def _adverbial_only(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` are one prepositional phrase with no clause ("on Saturday night")."""
    if a < b <= len(toks) and all(t.low.endswith("ly") or t.low in _DAYS or not t.is_word for t in toks[a:b]):
        return True  # "said pleasantly", "said Tuesday"
    if a >= b or a >= len(toks) or toks[a].low not in _ADVERBIAL_PREPS:
        return False
    return not any(t.text in (",", ";", ":") or t.low in ("that", MASK_OPEN) for t in toks[a:b])


def _ends_with_comma_quote(text: str, l_b: int, frame: Frame) -> bool:
    """Whether a direct quote closes just before the speaker ("“A,” he said, “B.”")."""
    seg = text[frame.start:l_b].rstrip()
    return seg.endswith(("”", '"', "''", "»"))


def _prev_content_end(cues: list[_Cue], ci: int) -> int:
    """Token index where the previous cue's material ends (where this cue's left content may start)."""
    if ci == 0:
        return 0
    prev = cues[ci - 1]
    return max(prev.j, prev.right_start) if prev.form == "according" else prev.j if prev.right_start <= prev.j else prev.right_start


def _emit(out: list[Candidate], content: tuple[int, int, str], frame: Frame, cue: _Cue, cue_tok: Tok, conf: float) -> None:
    a, b, kind = content
    for c in out:
        if a < c.end and b > c.start:
            return  # the same words already reported by an earlier cue
    out.append(Candidate(a, b, kind, frame, cue.word, cue_tok.start, cue.mention, cue.sieve, conf))


# --- frames without a cue --------------------------------------------------------------------

_LEAD_WORD = re.compile(r"\s*(?:But|And|Still|Yet|So|Then|Now|Also|Indeed|Instead)\s*,?\s*")


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
    if re.search(r"\w", before) and not _LEAD_WORD.fullmatch(before):
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
            men = _make_mention(toks[:e], _role_text(toks[e + 1:]) if e < len(toks) else None, None, toks, e - 1)
            return q, men
    return None


def lead_in_colon(text: str, frame: Frame) -> bool:
    """Whether a frame ends with a colon (a lead-in to a quote in the next paragraph)."""
    return text[frame.start:frame.end].rstrip().endswith(":")


def with_mention(c: Candidate, mention: Mention | None, sieve: str) -> Candidate:
    """A copy of ``c`` attributed to ``mention`` by ``sieve``."""
    return replace(c, mention=mention, sieve=sieve, confidence=SIEVES[sieve])
