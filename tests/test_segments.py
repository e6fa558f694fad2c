"""Index writing on several cores (``store.segments``): worker processes extract and write
segments that the parent commits together. Same answers as one process, the same incremental
rules, and a failed or killed worker leaves the index at its last commit."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.formats import Positions

from quotes import IndexWriteError, QuoteIndex, read_file
from quotes.store import files
from quotes.store.codec import QuotesPerDocReader
from quotes.store.schema import ANALYZER, SCHEMA

from .conftest import SEEDS, need_shared


def _articles(n: int) -> list[Path]:
    docs = sorted(need_shared("polnear", "dev", "docs").glob("*.txt"))[:n]
    return [*sorted(SEEDS.glob("*.txt")), *docs]


def _contents(ix: QuoteIndex) -> list[tuple]:
    return sorted((q.doc, q.start, q.end, q.text, q.speaker, q.role, q.kind, q.cue) for q in ix.search(limit=None))


def _copy(paths: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
    return folder


def test_two_jobs_index_the_same_quotes_speakers_and_hits_as_one(tmp_path: Path) -> None:
    src = _copy(_articles(60), tmp_path / "src")
    with QuoteIndex(tmp_path / "one", create=True) as one, QuoteIndex(tmp_path / "two", create=True) as two:
        r1 = one.add([src], jobs=1)
        r2 = two.add([src], jobs=2, commit_every=25)  # several batches, each with both workers
        assert (r2.articles, r2.added, r2.quotes) == (r1.articles, r1.added, r1.quotes) == (62, 62, one.count())
        assert r1.quotes > 300
        assert _contents(one) == _contents(two)
        assert one.speakers() == two.speakers()
        for query in ("said", '"the president"', "tax*"):
            a, b = one.find(query, limit=None), two.find(query, limit=None)
            assert a.total == b.total > 0
            assert {(q.doc, q.start) for q in a.quotes} == {(q.doc, q.start) for q in b.quotes}
    assert files.problems(tmp_path / "two", SCHEMA) == []


def test_two_jobs_replace_a_changed_article_and_leave_the_rest(tmp_path: Path) -> None:
    src = _copy(_articles(12), tmp_path / "src")
    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([src], jobs=2)
        before = ix.count()
        target = src / "seed1.txt" if (src / "seed1.txt").exists() else sorted(src.glob("*.txt"))[0]
        old = ix.search(doc=target.name, limit=None)
        assert old
        target.write_text(read_file(target).text.replace(old[0].text, "It is over,” he said. “"), encoding="utf-8")
        r = ix.add([src], jobs=2)
        assert (r.added, r.replaced, r.unchanged) == (0, 1, 13)
        new = ix.search(doc=target.name, limit=None)
        assert old[0].text not in {q.text for q in new}
        assert ix.count() == before - len(old) + len(new)
        r = ix.add([src], jobs=2)
        assert (r.added, r.replaced, r.unchanged, r.quotes) == (0, 0, 14, 0)


def test_a_worker_killed_mid_batch_fails_it_cleanly_and_a_rerun_finishes(tmp_path: Path) -> None:
    src = _copy(_articles(80), tmp_path / "src")
    ix_path = tmp_path / "ix"
    done = 0

    def kill_a_worker(_article: object) -> None:
        nonlocal done
        done += 1
        if done == 40:  # inside the second batch: the first is committed
            workers = [p for p in multiprocessing.active_children() if p.name.startswith("quotes-segment")]
            os.kill(workers[-1].pid, signal.SIGKILL)

    with QuoteIndex(ix_path, create=True) as ix:
        with pytest.raises(IndexWriteError, match="ended unexpectedly"):
            ix.add([src], jobs=2, commit_every=30, progress=kill_a_worker)
        assert ix.article_count() == 30  # the first batch, whole; nothing of the second
    assert files.remove_uncommitted(ix_path) == []  # the failed batch left no file behind
    assert files.problems(ix_path, SCHEMA) == []
    with QuoteIndex(ix_path) as ix:
        r = ix.add([src], jobs=2)
        assert (r.added, r.unchanged) == (52, 30)
        with QuoteIndex(tmp_path / "ref", create=True) as ref:
            ref.add([src])
            assert _contents(ix) == _contents(ref)
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("quotes-segment")]


@pytest.mark.parametrize("text", [
    "We will not raise taxes,” he said, “and we never have.",
    "İstanbul’s rock 'n' roll *wild* U.S. 3.5% e-mail running educated",
    "a b c a a",
    "",
    "ÉCOLE école Ecole",
])
def test_the_texts_one_pass_analysis_writes_whooshs_own_postings(text: str) -> None:
    ours = [(w.decode(), n, wt, v) for w, n, wt, v in SCHEMA["text"].index(text)]
    whoosh = list(Positions().word_values(text, ANALYZER, mode="index"))
    assert ours == whoosh


def test_the_texts_one_pass_analysis_matches_whoosh_on_every_seed_quote(seeded_index: QuoteIndex) -> None:
    quotes = seeded_index.search(limit=None)
    assert len(quotes) > 20
    for q in quotes:
        assert [(w.decode(), n, wt, v) for w, n, wt, v in SCHEMA["text"].index(q.text)] == \
            list(Positions().word_values(q.text, ANALYZER, mode="index"))


def test_field_lengths_read_whole_answer_as_whoosh_reads_them(seeded_index: QuoteIndex) -> None:
    ix = seeded_index.backend._ix
    storage = ix.storage
    for segment in ix._read_toc().segments:
        ours, theirs = QuotesPerDocReader(storage, segment), W3PerDocReader(storage, segment)
        for field in ("text", "speaker", "role", "article_title", "kind"):
            for d in range(segment.doc_count_all()):
                assert ours.doc_field_length(d, field) == theirs.doc_field_length(d, field)
