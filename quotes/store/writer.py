"""The index's Whoosh writer: Whoosh's own ``SegmentWriter`` with a leaner ``add_document``.

Every writer of the quote index (a batch, a ``-j N`` worker's segment, a repair) is made by
``open_writer``, so every segment is written the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.fields import UnknownFieldError
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from ..models import Article, Quote
from .codec import QuotesCodec
from .documents import marker_record, quote_records
from .schema import ARTICLE_FIELDS, TextPositions

#: Fields whose values are one per quote (never repeated): their postings are not remembered.
UNIQUE_VALUE_FIELDS = frozenset({"text"})
_CACHE_LIMIT = 50_000  # (field, value) postings remembered before the memory is cleared
_TERM, _FIELD = itemgetter(1), itemgetter(0)


class QuotesPostingPool(PostingPool):
    """Whoosh's pool of postings, sorted in two stable passes rather than as whole tuples.

    Notes:
        A posting is (field, term, document, weight, value), and the pool sorts them all
        before a segment is written: comparing whole tuples, whose first items are mostly
        equal, was a tenth of the cost of writing. Postings enter the pool in document order
        (a writer numbers its documents as it adds them, merged segments after its own), and
        a document has one posting per term and field, so sorting by term and then, stably,
        by field gives the same order at half the cost.
    """

    def _sort(self, items: list[Any]) -> None:
        items.sort(key=_TERM)
        items.sort(key=_FIELD)

    def items(self, maxfiles: int = 128) -> Any:
        if not self.runs:
            self._sort(self.current)
            return self.current
        return super().items(maxfiles)

    def save(self) -> None:
        if self.current:
            self._sort(self.current)  # already in order: the base class's sort finds it so at once
        super().save()


class QuotesWriter(SegmentWriter):
    """A ``SegmentWriter`` whose ``add_document`` writes the same postings, stored fields,
    lengths and columns with less work per document.

    Notes:
        Whoosh's ``add_document`` analyses every field of every document and adds each
        posting to its pool through a method that asserts types and sizes it: two thirds of
        the cost of indexing a quote. A quote's fields other than its text repeat within its
        article (speaker, aliases, role) or across the index (kind, sieve), so their postings
        are computed once per value and remembered; postings go to the pool directly, sized as
        the pool sizes them. Custom stored values (``_stored_<field>``) are Whoosh's; documents
        with boosts, and schemas with vectors or spelling fields, take Whoosh's path. A test
        compares the segments both paths write.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = QuotesPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))
        self._postings: dict[tuple[str, Any], _Postings] = {}
        self._fields = dict(self.schema.items())  # the schema's lookups are Python methods
        self._lean = all(not f.vector and not f.separate_spelling() for f in self._fields.values())
        # per field: the field, its lengths column if indexed (None if not), its column type
        self._plans = {name: (f, _lenfield(name) if f.indexed else None, f.column_type or None)
                       for name, f in self._fields.items()}

    def add_document(self, **fields: Any) -> None:
        custom = [name for name in fields if name[:1] == "_"]
        if not self._lean or any(not name.startswith("_stored_") for name in custom):
            super().add_document(**fields)
            return
        stored_as = {name[8:]: fields[name] for name in custom}  # "_stored_<field>": stored instead
        self._check_state()
        plans, pool, perdoc, docnum = self._plans, self.pool, self.perdocwriter, self.docnum
        add, size = pool.current.append, 0
        perdoc.start_doc(docnum)
        stored, totals, add_column = perdoc._storedfields, perdoc._fieldlengths, perdoc.add_column_value
        try:
            for name in sorted(fields):  # Whoosh's order: the same lengths and columns
                value = fields[name]
                if value is None or name[:1] == "_":
                    continue
                plan = plans.get(name)
                if plan is None:
                    raise UnknownFieldError(f"No field named {name!r} in {self.schema}")
                field, lenfield, column = plan
                # what W3PerDocWriter.add_field does, without a call per field
                if lenfield is not None:  # indexed
                    postings, length, bytes_ = self._index(name, field, value)
                    if postings:
                        pool.fieldnames.add(name)
                        size += bytes_
                        for tbytes, weight, vbytes in postings:
                            add((name, tbytes, docnum, weight, vbytes))
                    if length:
                        add_column(lenfield, LENGTHS_COLUMN, length_to_byte(length))
                        totals[name] += length
                kept = stored_as.get(name, value) if stored_as else value
                if field.stored and kept is not None:
                    stored[name] = kept
                if column is not None and kept is not None:
                    add_column(name, column, field.to_column_value(kept))
        except Exception:
            perdoc.cancel_doc()
            raise
        pool.currentsize += size
        if pool.currentsize > pool.limit:
            pool.save()
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _index(self, name: str, field: Any, value: Any) -> _Postings:
        """The field's postings for ``value`` (term bytes, weight, value bytes), the length it
        adds to the document's field (0 for an unscored field), and its memory as the pool
        counts it."""
        if isinstance(field.format, TextPositions):
            return _postings(name, field, field.format.postings(value, field.analyzer))
        if name in UNIQUE_VALUE_FIELDS or not isinstance(value, str):
            return _postings(name, field, field.index(value))
        key = (name, value)
        found = self._postings.get(key)
        if found is None:
            if len(self._postings) >= _CACHE_LIMIT:
                self._postings.clear()
            found = self._postings[key] = _postings(name, field, field.index(value))
        return found


_Postings = tuple[list[tuple[bytes, float, bytes]], int, int]


def _postings(name: str, field: Any, items: Iterable[tuple[bytes, int, float, bytes]]) -> _Postings:
    postings, length, size = [], 0, 0
    for tbytes, freq, weight, vbytes in items:
        postings.append((tbytes, weight * 1.0, vbytes))  # Whoosh multiplies by the boost, 1.0
        length += freq
        size += 150 + len(name) + 2 * len(tbytes) + len(vbytes or "")  # PostingPool.add's estimate
    return postings, length if field.scorable else 0, size


def index_documents(article: Article, key: str, quotes: list[Quote]) -> list[dict[str, Any]]:
    """The documents an article becomes in a Whoosh index: its quotes, then its marker.

    Notes:
        The article's own fields (``schema.ARTICLE_FIELDS``: title, outlet) are indexed once,
        on the marker; each quote stores them (Whoosh's ``_stored_<field>``) but indexes
        nothing for them. Indexed on every quote, the title alone was 13 % of the postings.
    """
    docs = [store_article_fields(d) for d in quote_records(article, key, quotes)]
    marker = marker_record(article, key, len(quotes))
    marker.update(article_title=article.title or "", outlet=article.outlet or "")
    return [*docs, marker]


def store_article_fields(quote: dict[str, Any]) -> dict[str, Any]:
    """A quote document with its article's fields stored, not indexed (Whoosh's
    ``_stored_<field>``; an empty value indexes nothing); the same dict, changed."""
    for f in ARTICLE_FIELDS:
        quote[f"_stored_{f}"], quote[f] = quote.get(f) or "", ""
    return quote


def open_writer(ix: Any, **kwargs: Any) -> QuotesWriter:
    """A writer on the Whoosh index ``ix`` with the project's codec; keyword arguments as
    ``SegmentWriter`` takes them (``timeout``, ``_lk``)."""
    return QuotesWriter(ix, codec=QuotesCodec(), **kwargs)
