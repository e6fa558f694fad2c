"""Whoosh's own codec with one fix, as subclasses: nothing of Whoosh is patched.

``W3PerDocReader._cached_reader`` caches the column readers it finds but not their absence, so
while a segment is flushed every posting of an unscored field (all the ID fields) asks the file
system whether the column file exists: half of the indexing time in the benchmark's profile. A
segment's files never change once written, so remembering "no column" per reader is safe.

The index's writers use ``QuotesCodec``; each segment records its codec, so segments it wrote
are read with the fix too, and segments of older indexes (``W3Codec``) read as they always did.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
from whoosh.util.numeric import byte_to_length


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
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = self._lengths[fieldname] = array("B", reader) if reader is not None else array("B")
        if not lengths:
            return default
        lbyte = lengths[docnum]
        if lbyte:
            return byte_to_length(lbyte)
        return None  # as Whoosh: a zero length byte reads as no length

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader  # None included: the file system is asked once
            return reader


class QuotesCodec(W3Codec):
    """Whoosh 2.7's codec, reading per-document data with ``QuotesPerDocReader``."""

    def per_document_reader(self, storage: Any, segment: Any) -> QuotesPerDocReader:
        return QuotesPerDocReader(storage, segment)
