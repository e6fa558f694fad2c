"""Speaker noun phrases taken apart: name, type, title and roles ("Iraqi Foreign Minister Fuad
Hussein" -> the person Fuad Hussein, role "Iraqi Foreign Minister")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ..entity_words import (
    EVENT_PLACE_HEADS,
    NAME_PARTICLES,
    SEAT_HEADS,
)
from ..lexicon import (
    DETERMINERS,
    GENERIC_SPEAKERS,
    HONORIFICS,
    NOT_NAMES,
    ORG_HEADS,
    ROLE_HEADS,
    TITLE_WORDS,
)
from ..tokens import Tok
from .phrases import (
    span_text,
    surname_like,
)


@dataclass(frozen=True)
class ParsedName:
    """A speaker noun phrase taken apart: "Iraqi Foreign Minister Fuad Hussein" →
    title None, pre_role "Iraqi Foreign Minister", name "Fuad Hussein"."""

    name: str
    type: str
    title: str | None
    pre_role: str | None
    of_role: str | None


def is_name_word(t: Tok) -> bool:
    """Whether a token can be part of a name: a capitalised word that is no title, role,
    organisation head or listed non-name ("Cooper", not "Adm.", "Minister", "Ministry")."""
    low = t.low
    if not t.is_cap or not t.is_word:
        return False
    if low in HONORIFICS or low in ROLE_HEADS or low in ORG_HEADS or low in NOT_NAMES:
        return False
    if low in TITLE_WORDS and low not in ("us",):
        return False
    return True


def parse_np(toks: list[Tok]) -> ParsedName | None:
    """Take a speaker noun phrase apart into name, type, title and roles (see ``_parse_np``);
    a "person" whose name ends like a place or an event is none ("Russian Grand Prix"), and a
    seat of power speaks as a body ("Downing Street").

    Notes:
        The answer depends on the words alone (their texts; offsets are never read), so it is
        remembered per sequence of words: names and titles recur across an archive.
    """
    return _parse_words(tuple(t.text for t in toks))


@lru_cache(maxsize=65536)
def _parse_words(words: tuple[str, ...]) -> ParsedName | None:
    toks, at = [], 0
    for w in words:
        toks.append(Tok(w, at, at + len(w), w.lower()))
        at += len(w) + 1
    p = _parse_np(toks)
    if p is not None and p.type == "person" and len(p.name.split()) > 1:
        last = p.name.split()[-1].lower()
        if last in SEAT_HEADS:
            return ParsedName(p.name, "organization", None, None, None)
        if last in EVENT_PLACE_HEADS:
            return ParsedName(p.name, "unknown", None, None, None)
    return p


def _parse_np(toks: list[Tok]) -> ParsedName | None:
    """Take a speaker noun phrase apart into name, type, title and roles.

    Notes:
        The name is the last run of capitalised words that are not titles, roles or
        organisation heads; what precedes it is title (abbreviated honorifics) and role; an "of"
        phrase after the name adds to the role. A phrase headed by an organisation word, or a
        lone acronym, is an organisation and keeps its full name.
    """
    toks = [t for t in toks if t.text not in (",",)]
    while toks and toks[0].low in ("the", "a", "an"):
        toks = toks[1:]
    whole = list(toks)  # "Both sides", "Other leaders" keep their quantifier in the name
    while toks and toks[0].low in DETERMINERS:
        toks = toks[1:]
    if not toks:
        return None
    tail = _trailing_name(toks)
    if tail is not None and tail > 0 and not toks[tail - 1].is_cap and toks[tail - 1].low not in ("of", "for", "and", "&"):
        # "FES head of campaigns Caroline Rance", "Channel 4 News presenter and investigations
        # editor Cathy Newman": a description, then the name
        return _person(toks[tail:], toks[:tail], [])
    and_i = next((i for i, t in enumerate(toks) if t.low in ("and", "&") and i > 0), None)
    if and_i is not None and is_name_word(toks[and_i - 1]) and any(is_name_word(t) for t in toks[and_i + 1:]):
        # "Tony Blair and Ruth Kelly": two speakers together, kept as one group
        return ParsedName(span_text(whole), "unknown", None, None, None)
    of_i = next((i for i, t in enumerate(toks) if t.low == "of" and i > 0), None)
    pre = toks[:of_i] if of_i is not None else toks
    post = toks[of_i + 1:] if of_i is not None else []
    # name run: the trailing run of name words in `pre`
    e = len(pre)
    s = e
    while s > 0 and (is_name_word(pre[s - 1]) or (s < e and pre[s - 1].low in NAME_PARTICLES)
                     or surname_like(pre, s - 1, 0)):
        s -= 1
    head = toks[-1]
    full = span_text(toks)
    lone_acronym = len(toks) == 1 and head.text.isupper() and len(head.text) >= 2 and head.text.isalpha()
    org_head = any(t.low in ORG_HEADS for t in pre[-1:]) or (post and any(t.low in ORG_HEADS for t in pre[-1:]))
    if lone_acronym or (s == e and (head.low in ORG_HEADS or pre[-1].low in ORG_HEADS)) or (org_head and s == e):
        if len(toks) == 1 and not lone_acronym:
            full = head.low  # "Officials" at a sentence start is "officials"; "Police", "police"
        return ParsedName(full, "organization", None, None, None)
    if s == e:
        if of_i is not None and post:
            # "Secretary of State John Kerry": the name is at the very end, the rest is its role
            sub = parse_np(post) if any(is_name_word(t) for t in post) else None
            if sub is None or sub.type != "person":
                return sub or ParsedName(full, "unknown", None, None, None)
            lead = span_text(toks[:of_i + 1] + [t for t in post[:1] if t.low == "the"])  # "of the Exchequer"
            return replace(sub, pre_role=f"{lead} {sub.pre_role}" if sub.pre_role else lead.rsplit(" ", 1)[0])
        generic = head.low in GENERIC_SPEAKERS or not head.is_cap
        return ParsedName(span_text(whole) if generic else full, "unknown" if generic else "person", None, None, None)
    name_toks = pre[s:e]
    if len(name_toks) == 1 and not before_has_title(pre[:s]) and (
            name_toks[0].low in GENERIC_SPEAKERS or name_toks[0].low in ORG_HEADS):
        # "Analysts said" at a sentence start: a common noun in capitals, not a name
        return parse_np([Tok(t.low, t.start, t.end, t.low) for t in toks])
    return _person(name_toks, pre[:s], post)


def _trailing_name(toks: list[Tok]) -> int | None:
    """Index where the phrase's closing run of name words starts, or None."""
    s = len(toks)
    while s > 0 and (is_name_word(toks[s - 1]) or (s < len(toks) and toks[s - 1].low in NAME_PARTICLES)
                     or surname_like(toks, s - 1, 0)):
        s -= 1
    return s if s < len(toks) else None


def _person(name_toks: list[Tok], before: list[Tok], post: list[Tok]) -> ParsedName:
    """A person's name, with the title and role words before it and an "of" phrase after."""
    title_toks = []
    while before and before[0].low in HONORIFICS:
        title_toks.append(before[0])
        before = before[1:]
    # honorifics after a role word are part of the title too ("Rep." after "Democratic")
    rest = [t for t in before if t.low not in HONORIFICS]
    title_toks += [t for t in before if t.low in HONORIFICS]
    pre_role = span_text(rest) if rest else None
    title = span_text(title_toks) if title_toks else None
    of_role = span_text(post) if post else None
    return ParsedName(span_text(name_toks), "person", title, pre_role, of_role)


def before_has_title(toks: list[Tok]) -> bool:
    """Whether a title or honorific stands before a name ("Mr Analyst" stays a name)."""
    return any(t.low in HONORIFICS or t.low in TITLE_WORDS for t in toks)
