"""Whoosh's own codec with one fix, as subclasses: nothing of Whoosh is patched.

``W3PerDocReader._cached_reader`` caches the column readers it finds but not their absence, so
while a segment is flushed every posting of an unscored field (all the ID fields) asks the file
system whether the column file exists: half of the indexing time in the benchmark's profile. A
segment's files never change once written, so remembering "no column" per reader is safe.

The index's writers use ``QuotesCodec``; each segment records its codec, so segments it wrote
are read with the fix too, and segments of older indexes (``W3Codec``) read as they always did.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader


class QuotesPerDocReader(W3PerDocReader):
    """A per-document reader that remembers which columns a segment lacks."""

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
