"""Whoosh's own codec with fixes, as subclasses: nothing of Whoosh is patched.

- Reading: ``W3PerDocReader._cached_reader`` caches the column readers it finds but not their
  absence, so while a segment is flushed every posting of an unscored field (all the ID fields)
  asked the file system whether the column file exists: half of the indexing time in the
  benchmark's profile. A segment's files never change once written, so remembering "no column"
  per reader is safe; and a field's length bytes are read whole, once.
- Writing: a segment's postings are flushed by one loop (``QuotesFieldWriter``) into a postings
  writer without per-posting assertions that leaves one-posting blocks uncompressed
  (``QuotesPostingsWriter``), and a term with fewer than ``INLINE_LIMIT`` postings keeps them
  in its term info, as Whoosh 2.7 meant to but could not (``finish_postings``); what readers
  read is Whoosh's, inlined postings through a ``ListMatcher`` that copies whole
  (``InlineMatcher``).

The index's writers use ``QuotesCodec``; each segment records its codec, so segments it wrote
are read with the fix too, and segments of older indexes (``W3Codec``) read as they always did.
"""

from __future__ import annotations

from array import array
from itertools import repeat
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3PerDocReader, W3PostingsWriter, _lenfield
from whoosh.matching import ListMatcher
from whoosh.util.numeric import byte_to_length

#: Terms with fewer postings than this keep them in their term info, not in a block of the
#: postings file (see ``QuotesPostingsWriter.finish_postings``).
INLINE_LIMIT = 8


class QuotesPerDocReader(W3PerDocReader):
    """A per-document reader that remembers which columns a segment lacks, and reads each
    field's length column whole."""

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._lengths: dict[str, array[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        """As ``W3PerDocReader.doc_field_length``, from the field's lengths held in memory.

        Notes:
            Flushing a segment asks for a document's field length once per posting (the
            scorer's statistics): a seek and a one-byte read each time, a quarter of the
            commit. One byte per document and field, read once per reader, answers them all.
        """
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        lengths = self.length_bytes(fieldname)
        if not lengths:
            return default
        lbyte = lengths[docnum]
        if lbyte:
            return byte_to_length(lbyte)
        return None  # as Whoosh: a zero length byte reads as no length

    def length_bytes(self, fieldname: str) -> array[int]:
        """The field's length byte of every document (empty when the field has no lengths)."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = self._lengths[fieldname] = array("B", reader) if reader is not None else array("B")
        return lengths

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader  # None included: the file system is asked once
            return reader


class QuotesPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer without its per-posting type assertions, and without
    compressing a block of one posting.

    Notes:
        ``add_posting`` runs once per posting when a segment is flushed, and four
        ``isinstance`` assertions were a third of it. The postings come from the index's own
        writer (``writer.QuotesWriter``), whose types are fixed; without the assertions what is
        written is the same. A third of all blocks hold one posting, which zlib makes larger (on BBC, 566 KB
        became 624 KB) for a call per block; Whoosh meant to skip such blocks ("if the pickle
        is less than 20 bytes, don't bother compressing") but overwrites its own decision.
        Each block records whether it is compressed, so every reader reads both.
    """

    _compression: int
    _terminfo: Any
    _blockcount: int
    _inlinelimit: int
    _maxweight: float
    _minlength: int | None
    _maxlength: int

    def _write_block(self, last: bool = False) -> None:
        if len(self._ids) != 1 or not self._compression:
            super()._write_block(last)
            return
        level, self._compression = self._compression, 0
        try:
            super()._write_block(last)
        finally:
            self._compression = level

    def finish_postings(self) -> Any:
        """As Whoosh's, with a short posting list inlined into the term's info.

        Notes:
            Whoosh 2.7 means to inline lists shorter than ``inlinelimit`` but calls a method
            its term info does not have (``set_inline`` for ``set_inlined``), so it ships with
            the limit at 1 (never). Most terms of a quote index are rare (a name, a word of
            one quote): writing each as a pickled, length-prefixed block in the postings file
            was a tenth of a segment's flush. Readers of any Whoosh 2.7 segment read inlined
            postings (``W3Codec.postings_reader``).
        """
        terminfo = self._terminfo
        if not self._blockcount and len(self._ids) < self._inlinelimit:
            terminfo.add_block(self)
            # values None, not (), when the field has none: Whoosh's ListMatcher reads an
            # empty tuple as "no postings" in all_items
            terminfo._inlined = (tuple(self._ids), tuple(self._weights), tuple(self._values) or None)
            self._terminfo = None
            return terminfo
        return super().finish_postings()

    def add_posting(self, id_: Any, weight: float, vbytes: bytes, length: int | None = None) -> None:
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


class QuotesFieldWriter(W3FieldWriter):
    """Whoosh's field writer, with ``add_postings`` as one loop.

    Notes:
        ``FieldWriter.add_postings`` calls four methods and asks the per-document reader for
        a length once per posting. Here each field's length bytes are read once, and a term's
        postings go straight to its postings writer; the order checks, the calls that start
        and finish fields and terms, and so the bytes written, are Whoosh's.
    """

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        if lengths is not None and not isinstance(lengths, QuotesPerDocReader):
            super().add_postings(schema, lengths, items)
            return
        lastfn: str | None = None
        lasttext: bytes | None = None
        field_lengths: Any = ()
        add: Any = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                field_lengths = lengths.length_bytes(fieldname) if lengths is not None else ()
            if docnum == -1:
                continue  # a spelling word (Whoosh skips them here too)
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
                add = self._postwriter.add_posting
            if field_lengths:
                lbyte = field_lengths[docnum]
                length = byte_to_length(lbyte) if lbyte else None
            else:
                length = 0
            add(docnum, weight, b"" if value is None else value, length)
        if lasttext is not None:
            self.finish_term()


class InlineMatcher(ListMatcher):
    """Whoosh's ``ListMatcher`` over a term's inlined postings, read as a block's postings
    read: a field without values gives None (``ListMatcher`` gives "", which a writer merging
    segments refuses), and a copy keeps the term and its info (``ListMatcher.copy`` drops
    both, and a scorer asks a copy for the term's lengths)."""

    def value(self) -> Any:
        return super().value() if self._values else None

    def all_items(self) -> Any:
        return zip(self._ids, self._values if self._values else repeat(None))

    def copy(self) -> InlineMatcher:
        return InlineMatcher(self._ids, self._weights, self._values, self._format, self._scorer,
                             self._i, self._all_weights, self._term, self._terminfo)


class QuotesCodec(W3Codec):
    """Whoosh 2.7's codec, reading per-document data with ``QuotesPerDocReader`` and writing
    postings with ``QuotesPostingsWriter``, short posting lists inlined (``INLINE_LIMIT``)."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int | None = None) -> None:
        super().__init__(blocklimit, compression, INLINE_LIMIT if inlinelimit is None else inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return InlineMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)

    def field_writer(self, storage: Any, segment: Any) -> QuotesFieldWriter:
        return QuotesFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> QuotesPostingsWriter:
        return QuotesPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)

    def per_document_reader(self, storage: Any, segment: Any) -> QuotesPerDocReader:
        return QuotesPerDocReader(storage, segment)
