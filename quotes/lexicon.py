"""Word lists the rules read: data, not code. Loaded once at import.

Every list here is about English news at large (gathered from reporting conventions and the
PolNeAR training split), never about one article.
"""

from __future__ import annotations

import re

# --- quote marks -----------------------------------------------------------------------------
# Opening marks (“ „ « and LaTeX/PTB-style ``), closing marks (” »), and marks that open and
# close alike (" and NYT-style doubled apostrophes ''), which the detector pairs by context.
OPEN_MARKS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})
CLOSE_MARKS = frozenset({"\u201d", "\u00bb"})
STRAIGHT_MARKS = frozenset({'"', "''"})
# Single marks: speech marks in British house styles (‘…’, '…'), else nested or apostrophes.
SINGLE_OPEN_MARKS = frozenset({"\u2018"})
SINGLE_MARKS = frozenset({"\u2018", "\u2019", "'"})

# --- cues ------------------------------------------------------------------------------------
# Verbs of speech: a cue with a that-clause, a reported clause or a quote.
# Each entry is a lemma; FORMS below gives the inflected forms.
SPEECH_VERBS: tuple[str, ...] = (
    "say", "tell", "add", "note", "stress", "emphasize", "emphasise", "warn", "acknowledge",
    "insist", "confirm", "announce", "report", "write", "tweet", "argue", "explain", "reply",
    "declare", "recall", "conclude", "claim", "state", "predict", "promise", "vow",
    "suggest", "admit", "deny", "concede", "remark", "observe", "reiterate", "caution", "assert",
    "allege", "contend", "maintain", "testify", "boast", "complain", "joke", "pledge", "agree",
    "disclose", "reveal", "indicate", "estimate", "counter", "retort", "recount", "point out",
    "mention", "assure", "urge", "ask", "inform", "advise", "answer", "respond", "shout", "yell", "scream",
    "whisper", "lament", "muse", "quip", "charge", "affirm", "proclaim", "post", "continue", "go on to say", "chant",
    "cry", "exclaim", "sigh", "wonder", "demand", "fume", "gush", "concur", "clarify", "specify",
    "stipulate", "guarantee", "swear", "threaten", "forecast", "caution", "brief", "predict", "repeat",
)

# Verbs that report speech only when a quote mark follows ("calling the idea “absurd”").
EVALUATIVE_VERBS: tuple[str, ...] = (
    "call", "describe", "dismiss", "label", "brand", "liken", "term", "dub", "hail", "praise",
    "criticize", "criticise", "blast", "slam", "mock", "deride", "denounce", "condemn", "decry",
)

# Lemmas whose forms are nouns as often as verbs ("states", "reports", "claims"): they count as
# cues only with "that" or a quote mark after them, or a clear subject before.
NOUNLIKE_FORMS = frozenset({
    "states", "reports", "claims", "tweets", "notes", "posts", "answers", "charges", "promises",
    "estimates", "counters", "demands", "signals", "cries", "warns", "concludes", "maintains",
    "highlights", "briefs", "forecasts", "pledges", "jokes", "vows", "report", "claim", "note",
    "post", "answer", "charge", "promise", "estimate", "counter", "demand", "signal", "cry",
    "brief", "forecast", "pledge", "joke", "vow", "tweet", "state", "highlight", "muse",
    "stated", "continued", "continues", "continue", "agreed", "agrees", "agree", "maintained",
    "posted", "asked", "asks", "ask", "asking", "answered", "indicated", "indicates",
    "signaled", "signalled", "guaranteed", "threatened", "threatens", "demanded", "wondered",
    "briefed", "charged", "mention", "mentions", "reveal", "revealed", "reveals",
    "countered", "inform", "informed", "advised", "advise",
    "cried", "testified", "swore", "sighed", "chanted", "chanting", "shouted", "yelled",
    "screamed", "whispered", "exclaimed", "continuing", "adding", "agreeing", "repeat", "repeats",
    "repeated", "repeating",
})

# Irregular forms, by lemma.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "swear": ("swear", "swears", "swore", "sworn"),
    "go on to say": ("went on to say", "goes on to say", "going on to say"),
    "point out": ("point out", "points out", "pointed out", "pointing out"),
    "forecast": ("forecast", "forecasts", "forecasting"),
}


