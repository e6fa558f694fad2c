"""The subject on a cue's left: the speaker mention of "X said …" and "“…,” X said", with the
parenthesis, appositive or relative clause between them ("Lambert, commander of …, said")."""

from __future__ import annotations

from dataclasses import replace

from ..detect import MASK_CLOSE, MASK_OPEN
from ..entity_words import (
    DOCUMENT_SOURCES,
    NAME_PARTICLES,
)
from ..lexicon import (
    AUXILIARIES,
    GENERIC_SPEAKERS,
    CLAUSE_WORDS,
    DETERMINERS,
    HONORIFICS,
    KINSHIP_NOUNS,
    PHRASE_PREPOSITIONS,
    PLACING_PREPOSITIONS,
    POSTMODIFIER_ADJECTIVES,
    PRONOUNS,
    REFLEXIVES,
    ROLE_HEADS,
    SENTENCE_ADVERBS,
    SPEECH_FORMS,
    TIME_WORDS,
    TITLE_WORDS,
)
from ..tokens import Tok
from .phrases import (
    commonnp_start,
    make_mention,
    np_start,
    np_word,
    role_text,
    span_text,
)
from .records import Mention


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
        A noun phrase that closes "<noun> familiar with …" is that noun's description, and
        the whole phrase is the subject ("people familiar with the matter said").
    """
    mention, start_k = _scan_left(toks, cue_i, lo)
    if mention is None and cue_i - 1 >= lo and toks[cue_i - 1].low in _OBJECT_PRONOUNS:
        start_k = cue_i - 1  # "those close to him say": an object pronoun ends the description
    elif mention is None:
        return mention, start_k
    described = _described_by(toks, start_k, lo)
    if described is None and mention is not None:
        described = _issued_by(toks, start_k, lo)
    if described is None and mention is not None:
        named = _name_of(toks, start_k, lo, mention)
        if named is not None:
            return named
        placed = _placed_group(toks, mention, cue_i)
        if placed is not None:
            return placed, start_k
    if described is None:
        return mention, start_k
    end = mention.end if mention is not None else toks[start_k].end
    np = [t for t in toks[described:cue_i] if t.end <= end]  # not a relative clause after it
    return Mention(np[0].start, np[-1].end, span_text(np), "generic"), described


def _placed_group(toks: list[Tok], mention: Mention, cue_i: int) -> Mention | None:
    """"Analysts at Goldman Sachs said", "Officials in Brussels said": a collective source
    with the body or place it belongs to (the subject scan stepped over the phrase)."""
    after = [t for t in toks[:cue_i] if t.start >= mention.end]
    words = mention.text.lower().split()
    if not after or not words or words[-1] not in GENERIC_SPEAKERS or not words[-1].endswith("s") \
            or words[-1] in DOCUMENT_SOURCES \
            or after[0].low not in PLACING_PREPOSITIONS or len(after) > 6 \
            or not all(t.is_word for t in after) or not any(t.is_cap for t in after[1:]):
        return None
    return Mention(mention.start, after[-1].end, f"{mention.text} {span_text(after)}", "generic")


def _name_of(toks: list[Tok], start_k: int, lo: int, mention: Mention) -> tuple[Mention | None, int] | None:
    """"Rhian Beynon of the JCWI said": a full name before "of"/"at" speaks, and the body
    after it is the name's role (the body alone was taken as the subject)."""
    k = start_k - 1
    if k - 2 < lo or toks[k].low not in ("of", "at") or mention.kind not in ("org", "name", "generic"):
        return None
    s = k
    while s - 1 >= lo and toks[s - 1].is_cap and np_word(toks[s - 1]) == "cap" and k - s < 4:
        s -= 1
    name = toks[s:k]
    if len(name) < 2 or any(t.low in TITLE_WORDS or t.low in ROLE_HEADS for t in name) \
            or (s - 1 >= lo and toks[s - 1].is_word and toks[s - 1].low not in DETERMINERS and not toks[s - 1].is_cap
                and toks[s - 1].low not in CLAUSE_WORDS):
        return None
    body = [t for t in toks[start_k:] if t.end <= mention.end and t.low not in DETERMINERS]
    named = make_mention(name, span_text(body) if body else None, None, toks, k - 1)
    return (named, s) if named is not None else None


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
_POSTMOD_PREPOSITIONS = frozenset({"with", "to", "on", "about", "in", "of"})


