"""The index under real processes: concurrent indexers, a held lock, and SIGKILL mid-write.

These start ``python -m quotes index`` as subprocesses, the way users run it, and check the index
afterwards with the Python API: it opens, and holds every article once with all of its quotes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes import QuoteIndex, extract
from quotes.store.documents import article_key
from quotes.read import read_file

from .conftest import SEEDS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locks")


def _make_articles(folder: Path, n: int, seed: int = 1) -> dict[str, int]:
    """``n`` distinct articles built from the seeds' paragraphs; returns key -> quote count."""
    paras = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").splitlines() if p.strip()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, int] = {}
    for k in range(n):
        body = "\n\n".join(rng.sample(paras, 6))
        path = folder / f"article_{k:04d}.txt"
        path.write_text(f"Report number {k}\n\n{body}\n", encoding="utf-8")
        article = read_file(path)
        expected[article_key(article)] = len(extract(article.text, doc=article.id))
    return expected


def _index_cmd(src: Path, ix: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "quotes", "index", str(src), "--index", str(ix), "--no-progress", *extra]


def _check_whole(ix_path: Path, expected: dict[str, int]) -> int:
    """The index opens; each article in it is there once, with exactly its quotes. Returns articles."""
    with QuoteIndex(ix_path) as ix:
        quotes = ix.search(limit=None)
        ids = [(q.doc, q.start, q.end) for q in quotes]
        assert len(ids) == len(set(ids)), "a quote is indexed twice"
        with ix.backend._ix.searcher() as s:
            keys = [d["marker"] for d in s.documents(rtype="article")]
        assert len(keys) == len(set(keys)), "an article is indexed twice"
        assert set(keys) <= set(expected)
        assert len(quotes) == sum(expected[k] for k in keys), "an article's quotes are incomplete"
        return len(keys)


def test_two_indexers_at_once_both_finish_and_index_each_article_once(tmp_path: Path) -> None:
    expected = _make_articles(tmp_path / "src", 120)
    ix = tmp_path / "ix"
    cmd = _index_cmd(tmp_path / "src", ix, "--commit-every", "15", "--lock-timeout", "120")
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert _check_whole(ix, expected) == 120
    # between them the two runs wrote each article once; the other saw it as unchanged
    written = sum(int(out.split("(")[1].split(" new")[0]) for out, _ in outs)
    assert written == 120


def test_an_indexer_waits_for_the_lock_then_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    _make_articles(tmp_path / "src", 3)
    ix_path = tmp_path / "ix"
    with QuoteIndex(ix_path, create=True) as ix:
        writer = ix.backend._ix.writer()  # another writer holds the lock
        try:
            t0 = time.monotonic()
            r = subprocess.run(_index_cmd(tmp_path / "src", ix_path, "--lock-timeout", "1.5"),
                               capture_output=True, text=True, timeout=120)
            waited = time.monotonic() - t0
        finally:
            writer.cancel()
    assert r.returncode == 1
    assert "Error: the index at" in r.stderr and "locked by another writer" in r.stderr
    assert "Hint:" in r.stderr and "Traceback" not in r.stderr
    assert waited >= 1.5
    # the lock released, the same command now succeeds
    r = subprocess.run(_index_cmd(tmp_path / "src", ix_path), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux's /proc; empty elsewhere)."""
    kids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids |= {int(k) for k in (task / "children").read_text().split()}
        except OSError:
            pass
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_mid_write_keeps_the_last_commit_and_a_rerun_finishes(tmp_path: Path, jobs: str) -> None:
    expected = _make_articles(tmp_path / "src", 240)
    ix = tmp_path / "ix"
    cmd = _index_cmd(tmp_path / "src", ix, "--commit-every", "4", "-j", jobs)
    workers: set[int] = set()
    seen = 0
    killed = 0
    for _round in range(3):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        # kill as soon as this run has committed something new: mid-run, often mid-write
        while p.poll() is None and time.monotonic() < deadline:
            try:
                with QuoteIndex(ix) as q:
                    n = q.article_count()
            except Exception:  # not created yet
                n = 0
            if n > seen:
                break
            time.sleep(0.01)
        if p.poll() is None:
            workers |= _children(p.pid)
            os.kill(p.pid, signal.SIGKILL)
            killed += 1
        p.wait(timeout=60)
        seen = _check_whole(ix, expected)
    # no worker outlives its killed parent to write into the folder behind the next run's back
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)]
    if jobs == "2" and sys.platform.startswith("linux"):
        assert workers, "no worker processes were seen; the test proved nothing"
    assert killed >= 2, "the runs finished before they could be killed; the test proved nothing"
    assert 0 < seen < 240
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"{240 - seen} new" in r.stdout
    assert _check_whole(ix, expected) == 240


def test_an_error_with_two_jobs_ends_the_workers_instead_of_hanging(tmp_path: Path) -> None:
    _make_articles(tmp_path / "src", 300)  # more than the workers' read-ahead
    ix_path = tmp_path / "ix"
    with QuoteIndex(ix_path, create=True) as ix:
        writer = ix.backend._ix.writer()
        try:
            r = subprocess.run(_index_cmd(tmp_path / "src", ix_path, "-j", "2", "--lock-timeout", "1",
                                          "--commit-every", "50"), capture_output=True, text=True, timeout=90)
        finally:
            writer.cancel()
    assert r.returncode == 1 and "locked by another writer" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line_and_keeps_the_last_commit(tmp_path: Path, jobs: str) -> None:
    expected = _make_articles(tmp_path / "src", 240)
    ix = tmp_path / "ix"
    p = subprocess.Popen(_index_cmd(tmp_path / "src", ix, "-j", jobs, "--commit-every", "4"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while p.poll() is None and time.monotonic() < deadline:
        try:
            with QuoteIndex(ix) as q:
                if q.article_count() > 0:
                    break
        except Exception:  # not created yet
            pass
        time.sleep(0.01)
    assert p.poll() is None, "finished before it could be interrupted"
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "Traceback" not in err and err.strip().count("\n") == 0 and "Interrupted" in err
    n = _check_whole(ix, expected)
    assert 0 < n < 240