# Verbs that double their last consonant before -ed and -ing ("admitted", "quipping").
_DOUBLING = frozenset({"admit", "concur", "commit", "omit", "refer", "regret", "quip", "dub", "slam",
                       "plan", "stop", "drop", "prefer", "occur", "submit", "permit", "rebut"})


def _regular_forms(lemma: str) -> tuple[str, ...]:
    """Inflect a regular English verb: base, -s, -ed, -ing."""
    if lemma in _DOUBLING:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    elif lemma.endswith("ee"):
        past, ing = lemma + "d", lemma + "ing"  # "agreed", "agreeing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    extra: tuple[str, ...] = ()
    if lemma in ("signal", "label", "counsel"):
        extra = (lemma + "led", lemma + "ling")  # British spelling beside the American
    return (lemma, third, past, ing) + extra


def forms(lemmas: tuple[str, ...]) -> dict[str, str]:
    """Map every inflected form of ``lemmas`` to its lemma."""
    out: dict[str, str] = {}
    for lemma in lemmas:
        for f in _IRREGULAR.get(lemma, _regular_forms(lemma)):
            out.setdefault(f, lemma)
    return out


SPEECH_FORMS: dict[str, str] = forms(SPEECH_VERBS)
EVALUATIVE_FORMS: dict[str, str] = forms(EVALUATIVE_VERBS)

# Participle cues after a main clause: "…, adding that …".
PARTICIPLE_CUES = frozenset(
    f for f, lemma in SPEECH_FORMS.items() if f.endswith("ing") and " " not in f
)

# Words between subject and cue that are not the subject: auxiliaries and adverbs.
AUXILIARIES = frozenset({
    "has", "have", "had", "having", "was", "were", "is", "are", "be", "been", "will", "would",
    "shall", "should", "could", "can", "may", "might", "must", "did", "does", "do", "also",
    "later", "earlier", "previously", "repeatedly", "then", "once", "again", "further",
    "recently", "publicly", "privately", "reportedly", "allegedly", "often", "frequently",
    "never", "not", "always", "still", "just", "already", "now", "yet", "even", "simply",
    "separately", "last", "first", "long", "flatly", "firmly", "strongly", "clearly", "openly",
    "explicitly", "specifically", "bluntly", "quickly", "angrily", "sharply", "quietly",
    "plainly", "ultimately", "finally", "subsequently", "initially", "originally", "jokingly",
    "happily", "proudly", "confidently", "cautiously", "candidly", "famously", "notably",
    "correctly", "wrongly", "falsely", "rightly", "told", "went", "goes", "on",
    "to", "who", "which", "that", "and", "but", "indeed", "in", "turn",
    "personally", "directly", "formally", "officially", "emphatically", "consistently",
})

# Words that start an adverbial phrase between cue and that-clause ("said in a statement that").
CUE_ADVERBIAL_HEADS = frozenset({
    "in", "on", "at", "during", "to", "after", "before", "last", "this", "earlier",
    "later", "from", "via", "over", "through", "with", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "recently",
    "also", "repeatedly", "previously", "publicly", "privately", "again", "then", "once",
    "late", "early", "when", "while", "as",
})

# Dative objects of "told"/"informed": "told Reuters", "told reporters", "told the New Arab".
TELL_VERBS = frozenset({"tell", "inform", "assure", "advise", "brief", "warn", "remind", "ask", "urge"})

# --- speakers ---------------------------------------------------------------------------------
PRONOUNS_PERSON = frozenset({"he", "she", "i", "we", "they", "you"})
PRONOUNS_ORG = frozenset({"it"})
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_ORG

