"""Whole-article behaviour: offsets stay true for any input, and the extractor never raises."""

from __future__ import annotations

import random

import pytest

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


def test_parallel_extraction_matches_one_process_in_order(tmp_path) -> None:
    from quotes import extract_many

    for k, text in enumerate(SEED_TEXTS * 20):
        (tmp_path / f"a{k:03d}.txt").write_text(text + f"\n\nEdition {k}.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    runs = {}
    for jobs in (1, 2):
        skipped: list = []
        runs[jobs] = [(a.id, q) for a, q in extract_many([tmp_path], jobs=jobs, skipped=skipped, chunk=4,
                                                          skip=lambda a: a.id.endswith("7.txt"))]
        assert [s.source.endswith("bad.txt") for s in skipped] == [True]
    assert runs[1] == runs[2]
    assert [i for i, _ in runs[2]] == sorted(f"a{k:03d}.txt" for k in range(40))
    assert all((q is None) == i.endswith("7.txt") for i, q in runs[2])
    gen = extract_many([tmp_path], jobs=2, chunk=2)  # a consumer that stops early does not hang
    next(gen)
    gen.close()


def test_a_quote_carries_a_bounded_part_of_a_run_on_sentence() -> None:
    from quotes.extract import CONTEXT_CHARS

    filler = "and the talks went on " * 2000  # 44,000 characters with no full stop
    text = f'Officials met {filler}. "We will not leave," the mayor said as {filler}.'
    (q,) = [q for q in extract(text) if q.kind == "direct"]
    assert q.text == "We will not leave,"
    assert q.text in q.sentence and q.sentence.endswith(" …")
    assert len(q.sentence) <= len(q.text) + 2 * CONTEXT_CHARS + 4


def test_a_short_sentence_is_kept_whole() -> None:
    text = '"We will not leave," the mayor said on Monday.\n'
    (q,) = extract(text)
    assert q.sentence == text.strip()


@pytest.mark.parametrize("flood", ['"' * 10_000, "“" * 5_000 + "”" * 5_000, '" "' * 3_000])
def test_runs_of_empty_quote_marks_are_no_quotes(flood: str) -> None:
    from quotes.tokens import tokenize

    assert extract(flood) == []
    assert len(tokenize('"' * 10_000)) == 1  # a run of one mark is one token
    assert [t.text for t in tokenize('Wait... "Yes!!!!"')] == ["Wait", ".", ".", ".", '"', "Yes", "!!!!", '"']


def test_settle_process_freezes_once_what_extraction_reads() -> None:
    import subprocess
    import sys

    code = ("import gc, quotes\n"
            "assert gc.get_freeze_count() == 0\n"
            "quotes.settle_process(); n = gc.get_freeze_count()\n"
            "junk = [object() for _ in range(1000)]\n"
            "quotes.settle_process()\n"
            "assert n > 10000 and gc.get_freeze_count() == n, (n, gc.get_freeze_count())\n"
            "from quotes.workers import GC_YOUNG_THRESHOLD\n"
            "assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD > 700, gc.get_threshold()\n"
            "assert quotes.extract('“We will win,” she said.')[0].text == 'We will win,'\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("settled, then", [
    (True, "busy"),
    (True, "blocked"),  # waiting on a lock: the signal wakes it, not only the next bytecode
    (False, "busy"),
])
def test_a_ctrl_c_that_lands_in_a_finalizer_is_not_lost(settled: bool, then: str) -> None:
    """Python drops a KeyboardInterrupt raised in ``__del__``; a settled process raises it again."""
    import subprocess
    import sys

    wait = ("    end = time.monotonic() + 3\n    while time.monotonic() < end:\n        pass\n" if then == "busy"
            else "    threading.Event().wait(20)\n")
    code = ("import os, signal, threading, time, quotes\n"
            + ("quotes.settle_process()\n" if settled else "")
            + "class Lock:\n"
            "    def __del__(self):\n"
            "        os.kill(os.getpid(), signal.SIGINT)\n"
            "        sum(range(1000))  # bytecode: the interrupt is raised here, in the finalizer\n"
            "start = time.monotonic()\n"
            "try:\n"
            "    Lock()\n"
            + wait
            + "    print('finished')\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted', round(time.monotonic() - start))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == ("interrupted 0" if settled else "finished"), r.stderr
    assert ("Exception ignored" in r.stderr) is not settled
