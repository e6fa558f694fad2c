"""Whole-article behaviour: offsets stay true for any input, and the extractor never raises."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes import extract, extract_file
from quotes.read import seeds_dir

from .conftest import SEEDS

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
PIECES = ["“", "”", '"', "''", "‘", "’", " said ", " he said.", ", according to ", "\n\n", ". ", ", ",
          "Adm. ", " that ", "(", ")", "—", "\u202e", "مرحبا", "\r\n", "\x00", " Sen. Jo Li (D-Md.), ", ":"]


def _check(text: str) -> None:
    for q in extract(text, doc="t"):
        assert text[q.start:q.end] == q.text
        assert 0 <= q.start < q.end <= len(text)
        if q.mention_start is not None:
            assert text[q.mention_start:q.mention_end] == q.mention
        assert 0.0 <= q.confidence <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60))
def test_offsets_true_on_random_text(parts: list[str]) -> None:
    _check("".join(parts))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SEED_TEXTS) - 1), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(PIECES)), max_size=12),
       st.integers(0, 2**32 - 1))
def test_offsets_true_on_mutated_articles(which: int, edits: list[tuple[int, str]], seed: int) -> None:
    text = SEED_TEXTS[which]
    rnd = random.Random(seed)
    for pos, piece in edits:
        pos %= len(text) + 1
        if rnd.random() < 0.3:
            text = text[:pos] + text[pos + rnd.randint(1, 40):]  # cut a piece out
        else:
            text = text[:pos] + piece + text[pos:]
    _check(text)


def test_bundled_seeds_match_the_project_copies() -> None:
    assert sorted(p.read_text() for p in seeds_dir().glob("*.txt")) == sorted(SEED_TEXTS)
    assert len(extract_file(seeds_dir() / "001_8cf1d85f2520e4c1.txt")) >= 12