# Titles and ranks written before a name; abbreviations keep their period.
TITLE_WORDS = frozenset({
    "mr.", "mrs.", "ms.", "miss", "dr.", "prof.", "professor", "sir", "dame", "lord", "lady",
    "mr", "mrs", "ms", "dr", "prof",  # British style, without the period
    "rev.", "reverend", "father", "sister", "rabbi", "imam", "sheikh", "pope", "king", "queen",
    "prince", "princess", "president", "vice", "prime", "minister", "secretary", "senator",
    "sen.", "rep.", "representative", "congressman", "congresswoman", "gov.", "governor",
    "lt.", "lt", "gov", "mayor", "judge", "justice", "chief", "speaker", "ambassador", "gen.",
    "general", "adm.", "admiral", "maj.", "major", "col.", "colonel", "capt.", "captain",
    "cmdr.", "commander", "sgt.", "sergeant", "cpl.", "corporal", "pvt.", "private", "lieut.",
    "lieutenant", "brig.", "brigadier", "rear", "field", "marshal", "vice-president",
    "chancellor", "premier", "sheriff", "detective", "officer", "inspector", "superintendent",
    "commissioner", "attorney", "councilman", "councilwoman", "councillor", "alderman",
    "deputy", "assistant", "acting", "interim", "former", "ex", "sens.", "reps.", "gen",
    "supt.", "det.", "insp.", "hon.", "msgr.", "fr.", "st.", "pres.", "atty.", "assemblyman",
    "assemblywoman", "delegate", "del.", "state", "u.s.", "us", "foreign", "defense", "defence",
    "interior", "finance", "health", "labor", "labour", "trade", "energy",
    "treasury", "exchequer", "commons", "education", "home", "first", "second", "army", "navy", "air", "force",
    "marine", "coast", "guard", "national", "security", "adviser", "advisor", "spokesman",
    "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "chair", "ceo",
    "founder", "executive", "economist", "analyst", "researcher", "leader",
    "nominee", "candidate", "manager", "strategist", "pollster", "correspondent", "reporter",
    "editor", "columnist", "anchor", "host", "commentator", "historian", "scientist", "expert",
    "official", "head", "boss", "coach", "owner", "partner", "lawyer", "activist",
    "organizer", "organiser", "campaigner", "consultant", "investor", "banker", "trader",
    "negotiator", "envoy", "diplomat", "aide", "staffer", "member", "mp", "mep",
    "lawmaker", "legislator", "politician", "senator-elect", "president-elect", "challenger", "incumbent", "opponent", "rival", "running", "mate", "co-founder",
    "cofounder", "vice-chairman", "treasurer", "clerk", "auditor", "controller",
    "comptroller", "surgeon", "doctor", "nurse", "teacher", "student", "resident", "voter",
    "supporter", "critic", "author", "writer", "singer", "actor", "actress", "star", "player",
    "striker", "midfielder", "defender", "goalkeeper", "referee",
    "champion", "chef", "pastor", "bishop", "cardinal", "archbishop", "emir", "crown", "sultan",
    "ayatollah", "senior", "junior", "top", "military", "political", "republican", "democratic", "democrat", "conservative", "liberal", "progressive", "independent", "libertarian", "green", "party", "gop", "white", "house",
    "press", "campaign", "communications", "policy", "legal", "regional", "district", "county",
    "city", "federal", "retired", "veteran", "longtime", "lead", "principal", "managing",
    "operating", "financial", "technology", "marketing", "sales", "research", "economic",
    "news", "majority", "minority", "whip", "senate", "assembly",
})

# Title abbreviations and honorifics kept in the `title` field (not part of the name).
HONORIFICS = frozenset({
    "mr.", "mrs.", "ms.", "miss", "dr.", "prof.", "sir", "dame", "lord", "lady", "rev.",
    "sen.", "rep.", "gov.", "lt.", "gen.", "adm.", "maj.", "col.", "capt.", "cmdr.", "sgt.",
    "cpl.", "pvt.", "lieut.", "brig.", "supt.", "det.", "insp.", "hon.", "msgr.", "fr.",
    "pres.", "atty.", "del.", "sens.", "reps.", "gov", "lt", "gen", "sheikh", "rabbi", "imam",
    "mr", "mrs", "ms", "dr", "prof",
})

