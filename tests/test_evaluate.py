"""The accuracy gate (floors pinned on the seeds and PolNeAR dev) and agreement with the scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from quotes import evaluate, extract_article, iter_articles, score
from quotes.evaluate import load_jsonl, mention_kind

from .conftest import need_shared

# Floors: raise them when accuracy improves; never lower them to make a change pass.
SEED_FLOORS = {"extraction": 1.0, "attribution": 1.0, "role": 1.0}
POLNEAR_DEV_FLOORS = {"extraction": 0.888, "attribution": 0.838}      # now 0.893 / 0.841 (rules alone 0.887 / 0.837)
STYLE_DEV_FLOORS = {"extraction": 0.94, "attribution": 0.88, "role": 0.93}  # now 0.952 / 0.896, role 0.948
# PolNeAR dev hard-wrapped at 70 columns (spaces turned into newlines: the offsets hold)
WRAPPED_DEV_FLOORS = {"extraction": 0.88, "attribution": 0.82}        # now 0.889 / 0.827
# the entity-type model on PolNeAR dev's silver (CoreNLP) names of the four named types
ENTITY_TYPE_FLOOR = 0.90                                               # now 0.909
# speaker accuracy on PolNeAR dev's pronoun and description mentions together
MENTION_FLOOR = 0.90                                                   # now 0.936


def _scorer():
    path = need_shared("tools", "score_quotes.py")
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.fixture(scope="module")
def polnear_dev() -> dict:
    return evaluate(need_shared("polnear", "dev", "gold.jsonl"), need_shared("polnear", "dev", "docs"))


def test_seed_floors() -> None:
    s = evaluate(need_shared("gold", "seeds.jsonl"), need_shared("seeds"))
    assert s["extraction"]["f1"] >= SEED_FLOORS["extraction"], s
    assert s["attribution"]["f1"] >= SEED_FLOORS["attribution"], s
    assert s["role_accuracy"] >= SEED_FLOORS["role"], s


@pytest.mark.parametrize("gold_id", ["seed-17", "seed-18", "seed-28"])
def test_named_seed_quotes_are_found_and_attributed(gold_id: str) -> None:
    gold = {g["id"]: g for g in load_jsonl(need_shared("gold", "seeds.jsonl"))}[gold_id]
    s = score([gold], [q.to_dict() for a in iter_articles([need_shared("seeds", gold["doc"])]) for q in extract_article(a)])
    assert s["attributed_right"] == 1, s


def test_polnear_dev_floors(polnear_dev: dict) -> None:
    assert polnear_dev["extraction"]["f1"] >= POLNEAR_DEV_FLOORS["extraction"], polnear_dev["extraction"]
    assert polnear_dev["attribution"]["f1"] >= POLNEAR_DEV_FLOORS["attribution"], polnear_dev["attribution"]
    assert polnear_dev["entity_types"]["accuracy"] >= ENTITY_TYPE_FLOOR, polnear_dev["entity_types"]


def test_style_dev_floors() -> None:
    s = evaluate(need_shared("style-dev", "gold.jsonl"), need_shared("style-dev", "docs"))
    assert s["extraction"]["f1"] >= STYLE_DEV_FLOORS["extraction"], s["extraction"]
    assert s["attribution"]["f1"] >= STYLE_DEV_FLOORS["attribution"], s["attribution"]
    assert s["role_accuracy"] >= STYLE_DEV_FLOORS["role"], s["role_accuracy"]
    assert s["speaker_accuracy_by_type"]["person"] >= 0.85, s["speaker_accuracy_by_type"]


def _hard_wrap(text: str, width: int = 70) -> str:
    """``text`` with spaces turned into newlines so no line is longer than ``width``."""
    out = []
    for line in text.split("\n"):
        chars, col, space = list(line), 0, -1
        for i, c in enumerate(chars):
            col += 1
            if c == " ":
                space = i
            if col > width and space >= 0:
                chars[space] = "\n"
                col, space = i - space, -1
        out.append("".join(chars))
    return "\n".join(out)


def test_hard_wrapped_text_scores_as_the_original(tmp_path: Path) -> None:
    docs = need_shared("polnear", "dev", "docs")
    for f in docs.glob("*.txt"):
        text = f.read_text(encoding="utf-8")
        wrapped = _hard_wrap(text)
        assert len(wrapped) == len(text)
        (tmp_path / f.name).write_text(wrapped, encoding="utf-8")
    s = evaluate(need_shared("polnear", "dev", "gold.jsonl"), tmp_path)
    assert s["extraction"]["f1"] >= WRAPPED_DEV_FLOORS["extraction"], s["extraction"]
    assert s["attribution"]["f1"] >= WRAPPED_DEV_FLOORS["attribution"], s["attribution"]


def test_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    mod = _scorer()
    for gold_path, docs in ((need_shared("gold", "seeds.jsonl"), need_shared("seeds")),
                            (need_shared("polnear", "dev", "gold.jsonl"), need_shared("polnear", "dev", "docs"))):
        gold = load_jsonl(gold_path)
        names = sorted({g["doc"] for g in gold})
        pred = [q.to_dict() for a in iter_articles([docs / n for n in names]) for q in extract_article(a)]
        ours, theirs = score(gold, pred), mod.score(mod.load(gold_path), json.loads(json.dumps(pred)))
        for key in ("gold", "predicted", "matched", "attributed_right", "extraction", "attribution",
                    "recall_by_kind", "role_accuracy"):
            assert ours[key] == theirs[key], key


@pytest.mark.parametrize(
    "pred, right",
    [({"speaker": "Cooper"}, True), ({"speaker": "Adm. Brad Cooper"}, True), ({"speaker": "Lambert"}, False),
     ({"speaker": None}, False)],
)
def test_speaker_rule(pred: dict, right: bool) -> None:
    from quotes.evaluate import speaker_ok

    gold = {"speaker": "Brad Cooper", "speaker_aliases": ["Cooper", "Brad Cooper"], "speaker_type": "person"}
    assert speaker_ok(pred, gold) is right


@pytest.mark.parametrize("mention, kind", [
    ("He", "pronoun"), ("it", "pronoun"), ("they", "pronoun"),
    ("the company", "description"), ("A\xa0Bloomberg poll", "description"), ("officials", "description"),
    ("a spokesman for the firm", "description"), ("Twelve percent", "description"),
    ("Brad Cooper", "name"), ("The New York Post", "name"), ("longtime Democratic pollster Pat Caddell", "name"),
    ("the Roper Center for Public Opinion Research", "name"), ("CENTCOM", "name"),
    (None, "none"), ("", "none"),
])
def test_a_gold_mention_has_a_kind(mention: str | None, kind: str) -> None:
    assert mention_kind(mention) == kind


def test_speaker_accuracy_is_reported_by_the_gold_mentions_kind(polnear_dev: dict) -> None:
    by = polnear_dev["speaker_accuracy_by_mention"]
    assert {"name", "pronoun", "description"} <= set(by) and sum(v["quotes"] for v in by.values()) == polnear_dev["matched"]
    hard = [by[k] for k in ("pronoun", "description")]
    assert sum(v["accuracy"] * v["quotes"] for v in hard) / sum(v["quotes"] for v in hard) >= MENTION_FLOOR, by
