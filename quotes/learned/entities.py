"""The entity-type model at run time: what kind of thing a name names.

"he" must never resolve to a zoo, and "the company said" must find the company, so attribution
needs to know whether "Bronx Zoo", "Lancet" or "Brad Cooper" is a person, an organisation, a
place or something else. Capitals and word lists guess it; this model learns it from a lot of
news: a multinomial logistic regression over the words of the name, their shapes and endings,
and the words around it (``features``), trained on CoreNLP's silver named entities of PolNeAR
train (``quotes.training.entities``).

Types: ``person``, ``organization``, ``location``, ``misc`` (nationalities, events, works) and
``other`` (a capitalised run that names nothing: "But", "Monday's").
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .weights import load_weights

MODEL_FILE = "entity_types.json"
FORMAT = 1
TYPES = ("person", "organization", "location", "misc", "other")

_WORD = re.compile(r"[\w’'.&-]+")


def _shape(w: str) -> str:
    s = re.sub(r"[A-Z]", "X", w)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)  # "Xxxxx" and "Xxxxxxxx" share a shape


def features(text: str, start: int, end: int) -> dict[str, float]:
    """The features of the name ``text[start:end]`` in its text.

    Notes:
        The name's words (lower-cased), first and last ("head") word, the head's ending and
        every word's shape, its length in words, and up to two words on each side (a title or
        "said" before, "'s", "Inc" or a comma after). Only the raw text is read, so the same
        features come from CoreNLP's tokens in training and from any name run at run time.
    """
    words = _WORD.findall(text[start:end]) or [text[start:end]]
    before = _WORD.findall(text[max(0, start - 40):start])[-2:]
    after = _WORD.findall(text[end:end + 40])[:2]
    f: dict[str, float] = {"bias": 1.0, f"len={min(len(words), 5)}": 1.0}
    for w in words:
        f[f"w={w.lower()}"] = 1.0
        f[f"shape={_shape(w)}"] = 1.0
    head = words[-1].lower()
    f[f"head={head}"] = 1.0
    f[f"first={words[0].lower()}"] = 1.0
    f[f"suffix={head[-3:]}"] = 1.0
    for i, w in enumerate(reversed(before)):
        f[f"before{i + 1}={w.lower()}"] = 1.0
    if not before or text[max(0, start - 3):start].strip()[-1:] in (".", "!", "?", "\n", "“", '"'):
        f["opens_sentence"] = 1.0
    for i, w in enumerate(after):
        f[f"after{i + 1}={w.lower()}"] = 1.0
    follow = text[end:end + 2]
    if follow[:1] in (",", "(", "’", "'"):
        f[f"next_char={follow[:1]}"] = 1.0
    return f


@dataclass(frozen=True)
class EntityModel:
    """A multinomial logistic regression over ``features``.

    Attributes:
        weights: Feature name -> one weight per type (in ``TYPES`` order); absent features weigh 0.
        meta: What it was trained on, and its accuracy on held-out data.
    """

    weights: dict[str, tuple[float, ...]]
    meta: dict[str, Any]

    def probabilities(self, text: str, start: int, end: int) -> dict[str, float]:
        """The probability of each type for the name ``text[start:end]``."""
        z = [0.0] * len(TYPES)
        for k, v in features(text, start, end).items():
            w = self.weights.get(k)
            if w is not None:
                for i, wi in enumerate(w):
                    z[i] += wi * v
        top = max(z)
        e = [math.exp(x - top) for x in z]
        total = sum(e)
        return {t: x / total for t, x in zip(TYPES, e)}

    def type_of(self, text: str, start: int, end: int) -> tuple[str, float]:
        """The likeliest type of the name ``text[start:end]`` and its probability."""
        p = self.probabilities(text, start, end)
        best = max(TYPES, key=lambda t: p[t])
        return best, p[best]

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "types": list(TYPES), "meta": self.meta,
                           "weights": {k: list(v) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, separators=(",", ":")) + "\n"


def load_entity_model(path: str | os.PathLike[str] | None = None) -> EntityModel:
    """The model at ``path``, or the one shipped in the package.

    Raises:
        InputError: the file is missing or not a model of this format.
    """
    def build(d: dict[str, Any]) -> EntityModel:
        if tuple(d.get("types", ())) != TYPES:
            raise ValueError(f"types {d.get('types')!r}, expected {list(TYPES)}")
        weights = {str(k): tuple(float(x) for x in v) for k, v in d["weights"].items()}
        if any(len(v) != len(TYPES) for v in weights.values()):
            raise ValueError("a feature without one weight per type")
        return EntityModel(weights, dict(d["meta"]))

    return load_weights(path, MODEL_FILE, FORMAT, "entities", build)


@lru_cache(maxsize=1)
def default_entity_model() -> EntityModel:
    """The shipped model, loaded once per process."""
    return load_entity_model()


def accuracy(model: EntityModel, names: list[tuple[str, int, int, str]], only_named: bool = True) -> float:
    """The share of ``names`` whose type the model gets right (``only_named``: of the four
    named types alone, as CoreNLP's NER tags them)."""
    rows = [n for n in names if n[3] != "other"] if only_named else names
    right = sum(model.type_of(t, s, e)[0] == y for t, s, e, y in rows)
    return right / len(rows) if rows else 0.0