# Words that head a role noun phrase: a title-cased run ending in one of these is a role
# ("Iraqi Foreign Minister", "Military researcher").
ROLE_HEADS = frozenset({
    "presenter", "msp", "winger", "constable",
    "president", "minister", "secretary", "senator", "representative", "congressman",
    "congresswoman", "governor", "mayor", "judge", "justice", "speaker", "ambassador",
    "general", "admiral", "major", "colonel", "captain", "commander", "sergeant", "lieutenant",
    "chancellor", "premier", "sheriff", "commissioner", "attorney", "councilman",
    "councilwoman", "councillor", "adviser", "advisor", "spokesman", "spokeswoman",
    "spokesperson", "director", "chairman", "chairwoman", "chair", "ceo", "founder",
    "executive", "economist", "analyst", "researcher", "professor", "leader", "nominee",
    "candidate", "manager", "strategist", "pollster", "correspondent", "reporter", "editor",
    "columnist", "anchor", "host", "commentator", "historian", "scientist", "expert",
    "official", "head", "boss", "coach", "owner", "partner", "lawyer", "activist",
    "organizer", "organiser", "campaigner", "consultant", "investor", "banker", "trader",
    "negotiator", "envoy", "diplomat", "aide", "staffer", "lawmaker", "legislator",
    "politician", "president-elect", "challenger", "incumbent", "opponent", "rival", "mate",
    "co-founder", "cofounder", "vice-chairman", "treasurer", "surgeon", "doctor", "author",
    "writer", "singer", "actor", "actress", "player", "striker", "midfielder", "defender",
    "goalkeeper", "referee", "champion", "chef", "pastor", "bishop", "cardinal", "archbishop",
    "emir", "sultan", "ayatollah", "officer", "inspector", "superintendent", "detective",
    "whip", "mp", "mep", "deputy", "chief", "governor-elect", "prosecutor", "solicitor",
    "barrister", "physician", "engineer", "architect", "designer", "producer", "sociologist", "psychologist", "operative", "surrogate",
    "delegate", "assemblyman", "assemblywoman", "alderman", "clerk", "auditor", "comptroller",
    "controller", "fellow", "student", "teacher", "resident", "voter",
    "supporter", "critic", "forecaster", "meteorologist", "pilot", "soldier",
    "veteran", "witness", "victim", "survivor", "chairperson", "vice-president",
    "mogul", "billionaire", "businessman", "businesswoman", "entrepreneur", "broadcaster",
    "journalist", "blogger", "pundit", "lobbyist", "regulator",
})

# Nouns that head an organisation's name or stand for one ("the ministry", "the command").
ORG_HEADS = frozenset({
    "command", "ministry", "department", "agency", "office", "government", "administration",
    "commission", "committee", "council", "board", "bureau", "service", "services", "police",
    "army", "navy", "military", "forces", "force", "coalition", "party", "campaign", "company",
    "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "group", "bank",
    "fund", "institute", "foundation", "university", "college", "school", "hospital",
    "association", "union", "federation", "organization", "organisation", "center", "centre",
    "court", "senate", "house", "congress", "parliament", "assembly", "cabinet", "embassy",
    "mission", "authority", "authorities", "regulator", "network", "newspaper", "times",
    "post", "journal", "news", "press", "reuters", "statement", "report", "survey", "poll",
    "study", "website", "spokesman", "spokeswoman", "spokesperson", "team", "club", "league",
    "firm", "airline", "exchange", "directorate", "secretariat", "presidency", "kremlin",
    "pentagon", "fbi", "cia", "nato", "un", "eu", "who", "imf", "fed", "opec", "guard", "unit", "division", "brigade", "battalion", "watchdog", "charity", "trust",
    "tribunal", "prosecutors", "officials", "media", "outlet", "channel", "broadcaster", "tv", "television", "radio", "magazine", "daily", "tribune", "herald",
    "gazette", "telegraph", "guardian", "observer", "independent", "economist", "chronicle",
    "institution", "industry", "consortium", "alliance", "movement", "front", "white", "registry", "data", "figures", "document", "documents", "filing", "memo",
    "letter", "release", "analysis", "records", "database", "polling", "ministry’s",
})

