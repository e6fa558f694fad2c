"""The one Whoosh schema of the quote index, its version, and the analyzer its text uses.

Every field but ``date`` is stored, so an index can always be rebuilt from its own documents
(``quotes repair``); ``date`` is the day number derived from ``date_str``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from nltk.stem.porter import PorterStemmer
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions

#: Bumped when the schema or the analyzer changes; recorded in the manifest of every commit.
#: 2: stop words are indexed ("US", "will" are searchable).
#: 3: Porter's algorithm (NLTK's), as Lucene and so Solr stem: Whoosh's own stemmer left
#:    "running" as "runn" and "educated" as "educat".
#: 4: with Martin Porter's own amendments, as Lucene has them: the published algorithm of
#:    version 3 stemmed "as" to "a", "apology" to "apologi", "flexibly" to "flexibli", where
#:    Solr has "as", "apolog", "flexibl" (38 of BBC's 27,880 words, 16,705 occurrences).
SCHEMA_VERSION = 4

_PORTER = PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS)


def porter_stem(word: str) -> str:
    """Porter stemming as Martin Porter's own implementations do it (NLTK's
    ``MARTIN_EXTENSIONS``), the algorithm Lucene's PorterStemFilter ports, so the Whoosh and
    Solr engines stem every word alike (a test compares them word for word on the test
    cluster)."""
    return str(_PORTER.stem(word, to_lowercase=False))


#: Stemmed, lower-cased words; no stop list: "US" and "will" are words users search for.
ANALYZER = StemmingAnalyzer(stoplist=None, stemfn=porter_stem)

_TOKENS = ANALYZER.items[0].expression  # the analyzer's own tokenizer pattern
_stem_cached = lru_cache(maxsize=100_000)(porter_stem)


class TextPositions(Positions):
    """Whoosh's ``Positions`` format for the quote text, analysed in one pass.

    Notes:
        Indexing the text through Whoosh's generic analyzer chain (a token object per word,
        a generator per filter) was a third of the cost of writing a quote. ``ANALYZER`` is
        a tokenizer, a lower-case filter and the stemmer, with no stop list, so each word's
        term is ``stem(match.lower())`` at the match's ordinal position: computed here
        directly, with the same terms, frequencies, weights and encoded positions as
        ``Positions.word_values`` (a test compares the two on real quotes). Any other
        analyzer or option takes Whoosh's own path.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        if analyzer is not ANALYZER or not isinstance(value, str) or set(kwargs) - {"mode"}:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        fb = self.field_boost
        for word, n, vbytes in self._words(value):
            yield (word, n, float(n) * fb, vbytes)

    def postings(self, value: Any, analyzer: Any) -> list[tuple[bytes, int, float, bytes]]:
        """What ``TEXT.index`` makes of ``word_values``: (term bytes, frequency, weight, encoded
        positions) per distinct word."""
        if analyzer is not ANALYZER or not isinstance(value, str):
            return [(w.encode("utf-8"), f, wt, v) for w, f, wt, v in self.word_values(value, analyzer, mode="index")]
        fb = self.field_boost
        return [(word.encode("utf-8"), n, float(n) * fb, vbytes) for word, n, vbytes in self._words(value)]

    def _words(self, value: str) -> list[tuple[str, int, bytes]]:
        """Each distinct term of ``value`` with its frequency and encoded positions (a single
        position's encoding is remembered per number: most words occur once)."""
        poses: dict[str, list[int]] = {}
        for pos, m in enumerate(_TOKENS.finditer(value)):
            word = _stem_cached(m.group().lower())
            at = poses.get(word)
            if at is None:
                poses[word] = [pos]
            else:
                at.append(pos)
        out = []
        for word, poslist in poses.items():
            if len(poslist) == 1:
                vbytes = _ONE_POSITION.get(poslist[0])
                if vbytes is None:
                    vbytes = _ONE_POSITION[poslist[0]] = self.encode(poslist)
            else:
                vbytes = self.encode(poslist)
            out.append((word, len(poslist), vbytes))
        return out


_ONE_POSITION: dict[int, bytes] = {}  # position -> its encoding as a one-position list


class ColumnNumber(NUMERIC):
    """A number kept in a column (and stored where asked) but given no index terms.

    Notes:
        The quote's day and start offset are only ever read from their columns: date ranges
        are two bisections over the day column, and sorting reads both. The trie terms Whoosh
        would index for them (two postings per quote) were never searched, so they are not
        written; segments that have them read the same.
    """

    indexed = False


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
    date=ColumnNumber(int, sortable=True, shift_step=32),  # the day (date.toordinal()); ranges run on the column
    date_str=STORED(),
    start=ColumnNumber(int, stored=True, sortable=True, shift_step=32),  # for sorting only: no terms
    end=STORED(),
    mention=STORED(),
    mention_start=STORED(),
    mention_end=STORED(),
    sentence=STORED(),
)

#: Fields of the article, not of the quote: indexed once per article, on its marker, and only
#: stored on its quotes (``writer.index_documents``); a query on them is answered through the
#: markers (``WhooshStore._article_query``). Indexes written before this indexed them on every
#: quote (13 % of all postings, for the title), and still answer.
ARTICLE_FIELDS = ("article_title", "outlet")

#: Fields a query may name as ``field:value``.
QUERY_FIELDS = frozenset({"text", "speaker", "aliases", "role", "title", "kind", "cue", "sieve",
                          "doc", "article", "article_title", "outlet", "speaker_type"})
SCHEMA["text"].format = TextPositions()  # the same postings as TEXT's own Positions, written faster
