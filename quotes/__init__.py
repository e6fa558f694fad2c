"""quotes: find every quote in news articles, say who said it and in what role, and search them.

The public API; the command-line tool (``quotes.cli``) is a thin layer over it. Importing it
loads no search engine: Whoosh is loaded when an index is opened.

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
from .evaluate import evaluate, format_scores, score
from .export import FORMATS, SPEAKER_FORMATS, write_quotes, write_speakers
from .extract import extract, extract_article, extract_file
from .index import IndexReport, QuoteIndex, resolve_index_dir, resolve_location
from .learned import EntityModel, SpanModel, load_entity_model, load_model
from .models import Article, Quote, Speaker
from .pipeline import extract_many
from .read import MAX_BYTES, Skipped, count_inputs, iter_articles, read_file, seeds_dir
from .store.backend import Hits
from .store.filters import SORTS, SearchFilters
from .store.repair import CheckReport, RepairReport, check, repair
from .store.solr_store import init_collection as solr_init
from .training import TRAINERS, train, train_models
from .training.span import train_model
from .workers import settle_process

__version__ = "0.2.0"

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SORTS",
    "SPEAKER_FORMATS",
    "Article",
    "EntityModel",
    "CheckReport",
    "Hits",
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
    "SearchFilters",
    "SpanModel",
    "TRAINERS",
    "Skipped",
    "Speaker",
    "__version__",
    "check",
    "count_inputs",
    "evaluate",
    "extract",
    "extract_article",
    "extract_file",
    "extract_many",
    "format_scores",
    "iter_articles",
    "load_entity_model",
    "load_model",
    "read_file",
    "repair",
    "resolve_index_dir",
    "resolve_location",
    "score",
    "seeds_dir",
    "settle_process",
    "solr_init",
    "train",
    "train_models",
    "train_model",
    "write_quotes",
    "write_speakers",
]