# Common-noun speakers that are neither named people nor organisations, but are speakers all
# the same ("a source said", "officials said", "analysts say").
GENERIC_SPEAKERS = frozenset({
    "source", "sources", "official", "officials", "analyst", "analysts", "expert", "experts",
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "aide", "aides", "critics",
    "supporters", "opponents", "observers", "economists", "witnesses", "residents", "people",
    "investigators", "prosecutors", "police", "authorities", "lawmakers", "leaders",
    "diplomats", "researchers", "scientists", "doctors", "activists", "organizers",
    "organisers", "campaigners", "protesters", "voters", "democrats", "republicans",
    "statement", "report", "reports", "survey", "poll", "polls", "study", "studies", "data",
    "figures", "documents", "filing", "records", "release", "memo", "letter", "analysis",
    "website", "lawsuit", "complaint", "book", "article", "ad", "advertisement", "spot",
    "video", "story", "column", "op-ed", "editorial", "memoir", "biography", "tweet", "post",
    "message", "email", "e-mail", "note", "transcript", "speech", "interview", "petition",
    "announcement", "notice", "order", "bill", "law", "measure", "proposal", "plan",
    "platform", "agreement", "resolution", "verdict", "decision", "opinion", "brief", "indictment", "ruling", "judge", "court", "reporters",
    "sides", "both", "allies", "advisers", "advisors", "staff", "staffers",
    "insiders", "members", "representatives", "negotiators", "traders", "investors",
    "bankers", "executives", "agencies", "groups", "officers", "soldiers", "troops",
    "government", "administration", "campaign", "ministry", "command", "department",
    "agency", "company", "firm", "party", "military", "white", "person", "man",
    "woman", "mother", "father", "friend", "neighbor", "neighbour", "family", "families",
    "relatives", "colleagues", "partner", "owner", "founder", "director", "chief", "head",
    "manager", "lawyer", "lawyers", "attorney", "attorneys", "counsel", "group", "others",
    "many", "some", "several", "few", "one", "another", "everyone", "someone", "nobody",
    "critic", "supporter", "observer", "economist", "witness", "resident",
    "investigator", "prosecutor", "lawmaker", "leader", "diplomat", "researcher", "scientist",
    "doctor", "activist", "organizer", "protester", "voter", "democrat", "republican",
    "candidate", "nominee", "governor", "senator", "president", "mayor", "minister",
    "secretary", "ambassador", "commander", "general", "officer", "authority", "regulator", "watchdog", "newspaper", "paper", "outlet", "network",
    "broadcaster", "magazine", "journal", "times", "author", "authors",
    "writer", "writers", "columnist", "editor", "editors", "board", "panel",
    "commission", "committee", "council", "coalition", "alliance", "union", "unions",
    "association", "federation", "institute", "foundation", "center", "centre", "bank",
    "fund", "cabinet", "presidency", "palace", "kremlin", "pentagon",
})

# Words that are capitalised yet never a speaker's name: weekdays, months, sentence adverbs.
NOT_NAMES = frozenset({
    # subordinators and contractions that open sentences in capitals
    "whenever", "whatever", "wherever", "whether", "unless", "until", "once", "that’s", "that's",
    "it’s", "it's", "there’s", "there's", "here’s", "here's", "what’s", "what's",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.", "today", "yesterday", "tomorrow", "but", "and", "or",
    "so", "yet", "the", "a", "an", "this", "that", "these", "those", "it", "there", "here",
    "in", "on", "at", "as", "for", "if", "when", "while", "after", "before", "since",
    "although", "though", "because", "however", "meanwhile", "still", "also", "then", "now",
    "asked", "speaking", "writing", "earlier", "later", "last", "next", "instead", "indeed",
    "moreover", "furthermore", "separately", "similarly", "likewise", "finally", "first",
    "second", "third", "overall", "mostly", "sometimes", "often", "previously", "recently",
    "ultimately", "initially", "yes", "no", "well", "oh", "ok", "okay", "what", "why", "how",
    "who", "where", "which", "with", "without", "from", "by", "of", "to", "into", "about",
    "under", "over", "during", "despite", "amid", "among", "between", "against", "per", "via",
    "not", "all", "his", "her", "their", "its", "our", "my", "your", "every", "each", "both",
})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                         "their", "our", "my", "your", "another", "one", "two", "three", "some",
                         "many", "several", "other", "both", "no", "any", "each", "every", "most"})