def _issued_by(toks: list[Tok], start_k: int, lo: int) -> int | None:
    """Where "a statement from" begins when the name at ``start_k`` closes one: the
    document is the subject ("…, a statement from Acme said"); its issuer speaks."""
    k = start_k - 2
    if k < lo or toks[start_k - 1].low not in ("from", "by") or toks[k].low not in DOCUMENT_SOURCES:
        return None
    # the document's own determiner and at most one modifier ("a joint statement"); a verb
    # before it ("users could request data from the sites") makes it no subject
    for first in (k, k - 1, k - 2):
        if first < lo:
            break
        if first == lo or not toks[first - 1].is_word or toks[first - 1].low in DETERMINERS:
            return first - 1 if first - 1 >= lo and toks[first - 1].low in DETERMINERS else first
        if toks[first - 1].is_cap or toks[first - 1].low in AUXILIARIES or toks[first - 1].low in CLAUSE_WORDS:
            return None
    return None


def _described_by(toks: list[Tok], start_k: int, lo: int) -> int | None:
    """Where "<noun> familiar with" / "close to" begins, when the phrase at ``start_k`` closes
    one: the noun it describes and that noun's own modifiers ("two people", "sources")."""
    head = start_k - 3
    if head < lo or toks[start_k - 1].low not in _POSTMOD_PREPOSITIONS or toks[start_k - 2].low not in POSTMODIFIER_ADJECTIVES:
        return None
    h = toks[head]
    opens = head == lo or not toks[head - 1].is_word or toks[head - 1].low in DETERMINERS
    if not h.is_word or h.low in PRONOUNS - {"those"} or (h.is_cap and not opens):
        return None  # "Jane Roe, close to him, said" has its own subject
    first = commonnp_start(toks, head, lo)
    return head if first is None else first


def _scan_left(toks: list[Tok], cue_i: int, lo: int) -> tuple[Mention | None, int]:
    k = cue_i - 1
    while k >= lo and (toks[k].low in REFLEXIVES or toks[k].low in SENTENCE_ADVERBS or (
            toks[k].low.endswith("ly") and not toks[k].is_cap and len(toks[k].low) > 4 and k - 1 >= lo
            and ((toks[k - 1].is_cap and toks[k - 1].low not in DETERMINERS) or toks[k - 1].low in PRONOUNS))):
        k -= 1  # "Ford itself said", "Carter however said", "Clinton boldly suggested" (not "the family said")
    while k >= lo and ((toks[k].low in AUXILIARIES and toks[k].low not in ("that", "and", "but", "to", "on", "in", "who", "which"))
                       or (toks[k].low in TIME_WORDS and k > lo and toks[k].low not in ("now", "then"))):
        if toks[k].is_cap and k > lo and toks[k - 1].is_cap:
            break  # "Peter Long said": a capital after a capital is a name, not "has long said"
        k -= 1
    if k < lo:
        return None, cue_i
    k = _skip_trailing_pp(toks, k, lo, cue_i - 1)
    if toks[k].text in ("who", "which") and k - 1 >= lo:
        return _relative_subject(toks, k, lo, cue_i)
    t = toks[k]
    if t.low in PRONOUNS:
        return Mention(t.start, t.end, t.text, "pronoun"), k
    named = _name_appositive(toks, k, lo)
    if named is not None:
        return named
    inset = _inset_before(toks, k, lo)
    if inset is None or inset[0] < lo:
        return None, cue_i
    end_k, role, alias = inset
    start_k = np_start(toks, end_k, lo)
    if start_k is None:
        of_np = _of_phrase_np(toks, end_k, lo, role, alias)
        if of_np is not None:
            return of_np
        start_k = commonnp_start(toks, end_k, lo)
        if start_k is None:
            return None, cue_i
        np = toks[start_k:end_k + 1]
        return Mention(np[0].start, np[-1].end, span_text(np), "generic", role, alias), start_k
    np = toks[start_k:end_k + 1]
    return make_mention(np, role, alias, toks, end_k), start_k


def _name_appositive(toks: list[Tok], k: int, lo: int) -> tuple[Mention | None, int] | None:
    """"The Lord Chancellor, Lord Falconer, agreed", "Its lawyer, Hugh Ray, told": a role,
    then the name between commas; the name speaks, the role is its role."""
    if toks[k].text != ",":
        return None
    open_k = next((m for m in range(k - 1, max(lo, k - 7) - 1, -1) if toks[m].text == ","), None)
    if open_k is None or open_k - 1 < lo:
        return None
    name = toks[open_k + 1:k]
    role_end = open_k - 1
    if toks[role_end].low in KINSHIP_NOUNS:
        return _kin_appositive(toks, name, role_end, k, lo)
    if not name or not all(t.is_cap or t.low in NAME_PARTICLES for t in name) or not name[-1].is_cap \
            or not (len(name) >= 2 or name[0].low in HONORIFICS):
        return None
    if toks[role_end].low not in ROLE_HEADS:
        return None
    role_start = np_start(toks, role_end, lo)
    if role_start is None:
        return None
    words = toks[role_start:role_end + 1]
    if any(t.low in ROLE_HEADS for t in name) or any(t.is_cap and t.low not in TITLE_WORDS and t.low not in DETERMINERS
                                                  and t.low not in ROLE_HEADS and t is not words[0] for t in words[1:]):
        return None  # "Tony Blair, Prime Minister," reads the other way round
    mention = make_mention(name, span_text([t for t in words if t.low not in DETERMINERS]), None, toks, k - 1)
    return (mention, role_start) if mention is not None else None


