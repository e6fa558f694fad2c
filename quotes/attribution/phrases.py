"""Noun phrases around a cue: the speaker mention on its left, or after it when inverted."""

from __future__ import annotations

from functools import lru_cache

from ..detect import MASK_CLOSE, MASK_OPEN
from ..entity_words import (
    DOCUMENT_SOURCES,
    ROLE_VERBS,
)
from ..lexicon import (
    ADVERBIAL_PREPOSITIONS,
    AUXILIARIES,
    CLAUSE_OPENERS,
    CUE_ADVERBIAL_HEADS,
    DETERMINERS,
    EVALUATIVE_FORMS,
    GENERIC_SPEAKERS,
    HONORIFICS,
    NAME_CONNECTORS,
    NOT_NAMES,
    NOT_SUBJECT_HEADS,
    NUMBER_WORD,
    ORG_HEADS,
    PARTICIPLE_CUES,
    PRONOUNS,
    QUANTIFIERS,
    ROLE_HEADS,
    SPEECH_FORMS,
    TIME_WORDS,
    TITLE_WORDS,
)
from ..tokens import Tok
from .records import Mention, MentionKind

_MAX_NP = 12


def np_word(t: Tok) -> str | None:
    """How a token can take part in a speaker noun phrase: 'cap', 'role', 'conn', or None."""
    return _np_class(t.text)


def title_of_the(toks: list[Tok], j: int, lo: int = 0) -> bool:
    """Whether ``toks[j]`` is the "the" inside a title's "of" phrase: "Chancellor of the
    Exchequer Gordon Brown" (not a name's: "Rhian Beynon of the JCWI"); ``lo`` bounds the phrase."""
    return toks[j].low == "the" and j - 2 >= lo and toks[j - 1].low == "of" and j + 1 < len(toks) \
        and toks[j + 1].is_cap and (toks[j - 2].low in TITLE_WORDS or toks[j - 2].low in ROLE_HEADS)


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
    if low.endswith("-year-old"):
        return "role"  # "the 45-year-old"
    if low in HONORIFICS or low in ROLE_HEADS or low in GENERIC_SPEAKERS or low in ORG_HEADS or low in TITLE_WORDS:
        return "role"
    if low in NAME_CONNECTORS:
        return "conn"
    return None


def commonnp_start(toks: list[Tok], end_k: int, lo: int) -> int | None:
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
            or low in AUXILIARIES or low in DETERMINERS or low in PRONOUNS or low in ADVERBIAL_PREPOSITIONS
            or low in TIME_WORDS or low in NOT_NAMES or low.endswith(("ly", "ing", "ed"))):
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
                or t.low in ADVERBIAL_PREPOSITIONS or t.low in NOT_NAMES or t.low.endswith("ly"):
            break
        k -= 1
    if seen_of:
        return None  # an "of" phrase needs a determiner or number to open it
    opens_clause = k == lo or toks[k - 1].text in (",", ";", ":", "—", "–", MASK_CLOSE) or toks[k - 1].low in ("and", "but")
    if low.endswith("s") and not low.endswith("ss") and opens_clause:
        return k
    return None


