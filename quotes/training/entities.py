"""Training the entity-type model (``quotes.learned.entities``) on CoreNLP's silver names.

Every name that ``silver.silver_names`` reads from PolNeAR's ``silver.jsonl.gz`` (CoreNLP's
PERSON, ORGANIZATION, LOCATION and MISC runs, and capitalised runs it tagged ``O`` as
``other``) is an example of its type. The same reading of PolNeAR dev gives the held-out accuracy that ``quotes eval`` reports and the
tests pin. Deterministic: the same data give the same file.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..learned.entities import TYPES, EntityModel, accuracy, features
from ..silver import silver_names
from .fitting import logistic_regression

log = logging.getLogger(__name__)

#: Features seen fewer times than this in training are dropped (rare words only add size).
MIN_COUNT = 2


def train_model(silver: str | os.PathLike[str], docs: str | os.PathLike[str],
                dev: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None,
                c: float = 1.0) -> EntityModel:
    """Train the entity-type model on the silver names of ``silver``; measure it on ``dev``.

    Notes:
        ``fitting.logistic_regression`` (multinomial, L2 with ``C`` = ``c``); weights rounded
        to 4 places, a feature whose weights all round to 0 dropped.
    """
    names = list(silver_names(silver, docs))
    if not names:
        raise InputError(f"{silver}: no silver names found", "Give PolNeAR's silver.jsonl.gz and its docs folder.")
    feats = [features(t, s, e) for t, s, e, _ in names]
    counts: Counter[str] = Counter(k for f in feats for k in f)
    keep = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT and k != "bias"} for f in feats]
    names_, coef, intercept = logistic_regression(keep, [TYPES.index(n[3]) for n in names], c)
    classes = sorted({TYPES.index(n[3]) for n in names})
    weights: dict[str, tuple[float, ...]] = {}
    for j, k in enumerate(names_):
        w = tuple(round(float(coef[classes.index(i)][j]), 4) if i in classes else 0.0 for i in range(len(TYPES)))
        if any(w):
            weights[str(k)] = w
    weights["bias"] = tuple(round(float(intercept[classes.index(i)]), 4) if i in classes else -30.0
                            for i in range(len(TYPES)))
    meta: dict[str, Any] = {"trained_on": f"{Path(silver).parent.name}/{Path(silver).name}", "names": len(names),
                            "by_type": dict(sorted(Counter(n[3] for n in names).items())), "features": len(weights)}
    model = EntityModel(weights, meta)
    if dev is not None:
        held = list(silver_names(*dev))
        meta["dev_accuracy_named"] = round(accuracy(model, held), 4)
        meta["dev_accuracy_all"] = round(accuracy(model, held, only_named=False), 4)
    log.info("entity types: %d names, %d features", len(names), len(weights))
    return model


def report(model: EntityModel) -> str:
    """A line on a trained entity-type model."""
    m = model.meta
    dev = (f"; held-out accuracy {m['dev_accuracy_named']:.3f} on silver names ({m['dev_accuracy_all']:.3f} with 'other')"
           if "dev_accuracy_named" in m else "")
    return f"{m['names']} silver names, {m['features']} features{dev}"
