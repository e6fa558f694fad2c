"""The entity-type model (``quotes.learned.entities``): what kind of thing a name names, learned
from CoreNLP's silver names of PolNeAR train by ``quotes train entities``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import EntityModel, InputError, load_entity_model
from quotes.cli import cli
from quotes.evaluate import entity_type_scores
from quotes.learned.entities import MODEL_FILE, TYPES, default_entity_model, features
from quotes.silver import silver_names

from .conftest import ROOT, need_shared

SHIPPED = ROOT / "quotes" / "data" / MODEL_FILE


def test_the_shipped_model_loads_is_small_and_says_what_it_was_trained_on() -> None:
    m = load_entity_model()
    assert m.meta["trained_on"] == "train/silver.jsonl.gz" and m.meta["names"] > 50_000
    assert set(m.meta["by_type"]) == set(TYPES) and m.meta["dev_accuracy_named"] >= 0.90
    assert SHIPPED.stat().st_size < 4 * 2**20


@pytest.mark.parametrize("text, name, expected", [
    ("Adm. Brad Cooper said the transfer was vital.", "Brad Cooper", "person"),
    ("Smith said he would stay.", "Smith", "person"),
    ("Researchers at the Center for Strategic Studies said it would fail.", "Center for Strategic Studies", "organization"),
    ("Microsoft said profits rose.", "Microsoft", "organization"),
    ("The strike hit targets in Baghdad on Monday.", "Baghdad", "location"),
    ("Iraqi officials welcomed the move.", "Iraqi", "misc"),
    # capitals that name nothing
    ("But the plan failed.", "But", "other"),
])
def test_names_get_their_type(text: str, name: str, expected: str) -> None:
    s = text.index(name)
    t, p = default_entity_model().type_of(text, s, s + len(name))
    assert t == expected and 0.0 < p <= 1.0
    assert sum(default_entity_model().probabilities(text, s, s + len(name)).values()) == pytest.approx(1.0)


def test_features_read_the_name_and_its_neighbours_only() -> None:
    f = features("Mr. John Smith, who spoke, said", 4, 14)
    assert {"w=john", "w=smith", "head=smith", "before1=mr.", "after1=who", "next_char=,", "len=2"} <= set(f)
    assert not any(k.endswith("=spoke") and k.startswith("w=") for k in f)


@pytest.mark.parametrize("bad", ['{"format": 9}', "not json", '{"format": 1, "types": ["person"], "weights": {}, "meta": {}}',
                                 '{"format": 1, "types": ["person","organization","location","misc","other"], '
                                 '"weights": {"bias": [1]}, "meta": {}}'])
def test_a_bad_model_file_is_an_input_error(tmp_path: Path, bad: str) -> None:
    p = tmp_path / "m.json"
    p.write_text(bad)
    with pytest.raises(InputError, match="the entities model"):
        load_entity_model(p)


def test_a_model_round_trips_through_its_json(tmp_path: Path) -> None:
    m = EntityModel({"bias": (0.0, 0.0, 0.0, 0.0, 1.0), "w=smith": (3.0, 0.0, 0.0, 0.0, 0.0)}, {"x": 1})
    p = tmp_path / "m.json"
    p.write_text(m.to_json())
    assert load_entity_model(p) == m
    assert m.type_of("Smith said", 0, 5)[0] == "person" and m.type_of("Jones said", 0, 5)[0] == "other"


def test_silver_names_are_corenlps_runs_with_exact_offsets() -> None:
    silver, docs = need_shared("polnear", "dev", "silver.jsonl.gz"), need_shared("polnear", "dev", "docs")
    names = list(silver_names(silver, docs))
    assert len(names) > 4000 and {n[3] for n in names} == set(TYPES)
    text, s, e, _t = next(n for n in names if n[3] == "person")
    assert text[s:e].strip() == text[s:e] and text[s:e][:1].isupper()


def test_entity_type_accuracy_on_polnear_dev_silver_names_is_at_its_floor() -> None:
    silver, docs = need_shared("polnear", "dev", "silver.jsonl.gz"), need_shared("polnear", "dev", "docs")
    s = entity_type_scores(silver, docs)
    assert s["names"] > 4000 and s["accuracy"] >= 0.90 and s["accuracy_with_other"] >= 0.90, s


def test_quotes_train_reproduces_the_shipped_entity_model_byte_for_byte(tmp_path: Path) -> None:
    shared = need_shared("polnear").parent
    out = tmp_path / "entities.json"
    r = CliRunner().invoke(cli, ["train", "entities", "--shared", str(shared), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "held-out accuracy 0.9" in r.output and out.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.parametrize("args", [["--without", "entities"], ["--without", "span", "--without", "entities"], ["--rules-only"], []])
def test_eval_runs_with_each_learned_part_left_out(args: list[str]) -> None:
    gold, docs = need_shared("gold", "seeds.jsonl"), need_shared("seeds")
    r = CliRunner().invoke(cli, ["eval", str(gold), str(docs), "--json", *args])
    assert r.exit_code == 0, r.output
    assert '"attribution"' in r.output


def test_eval_refuses_an_unknown_part() -> None:
    r = CliRunner().invoke(cli, ["eval", "g.jsonl", "docs", "--without", "nosuch"])
    assert r.exit_code == 2 and "nosuch" in r.output
