"""Speakers: one entity per person or organisation in an article, with title, role and aliases.

"He" → "Cooper" → "Adm. Brad Cooper" become one entity named "Brad Cooper" with the title
"Adm." and the role the article gives him ("commander of US Central Command").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..detect import Frame, narrative
from ..entity_words import (
    BUSINESS_NOUNS,
    DOCUMENT_SOURCES,
    INSTITUTION_NOUNS,
    ORG_NOUNS,
    POLITICAL_GROUPS,
    SPOKESPEOPLE,
)
from ..lexicon import (
    DETERMINERS,
    GENERIC_SPEAKERS,
    HONORIFICS,
    KINSHIP_NOUNS,
    NAME_CONNECTORS,
    PLACING_PREPOSITIONS,
    POSTMODIFIER_ADJECTIVES,
    ROLE_HEADS,
    SPEECH_FORMS,
    TITLE_WORDS,
)
from ..models import Span
from ..split import paragraphs
from ..tokens import Tok, tokenize
from .names import (
    ParsedName,
    is_name_word,
    parse_np,
)
from .phrases import (
    np_start,
    np_word,
    relative_role,
    role_text,
    span_text,
    title_of_the,
)
from .entity_types import EntityTyper, may_be_person
from .records import Mention

_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w’'.\-&]*\s+(?:of\s+|for\s+|and\s+|the\s+)*){1,8})\(([A-Z][A-Z&.\-]{1,9})\)")


@dataclass
class Entity:
    """A speaker being resolved inside one article."""

    name: str
    type: str  # person | organization | unknown
    title: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def add_alias(self, alias: str | None) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)

    def add_role(self, role: str | None, front: bool = False) -> None:
        if role and role not in self.roles:
            if front:
                self.roles.insert(0, role)
            else:
                self.roles.append(role)

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


class Registry:
    """The entities of one article, with where each was mentioned.

    Notes:
        Filled in two passes: first every title-and-name phrase of the article's narrative
        ("Adm. Brad Cooper, commander of US Central Command, thanked …") and every acronym
        definition ("US Central Command (CENTCOM)"), so a later bare surname or acronym finds
        its full entity; then each quote's mention, in text order, so pronouns take the most
        recent fitting speaker.
    """

    def __init__(self, types: EntityTyper | None = None) -> None:
        self.types = types
        self._text = ""
        self.entities: list[Entity] = []
        self.mentions: list[tuple[int, Entity]] = []  # (offset, entity), in text order
        self.acronyms: dict[str, str] = {}
        self.last_speaker: dict[str, Entity] = {}
        self.recent_orgs: dict[int, Entity] = {}

    # -- pass 1: the article's names ---------------------------------------------------------
    def scan(self, text: str, frames: list[Frame],
             narratives: list[tuple[str, list[Tok]]] | None = None) -> None:
        """Collect names, titles, appositive roles and acronyms from the article's narrative.

        Args:
            text: The article text.
            frames: Its frames.
            narratives: ``detect.narrative`` of each frame, when the caller has them already.
        """
        self._text = text
        lines = [narratives[fi] if narratives is not None else narrative(text, f) for fi, f in enumerate(frames)]
        # headings last: a role the body gives comes first
        lines += [(text[p.start:p.end], tokenize(text, p.start, p.end)) for p in _headings(text, frames)]
        for mt, toks in lines:
            # the definition needs its bracket: most frames have none, and skip the regex
            for m in _ACRONYM_DEF.finditer(mt) if "(" in mt else ():
                full = m.group(1).strip()
                full = re.sub(r"^(?:The|the)\s+", "", full)
                self.acronyms[m.group(2)] = full
            n = len(toks)
            j = 0
            # only a capitalised token can open a name: the rest of the frame is skipped in C
            for i in [k for k, t in enumerate(toks) if t.is_cap]:
                if i < j or np_word(toks[i]) is None:
                    continue
                j = i
                while j < n and (toks[j].is_cap or toks[j].low in _RUN_WORDS or toks[j].low in ROLE_HEADS
                                 or toks[j].low in TITLE_WORDS) and (np_word(toks[j]) is not None or title_of_the(toks, j)):
                    j += 1
                while j > i and toks[j - 1].low in ("of", "and", "for", "de", "al", "bin"):
                    j -= 1
                start = np_start(toks, j - 1, 0) if j > i else None  # with its description
                run = toks[min(i, start) if start is not None else i:j]
                # one capital alone (a sentence start, a place) names no person to register
                if len(run) > 1 or (run and run[0].low in HONORIFICS):
                    self._register_run(run, toks, j)
                j = max(j, i + 1)

    def _register_run(self, run: list[Tok], toks: list[Tok], j: int) -> None:
        if run[-1].text.endswith(("’s", "'s")):
            return  # "Michael Schumacher's record": a possessive modifies, it names no speaker
        names = [t for t in run if is_name_word(t)]
        if len(names) < 2 and not any(t.low in HONORIFICS for t in run):
            return
        p = parse_np(run)
        if p is None or p.type != "person" or len(p.name.split()) < 2:
            return
        if self.types is not None and not may_be_person(self.types, self._text, run, p.name):
            return  # "the Bronx Zoo", "Science Advances": capitals that name a body or a work
        ent = self._person(p.name)
        if p.title and not ent.title:
            ent.title = p.title
        role = None
        if j < len(toks) and toks[j].text == ",":
            k = j + 1
            while k < len(toks) and toks[k].text not in (",", ".", ";", ":", "“", "”") and k - j < 25:
                k += 1
            appos = toks[j + 1:k]
            if appos and (appos[0].low in ("the", "a", "an") or appos[0].low in ROLE_HEADS or appos[0].low in TITLE_WORDS) and not any(t.low in SPEECH_FORMS for t in appos):
                role = role_text(appos)
            elif appos and appos[0].low == "who":
                role = relative_role(appos)
        if role:
            ent.add_role(role, front=True)
        built = _join_role(p.pre_role, p.title, p.of_role)
        if built:
            ent.add_role(built)
        ent.add_alias(span_text(run))
        self.mentions.append((run[0].start, ent))

    def _person(self, name: str) -> Entity:
        surname = name.split()[-1].lower()
        for e in self.entities:
            if e.type == "person" and (e.name == name or (e.name.split()[-1].lower() == surname and (len(name.split()) == 1 or len(e.name.split()) == 1 or e.name.split()[0] == name.split()[0]))):
                if len(name.split()) > len(e.name.split()):
                    e.add_alias(e.name)
                    e.name = name
                return e
        ent = Entity(name, "person")
        self.entities.append(ent)
        return ent

    def _org(self, name: str, alias: str | None = None) -> Entity:
        name = re.sub(r"^(?:the|The)\s+", "", name).strip()
        if alias and alias not in self.acronyms:
            self.acronyms[alias] = name
        full = self.acronyms.get(name, name)
        key = _norm(full)
        for e in self.entities:
            if e.type == "organization" and (_norm(e.name) == key or key in {_norm(a) for a in e.aliases}):
                e.add_alias(name)
                e.add_alias(alias)
                return e
        ent = Entity(full, "organization")
        ent.add_alias(name)
        ent.add_alias(alias)
        for acr, long in self.acronyms.items():
            if _norm(long) == key:
                ent.add_alias(acr)
        self.entities.append(ent)
        return ent

    # -- pass 2: each quote's mention -------------------------------------------------------------
    def resolve(self, m: Mention | None) -> Entity | None:
        """The entity a mention names, creating it if new; None when it cannot be told."""
        if m is None:
            return None
        ent = self._resolve(m)
        if ent is not None:
            self.last_speaker[ent.type] = ent
            self.last_speaker["any"] = ent
            body = _is_body_entity(ent)
            if body:
                self.last_speaker["it"] = ent
            self.mentions.append((m.start, ent))
            if body:
                # most recently mentioned last; one entry per organisation keeps the lookup of
                # "the ministry" short however many times it is quoted
                self.recent_orgs.pop(id(ent), None)
                self.recent_orgs[id(ent)] = ent
        return ent

    def _resolve(self, m: Mention) -> Entity | None:
        if m.kind == "relative":
            return self._resolve(m.antecedent) if m.antecedent is not None else None
        if m.kind == "pronoun":
            return self._pronoun(m)
        toks = _mention_tokens(m.text)
        words = [t for t in toks if t.is_word]
        if not words:
            return None
        source = _issuer(m, words)
        if source is not None:
            return self._resolve(source)  # "a statement from Acme": Acme speaks
        if _is_body(_strip_det(m.text)):
            return self._org(_strip_det(m.text), m.alias)  # "the Liberal Democrats", "Tories"
        if m.kind == "generic" and (any(t.low in POSTMODIFIER_ADJECTIVES for t in words) or (
                len(words) > 2 and words[0].low in GENERIC_SPEAKERS and words[0].low.endswith("s")
                and words[1].low in PLACING_PREPOSITIONS)):
            # "sources close to Mr Hockney" are not he; "analysts at Goldman Sachs" not the bank
            return Entity(_group_name(m.text), "group")
        if m.kind in ("org", "generic") or not words[-1].is_cap or _common_word(words[-1]) or words[-1].low in ROLE_HEADS:
            ent = self._common_noun(m, words)
            if ent is not None:
                return ent
        p = parse_np(toks)
        if p is None:
            return None
        if p.type == "organization" or (m.kind == "org" and p.type != "person") or _is_body(p.name):
            return self._org(p.name if p.type == "organization" or _is_body(p.name) else _strip_det(m.text), m.alias)
        if p.type == "person":
            return self._named_person(m, p)
        if m.role:
            return Entity(_strip_det(m.text), "unknown", roles=[m.role])
        return Entity(p.name, "unknown")

    def _pronoun(self, m: Mention) -> Entity | None:
        """"he"/"she" only to a person, "it" only to an organisation, "they"/"we" to the last."""
        low = m.text.lower()
        if low in ("he", "she"):
            return self.last_speaker.get("person") or self._last_mentioned("person", m.start)
        if low == "it":  # a body: an organisation, or a name of unknown kind ("Kerrang"), never a person
            return self.last_speaker.get("it") or self._last_mentioned("organization", m.start)
        if low in ("they", "we"):
            return self.last_speaker.get("any")
        return None

    def _named_person(self, m: Mention, p: ParsedName) -> Entity:
        """A person's entity. A lone word with no title that names no person of the article is
        no person by guess: an acronym it defines is an organisation; anything else ("Microsoft
        said", or a surname whose full name is in another article) is ``unknown`` here, and the
        index's surname merge decides (``store.registry``)."""
        kin = m.role is not None and m.role.split()[-1].lower() in KINSHIP_NOUNS  # "Her husband, Mark, said"
        if len(p.name.split()) == 1 and not p.title and not p.pre_role and not kin and not self._names_person(p.name):
            if p.name in self.acronyms or (p.name.isupper() and len(p.name) > 1):
                return self._org(p.name, m.alias)
            return self._unknown(p.name)
        ent = self._person(p.name)
        if p.title and not ent.title:
            ent.title = p.title
        if m.role:
            ent.add_role(m.role, front=True)
        built = _join_role(p.pre_role, p.title, p.of_role)
        if built:
            ent.add_role(built)
        ent.add_alias(_strip_det(m.text))
        return ent

    def _unknown(self, name: str) -> Entity:
        """One entity per article for a name of unknown kind."""
        for e in self.entities:
            if e.type == "unknown" and e.name == name:
                return e
        ent = Entity(name, "unknown")
        self.entities.append(ent)
        return ent

    def _names_person(self, word: str) -> bool:
        """Whether ``word`` is a name or surname of a person the article names in full."""
        low = word.lower()
        return any(e.type == "person" and low in e.name.lower().split() for e in self.entities)

    def _common_noun(self, m: Mention, words: list[Tok]) -> Entity | None:
        """The entity a common-noun mention stands for, or None to read it as a name.

        "the company" is the article's organisation; "a spokesman (for X)" speaks for X, or for
        the article's organisation; "the prime minister" and "the 45-year-old" are the person
        the article described so; "analysts", "the report" are a group source.
        """
        head = words[-1].low
        definite = words[0].low in ("the", "this", "that", "its", "his", "her", "their")
        if head.endswith("s") and head[:-1] in ROLE_HEADS:
            return Entity(_group_name(m.text), "group")  # "Labour MPs", "senior ministers"
        if _proper(words) and head not in SPOKESPEOPLE:
            return None  # "the Financial Reporting Council", "Channel 4 News": a name
        if head in SPOKESPEOPLE:
            named = [t for t in words[:-1] if t.is_cap and t.low not in DETERMINERS]
            if named:  # "a Downing Street spokesman", "the Prime Minister's official spokesman"
                return self._org(re.sub(r"[’']s$", "", span_text(named)))
            return self._recent_org() or Entity(_group_name(m.text), "group")
        if (head in ROLE_HEADS or head.endswith("-year-old")) and len(words) <= 6:
            description = _strip_det(m.text)
            # "a senior Tory MP said …" and "Senior Tory MP Steve Baker" elsewhere: one person;
            # "the prime minister", "the 45-year-old": the person the article described so
            ent = self._person_with_role(description) or (self._person_described(head, m.start) if definite else None)
            if ent is not None:
                ent.add_role(description)
                return ent
        if m.kind == "org" or head in ORG_NOUNS:
            if definite and len(words) <= 3:
                ent = self._org_by_head(head) or (self._recent_company() if head in BUSINESS_NOUNS else None)
                if ent is not None:
                    return ent
            # an unnamed body ("the company", "police") the article names nowhere
            return Entity(_group_name(m.text), "group")
        if head in DOCUMENT_SOURCES or head in GENERIC_SPEAKERS or (head.endswith("s") and not words[-1].is_cap):
            return Entity(_group_name(m.text), "group")
        return None

    def _org_by_head(self, head: str) -> Entity | None:
        """The organisation whose name holds ``head`` ("the ministry": Ministry of Defence)."""
        for e in reversed(self.recent_orgs.values()):
            if head in _norm(e.name).split():
                return e
        for e in reversed(self.entities):
            if e.type == "organization" and head in _norm(e.name).split():
                return e
        return None

    def _recent_company(self) -> Entity | None:
        """The organisation quoted or named last that is no institution (a union, a ministry):
        what "the company" or "the firm" stands for."""
        for e in reversed([*self.recent_orgs.values(), *[x for x in reversed(self.entities) if x.type == "organization"][::-1]]):
            names = {e.name, *e.aliases, *(self.acronyms.get(a, "") for a in e.aliases)}
            if not any(set(_norm(n).split()) & INSTITUTION_NOUNS for n in names if n):
                return e
        return None

    def _recent_org(self) -> Entity | None:
        """The organisation the article quoted or named last."""
        if self.recent_orgs:
            return next(reversed(self.recent_orgs.values()))
        return next((e for e in reversed(self.entities) if e.type == "organization"), None)

    def _person_with_role(self, description: str) -> Entity | None:
        """The one named person whose role reads as ``description`` ("senior Tory MP")."""
        want = _norm(description)
        found = [e for e in self.entities if e.type == "person" and len(e.name.split()) > 1
                 and any(_norm(r) == want for r in e.roles)]
        return found[0] if len(found) == 1 else None

    def _person_described(self, head: str, before: int) -> Entity | None:
        """The person a definite description refers back to: one whose role holds its head
        ("the prime minister"), else the last person mentioned ("the 45-year-old")."""
        for _off, e in reversed(self.mentions):
            if e.type == "person" and any(head in r.lower().split() for r in e.roles):
                return e
        return self._last_mentioned("person", before)

    def _last_mentioned(self, etype: str, before: int) -> Entity | None:
        for off, e in reversed(self.mentions):
            if off < before and e.type == etype:
                return e
        return None


@lru_cache(maxsize=16384)
def _mention_tokens(text: str) -> list[Tok]:
    """A mention's tokens (offsets within the mention): the same few mentions ("he", "the
    ministry", a name) recur through an archive. Callers only read them."""
    return tokenize(text)


_RUN_WORDS = frozenset({"of", "de", "al", "bin", "the"})  # lower-case words a name run may hold


def _issuer(m: Mention, words: list[Tok]) -> Mention | None:
    """The named issuer of a document source ("a statement from Acme", "a letter by Jane
    Roe") or the body a spokesperson speaks for ("a spokesman for Bristol City Council"), as a
    mention of its own; None for anything else."""
    k = 1 if words[0].low in DETERMINERS else 0
    while k < len(words) - 2 and not words[k].is_cap and words[k].low not in DOCUMENT_SOURCES \
            and words[k].low not in SPOKESPEOPLE:
        k += 1  # "a joint statement from", "an emailed statement by", "a senior spokesman for"
    if k + 2 >= len(words) or not (
            (words[k].low in DOCUMENT_SOURCES and words[k + 1].low in ("from", "by"))
            or (words[k].low in SPOKESPEOPLE and words[k + 1].low == "for")):  # "a spokesman for Acme Corp"
        return None
    rest = words[k + 2:]
    if rest[0].low == "the" and len(rest) > 1:
        rest = rest[1:]  # "a report by the Electoral Commission"
    if not rest[0].is_cap:
        return None  # "a report by the government's watchdog": the report speaks
    start, end = m.start + rest[0].start, m.start + rest[-1].end
    return Mention(start, end, m.text[rest[0].start:rest[-1].end], "name")


def _join_role(pre_role: str | None, title: str | None, of_role: str | None) -> str | None:
    """'Major General' + 'US Central Command' → 'Major General of US Central Command'."""
    head = pre_role or (title if of_role else None)
    if head and of_role:
        return f"{head} of {of_role}"
    return head or None


def _group_name(text: str) -> str:
    """A collective source's name as the article writes it, without its determiner; a common
    noun capitalised only by opening the sentence is lower-cased ("Analysts" -> "analysts",
    "Labour MPs" stays)."""
    name = _strip_det(text)
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper() and _common_word(Tok(first, 0, len(first), first.lower())):
        name = first.lower() + name[len(first):]
    return name


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|The|a|A|an|An)\s+", "", text).strip()


