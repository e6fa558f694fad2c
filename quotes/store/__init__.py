"""Storage of the quote index: the Whoosh schema, safe opening, checksums, check and repair."""

from .schema import ANALYZER, QUERY_FIELDS, SCHEMA, SCHEMA_VERSION

__all__ = ["ANALYZER", "QUERY_FIELDS", "SCHEMA", "SCHEMA_VERSION"]
