"""quotes: find every quote in news articles, say who said it and in what role, and search them.

The public API; the command-line tool (``quotes.cli``) is a thin layer over it.

    >>> import quotes
    >>> [(q.speaker, q.kind) for q in quotes.extract('“We will win,” Mayor Jane Doe said.')]
    [('Jane Doe', 'direct')]
"""

from .errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriteError,
    InputError,
    OutputError,
    QueryError,
    QuotesError,
)
from .evaluate import evaluate, score
from .export import FORMATS, write_quotes
from .extract import extract, extract_article, extract_file
from .index import IndexReport, QuoteIndex, resolve_index_dir
from .models import Article, Quote, Speaker
from .pipeline import extract_many
from .read import Skipped, iter_articles, read_file
from .store.repair import CheckReport, RepairReport, check, repair

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Article",
    "CheckReport",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexReport",
    "IndexWriteError",
    "InputError",
    "OutputError",
    "QueryError",
    "Quote",
    "QuoteIndex",
    "QuotesError",
    "RepairReport",
    "Skipped",
    "Speaker",
    "__version__",
    "check",
    "evaluate",
    "extract",
    "extract_article",
    "extract_file",
    "extract_many",
    "iter_articles",
    "read_file",
    "repair",
    "resolve_index_dir",
    "score",
    "write_quotes",
]
