"""Storage of the quote index.

Engine-independent: ``backend`` (the seam: what an engine must do), ``documents`` (keys, hashes,
records), ``filters`` (``SearchFilters``), ``registry`` (speakers across articles). The embedded
Whoosh engine: ``whoosh_store``, with ``schema``, ``query``, ``writer`` and ``codec`` (how segments
are written), ``columns`` (per-searcher column tables), ``segments`` (``-j N`` segment writers),
``safepickle`` (no code runs from an index folder), ``files`` (checksums, cleanup) and ``repair``
(``quotes check``/``repair``).
Importing this package loads no Whoosh module; the Whoosh modules do.
"""