def np_start(toks: list[Tok], end_k: int, lo: int) -> int | None:
    """Walk left from ``end_k`` over a noun phrase; its first index, or None if there is none."""
    head = toks[end_k]
    kind = np_word(head)
    if kind is None and surname_like(toks, end_k, lo):
        kind = "cap"  # "Theresa May", "Brian Friday": a month or day as a surname
    if kind is None:
        # a lower-case common-noun speaker with modifiers ("two senior officials")
        return None
    if head.low in DETERMINERS:
        return None
    k = end_k
    lower_mods = role_mods = 0
    while k - 1 >= lo and end_k - k < _MAX_NP:
        t = toks[k - 1]
        if t.low in DETERMINERS and t.low not in ("one",):
            k -= 1
            break
        w = np_word(t)
        if head.is_cap and t.low in ("and", "&") and k - 2 >= lo and (toks[k - 2].low in ROLE_HEADS or toks[k - 2].low in TITLE_WORDS) \
                and not toks[k - 2].is_cap:
            k -= 1  # "presenter and investigations editor Cathy Newman": one description
            continue
        if head.is_cap and t.text.isdigit() and len(t.text) <= 2 and toks[k].is_cap and k - 2 >= lo and toks[k - 2].is_cap:
            k -= 1  # "Channel 4 News", "Radio 4 presenter"
            continue
        if head.is_cap and w is not None and not _describes_name(t, toks[k]):
            break  # "During the interview Mr Blair", "Speaking in Harrogate Mr Kennedy"
        if w is None and head.is_cap and (r := _role_phrase_before(toks, k - 1, lo)) is not None:
            k = r  # "FES head of campaigns Caroline Rance": a role with its "of" phrase
            continue
        if (w is None and head.is_cap and role_mods < 2 and _modifies_role(t, toks[k])):
            role_mods += 1  # "finance minister Ann Lee", "former chief of staff Jane Roe"
            k -= 1
            continue
        if w is None:
            # lower-case modifiers of a common-noun head: "senior administration officials"
            if (not t.is_cap and t.is_word and lower_mods < 3 and not t.low.endswith("ly")
                    and t.low not in AUXILIARIES and t.low not in NAME_CONNECTORS
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
    while k < end_k and toks[k].low in NAME_CONNECTORS:
        k += 1
    return k


def surname_like(toks: list[Tok], k: int, lo: int) -> bool:
    """Whether a capitalised month or weekday at ``k`` is a surname: right after a first name
    ("Theresa May"), not after a preposition or a number ("in May", "May 3")."""
    t = toks[k]
    if not t.is_cap or t.low not in NOT_NAMES or k - 1 < lo:
        return False
    prev = toks[k - 1]
    return prev.is_cap and np_word(prev) == "cap" and prev.low not in HONORIFICS and prev.low not in TITLE_WORDS


def _role_phrase_before(toks: list[Tok], k: int, lo: int) -> int | None:
    """Index of the role head of "ROLE of|for w [w w]" ending at token ``k`` ("head of
    campaigns", "minister for sport"), or None."""
    for j in range(k, max(lo, k - 3) - 1, -1):
        t = toks[j]
        if not t.is_word or t.is_cap and t.low not in TITLE_WORDS:
            return None
        if t.low in ("of", "for") and j - 1 >= lo and j < k + 1 and (toks[j - 1].low in ROLE_HEADS or toks[j - 1].low in TITLE_WORDS):
            return j - 1 if j < k else None
    return None


def _modifies_role(t: Tok, right: Tok) -> bool:
    """Whether a lower-case word modifies the role word on its right in a name's phrase
    ("finance minister", "former chief", "investigations editor")."""
    if t.is_cap or not t.is_word or right.low not in ROLE_HEADS or right.low in HONORIFICS:
        return False
    low = t.low
    return not (low in AUXILIARIES or low in NAME_CONNECTORS or low in NOT_NAMES or low in DETERMINERS
                or low in SPEECH_FORMS or low.endswith("ly") or low in ADVERBIAL_PREPOSITIONS or low in TIME_WORDS)


def _describes_name(t: Tok, nxt: Tok) -> bool:
    """Whether ``t`` may stand before ``nxt`` inside a name's phrase: before an honorific
    ("Mr", "Lord") only a role or title word ("Tory leader Mr Howard"); and a document or
    event noun ("interview", "speech") never describes a name."""
    low = t.low
    if nxt.low in HONORIFICS and not (low in ROLE_HEADS or low in TITLE_WORDS or low in HONORIFICS):
        return False
    if low in DOCUMENT_SOURCES:
        return False
    if low in ("and", "&") and not nxt.is_cap:
        return False  # "at Newcastle and manager Jose Mourinho": the place is no part of the role
    return True


def role_text(toks: list[Tok]) -> str | None:
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
    return None if not toks else span_text(toks)


def relative_role(toks: list[Tok]) -> str | None:
    """A relative clause as a role when it says what the person does: "who led the study",
    "who chairs the committee" (``ROLE_VERBS``); not "who was arrested last week"."""
    if len(toks) < 3 or len(toks) > 10 or toks[0].low != "who" or toks[1].low not in ROLE_VERBS:
        return None
    if any(t.low in SPEECH_FORMS for t in toks[2:]):
        return None
    return span_text(toks)


def span_text(toks: list[Tok]) -> str:
    return " ".join(t.text for t in toks).replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",").replace("( ", "(").replace(" )", ")")


