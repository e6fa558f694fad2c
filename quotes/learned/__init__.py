"""The learned parts at run time: shipped weights, loaded once, applied by pure functions.

Each learned part is named and sits below extraction, which calls it like any rule; how each
is trained sits above extraction and evaluation, in ``quotes.training``, so that no import goes
round in a circle. Weights are JSON in the package data (``quotes/data``), never pickles.

- ``span``: which quote-marked spans no cue took are quotes (sieve ``marked_span``).
"""

from .span import MODEL_FILE, SpanModel, default_model, load_model

__all__ = ["MODEL_FILE", "SpanModel", "default_model", "load_model"]
