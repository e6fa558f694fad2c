"""Word lists about speakers: what kind of thing a phrase names (a body, a place or event, a
document, a seat of power) and the words inside names and roles. Data, like ``lexicon``."""

from __future__ import annotations

# Lower-case particles inside a person's name ("Charles de Gaulle", "Osama bin Laden").
NAME_PARTICLES = frozenset({"de", "al", "bin", "van", "von", "la", "da", "du", "el"})


# Documents, events and statements that "say" things ("the report said", "a statement read"):
# sources, never people, and never part of a name's description ("During the interview Mr Blair").
DOCUMENT_SOURCES = frozenset({
    "statement", "report", "reports", "survey", "poll", "polls", "study", "studies", "data",
    "figures", "documents", "filing", "records", "release", "memo", "letter", "analysis",
    "website", "lawsuit", "complaint", "book", "article", "ad", "advertisement", "spot", "video",
    "story", "column", "op-ed", "editorial", "memoir", "biography", "tweet", "post", "message",
    "email", "e-mail", "note", "transcript", "speech", "interview", "petition", "announcement",
    "notice", "order", "bill", "law", "measure", "proposal", "plan", "platform", "agreement",
    "resolution", "verdict", "decision", "opinion", "brief", "indictment", "ruling", "research",
    "paper", "review", "inquiry", "audit", "findings", "guidance", "budget", "manifesto",
})


# People who speak for a body: "a spokesman for the ministry", "a Downing Street spokeswoman".
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
                          "spokeswomen", "representative", "representatives"})


# Common nouns that stand for an organisation the article names. A business noun ("the company
# said") may stand for whichever company the article quoted last; an institution noun ("the
# ministry", "the authority") only for one whose name holds it.
BUSINESS_NOUNS = frozenset({
    "company", "firm", "business", "group", "club", "side", "team", "corporation", "bank", "airline",
    "carrier", "retailer", "maker", "manufacturer", "publisher", "broadcaster", "network", "charity",
    "band", "label", "studio", "insurer", "lender", "operator", "supplier", "giant", "outlet",
    "newspaper", "paper", "website", "chain", "brand", "developer", "producer",
})


INSTITUTION_NOUNS = frozenset({
    "organisation", "organization", "union", "party", "government", "ministry", "department",
    "agency", "council", "authority", "regulator", "watchdog", "board", "committee", "commission",
    "office", "court", "tribunal", "police", "force", "army", "service", "administration",
    "parliament", "assembly", "senate", "congress", "federation", "association", "institute",
    "university", "college", "school", "hospital", "trust", "foundation", "embassy", "command",
})


ORG_NOUNS = BUSINESS_NOUNS | INSTITUTION_NOUNS


# Parties and other bodies named by a plural or a nickname, not a person's name.
POLITICAL_GROUPS = frozenset({
    "tories", "conservatives", "labour", "lib dems", "liberal democrats", "liberals", "democrats",
    "republicans", "greens", "nationalists", "unionists", "socialists", "social democrats",
    "snp", "ukip", "plaid cymru", "sinn fein", "dup", "gop",
})


# Verbs of a relative clause that give a person's role: "who led the study", "who chairs the
# committee", "who founded the firm".
ROLE_VERBS = frozenset({
    "led", "leads", "heads", "headed", "chairs", "chaired", "runs", "ran", "founded", "co-founded",
    "manages", "managed", "coaches", "coached", "directs", "directed", "owns", "owned", "oversees",
    "oversaw", "represents", "represented", "edits", "edited", "presents", "presented", "captains",
    "captained", "advises", "advised", "commands", "commanded", "governs", "governed", "teaches",
    "studies", "researches", "co-authored", "authored", "wrote", "designed", "organised", "organized",
})


# Last words that make a capitalised name a place or an event, never a person ("Russian Grand
# Prix", "Champions League"); and places that speak as a body ("Downing Street", "the White House").
EVENT_PLACE_HEADS = frozenset({
    "prix", "cup", "league", "championship", "championships", "games", "open", "olympics", "festival",
    "awards", "award", "road", "avenue", "square", "park", "stadium", "arena", "bridge", "airport",
    "station", "river", "island", "islands", "mountains", "valley", "county", "city", "town", "village",
    "war", "summit", "conference", "election", "referendum", "act", "treaty", "day", "week", "year",
})


SEAT_HEADS = frozenset({"street", "house", "palace", "hall", "kremlin", "pentagon", "elysee", "quai"})
