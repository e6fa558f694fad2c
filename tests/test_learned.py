"""The learned span model (``quotes.learned``, ``attribution.marked``): quote-marked spans no cue
took, scored by a logistic regression trained on PolNeAR train by ``quotes train``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import InputError, SpanModel, evaluate, extract, load_model
from quotes.cli import cli
from quotes.learned import MODEL_FILE
from quotes.training.span import best_threshold, fit

from .conftest import ROOT, need_shared

SHIPPED = ROOT / "quotes" / "data" / MODEL_FILE


def test_the_shipped_model_loads_and_says_what_it_was_trained_on() -> None:
    m = load_model()
    assert m.meta["trained_on"] == "train/gold.jsonl" and m.meta["articles"] > 800
    assert 0.0 < m.threshold < 1.0 and "bias" in m.weights
    assert SHIPPED.stat().st_size < 10 * 2**20


def test_quotes_train_reproduces_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    gold, _docs = need_shared("polnear", "train", "gold.jsonl"), need_shared("polnear", "train", "docs")
    out = tmp_path / "spans.json"
    r = CliRunner().invoke(cli, ["train", "span", "--shared", str(gold.parents[2]), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "threshold" in r.output and str(out) in r.output
    assert out.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.parametrize("examples, expected", [
    # a feature that always means yes outweighs one that always means no
    ([({"bias": 1.0, "a": 1.0}, 1)] * 5 + [({"bias": 1.0, "b": 1.0}, 0)] * 5, ("a", "b")),
    ([({"bias": 1.0, "b": 1.0}, 1)] * 5 + [({"bias": 1.0, "a": 1.0}, 0)] * 5, ("b", "a")),
])
def test_fit_learns_which_feature_means_a_quote_and_is_deterministic(examples: list, expected: tuple) -> None:
    w = fit(examples)
    yes, no = expected
    assert w[yes] > 0 > w[no]
    assert fit(list(examples)) == w


@pytest.mark.parametrize("scored, base, threshold", [
    ([(0.9, 1), (0.8, 1), (0.2, 0), (0.1, 0)], (50, 60, 100), 0.8),   # take the two right ones, no more
    ([(0.9, 0), (0.8, 0)], (50, 60, 100), 1.01),                      # nothing worth taking
    ([], (50, 60, 100), 1.01),
])
def test_best_threshold_takes_only_what_raises_attribution_f1(scored: list, base: tuple, threshold: float) -> None:
    t, _f1 = best_threshold(scored, *base)
    assert t == pytest.approx(threshold) or (threshold == 0.8 and 0.2 < t <= 0.8)


@pytest.mark.parametrize("bad", ["{}", '{"format": 99, "weights": {}, "threshold": 0.5, "meta": {}}', "not json"])
def test_a_bad_model_file_is_an_input_error(tmp_path: Path, bad: str) -> None:
    p = tmp_path / "m.json"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match="span model"):
        load_model(p)
    with pytest.raises(InputError):
        load_model(tmp_path / "missing.json")


def _always(threshold: float, weight: float) -> SpanModel:
    return SpanModel({"bias": weight}, threshold, {})


@pytest.mark.parametrize("text, quoted, speaker", [
    # a span no cue took, in a clause with a subject: taken, and attributed to that subject
    ("Senator Jane Roe openly admires the plan as a “bold and necessary step for the country.”",
     "bold and necessary step for the country.", "Jane Roe"),
    ("The regulator then ruled that the claim was “true in every respect.”", "true in every respect.", "regulator"),
])
def test_a_taken_span_becomes_a_quote_of_the_clauses_subject(text: str, quoted: str, speaker: str) -> None:
    assert not [q for q in extract(text, spans=None) if quoted in q.text]  # the rules alone miss it
    (q,) = [q for q in extract(text, spans=_always(0.5, 5.0)) if q.sieve == "marked_span"]
    assert q.text == quoted and speaker in (q.speaker or "") and q.kind == "mixed"


@pytest.mark.parametrize("text", [
    "Investigators looked into a so-called “magic circle” of fund managers.",   # distancing: never speech
    "Officials met on Tuesday.",                                               # no marks at all
    "“We will win,” she said.",                                                # the rules took it
])
def test_spans_the_model_never_sees(text: str) -> None:
    assert not [q for q in extract(text, spans=_always(0.0, 5.0)) if q.sieve == "marked_span"]


def test_a_span_below_the_threshold_is_left_out() -> None:
    text = "Senator Jane Roe openly admires the plan as a “bold and necessary step for the country.”"
    assert not [q for q in extract(text, spans=_always(0.9, 0.0)) if q.sieve == "marked_span"]  # p = 0.5


def test_eval_runs_with_and_without_the_model_and_the_model_helps_on_polnear_dev() -> None:
    gold, docs = need_shared("polnear", "dev", "gold.jsonl"), need_shared("polnear", "dev", "docs")
    rules, model = evaluate(gold, docs, spans=None), evaluate(gold, docs)
    assert "marked_span" not in rules["false_positive_by_sieve"]
    assert model["predicted"] > rules["predicted"]
    assert model["attribution"]["f1"] > rules["attribution"]["f1"]
    assert model["extraction"]["f1"] > rules["extraction"]["f1"]
    r = CliRunner().invoke(cli, ["eval", str(gold), str(docs), "--rules-only", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["attribution"]["f1"] == pytest.approx(rules["attribution"]["f1"])
    r = CliRunner().invoke(cli, ["eval", str(gold), str(docs), "--rules-only", "--model", str(SHIPPED)])
    assert r.exit_code == 2 and "exclude each other" in r.output