# --- sentence splitting --------------------------------------------------------------------------
# News abbreviations added to the pretrained Punkt parameters (lower case, no final period).
NEWS_ABBREVIATIONS = frozenset({
    "adm", "gen", "maj", "lt", "col", "capt", "cmdr", "sgt", "cpl", "pvt", "brig", "lieut",
    "gov", "sen", "rep", "reps", "sens", "pres", "atty", "supt", "det", "insp", "hon", "msgr",
    "fr", "rev", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "esq", "messrs", "mmes",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "n.y", "l.a", "a.m", "p.m", "no", "nos",
    "vs", "v", "etc", "inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn", "ave",
    "blvd", "rd", "mt", "ft", "calif", "conn", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "n.h", "n.j", "n.m",
    "n.c", "n.d", "okla", "ore", "pa", "r.i", "s.c", "s.d", "tenn", "tex", "vt", "va",
    "wash", "wis", "wyo", "ariz", "ark", "colo", "del", "ala", "approx", "est", "al",
    "i.e", "e.g", "cf", "op", "ed", "vol", "pp", "ph.d", "m.d", "b.a", "m.a",
})


# --- words the subject and clause rules step over or stop at ----------------------------------

# Adverbs between a subject and its cue ("Carter however said").
SENTENCE_ADVERBS = frozenset({"however", "meanwhile", "still", "instead", "nonetheless", "nevertheless",
                              "too", "though", "therefore", "thus"})

# Reflexives after a subject ("Ford itself said").
REFLEXIVES = frozenset({"itself", "himself", "herself", "themselves", "themself"})

# Lower-case words that are never the head of a speaker phrase before a cue.
NOT_SUBJECT_HEADS = frozenset({
    "it", "this", "that", "these", "those", "there", "what", "which", "who", "whom", "whose",
    "all", "both", "some", "many", "most", "much", "more", "less", "few", "several", "others",
    "other", "another", "each", "either", "neither", "none", "one", "ones", "everyone", "anyone",
    "someone", "nobody", "everybody", "anybody", "somebody", "something", "nothing",
    "everything", "anything", "itself", "himself", "herself", "themselves", "ago", "time",
    "times", "day", "days", "weeks", "months", "years", "hours", "minutes", "as", "than", "so",
    "not", "never", "only", "just", "even", "still", "yet", "too", "very", "well", "here",
})

# Number words that open a counted subject ("Twenty-four percent said", "half of respondents").
NUMBER_WORD = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                         r"forty|fifty|sixty|seventy|eighty|ninety|hundred|half|majority|most)(?:-\w+)?$")

# Words that only lead into a sentence ("But, according to the poll, …", "In 2008, he said, …").
LEAD_WORDS = frozenset({"however", "meanwhile", "still", "instead", "now", "then", "also", "but", "and",
                        "so", "yet"})

# Quantifiers that open a common-noun subject ("many economists say").
QUANTIFIERS = frozenset({"one", "each", "another", "some", "many", "most", "several", "both",
                         "all", "few", "two", "three", "four", "five", "six", "seven", "eight",
                         "nine", "ten", "dozens", "hundreds", "thousands", "millions"})

# Words that show the words before a cue are a clause of their own, not a phrase to skip.
CLAUSE_WORDS = frozenset({"and", "but", "or", "that", "who", "which", "whom", "whose", "when", "while"})

# Prepositions of a short phrase between a named subject and its cue ("Clinton on Tuesday said").
PHRASE_PREPOSITIONS = frozenset({"on", "in", "at", "during", "after", "before", "via", "from", "through", "over"})

# Words that open a new clause right after "…, X said,": the sentence goes on in the
# writer's voice, or describes the speaker, rather than continuing the report.
NEW_CLAUSE_WORDS = frozenset({"and", "but", "so", "yet", "or", "while", "although", "though", "whereas",
                              "who", "which", "whose", "whom", "where"})

# Lower-case words an attribution may hold before its verb ("Ann Lee, a Democrat, said").
APPOSITIVE_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "who", "is", "was", "spokesman",
                              "spokeswoman", "spokesperson", "senator", "president", "director",
                              "chairman", "leader", "minister", "official", "analyst", "professor"})


# Lower-case words that may stand inside a name ("Secretary of State", "Osama bin Laden").
NAME_CONNECTORS = frozenset({"of", "for", "and", "de", "al", "el", "bin", "ibn", "van", "von",
                             "der", "la", "le", "du", "da", "di", "&", "on"})


