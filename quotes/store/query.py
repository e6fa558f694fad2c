"""The words of a search: Whoosh query syntax, checked before Whoosh reads it, and highlighting."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

from whoosh import query as Q
from whoosh.qparser import QueryParser

from ..errors import QueryError
from ..models import Quote
from .filters import has_words  # noqa: F401  (re-exported: the engines import it from here too)
from .schema import ANALYZER, QUERY_FIELDS, SCHEMA

MAX_QUERY_CHARS = 2_000
_OPERATORS_ONLY = re.compile(r"\s*(?:(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\s*)+")


def parse_query(text: str) -> Q.Query:
    """Parse a user's words query, refusing what Whoosh would silently misread.

    Raises:
        QueryError: too long, an unknown or empty field, unbalanced quotes or parentheses, only
            operators, or nothing Whoosh can search for.

    Notes:
        Prefix and wildcard terms are swapped for ``_FlatPrefix``/``_FlatWildcard``, which
        answer the same in one pass (see ``_flat_matcher``).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters; the most is {MAX_QUERY_CHARS:,}")
    outside = re.sub(r'"[^"]*"', "phrase", text)  # a colon inside a phrase is a word's
    for f, value in re.findall(r"(?<![\w\"])([A-Za-z_]\w*):(\S?)", outside):
        if f not in QUERY_FIELDS:
            raise QueryError(f"unknown field {f!r} in the query",
                             f"Fields: {', '.join(sorted(QUERY_FIELDS))}. Put text with a colon in quotes.")
        if not value:
            raise QueryError(f"the field {f!r} is given no value", f'Write {f}:word or {f}:"two words".')
    if _OPERATORS_ONLY.fullmatch(text):
        raise QueryError(f"the query {text!r} is only operators", 'Put words around them: "Iraq AND security".')
    if text.count('"') % 2:
        raise QueryError("unbalanced double quote in the query", 'Close the phrase: "regional security".')
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            break
    if depth != 0:
        raise QueryError("unbalanced parentheses in the query", "Close every ( with a ).")
    try:
        q = QueryParser("text", SCHEMA).parse(text)
    except Exception as e:  # whoosh's parser errors have no common base
        raise QueryError(f"cannot parse the query: {e}") from e
    if q is Q.NullQuery:
        raise QueryError(f"the query {text!r} has no words to search for")
    q = q.accept(_flat_patterns)
    if isinstance(q, Q.Not):
        # article markers share no searchable field with quotes; only a bare NOT needs this
        q = Q.And([Q.Term("rtype", "quote"), q])
    return q


class _FlatPrefix(Q.Prefix):
    """A prefix query matched as one flat list of documents (see ``_flat_matcher``)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _flat_matcher(self, searcher, context, super().matcher)


class _FlatWildcard(Q.Wildcard):
    """A wildcard query matched as one flat list of documents (see ``_flat_matcher``)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _flat_matcher(self, searcher, context, super().matcher)


def _flat_matcher(q: Any, searcher: Any, context: Any, fallback: Callable[..., Any]) -> Any:
    """The documents of every term a pattern expands to, as one constant-score list.

    Notes:
        Whoosh ORs the expanded terms into a tree of union matchers and walks it with
        block-max bookkeeping per document: ``a*`` (thousands of terms) took 21.8 s at 103k
        quotes. A pattern scores every match alike anyway, so the union of the terms'
        posting ids (deletions already filtered by the reader) answers the same, in one pass.
    """
    from whoosh import matching

    if q.text in ("", "*"):
        return fallback(searcher, context)
    reader = searcher.reader()
    ids: set[int] = set()
    for word in q._btexts(reader):
        if word:
            ids.update(reader.postings(q.fieldname, word).all_ids())
    if not ids:
        return matching.NullMatcher()
    return matching.ListMatcher(sorted(ids), all_weights=q.boost)


class DocSet(Q.Query):
    """Documents already found, by their numbers in the searcher ``top``, as a query: one
    constant-score list per segment.

    Notes:
        The quotes of the articles whose marker matched a query on an article's field: often
        thousands of articles, whose ``article`` terms, looked up one by one in every segment,
        took half a second at 100k quotes; their documents come from the columns instead.
        Whoosh runs a query segment by segment, so each segment takes its slice of the
        numbers, less its offset.
    """

    def __init__(self, docs: Iterable[int], top: Any, boost: float = 1.0) -> None:
        self.ids = sorted(docs)
        self.offsets = {id(leaf): offset for leaf, offset in top.leaf_searchers()}
        self.boost = boost

    def __repr__(self) -> str:
        return f"DocSet({len(self.ids)} documents)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocSet) and (self.ids, self.boost) == (other.ids, other.boost)

    def __hash__(self) -> int:
        return hash(tuple(self.ids))

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.ids)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        from whoosh import matching

        offset = self.offsets.get(id(searcher))
        if offset is None:
            raise ValueError("a DocSet runs only on the searcher it was made for")
        lo = bisect_left(self.ids, offset)
        hi = bisect_left(self.ids, offset + searcher.doc_count_all())
        if lo == hi:
            return matching.NullMatcher()
        return matching.ListMatcher([d - offset for d in self.ids[lo:hi]], all_weights=self.boost)


def _flat_patterns(q: Q.Query) -> Q.Query:
    """Swap Whoosh's pattern queries for the flat ones; a ``*`` alone means every quote."""
    if isinstance(q, Q.Wildcard) and q.text.strip("*") == "":
        return Q.Term("rtype", "quote")
    if type(q) is Q.Prefix:
        return _FlatPrefix(q.fieldname, q.text, boost=q.boost)
    if type(q) is Q.Wildcard:
        return _FlatWildcard(q.fieldname, q.text, boost=q.boost)
    return q


def highlighter(query: str | None) -> Callable[[Quote], str]:
    """A function marking the words of ``query`` in a quote's text with ``[…]``.

    Notes:
        Matches by the index's own stemming, so "security" marks "Security" and "secure".
    """
    terms = set()
    if query:
        for t in ANALYZER(re.sub(r"\b(?:AND|OR|NOT)\b|\w+:", " ", query)):
            terms.add(t.text)

    def mark(q: Quote) -> str:
        if not terms:
            return q.text
        out, last = [], 0
        for t in ANALYZER(q.text, chars=True, removestops=False):
            if t.text in terms:
                out.append(q.text[last:t.startchar] + "[" + q.text[t.startchar:t.endchar] + "]")
                last = t.endchar
        out.append(q.text[last:])
        return "".join(out)

    return mark
