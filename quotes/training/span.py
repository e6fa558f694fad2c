"""Training the span model (``quotes.learned.span``) on an annotated corpus.

Training reads a corpus in the scorer's format (PolNeAR train for the shipped model): every
quote-marked span the rules leave is an example, labelled 1 when it matches an annotated quote
*and* its speaker comes out right, so the model learns where the whole record would be right,
not only the span. The threshold is the most cautious one within 0.001 of the best attribution
F1 on the training data (``best_threshold``). Training is deterministic: the same data give the
same file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from ..attribution.marked import Recorder
from ..errors import InputError
from ..evaluate import load_jsonl, match, speaker_ok
from ..extract import extract_article
from ..learned.span import SpanModel
from ..read import iter_articles
from .fitting import logistic_regression

log = logging.getLogger(__name__)

#: The inverse L2 strengths tried (scikit-learn's ``C``); see ``train_model``.
C_GRID = (0.03, 0.1, 0.3, 1.0)


def fit(examples: list[tuple[dict[str, float], int]], c: float = 1.0) -> dict[str, float]:
    """Logistic regression weights, fitted by scikit-learn (the ``[train]`` extra).

    Args:
        examples: (features, label) pairs; the feature ``bias`` (1.0 on every example) becomes
            the intercept.
        c: The inverse of the L2 penalty's strength (scikit-learn's ``C``).

    Returns:
        Feature name -> weight, rounded to 6 places, ``bias`` holding the intercept.

    Notes:
        ``fitting.logistic_regression``, to convergence (tolerance 1e-8).
    """
    names, coef, intercept = logistic_regression([f for f, _ in examples], [y for _, y in examples], c, tol=1e-8)
    weights = {k: round(float(w), 6) for k, w in zip(names, coef[0])}
    weights["bias"] = round(float(intercept[0]), 6)
    return dict(sorted(weights.items()))


def best_threshold(scored: list[tuple[float, int]], base_right: int, base_pred: int, gold: int,
                   tolerance: float = 0.001) -> tuple[float, float]:
    """The threshold that maximises attribution F1 when the spans scoring above it are added
    to predictions that already get ``base_right`` of ``gold`` right out of ``base_pred``.

    Returns:
        (threshold, the F1 it gives).
    """
    def f1(right: int, pred: int) -> float:
        p, r = (right / pred if pred else 0.0), (right / gold if gold else 0.0)
        return 2 * p * r / (p + r) if p + r else 0.0

    grid = [(1.01, f1(base_right, base_pred))]  # above every probability: no span added
    for t in [x / 100 for x in range(5, 100)]:
        taken = [y for p, y in scored if p >= t]
        grid.append((t, f1(base_right + sum(taken), base_pred + len(taken))))
    top = max(f for _, f in grid)
    # the most cautious threshold within a tenth of a point of the best: the optimum is flat,
    # and a span taken wrongly costs a wrong speaker on text unlike the training data
    return max((t, f) for t, f in grid if f >= top - tolerance)


def train_model(gold_path: str | os.PathLike[str], docs: str | os.PathLike[str]) -> SpanModel:
    """Train the span model on an annotated corpus (see the module's notes).

    Args:
        gold_path: Annotations in the scorer's JSONL format.
        docs: The folder of the annotated articles.

    Notes:
        The regression is fitted once for each ``C_GRID`` value, each with its best threshold;
        the most regularised fit within 0.001 of the best training F1 is kept.
        Every article is extracted with the rules plus every quote-marked span no cue took
        (``extract_article(..., spans=Recorder())``, which takes them all and keeps their
        features); a span's label comes from matching the whole article's predictions to the
        gold as the scorer does.
    """
    gold = load_jsonl(gold_path)
    names = sorted({g["doc"] for g in gold})
    folder = Path(docs)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of articles")
    examples: list[tuple[dict[str, float], int]] = []
    base_pred = base_right = 0
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    for article in iter_articles([str(folder / n) for n in names], []):
        rec = Recorder()
        preds = [q.to_dict() for q in extract_article(article, spans=rec)]
        marked = [p for p in preds if p["sieve"] == "marked_span"]
        if len(marked) != len(rec.features):
            raise AssertionError("span features and marked quotes out of step")
        doc_gold = by_doc.get(article.id, [])
        pairs = match(doc_gold, preds)
        neutral = {id(p) for g, p in pairs if g.get("optional")}  # the scorer counts these neither way
        right = {id(p) for g, p in pairs if not g.get("optional") and speaker_ok(p, g)}
        examples += [(f, int(id(p) in right)) for p, f in zip(marked, rec.features) if id(p) not in neutral]
        rules = [p for p in preds if p["sieve"] != "marked_span"]
        rule_pairs = match(doc_gold, rules)
        base_pred += len(rules) - sum(1 for g, _ in rule_pairs if g.get("optional"))
        base_right += sum(speaker_ok(p, g) for g, p in rule_pairs if not g.get("optional"))
    n_gold = sum(not g.get("optional") for g in gold)
    fits = []
    for c in C_GRID:
        weights = fit(examples, c)
        scored = [(SpanModel(weights, 1.01, {}).score(f), y) for f, y in examples]
        fits.append((c, weights, scored, *best_threshold(scored, base_right, base_pred, n_gold)))
    top = max(f[4] for f in fits)
    # the most regularised fit within a tenth of a point of the best: the training F1 is flat
    # across the grid, and a looser fit takes spans on text unlike the training data
    c, weights, scored, threshold, f1 = min((f for f in fits if f[4] >= top - 0.001), key=lambda f: f[0])
    meta = {"trained_on": f"{Path(gold_path).parent.name}/{Path(gold_path).name}", "articles": len(names),
            "examples": len(examples), "positives": sum(y for _, y in examples),
            "taken": sum(p >= threshold for p, _ in scored), "train_attribution_f1": round(f1, 4), "c": c}
    log.info("span model: %d examples, %d positive, threshold %.2f", len(examples), meta["positives"], threshold)
    return SpanModel(weights, threshold, meta)


def report(model: SpanModel) -> str:
    """A line on a trained span model: its examples, threshold and figure on the training data."""
    m = model.meta
    return (f"{m['examples']} spans ({m['positives']} quotes with the right speaker) from {m['articles']} "
            f"articles; threshold {model.threshold:.2f}, takes {m['taken']}; attribution F1 on the training "
            f"data {m['train_attribution_f1']:.3f}")