# Words that open a new clause: a subject phrase never reaches back across them.
CLAUSE_OPENERS = frozenset({"and", "but", "while", "whereas", "although", "though", "as",
                            "because", "so", "yet", "or", "then", ";"})


# Who a tell-verb's object can be ("told reporters", "told him"): skipped before the content.
ADDRESSEE_WORDS = frozenset({"me", "him", "her", "us", "them", "you", "reporters", "journalists",
                             "lawmakers", "supporters", "voters", "listeners", "viewers", "the",
                             "a", "an", "crowd", "audience", "congress", "committee", "senators",
                             "members", "students", "residents", "parliament", "delegates",
                             "press", "media", "his", "their", "its", "our", "my"})


# Question words after a cue ("asked whether", "said why").
WH_WORDS = frozenset({"whether", "if", "why", "what", "how", "when", "where", "who"})


# Auxiliaries that make a cue passive ("was told", "is said").
PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"})


# Days, times and adverbs of time that stand between a subject or cue and the rest.
TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "yesterday", "today", "tonight", "recently", "earlier", "later", "again",
                        "also", "repeatedly", "publicly", "privately", "previously", "once", "then",
                        "now", "last", "this", "week", "month", "year", "morning", "evening",
                        "afternoon", "night"})


# Prepositions opening an adverbial ("on Saturday", "during the debate"), not a report.
ADVERBIAL_PREPOSITIONS = frozenset({"on", "at", "in", "during", "after", "before", "while", "when",
                                    "following", "from", "via", "with", "as", "outside", "inside",
                                    "to", "for", "of", "near", "by", "through", "over", "since"})


# Words that may open a quoted paragraph and still continue the last speaker ("But, …").
CONTINUATION_LEADS = ("But", "And", "Still", "Yet", "So", "Then", "Now", "Also", "Indeed", "Instead")


# Month names, for dates written out ("Feb. 13, 2026", "13 February 2026").
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}


# Words the speaker, aliases, role, title, article title and outlet fields never index: Whoosh's
# English stop list (its default word analyzer), also solr_conf/stopwords.txt. A test keeps the three equal.
INDEX_STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is", "it",
    "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when", "will", "with",
    "yet", "you", "your",
})

# --- quote-marked spans no cue took (attribution.marked) -----------------------------------
#: First-person words: inside marks they point to someone's own words.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "i'm", "i’m", "we're", "we’re"})
#: Words before a title or a term rather than before reported words ("dubbed “Operation X”").
NAMING_WORDS = frozenset({"as", "called", "dubbed", "named", "titled", "entitled", "so-called", "nicknamed",
                          "branded", "labelled", "labeled", "term", "word", "phrase", "slogan", "headline"})
#: Words after which marks keep a term at arm's length and never report speech.
DISTANCING_WORDS = frozenset({"so-called", "self-styled", "self-proclaimed", "supposed", "alleged"})

#: Adjectives that, with a preposition, make a noun's whole description ("people familiar with
#: the matter", "sources close to the minister", "officials briefed on the talks").
POSTMODIFIER_ADJECTIVES = frozenset({"familiar", "close", "closest", "briefed", "knowledgeable", "involved",
                                     "privy", "loyal", "sympathetic", "opposed", "allied"})

#: Nouns of family and acquaintance: "Her husband, Mark, said" names the husband, who speaks.
KINSHIP_NOUNS = frozenset({"husband", "wife", "son", "daughter", "mother", "father", "brother", "sister",
                           "partner", "boyfriend", "girlfriend", "fiance", "fiancé", "fiancee", "fiancée",
                           "neighbour", "neighbor", "friend", "cousin", "uncle", "aunt", "grandmother",
                           "grandfather", "niece", "nephew", "stepfather", "stepmother", "colleague", "mum",
                           "dad", "grandson", "granddaughter"})

#: Prepositions that place a collective source in a body or place: "analysts at Goldman Sachs",
#: "officials in Brussels", "sources from the ministry", "people with knowledge of the talks".
PLACING_PREPOSITIONS = frozenset({"at", "from", "in", "with"})
