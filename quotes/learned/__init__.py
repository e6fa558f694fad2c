"""The learned parts at run time: shipped weights, loaded once, applied by pure functions.

Each learned part is named and sits below extraction, which calls it like any rule; how each
is trained sits above extraction and evaluation, in ``quotes.training``, so that no import goes
round in a circle. Weights are JSON in the package data (``quotes/data``), never pickles.

- ``span``: which quote-marked spans no cue took are quotes (sieve ``marked_span``).
- ``entities``: what kind of thing a name names (person, organization, location, misc, other).
"""

from .entities import EntityModel, default_entity_model, load_entity_model
from .span import MODEL_FILE, SpanModel, default_model, load_model

__all__ = ["MODEL_FILE", "EntityModel", "SpanModel", "default_entity_model", "default_model", "load_entity_model",
           "load_model"]
