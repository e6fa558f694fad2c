"""The span model at run time: which quote-marked spans no cue took are quotes.

The rules find a quote through its cue ("said", "told", "according to"). Words in quotation
marks with no cue in reach ("Trump openly admires Putin as a “strong leader”") are reported
speech more often than not, but titles, nicknames and scare quotes look the same, and a rule
that took them all cost more wrong speakers than it found quotes. A logistic regression over
generic features of the span and its sentence (``attribution.marked.features``) scores each;
spans above the model's threshold become quotes (sieve ``marked_span``). How it is trained:
``quotes.training.span``.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .weights import load_weights

MODEL_FILE = "marked_spans.json"
FORMAT = 1


@dataclass(frozen=True)
class SpanModel:
    """A logistic regression over ``marked.features``, and the probability a span needs.

    Attributes:
        weights: Feature name -> weight (features absent here weigh 0).
        threshold: Least probability of a span taken as a quote.
        meta: What it was trained on, and its figures there.
    """

    weights: dict[str, float]
    threshold: float
    meta: dict[str, Any]

    def score(self, features: dict[str, float]) -> float:
        """The probability that a span with these features is a quote with the right speaker."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "threshold": self.threshold, "meta": self.meta,
                           "weights": dict(sorted(self.weights.items()))}, indent=1, sort_keys=False) + "\n"


def load_model(path: str | os.PathLike[str] | None = None) -> SpanModel:
    """The model at ``path``, or the one shipped in the package.

    Raises:
        InputError: the file is missing or not a model of this format.
    """
    def build(d: dict[str, Any]) -> SpanModel:
        return SpanModel({str(k): float(v) for k, v in d["weights"].items()}, float(d["threshold"]), dict(d["meta"]))

    return load_weights(path, MODEL_FILE, FORMAT, "span", build)


@lru_cache(maxsize=1)
def default_model() -> SpanModel:
    """The shipped model, loaded once per process."""
    return load_model()