def make_mention(np: list[Tok], role: str | None, alias: str | None, toks: list[Tok], end_k: int) -> Mention | None:
    if not np:
        return None
    head = np[-1]
    text = span_text(np)
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
    kind: MentionKind
    if head.low in ORG_HEADS or (len(head.text) >= 2 and head.text.isupper() and head.text.isalpha() and len(caps) == 1 and len(words) == 1):
        kind = "org"
    elif caps and head.is_cap:
        kind = "name"
    elif head.low in GENERIC_SPEAKERS or head.low in ROLE_HEADS or head.low in TITLE_WORDS or head.low.endswith("-year-old"):
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
            or t.low in TIME_WORDS or t.low in PARTICIPLE_CUES or t.low in ("who", "whose"))


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
    if not t.is_cap and (t.low in NAME_CONNECTORS or t.low in ADVERBIAL_PREPOSITIONS or t.low in ("that", "whether", "if")):
        # "said on NBC's …": an adverbial, not a speaker ("said Le Pen" is one); "responded that
        # the businessman …": the report itself
        return None, j
    s = k
    if t.low in DETERMINERS:
        k += 1
    while k < hi and k - s < _MAX_NP:
        w = np_word(toks[k])
        if w is None and toks[k].text not in ("’s", "'s"):
            # lower-case modifiers before a common-noun head: "said a senior official"
            # (after a determiner, also before a name: "said the younger Mr. Trump")
            nxt = np_word(toks[k + 1]) if k + 1 < hi else None
            # or, with no determiner, before a full name: "said widow Terry Strada"
            full_name = nxt == "cap" and k + 2 < hi and np_word(toks[k + 2]) == "cap" and k - s < 2 \
                and toks[k].low not in TIME_WORDS and toks[k].low not in ADVERBIAL_PREPOSITIONS \
                and not toks[k].low.endswith("ing")  # "said off-loading Amex …": a verb, not a title
            of_the = nxt == "cap" and title_of_the(toks, k, s)
            if not toks[k].is_cap and toks[k].is_word and toks[k].low not in AUXILIARIES and (
                    nxt == "role" or (nxt == "cap" and toks[s].low in DETERMINERS) or full_name or of_the):
                k += 1
                continue
            break
        k += 1
    e = k
    while e > s and (toks[e - 1].low in NAME_CONNECTORS or toks[e - 1].low in DETERMINERS):
        e -= 1
    if e <= s:
        return None, j
    affiliation = _affiliation(toks, s, e, hi)
    if affiliation is not None:
        stop, body = affiliation  # "said Tamas Varga of oil broker PVM."
        named = make_mention(toks[s:e], body, None, toks, e - 1)
        return (named, stop) if named is not None else (None, j)
    if strict and not _ends_phrase(toks, e, hi):
        return None, j
    after, role, alias = _inset_after(toks, e, hi)
    mention = make_mention(toks[s:e], role, alias, toks, e - 1)
    if mention is None:
        return None, j
    return mention, after


