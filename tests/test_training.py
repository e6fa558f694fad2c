"""``quotes train``: the list of learned parts, and its errors (the span model's own training is
checked byte for byte in ``test_learned``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import TRAINERS, InputError, train
from quotes.cli import cli


def test_quotes_train_without_a_name_lists_every_model_with_its_data_and_file() -> None:
    r = CliRunner().invoke(cli, ["train"])
    assert r.exit_code == 0, r.output
    for t in TRAINERS:
        assert t.name in r.output and f"quotes/data/{t.file}" in r.output and t.data[0] in r.output
    assert (Path(__file__).parent.parent / "quotes" / "data" / TRAINERS[0].file).is_file()


@pytest.mark.parametrize("args, message", [
    (["train", "nosuch"], "no model called 'nosuch'"),
    # every name is checked before the first model takes its time
    (["train", "span", "nosuch"], "no model called 'nosuch'"),
    (["train", "span", "--shared", "/nonexistent/shared"], "no shared data folder"),
])
def test_quotes_train_errors_are_clean(args: list[str], message: str) -> None:
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 1 and message in r.output and "Hint:" in r.output and "Traceback" not in r.output


def test_a_shared_folder_without_the_models_data_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="lacks polnear/train/gold.jsonl"):
        train("span", tmp_path)