def _kin_appositive(toks: list[Tok], name: list[Tok], role_end: int, k: int, lo: int) -> tuple[Mention | None, int] | None:
    """"Her husband, Mark, said", "Mrs Jones's son, Tom Jones, told": the relative named
    between commas speaks (a first name alone is enough here), described by whose relative."""
    if not name or len(name) > 4 or not all(t.is_cap for t in name):
        return None
    start = role_end
    while start - 1 >= lo and role_end - start < 4 and (
            toks[start - 1].is_cap or toks[start - 1].low in DETERMINERS or toks[start - 1].low in ("her", "his", "their")):
        start -= 1
    role = span_text([t for t in toks[start:role_end + 1] if t.low not in ("the", "a", "an")])
    mention = make_mention(name, role, None, toks, k - 1)
    return (mention, start) if mention is not None else None


def _relative_subject(toks: list[Tok], k: int, lo: int, cue_i: int) -> tuple[Mention | None, int]:
    """"Mr. Kamin, who emphasized that …": the mention is 'who', standing for Mr. Kamin."""
    rel = toks[k]
    end = k - 2 if toks[k - 1].text == "," else k - 1
    start_k = np_start(toks, end, lo) if end >= lo else None
    ante = make_mention(toks[start_k:end + 1], None, None, toks, end) if start_k is not None else None
    if ante is None:
        return None, cue_i
    return Mention(rel.start, rel.end, rel.text, "relative", antecedent=ante), k


def _inset_before(toks: list[Tok], k: int, lo: int) -> tuple[int, str | None, str | None] | None:
    """Step over what stands between a subject and its cue at token ``k``: a parenthesis (an
    acronym in it is the subject's alias) or an appositive between commas (its role).

    Returns:
        (index of the subject's last token, role, alias), or None when the parenthesis or
        appositive does not close.
    """
    t = toks[k]
    if t.text == ")":
        p = _parenthetical_before(toks, k, lo)
        if p is None:
            return None
        inner = toks[p + 1:k]
        alias = inner[0].text if len(inner) == 1 and inner[0].text.isupper() and len(inner[0].text) >= 2 else None
        return p - 1, None, alias
    if t.text != ",":
        return k, None, None
    open_k = None  # the comma that opens the appositive
    for m in range(k - 1, max(lo, k - 30) - 1, -1):
        if toks[m].text == ",":
            open_k = m
            break
        if toks[m].low in (MASK_OPEN, MASK_CLOSE) or toks[m].low in SPEECH_FORMS:
            break
    if open_k is None or open_k + 1 >= k:
        return None
    appos = toks[open_k + 1:k]
    end_k = open_k - 1
    if end_k >= lo and toks[end_k].text == ")":
        p = _parenthetical_before(toks, end_k, lo)
        if p is not None:
            end_k = p - 1
    role = role_text(appos) if not all(a.text.isdigit() for a in appos) else None
    return end_k, role, None


def _of_phrase_np(toks: list[Tok], end_k: int, lo: int, role: str | None,
                  alias: str | None) -> tuple[Mention, int] | None:
    """A speaker whose head comes before an "of" phrase: "the organizer of a pro-Trump rally".

    The mention runs through the whole phrase; its kind comes from the head before "of".
    """
    for m in range(end_k - 1, max(lo, end_k - 6), -1):
        if toks[m].low == "of" and m - 1 >= lo:
            head_start = np_start(toks, m - 1, lo)
            if head_start is None:
                return None
            base = make_mention(toks[head_start:m], role, alias, toks, m - 1)
            if base is None or base.kind == "org":
                return None
            whole = toks[head_start:end_k + 1]
            return replace(base, end=whole[-1].end, text=span_text(whole)), head_start
        if not toks[m].is_word or toks[m].low in AUXILIARIES and toks[m].low not in DETERMINERS:
            return None
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
            if before.low in PRONOUNS or (before.is_cap and np_word(before) == "cap" and m - 1 > lo - 1):
                return m - 1
            return k
    return k