def _headings(text: str, frames: list[Frame]) -> list[Span]:
    """Paragraphs no frame covers: headlines and captions ("Senior Tory MP Steve Baker today
    compared …"). They hold no quotes, but their names and roles are the article's."""
    covered = {f.paragraph for f in frames}
    return [p for i, p in enumerate(paragraphs(text)) if i not in covered]


def _is_body_entity(ent: Entity) -> bool:
    """An organisation, or a capitalised name of unknown kind ("Boohoo"): what "it", "the
    company" and "a spokesman" can stand for; never a person or a group."""
    return ent.type == "organization" or (ent.type == "unknown" and ent.name[:1].isupper() and " " not in ent.name)


def _proper(words: list[Tok]) -> bool:
    """A proper name: every word past a determiner capitalised ("the Financial Reporting
    Council", "HP"), not a common noun in capitals at a sentence start ("Police")."""
    body = [t for t in words if t.low not in DETERMINERS]
    if not body or not body[0].is_cap or not body[-1].is_cap or not all(
            t.is_cap or t.text.isdigit() or t.low in NAME_CONNECTORS for t in body):
        return False
    return len(body) > 1 or body[0].text.isupper() or not _common_word(body[0])


def _common_word(t: Tok) -> bool:
    """A common noun in capitals at a sentence start: "Analysts said", "Police said"."""
    low = t.low
    return (low in GENERIC_SPEAKERS or low in DOCUMENT_SOURCES or low in ORG_NOUNS or low in SPOKESPEOPLE
            or (low.endswith("s") and low[:-1] in ROLE_HEADS))


def _is_body(name: str) -> bool:
    """A party or body named by a nickname or a plural: "Tories", "the Liberal Democrats"."""
    return _norm(name) in POLITICAL_GROUPS


@lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    name = name.replace("’", "'").lower()
    name = re.sub(r"[^\w' ]+", " ", name)
    name = re.sub(r"^the\s+", "", name.strip())
    return " ".join(name.split())