def _affiliation(toks: list[Tok], s: int, e: int, hi: int) -> tuple[int, str] | None:
    """A name's affiliation after "of"/"at"/"from" up to the clause's end ("Tamas Varga of oil
    broker PVM", "Jane Roe at the University of Leeds"): (index past it, the role it gives).
    Only after a full name, and only when a capitalised word (the body) is in it."""
    if e >= hi or toks[e].low not in ("of", "at", "from") or e - s < 2 or not all(t.is_cap for t in toks[s:e]) \
            or toks[e - 1].low in TITLE_WORDS or toks[e - 1].low in ROLE_HEADS:
        return None  # "said UK Chancellor of the Exchequer Gordon Brown": a title, not a name
    stop = e + 1
    while stop < hi and stop - e <= 7 and toks[stop].text not in (",", ".", ";", ":", "?", "!", "(", MASK_OPEN, "—", "–") \
            and not (toks[stop].low in ADVERBIAL_PREPOSITIONS and stop + 1 < hi and toks[stop + 1].low in TIME_WORDS):
        stop += 1  # "of Merrill Lynch on Thursday": the day is no part of the affiliation
    body = [t for t in toks[e + 1:stop] if t.low not in DETERMINERS]
    if stop - e > 7 or not _ends_phrase(toks, stop, hi) or not any(t.is_cap for t in body):
        return None
    return stop, span_text(body)


def _inset_after(toks: list[Tok], after: int, hi: int) -> tuple[int, str | None, str | None]:
    """What follows a speaker after its cue: a parenthesis (an acronym in it is the alias), then
    an appositive up to the next punctuation (the role).

    Returns:
        (index one past all of it, role, alias)
    """
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
        role = role_text(toks[after + 1:stop])
        if role is not None:
            after = stop
    return after, role, alias


def frame_subject(toks: list[Tok], lo: int, hi: int) -> Mention | None:
    """The first noun phrase of a clause, for participle cues with no speaker of their own; a
    lead-in up to a comma comes first ("Taking to Instagram on Tuesday, Hamilton …")."""
    k = lo
    comma = next((c for c in range(lo, min(hi, lo + 12)) if toks[c].text == ","), None)
    if comma is not None and comma > lo and (toks[lo].low in ADVERBIAL_PREPOSITIONS or (
            toks[lo].low.endswith(("ing", "ed")) and toks[lo].low not in SPEECH_FORMS)):
        k = comma + 1  # a participle or a phrase of place or time, closed by its comma
        # and what the lead-in goes on with: "At an event in Ames, Iowa, on Sunday, Mrs. Clinton …"
        while True:
            nxt = next((c for c in range(k, min(hi, k + 5)) if toks[c].text == ","), None)
            chunk = toks[k:nxt] if nxt is not None else []
            if nxt is None or not chunk or not (all(t.is_cap for t in chunk) or (
                    chunk[0].low in ADVERBIAL_PREPOSITIONS and all(t.is_cap or t.low in TIME_WORDS or t.text[:1].isdigit()
                                                                   or t.low in DETERMINERS for t in chunk[1:]))):
                break
            k = nxt + 1
    while k < hi and (toks[k].low in CLAUSE_OPENERS or toks[k].low in ("but", "and", "meanwhile", "however", ",")):
        k += 1
    if k < hi and toks[k].low in PRONOUNS:
        t = toks[k]
        return Mention(t.start, t.end, t.text, "pronoun")
    e = k + 1 if k < hi and toks[k].low in DETERMINERS else k  # "the minister", lower case after a lead-in
    while e < hi and np_word(toks[e]) is not None:
        e += 1
    if e == k or (e == k + 1 and toks[k].low in DETERMINERS):
        return None
    return make_mention(toks[k:e] if toks[k].low not in DETERMINERS or e - k > 1 else [], None, None, toks, e - 1)


def according_phrase(toks: list[Tok], j: int, hi: int) -> tuple[Mention | None, int]:
    """The source after "according to" that no name rule reads: "a count by The Associated
    Press", "the foundation's tally", "officials involved at the time" — up to the next
    punctuation, as a generic source."""
    k = j
    while k < hi and k - j < 25 and toks[k].text not in (",", ".", ";", ":", "?", "!", "(", MASK_OPEN, MASK_CLOSE, "—", "–"):
        k += 1
    words = [t for t in toks[j:k] if t.is_word]
    if not words or k - j >= 25:
        return None, j
    return Mention(toks[j].start, toks[k - 1].end, span_text(toks[j:k]), "generic"), k
