"""The one Whoosh schema of the quote index, its version, and the analyzer its text uses.

Every field but ``date`` is stored, so an index can always be rebuilt from its own documents
(``quotes repair``); ``date`` is the day number derived from ``date_str``.
"""

from __future__ import annotations

from nltk.stem.porter import PorterStemmer
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

#: Bumped when the schema or the analyzer changes; recorded in the manifest of every commit.
#: 2: stop words are indexed ("US", "will" are searchable).
#: 3: Porter's original algorithm (NLTK's), as Lucene and so Solr stem: Whoosh's own stemmer
#:    left "running" as "runn" and "educated" as "educat".
SCHEMA_VERSION = 3

_PORTER = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)


def porter_stem(word: str) -> str:
    """Martin Porter's original stemming algorithm (NLTK's implementation): the one Lucene's
    PorterStemFilter implements, so the Whoosh and Solr engines stem every word alike."""
    return str(_PORTER.stem(word, to_lowercase=False))


#: Stemmed, lower-cased words; no stop list: "US" and "will" are words users search for.
ANALYZER = StemmingAnalyzer(stoplist=None, stemfn=porter_stem)

SCHEMA = Schema(
    id=STORED(),                                     # "<article key>#<start>-<end>", or "<key>" for markers
    rtype=ID(stored=True),                           # "quote" | "article"
    article=ID(stored=True, sortable=True),          # article key: path or given id (quotes only)
    marker=ID(stored=True),                          # article key, on the article's marker document
    doc=ID(stored=True),                             # article id as written in output (file name)
    hash=ID(stored=True),                            # content hash of the article (markers)
    nquotes=STORED(),                                # the article's quote count (markers): repair checks it
    text=TEXT(analyzer=ANALYZER, stored=True, phrase=True),
    speaker=TEXT(stored=True, phrase=False),         # canonical name, word-searchable
    speaker_id=ID(stored=True, sortable=True),       # canonical name, exact (lower case)
    aliases=TEXT(stored=True, phrase=False),         # every name the article used for the speaker
    speaker_type=ID(stored=True),
    role=TEXT(stored=True),
    title=TEXT(stored=True, phrase=False),
    kind=ID(stored=True),
    cue=KEYWORD(stored=True, lowercase=True),
    sieve=ID(stored=True),
    confidence=STORED(),                             # not searched: stored, not indexed
    article_title=TEXT(stored=True, phrase=False),
    outlet=TEXT(stored=True, phrase=False),
    date=NUMERIC(int, sortable=True, shift_step=32),  # the day (date.toordinal()); ranges run on the column
    date_str=STORED(),
    start=NUMERIC(int, stored=True, sortable=True, shift_step=32),  # for sorting only: no range terms
    end=STORED(),
    mention=STORED(),
    mention_start=STORED(),
    mention_end=STORED(),
    sentence=STORED(),
)

#: Fields a query may name as ``field:value``.
QUERY_FIELDS = frozenset({"text", "speaker", "aliases", "role", "title", "kind", "cue", "sieve",
                          "doc", "article", "article_title", "outlet", "speaker_type"})
